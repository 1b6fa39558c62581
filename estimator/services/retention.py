"""Retention use cases: archive a closed case; delete one only after its retention period.

A closed case is archived (hidden from the default case list, kept in full); deleting is for
administrators, and refused — with the refusal audited — until the case has been closed and
every signature on it is older than the retention period (domain.retention).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from estimator.domain.errors import DomainError
from estimator.domain.retention import RetentionPolicy, check_deletable
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence import audit
from estimator.persistence.rows import (
    ArchivedCaseRow,
    AuditRow,
    CaseEditorRow,
    CaseEventRow,
    CaseRow,
    EstimateLineRow,
    EstimateRow,
    GuaranteeCertificateRow,
    InvoiceReconciliationLineRow,
    InvoiceReconciliationRow,
    PhotoBlobRow,
    PhotoRow,
)
from estimator.persistence.uow import UnitOfWork
from estimator.services.audit import record_refusal
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.users import User
from kernel.clock import utcnow

RETENTION_ENV = "ESTIMATOR_RETENTION_YEARS"


def retention_policy() -> RetentionPolicy:
    """The retention period: ESTIMATOR_RETENTION_YEARS (at least 5), else the legal 5 years."""
    chosen = os.environ.get(RETENTION_ENV, "").strip()
    if not chosen:
        return RetentionPolicy()
    try:
        return RetentionPolicy(int(chosen))
    except ValueError:
        raise DomainError(
            "bad_retention_setting",
            f"{RETENTION_ENV} 应为整数年数",
            f"{RETENTION_ENV} must be a whole number of years",
        ) from None


def _latest_status(session: Session, case_id: uuid.UUID) -> EstimateStatus:
    status = session.scalar(
        select(EstimateRow.status)
        .where(EstimateRow.case_id == case_id)
        .order_by(EstimateRow.version_no.desc())
        .limit(1)
    )
    return EstimateStatus(status or EstimateStatus.DRAFT.value)


def _closed_at(session: Session, case_id: uuid.UUID) -> dt.datetime | None:
    """When the case was closed, from the audit trail (None while it is open)."""
    if _latest_status(session, case_id) is not EstimateStatus.CLOSED:
        return None
    estimates = [
        str(e)
        for e in session.scalars(select(EstimateRow.id).where(EstimateRow.case_id == case_id))
    ]
    return session.scalar(
        select(AuditRow.at)
        .where(
            (AuditRow.entity == "estimate")
            & AuditRow.entity_id.in_(estimates)
            & (AuditRow.action == "close")
        )
        .order_by(AuditRow.seq.desc())
        .limit(1)
    )


def archive_case(engine: Engine, case_id: str | uuid.UUID, actor: User, reason: str = "") -> None:
    """Archive a closed case (assessors and administrators); audited, refusals too."""
    key = parse_id(case_id)
    failed: DomainError | None = None
    with UnitOfWork(engine, write=True) as uow:
        if uow.session.get(CaseRow, key) is None:
            raise NotFound(str(case_id))
        if not actor.roles & {Role.ASSESSOR, Role.ADMIN}:
            failed = DomainError(
                "not_allowed",
                "只有定损员或管理员可以归档案件",
                "only assessors and administrators archive cases",
            )
        elif _latest_status(uow.session, key) is not EstimateStatus.CLOSED:
            failed = DomainError(
                "case_not_closed", "只能归档已结案的案件", "only a closed case can be archived"
            )
        elif uow.session.get(ArchivedCaseRow, key) is not None:
            failed = DomainError("already_archived", "案件已归档", "the case is archived already")
        else:
            uow.session.add(
                ArchivedCaseRow(
                    case_id=key, archived_at=utcnow(), archived_by=actor.username, reason=reason
                )
            )
            audit.record(
                uow.session,
                actor=actor.username,
                entity="case",
                entity_id=key,
                action="archive",
                detail={"reason": reason},
            )
            uow.commit()
    if failed is not None:
        record_refusal(engine, actor.username, "case", key, "archive", failed.code)
        raise failed


def is_archived(engine: Engine, case_id: str | uuid.UUID) -> bool:
    """Whether a case is archived."""
    with engine.connect() as connection:
        return (
            connection.scalar(
                select(ArchivedCaseRow.case_id).where(ArchivedCaseRow.case_id == parse_id(case_id))
            )
            is not None
        )


def delete_case(
    engine: Engine,
    case_id: str | uuid.UUID,
    actor: User,
    *,
    policy: RetentionPolicy | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Delete a case whose retention period is over (administrators only).

    Refused, and the refusal audited, for anyone else, for a case that is not closed, and for
    a closed case or signed estimate younger than the retention period. The audit trail keeps
    its entries about the case: it is append-only.
    """
    key = parse_id(case_id)
    policy = policy or retention_policy()
    now = now or utcnow()
    failed: DomainError | None = None
    with UnitOfWork(engine, write=True) as uow:
        session = uow.session
        case = session.get(CaseRow, key)
        if case is None:
            raise NotFound(str(case_id))
        try:
            if Role.ADMIN not in actor.roles:
                raise DomainError(
                    "admin_only",
                    "只有管理员可以删除案件",
                    "only an administrator may delete a case",
                )
            signed = [
                at
                for at in session.scalars(
                    select(EstimateRow.customer_signed_at).where(EstimateRow.case_id == key)
                )
                if at is not None
            ]
            check_deletable(
                closed_at=_closed_at(session, key), signed_at=signed, policy=policy, now=now
            )
        except DomainError as refusal:
            failed = refusal
        else:
            claim_no = case.claim_no
            _delete_case_rows(session, key)
            audit.record(
                session,
                actor=actor.username,
                entity="case",
                entity_id=key,
                action="delete",
                detail={"claim_no": claim_no, "retention_years": policy.years},
            )
            uow.commit()
    if failed is not None:
        record_refusal(engine, actor.username, "case", key, "delete", failed.code)
        raise failed


def _delete_case_rows(session: Session, key: uuid.UUID) -> None:
    estimates = select(EstimateRow.id).where(EstimateRow.case_id == key)
    reconciliations = select(InvoiceReconciliationRow.id).where(
        InvoiceReconciliationRow.estimate_id.in_(estimates)
    )
    blobs = list(session.scalars(select(PhotoRow.sha256).where(PhotoRow.case_id == key)))
    session.execute(
        delete(InvoiceReconciliationLineRow).where(
            InvoiceReconciliationLineRow.reconciliation_id.in_(reconciliations)
        )
    )
    for table, condition in (
        (InvoiceReconciliationRow, InvoiceReconciliationRow.estimate_id.in_(estimates)),
        (GuaranteeCertificateRow, GuaranteeCertificateRow.estimate_id.in_(estimates)),
        (EstimateLineRow, EstimateLineRow.estimate_id.in_(estimates)),
        (PhotoRow, PhotoRow.case_id == key),
        (CaseEventRow, CaseEventRow.case_id == key),
        (CaseEditorRow, CaseEditorRow.case_id == key),
        (ArchivedCaseRow, ArchivedCaseRow.case_id == key),
        (EstimateRow, EstimateRow.case_id == key),
        (CaseRow, CaseRow.id == key),
    ):
        session.execute(
            delete(table).where(condition), execution_options={"synchronize_session": False}
        )
    # Photos are stored once by content: drop the bytes no other case refers to.
    session.execute(
        delete(PhotoBlobRow).where(
            PhotoBlobRow.sha256.in_(blobs),
            PhotoBlobRow.sha256.not_in(select(PhotoRow.sha256)),
        )
    )

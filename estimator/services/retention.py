"""Retention use cases: archive a closed case; delete one only after its retention period.

A closed case is archived (hidden from the default case list, kept in full); deleting is for
administrators, and refused — with the refusal audited — until the case has been closed and
every signature on it is older than the retention period (domain.retention).
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.retention import RetentionPolicy, check_deletable
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.uow import UnitOfWork
from estimator.services.audit import record_refusal
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.ports import UnitOfWorkLike
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
        raise DomainError("bad_retention_setting", variable=RETENTION_ENV) from None


def _latest_status(uow: UnitOfWorkLike, case_id: uuid.UUID) -> EstimateStatus:
    return EstimateStatus(uow.retention.latest_status(case_id) or EstimateStatus.DRAFT.value)


def _closed_at(uow: UnitOfWorkLike, case_id: uuid.UUID) -> dt.datetime | None:
    """When the case was closed, from the audit trail (None while it is open)."""
    if _latest_status(uow, case_id) is not EstimateStatus.CLOSED:
        return None
    return uow.retention.closed_at(case_id)


def archive_case(engine: Engine, case_id: str | uuid.UUID, actor: User, reason: str = "") -> None:
    """Archive a closed case (assessors and administrators); audited, refusals too."""
    key = parse_id(case_id)
    with UnitOfWork(engine, write=True) as uow:
        refusal = archive(uow, key, actor, reason)
        if refusal is None:
            uow.commit()
    if refusal is not None:
        record_refusal(engine, actor.username, "case", key, "archive", refusal.code)
        raise refusal


def archive(
    uow: UnitOfWorkLike, key: uuid.UUID, actor: User, reason: str = ""
) -> DomainError | None:
    """Archive a case in ``uow`` (not committed): None when archived and audited, else the
    refusal, nothing written (not an assessor or administrator, the case not closed, already
    archived). NotFound for an unknown case."""
    if not uow.cases.exists(key):
        raise NotFound(str(key))
    if not actor.roles & {Role.ASSESSOR, Role.ADMIN}:
        return DomainError("not_allowed:archive")
    if _latest_status(uow, key) is not EstimateStatus.CLOSED:
        return DomainError("case_not_closed:archive")
    if uow.retention.is_archived(key):
        return DomainError("already_archived")
    uow.retention.archive(key, utcnow(), actor.username, reason)
    uow.audit.record(
        actor=actor.username,
        entity="case",
        entity_id=key,
        action="archive",
        detail={"reason": reason},
    )
    return None


def is_archived(engine: Engine, case_id: str | uuid.UUID) -> bool:
    """Whether a case is archived."""
    with UnitOfWork(engine) as uow:
        return uow.retention.is_archived(parse_id(case_id))


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
    with UnitOfWork(engine, write=True) as uow:
        refusal = delete(uow, key, actor, policy, now or utcnow())
        if refusal is None:
            uow.commit()
    if refusal is not None:
        record_refusal(engine, actor.username, "case", key, "delete", refusal.code)
        raise refusal


def delete(
    uow: UnitOfWorkLike, key: uuid.UUID, actor: User, policy: RetentionPolicy, now: dt.datetime
) -> DomainError | None:
    """Delete a case in ``uow`` (not committed): None when deleted and audited, else the
    refusal, nothing written (see ``delete_case``). NotFound for an unknown case."""
    case = uow.cases.get(key)
    if case is None:
        raise NotFound(str(key))
    try:
        if Role.ADMIN not in actor.roles:
            raise DomainError("admin_only")
        check_deletable(
            closed_at=_closed_at(uow, key),
            signed_at=uow.retention.signed_at(key),
            policy=policy,
            now=now,
        )
    except DomainError as refusal:
        return refusal
    claim_no = case.claim_no
    uow.retention.delete_case(key)
    uow.audit.record(
        actor=actor.username,
        entity="case",
        entity_id=key,
        action="delete",
        detail={"claim_no": claim_no, "retention_years": policy.years},
    )
    return None

"""The retention repository: what a case's archiving and deletion read (its newest status,
when it was closed, its signatures), its archive mark, and the deletion of all its rows.

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from estimator.persistence.case_settlement import CaseSettlementRow
from estimator.persistence.chases import ChaseRow
from estimator.persistence.loss_objects import LossObjectRepository
from estimator.persistence.onsite_documents import CaseDocumentRow
from estimator.persistence.pending import PendingReasonRow
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
    LossObjectRow,
    PhotoBlobRow,
    PhotoRow,
)
from estimator.persistence.submission_reasons import SubmissionReasonRow


class RetentionRepository:
    """Archive marks and whole-case deletion in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def latest_status(self, case_id: uuid.UUID) -> str | None:
        """The status of the case's newest estimate version (None without one); with several
        loss objects, the first object's newest status that is not closed (a case is closed
        only when every object's newest version is)."""
        newest = LossObjectRepository(self.session).newest_versions(case_id)
        if not newest:
            return None
        statuses = [row.status for row in newest]
        return next((s for s in statuses if s != "closed"), "closed")

    def closed_at(self, case_id: uuid.UUID) -> dt.datetime | None:
        """When one of the case's versions was last closed, from the audit trail."""
        estimates = [
            str(e)
            for e in self.session.scalars(
                select(EstimateRow.id).where(EstimateRow.case_id == case_id)
            )
        ]
        return self.session.scalar(
            select(AuditRow.at)
            .where(
                (AuditRow.entity == "estimate")
                & AuditRow.entity_id.in_(estimates)
                & (AuditRow.action == "close")
            )
            .order_by(AuditRow.seq.desc())
            .limit(1)
        )

    def signed_at(self, case_id: uuid.UUID) -> list[dt.datetime]:
        """When the customer signed each signed version of the case."""
        query = select(EstimateRow.customer_signed_at).where(EstimateRow.case_id == case_id)
        return [at for at in self.session.scalars(query) if at is not None]

    def is_archived(self, case_id: uuid.UUID) -> bool:
        """Whether the case carries an archive mark."""
        query = select(ArchivedCaseRow.case_id).where(ArchivedCaseRow.case_id == case_id)
        return self.session.scalar(query) is not None

    def archive(self, case_id: uuid.UUID, at: dt.datetime, by: str, reason: str) -> None:
        """Mark the case archived."""
        self.session.add(
            ArchivedCaseRow(case_id=case_id, archived_at=at, archived_by=by, reason=reason)
        )

    def delete_case(self, key: uuid.UUID) -> None:
        """Delete the case and every row that hangs on it; photo bytes no other case refers to
        go too (the audit trail is append-only and keeps its entries)."""
        session = self.session
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
            (SubmissionReasonRow, SubmissionReasonRow.estimate_id.in_(estimates)),
            (EstimateLineRow, EstimateLineRow.estimate_id.in_(estimates)),
            (PhotoRow, PhotoRow.case_id == key),
            (CaseEventRow, CaseEventRow.case_id == key),
            (ChaseRow, ChaseRow.case_id == key),
            (PendingReasonRow, PendingReasonRow.case_id == key),
            (CaseDocumentRow, CaseDocumentRow.case_id == key),
            (CaseSettlementRow, CaseSettlementRow.case_id == key),
            (CaseEditorRow, CaseEditorRow.case_id == key),
            (ArchivedCaseRow, ArchivedCaseRow.case_id == key),
            (EstimateRow, EstimateRow.case_id == key),
            (LossObjectRow, LossObjectRow.case_id == key),
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

"""On-site documents (现场单证) of a case: one row per recorded state of a checklist item (the
newest is the item's state), the case's procedure, and their repository, which works in the
session it is given and never commits."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from estimator.persistence.queries import case_assessor
from estimator.persistence.rows import CaseEventRow, CaseRow, new_id
from kernel.orm import Base, UtcDateTime, UuidText


class CaseDocumentRow(Base):
    """One recorded state of one item of a case's checklist."""

    __tablename__ = "case_documents"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), index=True)
    item: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    recorded_by: Mapped[str] = mapped_column(String(60))


class DocumentRepository:
    """Checklist rows and the case's procedure in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: CaseDocumentRow) -> None:
        """Store a new state of an item."""
        self.session.add(row)
        self.session.flush()

    def of_case(self, case_id: uuid.UUID) -> list[CaseDocumentRow]:
        """The case's records, oldest first."""
        query = (
            select(CaseDocumentRow)
            .where(CaseDocumentRow.case_id == case_id)
            .order_by(CaseDocumentRow.at)
        )
        return list(self.session.scalars(query))

    def by_case(self, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[CaseDocumentRow]]:
        """The records of each of the cases, oldest first."""
        found: dict[uuid.UUID, list[CaseDocumentRow]] = {}
        if not case_ids:
            return found
        query = (
            select(CaseDocumentRow)
            .where(CaseDocumentRow.case_id.in_(case_ids))
            .order_by(CaseDocumentRow.at)
        )
        for row in self.session.scalars(query):
            found.setdefault(row.case_id, []).append(row)
        return found

    def procedure(self, case_id: uuid.UUID) -> str | None:
        """The case's procedure code (None for a case not found)."""
        return self.session.scalar(select(CaseRow.procedure).where(CaseRow.id == case_id))

    def set_procedure(self, case_id: uuid.UUID, procedure: str) -> None:
        """Set the case's procedure with a plain UPDATE (an open case-details dialog is not
        made stale by it: the details never edit the procedure)."""
        self.session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(procedure=procedure)
            .execution_options(synchronize_session=False)
        )

    def cases_opened(
        self, since: dt.datetime, until: dt.datetime
    ) -> list[tuple[uuid.UUID, str, str, dt.datetime | None]]:
        """(id, assessor, procedure, first survey time) of every case opened in
        [since, until)."""
        survey = (
            select(func.min(CaseEventRow.at))
            .where(CaseEventRow.case_id == CaseRow.id, CaseEventRow.kind == "survey")
            .scalar_subquery()
        )
        query = (
            select(CaseRow.id, case_assessor(), CaseRow.procedure, survey)
            .where(CaseRow.created_at >= since, CaseRow.created_at < until)
            .order_by(CaseRow.created_at)
        )
        return [(r[0], r[1], r[2], r[3]) for r in self.session.execute(query)]

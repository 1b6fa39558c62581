"""Chases (催问) of a case: one row each (who chased, through whom, when, who recorded it, a
note), and their repository, which works in the session it is given and never commits."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from estimator.persistence.rows import new_id
from kernel.orm import Base, UtcDateTime, UuidText


class ChaseRow(Base):
    """One recorded chase of a case."""

    __tablename__ = "case_chases"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), index=True)
    by_party: Mapped[str] = mapped_column(String(20))
    via: Mapped[str] = mapped_column(String(20))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    recorded_by: Mapped[str] = mapped_column(String(60))
    note: Mapped[str] = mapped_column(String(500), default="")


class ChaseRepository:
    """Chase rows in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: ChaseRow) -> None:
        """Store a new chase."""
        self.session.add(row)
        self.session.flush()

    def of_case(self, case_id: uuid.UUID) -> list[ChaseRow]:
        """The case's chases, oldest first."""
        query = select(ChaseRow).where(ChaseRow.case_id == case_id).order_by(ChaseRow.at)
        return list(self.session.scalars(query))

    def counts(self) -> dict[uuid.UUID, int]:
        """The number of chases of every case that has any."""
        query = select(ChaseRow.case_id, func.count()).group_by(ChaseRow.case_id)
        return {row[0]: row[1] for row in self.session.execute(query)}

"""The assessor's reasons for the warnings open at submission (提交说明): one row per finding
(rule and line) of a version, shown to the reviewer; and their repository, which works in the
session it is given and never commits."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kernel.orm import Base, UtcDateTime, UuidText


class SubmissionReasonRow(Base):
    """Why the assessor submitted a version with a warning open."""

    __tablename__ = "submission_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    estimate_id: Mapped[uuid.UUID] = mapped_column(
        UuidText(), ForeignKey("estimates.id"), index=True
    )
    rule: Mapped[str] = mapped_column(String(10))
    line: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: the estimate
    reason: Mapped[str] = mapped_column(String(500))
    written_by: Mapped[str] = mapped_column(String(60))
    written_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SubmissionReasonRepository:
    """Submission reasons in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def replace(self, estimate_id: uuid.UUID, rows: list[SubmissionReasonRow]) -> None:
        """The version's reasons as of this submission (a resubmission writes them anew)."""
        self.session.execute(
            delete(SubmissionReasonRow).where(SubmissionReasonRow.estimate_id == estimate_id)
        )
        self.session.add_all(rows)
        self.session.flush()

    def of_version(self, estimate_id: uuid.UUID) -> list[SubmissionReasonRow]:
        """The version's reasons, by rule and line."""
        query = (
            select(SubmissionReasonRow)
            .where(SubmissionReasonRow.estimate_id == estimate_id)
            .order_by(SubmissionReasonRow.rule, SubmissionReasonRow.line)
        )
        return list(self.session.scalars(query))

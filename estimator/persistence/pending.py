"""The pending list's storage (未决, issue #19): the assessor's reason per case (latest wins),
the manager's reviews of an assessor's list, and the working-day calendar imported per year.
The repositories work in the session they are given and never commit."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Date, ForeignKey, Integer, Row, String, Text, delete, exists, select
from sqlalchemy.orm import Mapped, Session, aliased, mapped_column

from estimator.persistence.queries import case_assessor, latest_versions
from estimator.persistence.rows import CaseRow, EstimateRow, LossObjectRow, new_id
from kernel.orm import Base, UtcDateTime, UuidText

#: The statuses that take a case off the pending list (any version approved or later).
DONE_STATUSES = ("approved", "signed", "closed")


def _undecided_objects(case_id: Any) -> Any:
    """The loss objects of the case ``case_id`` (a value or a correlated column) that have no
    approved, signed or closed version."""
    done, obj = aliased(EstimateRow), aliased(LossObjectRow)  # not the outer query's rows
    decided = select(done.id).where(done.object_id == obj.id, done.status.in_(DONE_STATUSES))
    return select(obj.id).where(obj.case_id == case_id, ~exists(decided))


class PendingReasonRow(Base):
    """The assessor's latest reason why a case is still pending."""

    __tablename__ = "pending_reasons"

    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), primary_key=True)
    reason: Mapped[str] = mapped_column(String(500))
    set_by: Mapped[str] = mapped_column(String(60))
    set_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class PendingReviewRow(Base):
    """A manager's review of an assessor's pending list: who, when, and the cases listed."""

    __tablename__ = "pending_reviews"

    id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True, default=new_id)
    assessor: Mapped[str] = mapped_column(String(60), index=True)
    reviewed_by: Mapped[str] = mapped_column(String(60))
    reviewed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    #: The claim numbers listed at the review, as a JSON list.
    cases: Mapped[str] = mapped_column(Text, default="[]")


class CalendarDayRow(Base):
    """A day of an imported working-day calendar: a public holiday or a 调休 working day."""

    __tablename__ = "calendar_days"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(10))  # holiday | workday
    name: Mapped[str] = mapped_column(String(60), default="")


class PendingRepository:
    """Pending cases, reasons and reviews in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def pending_cases(self, assessor: str | None = None) -> list[Row[Any]]:
        """(id, claim_no, plate, assessor, created_at, tier of the newest version,
        location_class) of every case with a loss object none of whose versions is approved,
        signed or closed (a case is settled only when each of its objects is)."""
        query = latest_versions(
            CaseRow.id,
            CaseRow.claim_no,
            CaseRow.plate,
            case_assessor(),
            CaseRow.created_at,
            EstimateRow.tier,
            CaseRow.location_class,
        ).where(exists(_undecided_objects(CaseRow.id)))
        if assessor is not None:
            query = query.where(case_assessor() == assessor)
        return list(self.session.execute(query.order_by(CaseRow.created_at)).all())

    def case_done(self, case_id: uuid.UUID) -> bool:
        """Whether every loss object of the case has an approved, signed or closed version."""
        found = self.session.execute(_undecided_objects(case_id).limit(1)).first()
        return found is None

    def reasons(self) -> dict[uuid.UUID, tuple[str, str, dt.datetime]]:
        """Every case's latest reason: (reason, set by, set at)."""
        return {
            r.case_id: (r.reason, r.set_by, r.set_at)
            for r in self.session.scalars(select(PendingReasonRow))
        }

    def set_reason(self, case_id: uuid.UUID, reason: str, by: str, at: dt.datetime) -> None:
        """Keep ``reason`` as the case's latest."""
        row = self.session.get(PendingReasonRow, case_id)
        if row is None:
            self.session.add(PendingReasonRow(case_id=case_id, reason=reason, set_by=by, set_at=at))
        else:
            row.reason, row.set_by, row.set_at = reason, by, at
        self.session.flush()

    def add_review(self, row: PendingReviewRow) -> None:
        """Store a review."""
        self.session.add(row)
        self.session.flush()

    def last_reviews(self) -> dict[str, tuple[str, dt.datetime]]:
        """Each assessor's latest review: (reviewed by, reviewed at)."""
        latest: dict[str, tuple[str, dt.datetime]] = {}
        for row in self.session.scalars(
            select(PendingReviewRow).order_by(PendingReviewRow.reviewed_at)
        ):
            latest[row.assessor] = (row.reviewed_by, row.reviewed_at)
        return latest


class CalendarRepository:
    """Imported calendar days in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def days(self) -> list[CalendarDayRow]:
        """Every imported day, in date order."""
        return list(self.session.scalars(select(CalendarDayRow).order_by(CalendarDayRow.day)))

    def replace_years(self, rows: list[CalendarDayRow]) -> None:
        """Replace the stored days of every year ``rows`` cover with ``rows``."""
        years = {r.year for r in rows}
        self.session.execute(delete(CalendarDayRow).where(CalendarDayRow.year.in_(years)))
        self.session.add_all(rows)
        self.session.flush()

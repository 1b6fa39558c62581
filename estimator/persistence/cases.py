"""The case repository: cases, their editors and time-stamped events, and the case list's query.

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, func, select, update
from sqlalchemy.orm import Session

from estimator.domain.clocks import Event, EventKind
from estimator.domain.estimate import Estimate
from estimator.persistence.queries import case_totals, latest_versions
from estimator.persistence.rows import (
    ArchivedCaseRow,
    CaseEditorRow,
    CaseEventRow,
    CaseRow,
    EstimateRow,
    LossObjectRow,
)
from kernel.clock import utcnow

#: The events of a version (its loss object's): a third-party object's clocks run from its own.
VERSION_EVENTS = (
    EventKind.SUBMISSION.value,
    EventKind.RETURN.value,
    EventKind.APPROVAL.value,
    EventKind.CUSTOMER_SIGNATURE.value,
    EventKind.SUPPLEMENT.value,
    EventKind.NOTIFICATION_SENT.value,
)


@dataclass(frozen=True)
class CaseListRow:
    """A case with its newest version, as the case list reads it."""

    case_id: uuid.UUID
    estimate_id: uuid.UUID
    claim_no: str
    plate: str
    vin: str
    model_code: str
    shop_name: str
    status: str
    version_no: int
    tier: str
    total: Decimal | None
    created_by: str
    review_taken_by: str
    review_taken_at: dt.datetime | None
    location_class: str = "city"
    #: The case's assigned assessor and whether it joined the large-case group.
    assessor: str = ""
    large_case_group: bool = False
    #: The case total: its loss objects' newest totals summed (``total`` is the insured
    #: vehicle's newest version's).
    case_total: Decimal | None = None


class CaseRepository:
    """Cases, editors and events in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, estimate: Estimate, insured: tuple[str, str], actor: str, now: dt.datetime
    ) -> CaseRow:
        """A new case for ``estimate``'s claim, vehicle and shop (flushed: it has its id)."""
        case = CaseRow(
            claim_no=estimate.claim_no,
            insured_name=insured[0],
            insured_phone=insured[1],
            plate=estimate.plate,
            vin=estimate.vin,
            model_code=estimate.model_code,
            vehicle_class=estimate.vehicle_class,
            paint_type=estimate.paint_type.value,
            region=estimate.region,
            shop_name=estimate.shop_name,
            shop_class=estimate.shop_class.value,
            partner=estimate.partner,
            created_by=actor,
            assessor=actor,
            created_at=now,
        )
        self.session.add(case)
        self.session.flush()
        return case

    def exists(self, case_id: uuid.UUID) -> bool:
        """Whether there is a case with this id."""
        return self.session.get(CaseRow, case_id) is not None

    def get(self, case_id: uuid.UUID) -> CaseRow | None:
        """A case's row."""
        return self.session.get(CaseRow, case_id)

    def first_event_since(
        self, case_id: uuid.UUID, kind: EventKind, since: dt.datetime
    ) -> dt.datetime | None:
        """When the first event of ``kind`` at or after ``since`` happened to the case."""
        return self.session.scalar(
            select(CaseEventRow.at)
            .where(
                CaseEventRow.case_id == case_id,
                CaseEventRow.kind == kind.value,
                CaseEventRow.at >= since,
            )
            .order_by(CaseEventRow.at)
        )

    def large_case_group(self, case_id: uuid.UUID) -> bool:
        """Whether the case belongs to the large-case group."""
        return bool(
            self.session.scalar(select(CaseRow.large_case_group).where(CaseRow.id == case_id))
        )

    def assessor(self, case_id: uuid.UUID) -> str | None:
        """The case's assigned assessor (None for a case not found)."""
        return self.session.scalar(select(CaseRow.assessor).where(CaseRow.id == case_id))

    def assign(self, case_id: uuid.UUID, assessor: str, was: str) -> bool:
        """Make ``assessor`` the case's assessor if it is still ``was`` (a concurrent take or
        assignment meanwhile changes nothing: False)."""
        return self.set_column(case_id, CaseRow.assessor == was, assessor=assessor)

    def location_class(self, case_id: uuid.UUID) -> str:
        """The case's location class (city | suburban; city for a case not found)."""
        found = self.session.scalar(select(CaseRow.location_class).where(CaseRow.id == case_id))
        return found or "city"

    def add_editor(self, case_id: uuid.UUID, username: str) -> None:
        """Count ``username`` among the people who wrote or changed the case's lines."""
        if self.session.get(CaseEditorRow, (case_id, username)) is None:
            self.session.add(CaseEditorRow(case_id=case_id, username=username))

    def editors(self, case_id: uuid.UUID) -> set[str]:
        """Who wrote or changed the case's lines."""
        return set(
            self.session.scalars(
                select(CaseEditorRow.username).where(CaseEditorRow.case_id == case_id)
            )
        )

    def add_event(
        self,
        case_id: uuid.UUID,
        kind: EventKind,
        actor: str,
        at: dt.datetime | None = None,
        note: str = "",
        object_id: uuid.UUID | None = None,
    ) -> None:
        """Record a time-stamped event of the case (now unless ``at``); a version's event
        names its loss object (``object_id``), whose review clocks it moves."""
        self.session.add(
            CaseEventRow(
                case_id=case_id,
                kind=kind.value,
                at=at or utcnow(),
                by=actor,
                note=note,
                object_id=object_id,
            )
        )

    def event_records(self, case_id: uuid.UUID) -> list[tuple[str, dt.datetime, str, str]]:
        """The case's events as stored (kind, time, who, note), oldest first."""
        rows = self.session.execute(
            select(CaseEventRow.kind, CaseEventRow.at, CaseEventRow.by, CaseEventRow.note)
            .where(CaseEventRow.case_id == case_id)
            .order_by(CaseEventRow.at)
        )
        return [(kind, at, by, note) for kind, at, by, note in rows]

    def events(self, case_id: uuid.UUID, object_id: uuid.UUID | None = None) -> list[Event]:
        """The case's events; with ``object_id``, as that loss object's clocks see them: the
        case's own events and the object's versions' (an event recorded before loss objects
        is the insured vehicle's)."""
        query = select(CaseEventRow.kind, CaseEventRow.at).where(CaseEventRow.case_id == case_id)
        if object_id is not None:
            insured = self.session.scalar(
                select(LossObjectRow.kind).where(LossObjectRow.id == object_id)
            )
            own = CaseEventRow.object_id == object_id
            if insured == "insured_vehicle":
                query = query.where(own | CaseEventRow.object_id.is_(None))
            else:
                untagged = CaseEventRow.object_id.is_(None) & CaseEventRow.kind.not_in(
                    VERSION_EVENTS
                )
                query = query.where(own | untagged)
        return [Event(EventKind(kind), at) for kind, at in self.session.execute(query)]

    def all_events(self) -> dict[uuid.UUID, list[Event]]:
        """Every case's events as its insured vehicle's clocks see them (the case list's
        clocks), by case: third-party objects' version events left out."""
        insured = select(LossObjectRow.id).where(LossObjectRow.kind == "insured_vehicle")
        events: dict[uuid.UUID, list[Event]] = {}
        for case_id, kind, at in self.session.execute(
            select(CaseEventRow.case_id, CaseEventRow.kind, CaseEventRow.at).where(
                CaseEventRow.object_id.is_(None) | CaseEventRow.object_id.in_(insured)
            )
        ):
            events.setdefault(case_id, []).append(Event(EventKind(kind), at))
        return events

    def events_by_object(
        self, cases: Collection[uuid.UUID] | None = None
    ) -> dict[uuid.UUID, dict[uuid.UUID, list[Event]]]:
        """Every case's (or the given ``cases``') events as each of its loss objects' clocks
        see them, by case and object: the case's own events for every object, a version's
        events for its object (untagged ones, recorded before loss objects, the insured
        vehicle's)."""
        objects = select(LossObjectRow.id, LossObjectRow.case_id, LossObjectRow.kind)
        events = select(
            CaseEventRow.case_id, CaseEventRow.object_id, CaseEventRow.kind, CaseEventRow.at
        )
        if cases is not None:
            objects = objects.where(LossObjectRow.case_id.in_(cases))
            events = events.where(CaseEventRow.case_id.in_(cases))
        found: dict[uuid.UUID, dict[uuid.UUID, list[Event]]] = {}
        insured: dict[uuid.UUID, uuid.UUID] = {}
        for object_id, case, kind in self.session.execute(objects):
            found.setdefault(case, {})[object_id] = []
            if kind == "insured_vehicle":
                insured[case] = object_id
        for case_key, tagged, kind, at in self.session.execute(events):
            event = Event(EventKind(kind), at)
            mine = found.get(case_key, {})
            if tagged is not None:
                mine.setdefault(tagged, []).append(event)
            elif kind in VERSION_EVENTS:
                if case_key in insured:
                    mine[insured[case_key]].append(event)
            else:
                for history in mine.values():
                    history.append(event)
        return found

    def set_column(
        self, case_id: uuid.UUID, unless_done: ColumnElement[bool], **values: object
    ) -> bool:
        """Set a case column that the case details never edit (first total, large-case group)
        with a plain UPDATE: it neither moves the case's ``row_version`` (a "Case details"
        dialog open meanwhile is not made stale by, say, a submission) nor fails with a
        StaleDataError on a version a concurrent details edit moved. True when a row changed."""
        result = self.session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id, unless_done)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return bool(cast("CursorResult[Any]", result).rowcount)

    def set_first_total(self, case_id: uuid.UUID, total: Decimal | None) -> bool:
        """Keep the case's first total (首次定损金额) unless it has one."""
        return self.set_column(case_id, CaseRow.first_total.is_(None), first_total=total)

    def join_large_case_group(self, case_id: uuid.UUID) -> bool:
        """Put the case in the large-case group; True when it was not in it yet."""
        return self.set_column(case_id, CaseRow.large_case_group.is_(False), large_case_group=True)

    def latest(
        self, text: str = "", *, archived: bool = False, case_id: uuid.UUID | None = None
    ) -> list[CaseListRow]:
        """Cases with their insured vehicle's newest version and the case total, matching
        ``text`` (upper case) in claim number, plate or VIN; archived cases only with
        ``archived`` (then only they); only the case ``case_id`` if given."""
        totals = case_totals()
        query = latest_versions(
            CaseRow,
            EstimateRow.id.label("estimate_id"),
            EstimateRow.status,
            EstimateRow.version_no,
            EstimateRow.tier,
            EstimateRow.total,
            EstimateRow.review_taken_by,
            EstimateRow.review_taken_at,
            totals.c.total.label("case_total"),
        ).outerjoin(totals, totals.c.case_id == CaseRow.id)
        archive = select(ArchivedCaseRow.case_id)
        query = query.where(CaseRow.id.in_(archive) if archived else CaseRow.id.not_in(archive))
        if case_id is not None:
            query = query.where(CaseRow.id == case_id)
        if text:
            like = f"%{text}%"
            query = query.where(
                func.upper(CaseRow.claim_no).like(like)
                | func.upper(CaseRow.plate).like(like)
                | func.upper(CaseRow.vin).like(like)
            )
        result = []
        for found in self.session.execute(query):
            case: CaseRow = found[0]
            result.append(
                CaseListRow(
                    case.id,
                    found.estimate_id,
                    case.claim_no,
                    case.plate,
                    case.vin,
                    case.model_code,
                    case.shop_name,
                    found.status,
                    found.version_no,
                    found.tier,
                    found.total,
                    case.created_by,
                    found.review_taken_by,
                    found.review_taken_at,
                    case.location_class,
                    case.assessor or case.created_by,
                    case.large_case_group,
                    found.case_total,
                )
            )
        return result

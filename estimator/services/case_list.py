"""The case list: cases with their newest version, due dates and who reviews them; the review
queue's listing; a new case opened from the new-case form."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.case_details import check_fields
from estimator.domain.clocks import EventKind, LocationClass, deadlines, next_due
from estimator.domain.estimate import Tier
from estimator.domain.estimate_json import FORMAT
from estimator.domain.loss_objects import INSURED, LossObject, object_title
from estimator.domain.onsite_documents import Procedure
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import ImportedEstimate, import_estimate
from estimator.services.object_clocks import clocks_by_object_in, soonest_due_in
from estimator.services.review_queue import holder
from estimator.services.settings import settings_in
from estimator.services.time_limits import policy_in
from estimator.services.users import User, require_roles
from estimator.services.workflow import record_event
from kernel.clock import LOCAL_ZONE, utcnow
from kernel.problems import Language, current_language
from labor_standards.model import PaintType, ShopClass


@dataclass(frozen=True)
class CaseSummary:
    """A case as the case list shows it: its latest version's status, tier, total, next due."""

    case_id: uuid.UUID
    estimate_id: uuid.UUID
    claim_no: str
    plate: str
    vin: str
    model_code: str
    shop_name: str
    status: EstimateStatus
    version_no: int
    tier: Tier | None
    total: Decimal | None
    next_due: dt.datetime | None
    overdue: bool
    assessor: str = ""
    taken_by: str = ""  # the reviewer who has it from the queue, while the take is fresh
    #: The zone to show ``next_due`` in (display.timezone, read with the list).
    zone: str = LOCAL_ZONE
    #: An approval within authority drawn for a check (抽检) and waiting for it (the review
    #: queue lists it, services.authority).
    sampled: bool = False
    #: The loss object the row's version estimates (None: the case's insured vehicle).
    loss_object: LossObject | None = None
    #: The third-party object whose clock ``next_due`` is (None: the case's or its insured
    #: vehicle's): the case list shows the soonest clock of every object.
    due_object: LossObject | None = None

    def object_title(self, language: Language | None = None) -> str:
        """Which object the row is about: 标的车 浙A12345, 三者车1 …, 三者物损1 …"""
        lang = language or current_language()
        if self.loss_object is None:
            return object_title(INSURED, lang, plate=self.plate)
        return self.loss_object.title(lang)


def list_cases(
    engine: Engine,
    text: str = "",
    now: dt.datetime | None = None,
    *,
    status: EstimateStatus | None = None,
    overdue_only: bool = False,
    archived: bool = False,
) -> list[CaseSummary]:
    """Cases, latest version each, filtered by claim number, plate or VIN, status and
    overdue; soonest due first: the soonest clock of any of the case's loss objects (a third
    party's overdue clock makes the case overdue, ``due_object`` naming it). Archived cases
    only with ``archived`` (then only they)."""
    return _list_cases(engine, text, now, status, overdue_only, archived, every_object=True)


def _list_cases(
    engine: Engine,
    text: str,
    now: dt.datetime | None,
    status: EstimateStatus | None,
    overdue_only: bool,
    archived: bool,
    *,
    every_object: bool,
) -> list[CaseSummary]:
    """:func:`list_cases`; without ``every_object``, the insured vehicle's clocks only (the
    review queue's row of the insured vehicle's version)."""
    now = now or utcnow()
    with UnitOfWork(engine) as uow:
        rows = uow.cases.latest(text.strip().upper(), archived=archived)
        events = uow.cases.all_events()
        settings = settings_in(uow)
        policy = policy_in(uow, settings)
        locations = {row.case_id: LocationClass(row.location_class) for row in rows}
        objects = clocks_by_object_in(uow, policy, locations) if every_object else {}
        soonest = {
            row.case_id: soonest_due_in(
                uow,
                deadlines(
                    Tier(row.tier) if row.tier else Tier.ON_SITE,
                    events.get(row.case_id, []),
                    policy,
                    locations[row.case_id],
                ),
                objects.get(row.case_id, []),
            )
            for row in rows
        }
    zone = settings.text("display.timezone")
    result = []
    for row in rows:
        tier = Tier(row.tier) if row.tier else None
        found = soonest[row.case_id]
        due = found.clock if found else None
        result.append(
            CaseSummary(
                row.case_id,
                row.estimate_id,
                row.claim_no,
                row.plate,
                row.vin,
                row.model_code,
                row.shop_name,
                EstimateStatus(row.status),
                row.version_no,
                tier,
                row.case_total if row.case_total is not None else row.total,
                due.due if due else None,
                bool(due and due.overdue(now)),
                row.assessor,  # the assigned assessor (issue #19), who opened it until then
                holder(row.review_taken_by, row.review_taken_at, now),
                zone,
                due_object=found.loss_object if found else None,
            )
        )
    result = [
        c
        for c in result
        if (status is None or c.status == status) and (not overdue_only or c.overdue)
    ]
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(result, key=lambda c: (c.next_due or far, c.claim_no))


def review_queue(
    engine: Engine, tier: Tier | None = None, shop: str | None = None, assessor: str | None = None
) -> list[CaseSummary]:
    """Submitted estimates waiting for core-loss review, oldest due first, by tier, shop and
    assessor: the insured vehicles' and every third-party object's (each row names its
    object, its clocks run from that object's own submission)."""
    # The insured vehicle's row is due by its own clocks; each third party's row by its own.
    cases = _list_cases(engine, "", None, None, False, False, every_object=False)
    queue = [c for c in cases if c.status is EstimateStatus.SUBMITTED]
    queue += _third_party_submissions(engine, {c.case_id: c for c in cases})
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(
        (
            c
            for c in queue
            if (tier is None or c.tier == tier)
            and (shop is None or c.shop_name == shop)
            and (assessor is None or c.assessor == assessor)
        ),
        key=lambda c: (c.next_due or far, c.claim_no),
    )


def _third_party_submissions(
    engine: Engine, cases: dict[uuid.UUID, CaseSummary]
) -> list[CaseSummary]:
    """The queue's rows of third-party objects' submitted versions (of listed cases)."""
    now = utcnow()
    found = []
    with UnitOfWork(engine) as uow:
        policy = policy_in(uow, settings_in(uow))
        for row, obj in uow.loss_objects.third_party_submissions():
            case = cases.get(row.case_id)
            if case is None:  # archived
                continue
            tier = Tier(row.tier) if row.tier else None
            events = uow.cases.events(row.case_id, obj.id)
            location = LocationClass(uow.cases.location_class(row.case_id))
            opened = uow.loss_objects.opened_at(obj.id)
            due = next_due(deadlines(tier or Tier.ON_SITE, events, policy, location, opened))
            found.append(
                replace(
                    case,
                    estimate_id=row.id,
                    status=EstimateStatus.SUBMITTED,
                    version_no=row.version_no,
                    tier=tier,
                    total=row.total,
                    next_due=due.due if due else None,
                    overdue=bool(due and due.overdue(now)),
                    taken_by=holder(row.review_taken_by, row.review_taken_at, now),
                    loss_object=obj,
                    shop_name=obj.shop_name or case.shop_name,
                )
            )
    return found


def create_case(
    engine: Engine,
    *,
    claim_no: str,
    region: str,
    shop_class: ShopClass,
    actor: User,
    plate: str = "",
    vin: str = "",
    model_code: str = "",
    paint_type: PaintType = PaintType.SOLID,
    shop_name: str = "",
    partner: bool = False,
    survey_at: dt.datetime | None = None,
    insured_name: str = "",
    insured_phone: str = "",
    report_at: dt.datetime | None = None,
    dispatch_at: dt.datetime | None = None,
    location: LocationClass = LocationClass.CITY,
    procedure: Procedure = Procedure.ORDINARY,
) -> ImportedEstimate:
    """Open a new case with an empty draft estimate, written by ``actor`` (an assessor); the
    case records its report and dispatch (now unless given) and the survey time starts its
    clock."""
    from estimator.services.case_choices import new_case_problems

    require_roles(actor, {Role.ASSESSOR})  # as ``estimate import`` on the command line
    insured = (insured_name.strip(), insured_phone.strip())
    problems = new_case_problems(
        engine, claim_no=claim_no, plate=plate, vin=vin, model_code=model_code
    )
    problems += check_fields({"insured_name": insured[0], "insured_phone": insured[1]})[0]
    if problems:
        return ImportedEstimate(problems)

    document = {
        "format": FORMAT,
        "claim_no": claim_no,
        "region": region,
        "shop": {"name": shop_name, "class": shop_class.value, "partner": partner},
        "vehicle": {
            "vin": vin,
            "model_code": model_code,
            "plate": plate,
            "paint_type": paint_type.value,
        },
        "lines": [],
        "location": location.value,
        "procedure": procedure.value,
        "events": {
            "report": (report_at or utcnow()).isoformat(),
            "dispatch": [(dispatch_at or utcnow()).isoformat()],
        },
    }
    if not model_code:
        del document["vehicle"]["model_code"]  # type: ignore[attr-defined]
    created = import_estimate(
        engine, json.dumps(document, ensure_ascii=False), actor=actor.username, insured=insured
    )
    if created.case_id is not None:
        record_event(engine, created.case_id, EventKind.SURVEY, actor.username, survey_at)
    return created

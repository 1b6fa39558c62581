"""Three months of demo history (issue #19): about 200 cases of six assessors in two groups,
replayed through the real services at the moments they happened, so that the time-limit
report, the indicators and the dashboard show real patterns.

The plan is drawn from a random generator with a fixed seed and laid out backwards from the
demo's "now": the same ``now`` gives the same database (claim numbers, event times, amounts).
A step whose moment is after ``now`` has not happened yet, so the newest cases are still
open, some of their clocks running and some overdue. Workflow steps (submit, return, approve,
sign, supplement) are stamped by the services with the time they happen: the builder runs
each of them inside ``kernel.clock.replaying_at`` (that step's moment), which nothing else
uses. Field events go in one transaction per case, audited as ``record_event`` audits them.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from estimator.domain.chases import ChaseBy, ChaseVia
from estimator.domain.clocks import EventKind
from estimator.domain.estimate import EstimateLine, LineKind, Tier
from estimator.persistence.uow import UnitOfWork
from estimator.services.chases import record_chase
from estimator.services.demo_users import DEMO_REVIEWER
from estimator.services.estimate_store import import_estimate, load_estimate, replace_lines
from estimator.services.users import User
from estimator.services.workflow import (
    approve,
    customer_signed,
    return_estimate,
    submit,
    supplement,
)
from kernel.clock import LOCAL_ZONE, replaying_at

#: The generator's seed: the same seed and "now" make the same history.
SEED = 20261207
#: How far back the history goes, and how many cases it holds.
HISTORY_DAYS = 91
CASE_COUNT = 200
#: The demo catalog's first prices (parts_catalog.sample): nothing is priced before them.
_PRICES_FROM = dt.date(2026, 10, 1)
_ZONE = ZoneInfo(LOCAL_ZONE)


@dataclass(frozen=True)
class Pattern:
    """How an assessor works, as the indicators should show it."""

    contact_minutes: tuple[float, float]
    arrival_share: tuple[float, float]  # of the arrival limit
    speed: float  # multiplies the time an estimate takes
    return_rate: float
    resubmit_hours: tuple[float, float]
    chase_rate: float
    stall_rate: float  # of the last three weeks' cases, those left lying (overdue by now)


PATTERNS = {
    "chen": Pattern((1, 4.5), (0.5, 0.95), 0.8, 0.12, (3, 30), 0.06, 0.05),
    "zhao": Pattern((2, 8), (0.6, 1.2), 1.5, 0.35, (30, 100), 0.3, 0.45),
    "liu": Pattern((1, 4), (0.4, 0.9), 0.6, 0.08, (2, 20), 0.04, 0.0),
    "zhang": Pattern((2, 7), (0.5, 1.1), 1.0, 0.15, (4, 40), 0.55, 0.25),
    "huang": Pattern((2, 7), (0.7, 1.4), 1.1, 0.15, (4, 40), 0.1, 0.2),
    "wu": Pattern((2, 6), (0.6, 1.1), 1.2, 0.45, (5, 50), 0.12, 0.3),
}
_LARGE = ("chen", "zhao")
_ORDINARY = ("liu", "zhang", "huang", "wu")


def _part(part_no: str, **extra: str) -> dict[str, str]:
    return {"kind": "part", "part_no": part_no, "qty": "1", **extra}


def _labor(component: str, operation: str) -> dict[str, str]:
    return {"kind": "labor", "component_code": component, "operation": operation}


def _paint(component: str) -> dict[str, str]:
    return {"kind": "paint", "component_code": component}


#: Line sets per tier (parts of the demo catalog's 凯美瑞 at 丽水 prices).
_ON_SITE = (
    [_labor("FENDER_L", "repair_medium"), _paint("FENDER_L")],
    [_labor("FBUMPER", "repair_medium"), _paint("FBUMPER")],
    [_part("13753YTHA57"), _labor("TAILLAMP_L", "replace")],
    [_part("752766Y680"), _labor("MIRROR_L", "replace")],
)
_STANDARD = (
    [
        _part("52119-0K280"),
        _part("409493F602"),
        _part("743439R345"),
        _labor("FBUMPER", "replace"),
        _paint("FBUMPER"),
    ],
    [
        _part("895308Z256"),
        _part("13753YTHA57"),
        _part("1031706X66"),
        _labor("TRUNK", "replace"),
        _paint("TRUNK"),
    ],
    [
        _part("52119-0K280"),
        _part("81130-06B30", price_type="brand"),
        _labor("FBUMPER", "replace"),
        _paint("FBUMPER"),
        _paint("FENDER_L"),
        _labor("FENDER_L", "repair_medium"),
    ],
)
_TEARDOWN = (
    [
        *_STANDARD[0],
        _part("167335X461"),
        _part("321360E716"),
        _part("163991R687"),
        _labor("HOOD", "replace"),
        _paint("HOOD"),
    ],
    [*_STANDARD[2], _part("167335X461"), _part("321360E716"), _labor("HOOD", "replace")],
    [*_STANDARD[1], _part("608750E551")],
)
_SHOPS = (
    {"name": "丽水某汽修", "class": "class1", "partner": True},
    {"name": "莲都区顺达汽修厂", "class": "class2", "partner": False},
    {"name": "青田县鸿运汽车维修", "class": "class2", "partner": False},
)
_RETURN_REASONS = (
    "前保险杠骨架可修复，请改为钣金",
    "拖车费请附发票",
    "缺少拆解照片，请补充",
    "配件价格高于系统价，请说明",
    "工时偏高，请核实",
)
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class Step:
    """One thing that happens to a case: a field event, a workflow step or a chase."""

    at: dt.datetime  # aware, UTC
    kind: str  # an EventKind value, or submit / return / approve / sign / chase / supplement
    detail: str = ""


@dataclass(frozen=True)
class CasePlan:
    """A history case: its document, who works it, and what happens to it, in time order."""

    claim_no: str
    assessor: str
    tier: Tier
    document: dict[str, object]
    opened: dt.datetime  # the last dispatch: when the case enters the workstation
    steps: tuple[Step, ...] = field(default=())


def history_plan(now: dt.datetime, seed: int = SEED, count: int = CASE_COUNT) -> list[CasePlan]:
    """The cases of the history ending at ``now`` (aware), oldest first; only the steps that
    happened by ``now`` are kept."""
    rnd = random.Random(seed)
    today = now.astimezone(_ZONE).date()
    starts = sorted(_start(rnd, today, now) for _ in range(count))
    return [_case(rnd, i, start, now) for i, start in enumerate(starts)]


def _start(rnd: random.Random, today: dt.date, now: dt.datetime) -> dt.datetime:
    """A report time: a day of the last three months, in working hours, before ``now``."""
    while True:
        day = today - dt.timedelta(days=rnd.randrange(HISTORY_DAYS))
        minutes = rnd.randrange(8 * 60, 20 * 60)
        local = dt.datetime.combine(day, dt.time(), _ZONE) + dt.timedelta(minutes=minutes)
        if local.astimezone(dt.UTC) < now - dt.timedelta(hours=1):
            return local.astimezone(dt.UTC)


def _pick_tier(rnd: random.Random) -> Tier:
    roll = rnd.random()
    return Tier.ON_SITE if roll < 0.4 else Tier.STANDARD if roll < 0.78 else Tier.TEARDOWN


def _case(rnd: random.Random, index: int, reported: dt.datetime, now: dt.datetime) -> CasePlan:
    """One case's plan from its report time."""
    tier = _pick_tier(rnd)
    assessor = rnd.choice(_LARGE if tier is Tier.TEARDOWN else _ORDINARY)
    pattern = PATTERNS[assessor]
    suburban = rnd.random() < (0.6 if assessor == "huang" else 0.2)
    minutes = dt.timedelta(minutes=1)
    dispatches = [_second(reported + rnd.uniform(5, 25) * minutes)]
    if rnd.random() < 0.08:  # re-dispatched: the first assessor could not go
        dispatches.append(_second(dispatches[0] + rnd.uniform(20, 60) * minutes))
    opened = dispatches[-1]
    limit = 60 if suburban else 30
    contact = opened + rnd.uniform(*pattern.contact_minutes) * minutes
    arrival = opened + limit * rnd.uniform(*pattern.arrival_share) * minutes
    survey = arrival + rnd.uniform(10, 35) * minutes
    steps = [
        Step(contact, EventKind.FIRST_CONTACT.value),
        Step(arrival, EventKind.ARRIVAL.value),
        Step(survey, EventKind.SURVEY.value),
    ]
    submitted = _estimate_steps(rnd, tier, pattern, survey, steps)
    _review_steps(rnd, tier, pattern, submitted, steps)
    _chase_steps(rnd, pattern, survey, steps)
    if now - reported < dt.timedelta(days=21) and rnd.random() < pattern.stall_rate:
        steps = _stalled(rnd, steps)
    document = _document(rnd, index, tier, reported, dispatches, suburban)
    if tier is Tier.ON_SITE:  # small losses settle by the simple procedure (简易程序)
        document |= _onsite_documents(index, assessor)
    timed = (Step(_second(s.at), s.kind, s.detail) for s in steps)
    kept = tuple(sorted((s for s in timed if s.at <= now), key=lambda s: s.at))
    return CasePlan(str(document["claim_no"]), assessor, tier, document, opened, kept)


#: Each ordinary assessor's share of simple-procedure cases with every document collected at
#: the scene (the on-site collection rate the indicators should show; target 90 %).
ONSITE_COLLECTION = {"liu": 0.97, "zhang": 0.9, "huang": 0.8, "wu": 0.6}
_SIMPLE_CHECKLIST = (
    "driving_licence",
    "vehicle_licence",
    "accident_determination",
    "bank_card",
    "id_card",
)


def _onsite_documents(index: int, assessor: str) -> dict[str, object]:
    """The simple procedure's checklist as collected at the scene (at the import, before the
    survey), one item brought later when the assessor missed it. Drawn from a generator of its
    own, so the rest of the plan does not move with it."""
    rnd = random.Random(SEED * 1000 + index)
    documents = dict.fromkeys(_SIMPLE_CHECKLIST, "onsite")
    if rnd.random() >= ONSITE_COLLECTION.get(assessor, 1.0):
        documents[rnd.choice(_SIMPLE_CHECKLIST)] = "later"
    return {"procedure": "simple", "documents": documents}


def _second(moment: dt.datetime) -> dt.datetime:
    return moment.replace(microsecond=0)


def _work(rnd: random.Random, moment: dt.datetime) -> dt.datetime:
    """``moment``, or when it falls outside working hours (08:00-20:00 local time), the next
    morning between 08:00 and 10:30 (never earlier than ``moment``)."""
    local = moment.astimezone(_ZONE)
    if 8 <= local.hour < 20:
        return moment
    day = local.date() if local.hour < 8 else local.date() + dt.timedelta(days=1)
    morning = dt.datetime.combine(day, dt.time(8), _ZONE) + rnd.uniform(0, 150) * _MINUTE
    return morning.astimezone(dt.UTC)


_MINUTE = dt.timedelta(minutes=1)


#: The steps that wait on the assessor (the clocks that count against them).
_ASSESSORS_STEPS = frozenset({"submit", EventKind.TEARDOWN.value, EventKind.ITEMS_CONFIRMED.value})


def _stalled(rnd: random.Random, steps: list[Step]) -> list[Step]:
    """The case left lying after one of its steps: the rest comes days later (after "now",
    so its clock is overdue today)."""
    ordered = sorted(steps, key=lambda s: s.at)
    # The assessor's steps only: a review left lying would be the reviewer's delay.
    yours = [i for i, s in enumerate(ordered) if s.kind in _ASSESSORS_STEPS]
    cut = rnd.choice(yours)
    late = dt.timedelta(days=rnd.randrange(8, 25))  # whole days: the same hours of work
    return ordered[:cut] + [Step(s.at + late, s.kind, s.detail) for s in ordered[cut:]]


def _estimate_steps(
    rnd: random.Random, tier: Tier, pattern: Pattern, survey: dt.datetime, steps: list[Step]
) -> dt.datetime:
    """The teardown events and the first submission; when it is submitted."""
    hour, day = dt.timedelta(hours=1), dt.timedelta(days=1)
    if tier is Tier.ON_SITE:
        submitted = _work(rnd, survey + rnd.uniform(0.4, 1.9) * pattern.speed * hour)
    elif tier is Tier.STANDARD:
        submitted = _work(rnd, survey + rnd.uniform(2, 19) * pattern.speed * hour)
    else:
        teardown = _work(rnd, survey + rnd.uniform(0.3, 1.6) * pattern.speed * day)
        steps.append(Step(teardown, EventKind.TEARDOWN.value))
        if rnd.random() < 0.7:
            confirmed = _work(rnd, teardown + rnd.uniform(0.3, 1.6) * pattern.speed * day)
            steps.append(Step(confirmed, EventKind.ITEMS_CONFIRMED.value))
        submitted = _work(rnd, teardown + rnd.uniform(1.5, 3.8) * pattern.speed * day)
    steps.append(Step(submitted, "submit"))
    return submitted


def _review_steps(
    rnd: random.Random,
    tier: Tier,
    pattern: Pattern,
    submitted: dt.datetime,
    steps: list[Step],
) -> None:
    """Returns and resubmissions, the approval, the customer's signature, a supplement."""
    hour = dt.timedelta(hours=1)
    returns = 0
    while returns < 2 and rnd.random() < pattern.return_rate * (0.5 if returns else 1):
        returned = _work(rnd, submitted + rnd.uniform(1, 30) * hour)
        steps.append(Step(returned, "return", rnd.choice(_RETURN_REASONS)))
        submitted = _work(rnd, returned + rnd.uniform(*pattern.resubmit_hours) * hour)
        steps.append(Step(submitted, "submit"))
        returns += 1
    approved = _work(rnd, submitted + rnd.uniform(1, 34) * hour)
    steps.append(Step(approved, "approve"))
    # The customer signs the approved sheet: at the scene for most on-site cases, at the
    # shop for some of the others (the rest sign on paper, not recorded here).
    if rnd.random() < (0.9 if tier is Tier.ON_SITE else 0.5):
        steps.append(Step(_work(rnd, approved + rnd.uniform(0.3, 30) * hour), "sign"))
    if tier is Tier.TEARDOWN and rnd.random() < 0.3:
        started = _work(rnd, approved + rnd.uniform(24, 96) * hour)
        steps.append(Step(started, "supplement"))
        resubmitted = _work(rnd, started + rnd.uniform(2, 8) * hour)
        steps.append(Step(resubmitted, "submit"))
        steps.append(Step(_work(rnd, resubmitted + rnd.uniform(2, 24) * hour), "approve"))


def _chase_steps(
    rnd: random.Random, pattern: Pattern, survey: dt.datetime, steps: list[Step]
) -> None:
    """Chases between the survey and the last step, more for a chased assessor."""
    end = max(s.at for s in steps)
    chases = 0
    while chases < 2 and rnd.random() < pattern.chase_rate * (0.6 if chases else 1):
        at = _work(rnd, survey + (end - survey) * rnd.uniform(0.3, 0.95))
        by = rnd.choice(list(ChaseBy))
        via = rnd.choice(list(ChaseVia))
        steps.append(Step(at, "chase", f"{by.value}:{via.value}"))
        chases += 1


def _document(
    rnd: random.Random,
    index: int,
    tier: Tier,
    reported: dt.datetime,
    dispatches: list[dt.datetime],
    suburban: bool,
) -> dict[str, object]:
    """The case's estimate/1 document: its lines, shop, vehicle, events and location."""
    sets = {Tier.ON_SITE: _ON_SITE, Tier.STANDARD: _STANDARD, Tier.TEARDOWN: _TEARDOWN}[tier]
    lines: list[dict[str, str]] = [dict(line) for line in rnd.choice(sets)]
    if tier is not Tier.TEARDOWN and rnd.random() < 0.4:
        lines.append({"kind": "material", "description": "卡扣", "qty": str(rnd.randrange(2, 12))})
        lines[-1]["unit_price"] = "2.50"
    if tier is not Tier.ON_SITE and rnd.random() < 0.5:
        lines.append(
            {"kind": "towing", "description": "拖车", "amount": str(rnd.choice((200, 300)))}
        )
    local = reported.astimezone(_ZONE)
    plate = "浙K" + "".join(rnd.choice(_PLATE_LETTERS + "0123456789") for _ in range(5))
    return {
        "format": "estimate/1",
        "claim_no": f"RDAA{local.year}3301{100001 + index:08d}",
        "priced_on": max(local.date(), _PRICES_FROM).isoformat(),
        "region": "ZJ",
        "shop": rnd.choice(_SHOPS),
        "vehicle": {
            "vin": "LVGBE40K8LG000100",
            "model_code": "TY-CAMRY-18",
            "plate": plate,
            "paint_type": "metallic",
        },
        "price_type": "oem_4s",
        "parts_management_fee_rate": "0.05",
        "salvage": "0.00" if tier is Tier.ON_SITE else "80.00",
        "needs_teardown": tier is Tier.TEARDOWN,
        "location": "suburban" if suburban else "city",
        "events": {
            "report": reported.astimezone(_ZONE).isoformat(),
            "dispatch": [d.astimezone(_ZONE).isoformat() for d in dispatches],
        },
        "lines": lines,
    }


def load_history(
    engine: Engine,
    users: dict[str, User],
    now: dt.datetime,
    count: int | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    stopped: Callable[[], bool] | None = None,
) -> int:
    """Replay the history ending at ``now`` into the demo database (its users created):
    ``count`` cases (default CASE_COUNT, read when called), each in transactions of its own;
    ``progress(done, total)`` after each case, and the replay ends early (between two
    cases) once ``stopped()`` says so. The number of cases replayed."""
    plans = history_plan(now, count=CASE_COUNT if count is None else count)
    for done, plan in enumerate(plans, start=1):
        if stopped is not None and stopped():
            return done - 1
        _replay(engine, plan, users)
        if progress is not None:
            progress(done, len(plans))
    return len(plans)


def _replay(engine: Engine, plan: CasePlan, users: dict[str, User]) -> None:
    """Import the case at its last dispatch, then play its steps, each at its moment."""
    text = json.dumps(plan.document, ensure_ascii=False)
    with replaying_at(plan.opened):
        made = import_estimate(engine, text, actor=plan.assessor)
    if made.case_id is None or made.estimate_id is None:
        raise RuntimeError(f"the demo history case {plan.claim_no} did not import: {made.problems}")
    case_id, estimate_id = made.case_id, made.estimate_id
    assessor, reviewer = users[plan.assessor], users[DEMO_REVIEWER]
    pending: list[Step] = []
    for step in plan.steps:
        if step.kind in _FIELD_EVENTS:
            pending.append(step)
            continue
        _record_events(engine, case_id, plan.assessor, pending)
        pending = []
        with replaying_at(step.at):
            estimate_id = _workflow_step(engine, step, case_id, estimate_id, assessor, reviewer)
    _record_events(engine, case_id, plan.assessor, pending)


_FIELD_EVENTS = frozenset(
    kind.value
    for kind in (
        EventKind.FIRST_CONTACT,
        EventKind.ARRIVAL,
        EventKind.SURVEY,
        EventKind.TEARDOWN,
        EventKind.ITEMS_CONFIRMED,
    )
)


def _record_events(engine: Engine, case_id: uuid.UUID, actor: str, steps: list[Step]) -> None:
    """The case's field events in one transaction, each audited at its moment as
    ``workflow.record_event`` audits it."""
    if not steps:
        return
    with UnitOfWork(engine, write=True) as uow:
        for step in steps:
            kind = EventKind(step.kind)
            with replaying_at(step.at):
                uow.cases.add_event(case_id, kind, actor, step.at)
                uow.audit.record(
                    actor=actor, entity="case", entity_id=case_id, action=f"event_{kind.value}"
                )
        uow.commit()


def _workflow_step(
    engine: Engine,
    step: Step,
    case_id: uuid.UUID,
    estimate_id: uuid.UUID,
    assessor: User,
    reviewer: User,
) -> uuid.UUID:
    """One workflow step or chase through its service; the version worked on after it."""
    if step.kind == "submit":
        submit(engine, estimate_id, assessor)
    elif step.kind == "return":
        return_estimate(engine, estimate_id, reviewer, step.detail)
    elif step.kind == "approve":
        approve(engine, estimate_id, reviewer, "已与修理厂核对")
    elif step.kind == "sign":
        customer_signed(engine, estimate_id, assessor)
    elif step.kind == "chase":
        by, via = step.detail.split(":")
        record_chase(engine, case_id, by, via, assessor, at=step.at)
    elif step.kind == "supplement":
        return _supplement(engine, estimate_id, assessor)
    return estimate_id


def _supplement(engine: Engine, estimate_id: uuid.UUID, assessor: User) -> uuid.UUID:
    """A supplement found after the teardown: a new version with one more part."""
    version = supplement(engine, estimate_id, assessor)
    lines = list(load_estimate(engine, version).estimate.lines)
    lines.append(EstimateLine(LineKind.PART, part_no="990485G506", qty=Decimal(1)))
    replace_lines(engine, version, lines, assessor)
    return version


__all__ = ["CASE_COUNT", "HISTORY_DAYS", "SEED", "CasePlan", "Step", "history_plan", "load_history"]

"""Time limits (时效): every clock of indicators.md from a case's events, by tier. Pure.

A clock starts at an event, is due after its limit and is done at the event that meets it;
at a given ``now`` it is met, met late (by N hours), running or overdue. Nothing reads "done"
when it was late. Limits live in ``TimeLimitPolicy`` (defaults are indicators.md's table); day
limits run on calendar days unless the policy names the clock among its working-day clocks.
The review clock is measured separately: the reviewer's time never counts against the assessor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_UP, Decimal
from enum import StrEnum

from estimator.domain.estimate import Tier
from estimator.domain.working_days import CALENDAR_DAYS, WORKING_WEEK, Calendar

__all__ = [
    "CALENDAR_DAYS",
    "WORKING_WEEK",
    "Calendar",
    "Clock",
    "ClockState",
    "Deadline",
    "Event",
    "EventKind",
    "LocationClass",
    "TimeLimitPolicy",
    "clocks",
    "deadlines",
    "front_end_cycle",
    "next_due",
]


class EventKind(StrEnum):
    """Time-stamped events a service indicator needs (indicators.md)."""

    REPORT = "report"
    DISPATCH = "dispatch"
    FIRST_CONTACT = "first_contact"
    ARRIVAL = "arrival"
    ENTRUSTMENT = "entrustment"
    SURVEY = "survey"
    FIRST_PHOTO = "first_photo"
    TEARDOWN = "teardown"
    ITEMS_CONFIRMED = "items_confirmed"
    SUBMISSION = "submission"
    RETURN = "return"
    APPROVAL = "approval"
    SUPPLEMENT = "supplement"
    CUSTOMER_SIGNATURE = "customer_signature"
    NOTIFICATION_SENT = "notification_sent"
    DOCUMENTS_COLLECTED = "documents_collected"


@dataclass(frozen=True)
class Event:
    """Something that happened to a case, when."""

    kind: EventKind
    at: dt.datetime


class LocationClass(StrEnum):
    """Where the loss is, for the arrival limit."""

    CITY = "city"
    SUBURBAN = "suburban"


class ClockState(StrEnum):
    """A clock's state at a moment."""

    MET = "met"
    MET_LATE = "met_late"
    RUNNING = "running"
    OVERDUE = "overdue"


#: The clocks of indicators.md, in its order (reports, the dashboard and sheets list them so).
CLOCK_NAMES = (
    "contact",
    "arrival",
    "entrusted_survey",
    "on_site",
    "standard",
    "awaiting_teardown",
    "teardown_items",
    "teardown_estimate",
    "resubmission",
    "review",
)
#: The clocks in words on sheets and workbooks, as the workstation words them through Qt.
CLOCK_ZH = {
    "contact": "首次联系",
    "arrival": "到达现场",
    "entrusted_survey": "委托查勘",
    "on_site": "现场定损",
    "standard": "24小时定损",
    "awaiting_teardown": "待拆解",
    "teardown_items": "拆解项目确定",
    "teardown_estimate": "拆解定损完成",
    "resubmission": "退回后重新提交",
    "review": "核损时效",
}
#: A clock's state in words on sheets and workbooks.
CLOCK_STATE_ZH: dict[str, str] = {
    ClockState.MET: "已完成",
    ClockState.MET_LATE: "超时完成",
    ClockState.RUNNING: "进行中",
    ClockState.OVERDUE: "已超时",
}

#: Clocks whose time is the reviewer's, not the assessor's.
REVIEWER_CLOCKS = frozenset({"review"})

_HOUR = Decimal(3600)
_CENTS = Decimal("0.01")


@dataclass(frozen=True)
class TimeLimitPolicy:
    """The configurable limits; the defaults are indicators.md's table."""

    contact: dt.timedelta = dt.timedelta(minutes=5)
    arrival_city: dt.timedelta = dt.timedelta(minutes=30)
    arrival_suburban: dt.timedelta = dt.timedelta(minutes=60)
    entrusted_survey: dt.timedelta = dt.timedelta(hours=1)
    on_site: dt.timedelta = dt.timedelta(hours=2)
    standard: dt.timedelta = dt.timedelta(hours=24)
    awaiting_teardown_days: int = 2
    teardown_items_days: int = 2
    teardown_estimate_days: int = 5
    resubmission_days: int = 2
    review_days: int = 1
    #: The clocks whose day limits count working days of ``calendar`` (the others count
    #: calendar days).
    working_day_clocks: frozenset[str] = frozenset({"review"})
    calendar: Calendar = field(default_factory=lambda: WORKING_WEEK)

    def add_days(self, clock: str, start: dt.datetime, days: int) -> dt.datetime:
        """``start`` plus ``days`` on the clock's calendar."""
        chosen = self.calendar if clock in self.working_day_clocks else CALENDAR_DAYS
        return chosen.add_days(start, days)


@dataclass(frozen=True)
class Clock:
    """One time limit of a case: when it started, when it is due and, once met, when."""

    name: str  # contact, arrival, ..., resubmission, review (indicators.md)
    due: dt.datetime
    met_at: dt.datetime | None = None
    start: dt.datetime | None = None

    @property
    def done(self) -> dt.datetime | None:
        """When the clock was met (the contract's word)."""
        return self.met_at

    @property
    def owner(self) -> str:
        """Whose time this is: the reviewer's for the review clock, else the assessor's."""
        return "reviewer" if self.name in REVIEWER_CLOCKS else "assessor"

    def state(self, now: dt.datetime) -> ClockState:
        """Met, met late, running or overdue at ``now``."""
        if self.met_at is not None:
            return ClockState.MET if self.met_at <= self.due else ClockState.MET_LATE
        return ClockState.OVERDUE if now > self.due else ClockState.RUNNING

    def late_hours(self, now: dt.datetime) -> Decimal | None:
        """Hours past due (two places, rounded up: a deadline missed by seconds reads late by
        0.01 hours, never by 0.00): when met late, or still open and overdue; else None."""
        end = self.met_at if self.met_at is not None else now
        if end <= self.due:
            return None
        seconds = Decimal((end - self.due).total_seconds())
        return (seconds / _HOUR).quantize(_CENTS, ROUND_UP)

    def overdue(self, now: dt.datetime) -> bool:
        """Past due and not met, or met late."""
        return self.state(now) in (ClockState.OVERDUE, ClockState.MET_LATE)

    def remaining(self, now: dt.datetime) -> dt.timedelta:
        """Time left (negative when overdue)."""
        return self.due - now


#: The former name, kept for the callers.
Deadline = Clock


def _first(
    events: Sequence[Event], kinds: Iterable[EventKind], after: dt.datetime | None = None
) -> Event | None:
    wanted = frozenset(kinds)
    found = (e for e in events if e.kind in wanted and (after is None or e.at >= after))
    return min(found, key=lambda e: e.at, default=None)


def _last(events: Sequence[Event], kind: EventKind) -> Event | None:
    return max((e for e in events if e.kind is kind), key=lambda e: e.at, default=None)


def _at(event: Event | None) -> dt.datetime | None:
    return event.at if event is not None else None


def _response_clocks(
    history: Sequence[Event], policy: TimeLimitPolicy, location: LocationClass
) -> list[Clock]:
    """Contact and arrival from the last dispatch; the entrusted survey from the entrustment.
    An entrusted case has no arrival clock: the entrusted party goes to the scene, and its
    survey has a clock of its own (the own assessor still contacts the customer)."""
    result: list[Clock] = []
    dispatch = _last(history, EventKind.DISPATCH)
    entrusted = _first(history, [EventKind.ENTRUSTMENT])
    if dispatch is not None:
        arrival = policy.arrival_city if location is LocationClass.CITY else policy.arrival_suburban
        response = [("contact", policy.contact, EventKind.FIRST_CONTACT)]
        if entrusted is None:
            response.append(("arrival", arrival, EventKind.ARRIVAL))
        for name, limit, kind in response:
            met = _first(history, [kind], dispatch.at)
            result.append(Clock(name, dispatch.at + limit, _at(met), dispatch.at))
    if entrusted is not None:
        surveyed = _first(history, [EventKind.SURVEY], entrusted.at)
        due = entrusted.at + policy.entrusted_survey
        result.append(Clock("entrusted_survey", due, _at(surveyed), entrusted.at))
    return result


def _not_before(event: Event | None, opened: dt.datetime | None) -> Event | None:
    """``event`` moved to ``opened`` when it happened before (None stays None)."""
    if event is None or opened is None or event.at >= opened:
        return event
    return Event(event.kind, opened)


def _estimate_clocks(
    tier: Tier, history: Sequence[Event], policy: TimeLimitPolicy, opened: dt.datetime | None
) -> list[Clock]:
    """The tier's estimate clocks: on-site / standard from the survey, or the teardown ones;
    for a loss object added to the case later (``opened``), from its addition: its estimate
    could not start before anyone knew of it."""
    result: list[Clock] = []
    survey = _not_before(_first(history, [EventKind.SURVEY]), opened)
    if tier in (Tier.ON_SITE, Tier.STANDARD) and survey is not None:
        limit = policy.on_site if tier is Tier.ON_SITE else policy.standard
        submitted = _first(history, [EventKind.SUBMISSION], survey.at)
        result.append(Clock(tier.value, survey.at + limit, _at(submitted), survey.at))
    if tier is not Tier.TEARDOWN:
        return result
    teardown = _not_before(_first(history, [EventKind.TEARDOWN]), opened)
    if survey is not None and (teardown is None or teardown.at >= survey.at):
        due = policy.add_days("awaiting_teardown", survey.at, policy.awaiting_teardown_days)
        result.append(Clock("awaiting_teardown", due, _at(teardown), survey.at))
    if teardown is not None:
        confirmed = _first(history, [EventKind.ITEMS_CONFIRMED, EventKind.SUBMISSION], teardown.at)
        submitted = _first(history, [EventKind.SUBMISSION], teardown.at)
        for name, days, met in (
            ("teardown_items", policy.teardown_items_days, confirmed),
            ("teardown_estimate", policy.teardown_estimate_days, submitted),
        ):
            due = policy.add_days(name, teardown.at, days)
            result.append(Clock(name, due, _at(met), teardown.at))
    return result


def _workflow_clocks(history: Sequence[Event], policy: TimeLimitPolicy) -> list[Clock]:
    """A resubmission clock per return and a review clock per submission."""
    result: list[Clock] = []
    for returned in (e for e in history if e.kind is EventKind.RETURN):
        resubmitted = _first(history, [EventKind.SUBMISSION], returned.at)
        due = policy.add_days("resubmission", returned.at, policy.resubmission_days)
        result.append(Clock("resubmission", due, _at(resubmitted), returned.at))
    for submitted in (e for e in history if e.kind is EventKind.SUBMISSION):
        decided = _first(history, [EventKind.APPROVAL, EventKind.RETURN], submitted.at)
        due = policy.add_days("review", submitted.at, policy.review_days)
        result.append(Clock("review", due, _at(decided), submitted.at))
    return result


def clocks(
    tier: Tier,
    events: Iterable[Event],
    policy: TimeLimitPolicy | None = None,
    location: LocationClass = LocationClass.CITY,
    opened: dt.datetime | None = None,
) -> list[Clock]:
    """Every clock of the case, met or open, from its tier and events (in time order of start).
    ``opened``: when a third-party loss object was added; its estimate clocks start no
    earlier (the response clocks stay the case's, its review clocks run from its own
    submissions, which ``events`` hold)."""
    policy = policy or TimeLimitPolicy()
    history = sorted(events, key=lambda e: e.at)
    found = (
        _response_clocks(history, policy, location)
        + _estimate_clocks(tier, history, policy, opened)
        + _workflow_clocks(history, policy)
    )
    return sorted(found, key=lambda c: (c.start or c.due, c.due))


def deadlines(
    tier: Tier,
    events: Iterable[Event],
    policy: TimeLimitPolicy | None = None,
    location: LocationClass = LocationClass.CITY,
    opened: dt.datetime | None = None,
) -> list[Clock]:
    """The case's clocks (the former name)."""
    return clocks(tier, events, policy, location, opened)


def next_due(items: Iterable[Clock]) -> Clock | None:
    """The earliest clock not yet met."""
    return min((d for d in items if d.met_at is None), key=lambda d: d.due, default=None)


def front_end_cycle(events: Iterable[Event]) -> dt.timedelta | None:
    """前端查勘定损周期: from the last dispatch to the last estimate submission (None while the
    case has no submission since its last dispatch)."""
    history = list(events)
    dispatch = _last(history, EventKind.DISPATCH)
    last = _last(history, EventKind.SUBMISSION)
    if dispatch is None or last is None or last.at < dispatch.at:
        return None
    return last.at - dispatch.at

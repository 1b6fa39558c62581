"""Time limits (定损时限): due times from a case's events, by tier. Pure.

Limits (estimating-rules.md, configurable in the policy): on_site — estimate within 2 hours
of the survey; standard — within 24 hours of the survey; teardown — items fixed (first
submission) within 2 days of the teardown and the estimate approved within 5 days of it; a
returned estimate is resubmitted within 2 days of the return. Day limits run on calendar days
unless a working-day calendar is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from estimator.domain.estimate import Tier


class EventKind(StrEnum):
    """Time-stamped events a service indicator needs (workflow.md)."""

    REPORT = "report"
    DISPATCH = "dispatch"
    FIRST_CONTACT = "first_contact"
    ARRIVAL = "arrival"
    SURVEY = "survey"
    FIRST_PHOTO = "first_photo"
    TEARDOWN = "teardown"
    SUBMISSION = "submission"
    RETURN = "return"
    APPROVAL = "approval"
    SUPPLEMENT = "supplement"
    CUSTOMER_SIGNATURE = "customer_signature"
    NOTIFICATION_SENT = "notification_sent"


@dataclass(frozen=True)
class Event:
    """Something that happened to a case, when."""

    kind: EventKind
    at: dt.datetime


@dataclass(frozen=True)
class Calendar:
    """Calendar days by default; with ``working_days`` only those weekdays (0 = Monday) count,
    and ``holidays`` never count."""

    working_days: frozenset[int] = frozenset(range(7))
    holidays: frozenset[dt.date] = frozenset()

    def add_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """``start`` plus ``days`` counted days (the time of day kept)."""
        moment = start
        remaining = days
        while remaining > 0:
            moment += dt.timedelta(days=1)
            if moment.weekday() in self.working_days and moment.date() not in self.holidays:
                remaining -= 1
        return moment


WORKING_WEEK = Calendar(frozenset(range(5)))


@dataclass(frozen=True)
class TimeLimitPolicy:
    """The configurable limits."""

    on_site: dt.timedelta = dt.timedelta(hours=2)
    standard: dt.timedelta = dt.timedelta(hours=24)
    teardown_items_days: int = 2
    teardown_estimate_days: int = 5
    return_days: int = 2
    calendar: Calendar = field(default_factory=Calendar)


@dataclass(frozen=True)
class Deadline:
    """A due time and, once met, when."""

    name: str  # on_site, standard, teardown_items, teardown_estimate, resubmit
    due: dt.datetime
    met_at: dt.datetime | None = None

    def overdue(self, now: dt.datetime) -> bool:
        """Past due and not met, or met late."""
        if self.met_at is not None:
            return self.met_at > self.due
        return now > self.due

    def remaining(self, now: dt.datetime) -> dt.timedelta:
        """Time left (negative when overdue)."""
        return self.due - now


DEADLINE_ZH = {
    "on_site": "现场定损",
    "standard": "24小时定损",
    "teardown_items": "拆解项目确定",
    "teardown_estimate": "拆解定损完成",
    "resubmit": "退回重新提交",
}


def _first(
    events: Sequence[Event], kind: EventKind, after: dt.datetime | None = None
) -> Event | None:
    found = [e for e in events if e.kind is kind and (after is None or e.at >= after)]
    return min(found, key=lambda e: e.at, default=None)


def _last(events: Sequence[Event], kind: EventKind) -> Event | None:
    return max((e for e in events if e.kind is kind), key=lambda e: e.at, default=None)


def deadlines(
    tier: Tier, events: Iterable[Event], policy: TimeLimitPolicy | None = None
) -> list[Deadline]:
    """The case's deadlines, met or running, from its tier and events."""
    policy = policy or TimeLimitPolicy()
    history = sorted(events, key=lambda e: e.at)
    result: list[Deadline] = []
    survey = _first(history, EventKind.SURVEY)
    if tier in (Tier.ON_SITE, Tier.STANDARD) and survey is not None:
        limit = policy.on_site if tier is Tier.ON_SITE else policy.standard
        submitted = _first(history, EventKind.SUBMISSION, survey.at)
        result.append(Deadline(tier.value, survey.at + limit, submitted.at if submitted else None))
    teardown = _first(history, EventKind.TEARDOWN)
    if tier is Tier.TEARDOWN and teardown is not None:
        submitted = _first(history, EventKind.SUBMISSION, teardown.at)
        approved = _first(history, EventKind.APPROVAL, teardown.at)
        result.append(
            Deadline(
                "teardown_items",
                policy.calendar.add_days(teardown.at, policy.teardown_items_days),
                submitted.at if submitted else None,
            )
        )
        result.append(
            Deadline(
                "teardown_estimate",
                policy.calendar.add_days(teardown.at, policy.teardown_estimate_days),
                approved.at if approved else None,
            )
        )
    returned = _last(history, EventKind.RETURN)
    if returned is not None:
        resubmitted = _first(history, EventKind.SUBMISSION, returned.at)
        result.append(
            Deadline(
                "resubmit",
                policy.calendar.add_days(returned.at, policy.return_days),
                resubmitted.at if resubmitted else None,
            )
        )
    return result


def next_due(items: Iterable[Deadline]) -> Deadline | None:
    """The earliest deadline not yet met."""
    return min((d for d in items if d.met_at is None), key=lambda d: d.due, default=None)


def front_end_cycle(events: Iterable[Event]) -> dt.timedelta | None:
    """前端定损周期: from dispatch to the last estimate submission."""
    history = list(events)
    dispatch = _first(history, EventKind.DISPATCH)
    last = _last(history, EventKind.SUBMISSION)
    if dispatch is None or last is None:
        return None
    return last.at - dispatch.at

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from estimator.domain.clocks import (
    WORKING_WEEK,
    Clock,
    Event,
    EventKind,
    TimeLimitPolicy,
    deadlines,
    front_end_cycle,
    next_due,
)
from estimator.domain.estimate import Tier, tier_for

MON = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)  # a Monday
H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)


def ev(kind: EventKind, at: dt.datetime) -> Event:
    return Event(kind, at)


@pytest.mark.parametrize(
    ("total", "tier"),
    [
        ("2000.00", Tier.ON_SITE),
        ("2000.01", Tier.STANDARD),
        ("10000.00", Tier.STANDARD),
        ("10000.01", Tier.TEARDOWN),
    ],
)
def test_tier_boundaries(total: str, tier: Tier) -> None:
    assert tier_for(Decimal(total), False) is tier


def test_on_site_estimate_within_two_hours_of_the_survey() -> None:
    (deadline,) = deadlines(Tier.ON_SITE, [ev(EventKind.SURVEY, MON)])
    assert deadline.due == MON + 2 * H and deadline.met_at is None
    assert not deadline.overdue(MON + 2 * H) and deadline.overdue(
        MON + 2 * H + dt.timedelta(seconds=1)
    )
    met, review = deadlines(
        Tier.ON_SITE, [ev(EventKind.SURVEY, MON), ev(EventKind.SUBMISSION, MON + H)]
    )
    assert (met.name, review.name) == ("on_site", "review")
    assert met.met_at == MON + H and not met.overdue(MON + 10 * H)


def test_standard_estimate_within_24_hours() -> None:
    late, _review = deadlines(
        Tier.STANDARD, [ev(EventKind.SURVEY, MON), ev(EventKind.SUBMISSION, MON + 25 * H)]
    )
    assert late.due == MON + 24 * H and late.overdue(MON + 30 * H)


def test_teardown_clocks_run_from_the_teardown() -> None:
    events = [ev(EventKind.SURVEY, MON), ev(EventKind.TEARDOWN, MON + D)]
    waiting, items, estimate = deadlines(Tier.TEARDOWN, events)
    assert (waiting.name, waiting.met_at) == ("awaiting_teardown", MON + D)
    assert (items.name, items.due) == ("teardown_items", MON + 3 * D)
    assert (estimate.name, estimate.due) == ("teardown_estimate", MON + 6 * D)
    assert next_due([items, estimate]) == items


def test_teardown_tier_without_teardown_yet_waits_for_the_teardown() -> None:
    (waiting,) = deadlines(Tier.TEARDOWN, [ev(EventKind.SURVEY, MON)])
    assert (waiting.name, waiting.start, waiting.due) == ("awaiting_teardown", MON, MON + 2 * D)


def test_returned_estimate_must_be_resubmitted_within_two_days() -> None:
    events = [
        ev(EventKind.SURVEY, MON),
        ev(EventKind.SUBMISSION, MON + H),
        ev(EventKind.RETURN, MON + 2 * H),
    ]
    (resubmit,) = [c for c in deadlines(Tier.STANDARD, events) if c.name == "resubmission"]
    assert (resubmit.due, resubmit.met_at) == (MON + 2 * H + 2 * D, None)
    events.append(ev(EventKind.SUBMISSION, MON + D))
    (resubmit,) = [c for c in deadlines(Tier.STANDARD, events) if c.name == "resubmission"]
    assert resubmit.met_at == MON + D


def test_working_day_calendar_skips_the_weekend() -> None:
    friday = MON + 4 * D
    policy = TimeLimitPolicy(calendar=WORKING_WEEK, working_day_clocks=frozenset({"resubmission"}))
    (resubmit,) = deadlines(Tier.ON_SITE, [ev(EventKind.RETURN, friday)], policy)
    assert resubmit.due == friday + 4 * D  # Monday, Tuesday
    (calendar,) = deadlines(Tier.ON_SITE, [ev(EventKind.RETURN, friday)])
    assert calendar.due == friday + 2 * D


def test_front_end_cycle_runs_from_the_dispatch_to_the_last_submission() -> None:
    events = [
        ev(EventKind.DISPATCH, MON),
        ev(EventKind.SUBMISSION, MON + D),
        ev(EventKind.SUBMISSION, MON + 3 * D),
    ]
    assert front_end_cycle(events) == 3 * D
    assert front_end_cycle([ev(EventKind.DISPATCH, MON)]) is None


def test_a_deadline_missed_by_seconds_reads_late_by_a_hundredth_of_an_hour() -> None:
    """Late is late: 20 seconds past due is 0.01 hours, never "late by 0.00 hours"."""
    due = dt.datetime(2026, 12, 1, 9, 5, tzinfo=dt.UTC)
    clock = Clock("contact", due, due + dt.timedelta(seconds=20))
    assert clock.late_hours(due) == Decimal("0.01")
    assert Clock("contact", due, due).late_hours(due) is None  # met on the minute

"""Every clock of indicators.md with hand-computed times, and the defects of issue #19."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from estimator.domain.clocks import (
    Clock,
    ClockState,
    Event,
    EventKind,
    LocationClass,
    TimeLimitPolicy,
    clocks,
    front_end_cycle,
)
from estimator.domain.estimate import Tier
from estimator.domain.working_days import working_calendar

MON = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)  # Monday 09:00 in Shanghai
M = dt.timedelta(minutes=1)
H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
K = EventKind


def named(found: list[Clock], name: str) -> list[Clock]:
    return [c for c in found if c.name == name]


def one(found: list[Clock], name: str) -> Clock:
    (clock,) = named(found, name)
    return clock


def test_contact_and_arrival_run_from_the_last_dispatch() -> None:
    events = [
        Event(K.DISPATCH, MON),
        Event(K.FIRST_CONTACT, MON + 2 * M),  # the first assessor called, then lost the case
        Event(K.DISPATCH, MON + H),
        Event(K.FIRST_CONTACT, MON + H + 4 * M),
        Event(K.ARRIVAL, MON + H + 45 * M),
    ]
    found = clocks(Tier.ON_SITE, events)
    contact = one(found, "contact")
    assert (contact.start, contact.due, contact.done) == (MON + H, MON + H + 5 * M, MON + H + 4 * M)
    assert contact.state(MON + 9 * H) is ClockState.MET and contact.late_hours(MON) is None
    city = one(found, "arrival")
    assert city.due == MON + H + 30 * M and city.state(MON + 9 * H) is ClockState.MET_LATE
    assert city.late_hours(MON + 9 * H) == Decimal("0.25")
    suburban = one(clocks(Tier.ON_SITE, events, location=LocationClass.SUBURBAN), "arrival")
    assert suburban.due == MON + 2 * H and suburban.state(MON + 9 * H) is ClockState.MET
    faster = TimeLimitPolicy(arrival_city=20 * M)
    assert one(clocks(Tier.ON_SITE, events, faster), "arrival").due == MON + H + 20 * M


def test_contact_not_yet_made_runs_then_is_overdue() -> None:
    contact = one(clocks(Tier.ON_SITE, [Event(K.DISPATCH, MON)]), "contact")
    assert contact.state(MON + 5 * M) is ClockState.RUNNING
    assert contact.state(MON + 6 * M) is ClockState.OVERDUE
    assert contact.late_hours(MON + 5 * M + 90 * M) == Decimal("1.50")


def test_entrusted_survey_within_an_hour_of_the_entrustment() -> None:
    events = [Event(K.ENTRUSTMENT, MON), Event(K.SURVEY, MON + 70 * M)]
    entrusted = one(clocks(Tier.STANDARD, events), "entrusted_survey")
    assert (entrusted.start, entrusted.due, entrusted.done) == (MON, MON + H, MON + 70 * M)
    assert entrusted.late_hours(MON + D) == Decimal("0.17")


def test_a_deadline_met_late_is_met_late_by_its_hours_never_plain_met() -> None:
    events = [Event(K.SURVEY, MON), Event(K.SUBMISSION, MON + 50 * H)]
    standard = one(clocks(Tier.STANDARD, events), "standard")
    assert standard.due == MON + 24 * H
    assert standard.state(MON + 60 * H) is ClockState.MET_LATE
    assert standard.late_hours(MON + 60 * H) == Decimal("26.00")
    assert standard.overdue(MON + 60 * H)


def test_front_end_cycle_runs_from_the_last_dispatch() -> None:
    events = [
        Event(K.DISPATCH, MON),
        Event(K.DISPATCH, MON + 2 * D),  # re-dispatched to another assessor
        Event(K.SUBMISSION, MON + 3 * D),
        Event(K.SUBMISSION, MON + 5 * D + 6 * H),
    ]
    assert front_end_cycle(events) == 3 * D + 6 * H
    # Re-dispatched after the last submission: the new assessor's cycle has not ended.
    assert front_end_cycle([*events, Event(K.DISPATCH, MON + 6 * D)]) is None


def test_a_case_over_10000_with_no_teardown_has_the_awaiting_teardown_clock() -> None:
    waiting = one(clocks(Tier.TEARDOWN, [Event(K.SURVEY, MON)]), "awaiting_teardown")
    assert (waiting.start, waiting.due) == (MON, MON + 2 * D)
    assert waiting.state(MON + D) is ClockState.RUNNING
    assert waiting.state(MON + 2 * D + M) is ClockState.OVERDUE
    events = [Event(K.SURVEY, MON), Event(K.TEARDOWN, MON + 3 * D)]
    recorded = one(clocks(Tier.TEARDOWN, events), "awaiting_teardown")
    assert recorded.state(MON + 9 * D) is ClockState.MET_LATE
    assert recorded.late_hours(MON + 9 * D) == Decimal("24.00")


def test_teardown_items_met_by_items_confirmed_or_the_first_submission() -> None:
    teardown = MON + D
    events = [
        Event(K.SURVEY, MON),
        Event(K.TEARDOWN, teardown),
        Event(K.ITEMS_CONFIRMED, teardown + 30 * H),
        Event(K.SUBMISSION, teardown + 3 * D),
    ]
    items = one(clocks(Tier.TEARDOWN, events), "teardown_items")
    assert (items.start, items.due, items.done) == (teardown, teardown + 2 * D, teardown + 30 * H)
    without = [e for e in events if e.kind is not K.ITEMS_CONFIRMED]
    late = one(clocks(Tier.TEARDOWN, without), "teardown_items")
    assert late.done == teardown + 3 * D and late.late_hours(MON) == Decimal("24.00")


def test_teardown_estimate_is_met_by_the_submission_review_time_is_the_reviewers() -> None:
    teardown = MON
    events = [
        Event(K.SURVEY, MON - H),
        Event(K.TEARDOWN, teardown),
        Event(K.SUBMISSION, teardown + 4 * D),  # Friday 09:00
        Event(K.APPROVAL, teardown + 7 * D),  # the next Monday 09:00
    ]
    found = clocks(Tier.TEARDOWN, events)
    estimate = one(found, "teardown_estimate")
    assert estimate.done == teardown + 4 * D and estimate.state(MON + 9 * D) is ClockState.MET
    review = one(found, "review")
    # One working day from Friday 09:00 is Monday 09:00: the approval is just in time.
    assert (review.start, review.due, review.done) == (MON + 4 * D, MON + 7 * D, MON + 7 * D)
    assert review.state(MON + 9 * D) is ClockState.MET
    assert review.owner == "reviewer" and estimate.owner == "assessor"


def test_every_return_has_its_own_resubmission_clock() -> None:
    events = [
        Event(K.SURVEY, MON - H),
        Event(K.SUBMISSION, MON - 30 * M),
        Event(K.RETURN, MON),
        Event(K.SUBMISSION, MON + 6 * D),  # four days late
        Event(K.RETURN, MON + 7 * D),
        Event(K.SUBMISSION, MON + 8 * D),
    ]
    first, second = named(clocks(Tier.STANDARD, events), "resubmission")
    assert (first.start, first.due, first.done) == (MON, MON + 2 * D, MON + 6 * D)
    assert first.state(MON + 9 * D) is ClockState.MET_LATE
    assert first.late_hours(MON + 9 * D) == Decimal("96.00")
    assert (second.start, second.due, second.done) == (MON + 7 * D, MON + 9 * D, MON + 8 * D)
    assert second.state(MON + 9 * D) is ClockState.MET
    reviews = named(clocks(Tier.STANDARD, events), "review")
    assert [r.done for r in reviews] == [MON, MON + 7 * D, None]


NATIONAL_DAY = frozenset(dt.date(2026, 10, d) for d in range(1, 8))
MAKE_UP = frozenset({dt.date(2026, 9, 20), dt.date(2026, 10, 10)})
CN_AUTUMN = working_calendar(NATIONAL_DAY, MAKE_UP)
RESUBMIT_ON_WORKING_DAYS = TimeLimitPolicy(
    calendar=CN_AUTUMN, working_day_clocks=frozenset({"resubmission", "review"})
)


def local(month: int, day: int, hour: int = 10) -> dt.datetime:
    """A Shanghai wall time as UTC."""
    return dt.datetime(2026, month, day, hour - 8, 0, tzinfo=dt.UTC)


def test_a_holiday_does_not_count_as_a_working_day() -> None:
    # Returned Wednesday 30 September; 1-7 October are the National Day holiday.
    returned = [Event(K.RETURN, local(9, 30))]
    clock = one(clocks(Tier.STANDARD, returned, RESUBMIT_ON_WORKING_DAYS), "resubmission")
    assert clock.due == local(10, 9)  # Thursday 8th, Friday 9th
    on_calendar_days = one(clocks(Tier.STANDARD, returned), "resubmission")
    assert on_calendar_days.due == local(10, 2)


def test_a_make_up_saturday_is_a_working_day() -> None:
    # Returned Friday 9 October: Saturday 10 October is a 调休 working day.
    returned = [Event(K.RETURN, local(10, 9))]
    clock = one(clocks(Tier.STANDARD, returned, RESUBMIT_ON_WORKING_DAYS), "resubmission")
    assert clock.due == local(10, 12)  # Saturday 10th, Monday 12th
    review = one(
        clocks(Tier.STANDARD, [Event(K.SUBMISSION, local(10, 9))], RESUBMIT_ON_WORKING_DAYS),
        "review",
    )
    assert review.due == local(10, 10)


def test_the_review_clock_defaults_to_one_working_day() -> None:
    friday = MON + 4 * D
    review = one(clocks(Tier.STANDARD, [Event(K.SUBMISSION, friday)]), "review")
    assert review.due == friday + 3 * D and review.state(friday + 2 * D) is ClockState.RUNNING


def test_times_are_shown_and_typed_in_shanghai_time() -> None:
    from kernel.clock import from_local, to_local

    assert f"{to_local(MON):%Y-%m-%d %H:%M}" == "2026-11-23 09:00"
    assert to_local(MON.replace(tzinfo=None)) == MON  # naive is taken as UTC
    assert from_local(dt.datetime(2026, 11, 23, 9, 0)) == MON
    assert from_local(MON) is MON

"""Field events: an entrusted case has no arrival clock for its own assessor (contact stays),
its entrusted survey is met on time or late by hand-computed hours; the checks on a recorded
event (no future time, a bounded note, an entrustment names its party)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from estimator.domain.clocks import Clock, ClockState, Event, EventKind, LocationClass, clocks
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from estimator.domain.field_events import FIELD_EVENTS, NOTE_LIMIT, check_event

DISPATCH = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)  # Monday 09:00 in Shanghai
M = dt.timedelta(minutes=1)
H = dt.timedelta(hours=1)
K = EventKind


def by_name(found: list[Clock]) -> dict[str, Clock]:
    names = [c.name for c in found]
    assert len(names) == len(set(names)), names
    return {c.name: c for c in found}


def test_without_an_entrustment_the_own_assessor_has_an_arrival_clock() -> None:
    found = by_name(clocks(Tier.STANDARD, [Event(K.DISPATCH, DISPATCH)]))
    assert set(found) == {"contact", "arrival"}
    assert found["arrival"].due == DISPATCH + 30 * M  # 09:30, in the city


def test_an_entrusted_case_has_no_arrival_clock_but_keeps_contact() -> None:
    events = [
        Event(K.DISPATCH, DISPATCH),
        Event(K.FIRST_CONTACT, DISPATCH + 3 * M),  # 09:03: within 5 minutes
        Event(K.ENTRUSTMENT, DISPATCH + 10 * M),  # 09:10: handed to the Hangzhou branch
    ]
    found = by_name(clocks(Tier.STANDARD, events, location=LocationClass.SUBURBAN))
    assert set(found) == {"contact", "entrusted_survey"}
    contact = found["contact"]
    assert (contact.due, contact.met_at) == (DISPATCH + 5 * M, DISPATCH + 3 * M)
    assert contact.state(DISPATCH + 2 * H) is ClockState.MET
    # The entrusted party's survey is due an hour after the entrustment: 10:10, still open.
    entrusted = found["entrusted_survey"]
    assert (entrusted.start, entrusted.due) == (DISPATCH + 10 * M, DISPATCH + 70 * M)
    assert entrusted.state(DISPATCH + 60 * M) is ClockState.RUNNING
    assert entrusted.state(DISPATCH + 71 * M) is ClockState.OVERDUE


def test_the_entrusted_survey_met_in_time_and_met_late() -> None:
    base = [Event(K.DISPATCH, DISPATCH), Event(K.ENTRUSTMENT, DISPATCH + 10 * M)]
    on_time = [*base, Event(K.SURVEY, DISPATCH + 55 * M)]  # 09:55 < 10:10
    met = by_name(clocks(Tier.STANDARD, on_time))["entrusted_survey"]
    assert met.state(DISPATCH + 5 * H) is ClockState.MET and met.late_hours(DISPATCH) is None
    late = [*base, Event(K.SURVEY, DISPATCH + 2 * H + 25 * M)]  # 11:25: 75 minutes late
    missed = by_name(clocks(Tier.STANDARD, late))["entrusted_survey"]
    assert missed.state(DISPATCH + 5 * H) is ClockState.MET_LATE
    assert missed.late_hours(DISPATCH + 5 * H) == Decimal("1.25")
    # The survey starts the standard estimate clock as before: due 24 hours after 11:25.
    standard = by_name(clocks(Tier.STANDARD, late))["standard"]
    assert standard.due == DISPATCH + 26 * H + 25 * M


def test_the_field_events_in_the_order_of_the_keys() -> None:
    assert [k.value for k in FIELD_EVENTS] == [
        "first_contact",
        "arrival",
        "survey",
        "teardown",
        "items_confirmed",
        "entrustment",
    ]


def test_check_event_refuses_the_future_a_long_note_and_a_nameless_entrustment() -> None:
    now = DISPATCH + H
    assert check_event(K.ARRIVAL, now, now) == ""  # the present moment is not the future
    assert check_event(K.ENTRUSTMENT, None, now, "  杭州分公司 ") == "杭州分公司"
    with pytest.raises(DomainError) as future:
        check_event(K.ARRIVAL, now + M, now, shown="12-07 10:01")
    assert future.value.code == "event_in_future"
    assert "12-07 10:01" in future.value.message_zh and "还没有到" in future.value.message_zh
    with pytest.raises(DomainError) as long_note:
        check_event(K.SURVEY, None, now, "字" * (NOTE_LIMIT + 1))
    assert long_note.value.code == "event_note_too_long"
    with pytest.raises(DomainError) as nameless:
        check_event(K.ENTRUSTMENT, None, now, "   ")
    assert nameless.value.code == "event_entrusted_party_missing"
    assert "受托方" in nameless.value.message_zh

"""Compliance and attainment from the clocks: the assessor's figures never hold review time."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from estimator.domain.clocks import Event, EventKind, clocks, front_end_cycle
from estimator.domain.estimate import Tier
from estimator.domain.indicators import CaseTiming, attainment, summarize

MON = dt.datetime(2026, 11, 23, 1, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
K = EventKind


def timing(name: str, tier: Tier, events: list[Event]) -> CaseTiming:
    return CaseTiming(
        name, "wang", tier is Tier.TEARDOWN, tuple(clocks(tier, events)), front_end_cycle(events)
    )


def test_a_slow_review_does_not_count_against_the_assessor() -> None:
    events = [
        Event(K.DISPATCH, MON - 2 * H),
        Event(K.FIRST_CONTACT, MON - 2 * H + 3 * dt.timedelta(minutes=1)),
        Event(K.ARRIVAL, MON - H),
        Event(K.SURVEY, MON),
        Event(K.SUBMISSION, MON + 20 * H),  # within 24 hours
        Event(K.APPROVAL, MON + 4 * D),  # the reviewer took four days
    ]
    case = timing("A1", Tier.STANDARD, events)
    compliance = summarize("wang", [case], MON + 9 * D)
    # contact, arrival (30 minutes: late), standard: the review clock is not among them.
    assert (compliance.on_time, compliance.late, compliance.open_overdue) == (2, 1, 0)
    assert compliance.rate == Decimal("0.6667")
    assert compliance.average_cycle == 22 * H
    figures = attainment([case], MON + 9 * D)
    assert figures == {
        "arrival": Decimal("0.0000"),
        "contact": Decimal("1.0000"),
        "review": Decimal("0.0000"),
        "standard": Decimal("1.0000"),
    }


def test_attainment_leaves_running_clocks_out_and_counts_overdue_ones() -> None:
    waiting = timing("B1", Tier.TEARDOWN, [Event(K.SURVEY, MON)])
    quick = timing("B2", Tier.TEARDOWN, [Event(K.SURVEY, MON), Event(K.TEARDOWN, MON + D)])
    assert attainment([waiting, quick], MON + D + H) == {"awaiting_teardown": Decimal("1.0000")}
    assert attainment([waiting, quick], MON + 3 * D) == {"awaiting_teardown": Decimal("0.5000")}
    assert summarize("wang", [waiting, quick], MON + 3 * D).open_overdue == 1

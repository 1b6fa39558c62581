"""The service indicators against a hand computation (tests/estimator/domain/indicator_fixture.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from estimator.domain.clocks import Clock
from estimator.domain.indicator_figures import (
    CycleTargets,
    Period,
    anchor,
    clocks_due,
    figures,
    figures_by,
    in_period,
    local_period,
    month_periods,
)
from tests.estimator.domain.indicator_fixture import NOW, ZONE, cases, local

NOVEMBER = local_period(dt.date(2026, 11, 1), dt.date(2026, 11, 30), ZONE)
TARGETS = CycleTargets()


def test_a_local_period_runs_from_local_midnight_to_the_midnight_after_its_last_day() -> None:
    assert NOVEMBER.start == local("2026-11-01 00:00")
    assert NOVEMBER.end == local("2026-12-01 00:00")
    # 2026-10-31 16:00 UTC is 11-01 00:00 in Shanghai: inside; a second before is not.
    assert NOVEMBER.holds(dt.datetime(2026, 10, 31, 16, tzinfo=dt.UTC))
    assert not NOVEMBER.holds(dt.datetime(2026, 10, 31, 15, 59, 59, tzinfo=dt.UTC))


def test_months_are_cut_to_the_range_and_named() -> None:
    months = month_periods(dt.date(2026, 10, 15), dt.date(2026, 12, 3), ZONE)
    assert [m.name for m in months] == ["2026-10", "2026-11", "2026-12"]
    assert months[0].start == local("2026-10-15 00:00")
    assert months[1].start == local("2026-11-01 00:00") and months[1].end == local("2026-12-01")
    assert months[2].end == local("2026-12-04 00:00")


def test_a_clock_belongs_to_the_period_of_its_due_time_a_cycle_to_its_last_submission() -> None:
    d = next(t for t in cases() if t.claim_no == "D")
    # D was submitted on 11-30 23:00: its cycle is November's ...
    assert anchor(d) == local("2026-11-30 23:00") and NOVEMBER.holds(anchor(d))
    # ... but its standard clock (due 12-01 21:00) and review (12-01 23:00) are December's.
    assert [c.name for c in clocks_due(d, NOVEMBER)] == ["contact", "arrival"]
    december = local_period(dt.date(2026, 12, 1), dt.date(2026, 12, 31), ZONE)
    assert [c.name for c in clocks_due(d, december)] == ["standard", "review"]
    assert in_period(d, december)
    # D's cycle (3 h) counts in November only.
    assert figures([d], december, NOW, TARGETS).cycle_avg_days is None
    assert figures([d], NOVEMBER, NOW, TARGETS).cycle_avg_days == Decimal("0.13")  # 3/24 = 0.125


def test_a_case_never_submitted_is_anchored_at_its_earliest_due_clock() -> None:
    c = next(t for t in cases() if t.claim_no == "C")
    assert anchor(c) == local("2026-11-20 09:05")  # dispatch 09:00 + 5 minutes (contact)
    empty = Period(local("2027-01-01 00:00"), local("2027-02-01 00:00"))
    assert not in_period(c, empty)


def test_november_figures_of_every_case_match_the_hand_computation() -> None:
    f = figures(cases(), NOVEMBER, NOW, TARGETS)
    assert f.cases == 4  # A, B, C, D (E is October's)
    # Cycles in November: A 121 h, B 146 h, D 3 h: average 90 h = 3.75 days; median 121 h =
    # 5.0417 days; within target: A (≤ 20 days, large case) and D (≤ 5 days), not B.
    assert (f.cycle_avg_days, f.cycle_median_days) == (Decimal("3.75"), Decimal("5.04"))
    assert f.cycle_within_target == Decimal("0.6667")
    assert f.attainment == {
        "arrival": Decimal("0.7500"),  # A, B, D met; C 10 min late
        "awaiting_teardown": Decimal("1.0000"),
        "contact": Decimal("0.7500"),  # A, C, D met; B 5 min late
        "on_site": Decimal("0.0000"),  # C overdue
        "resubmission": Decimal("0.0000"),  # A: due 11-06 16:00, resubmitted 11-07 10:00
        "review": Decimal("1.0000"),  # A ×2, B ×2 (D's review is December's)
        "standard": Decimal("0.0000"),  # B 2 h late (D's is December's)
        "teardown_estimate": Decimal("1.0000"),
        "teardown_items": Decimal("1.0000"),
    }
    assert f.resubmission_compliance == Decimal("0.0000") and f.escalations == 1
    assert (f.chases, f.penalty) == (3, Decimal("400.00"))  # A 100 + 200, C 100
    assert f.onsite_collection_rate == Decimal("0.5000")  # B complete, C not
    # Deviation: A |12000 − 10000| / 10000 = 0.2; B |5000 − 5500| / 5500 = 0.0909…;
    # average 0.14545… (C and D have no approved total).
    assert f.deviation == Decimal("0.1455")
    assert f.supplements_per_case == Decimal("0.2500")  # 1 supplement over 4 cases
    assert f.supplement_growth == Decimal("0.1000")  # B (5500 − 5000) / 5000
    assert f.review_hours_avg == Decimal("3.75")  # A 6 h and 4 h, B 3 h and 2 h
    assert f.returns_per_submission == Decimal("0.2000")  # 1 return over 2 + 2 + 0 + 1


def test_figures_per_assessor() -> None:
    rows = figures_by(cases(), lambda t: t.assessor, NOVEMBER, NOW, TARGETS)
    assert list(rows) == ["chen", "wang"]
    wang, chen = rows["wang"], rows["chen"]
    # wang: A only. Cycle 121 h = 5.0417 days, within the large-case target.
    assert wang.cases == 1
    assert (wang.cycle_avg_days, wang.cycle_median_days) == (Decimal("5.04"), Decimal("5.04"))
    assert wang.cycle_within_target == Decimal("1.0000")
    assert wang.attainment["resubmission"] == Decimal("0.0000") and wang.escalations == 1
    assert (wang.chases, wang.penalty, wang.deviation) == (2, Decimal("300.00"), Decimal("0.2000"))
    assert wang.onsite_collection_rate is None and wang.supplement_growth is None
    assert wang.review_hours_avg == Decimal("5.00")  # (6 + 4) / 2
    assert wang.returns_per_submission == Decimal("0.5000")  # 1 / 2
    # chen: B, C, D. Cycles 146 h and 3 h: average = median = 74.5 h = 3.1042 days.
    assert chen.cases == 3
    assert (chen.cycle_avg_days, chen.cycle_median_days) == (Decimal("3.10"), Decimal("3.10"))
    assert chen.cycle_within_target == Decimal("0.5000")
    assert chen.attainment == {
        "arrival": Decimal("0.6667"),
        "contact": Decimal("0.6667"),
        "on_site": Decimal("0.0000"),
        "review": Decimal("1.0000"),
        "standard": Decimal("0.0000"),
    }
    assert chen.resubmission_compliance is None and chen.escalations == 0
    assert (chen.chases, chen.penalty) == (1, Decimal("100.00"))
    assert chen.deviation == Decimal("0.0909") and chen.supplement_growth == Decimal("0.1000")
    assert chen.supplements_per_case == Decimal("0.3333")  # 1 / 3
    assert chen.review_hours_avg == Decimal("2.50") and chen.returns_per_submission == 0


def test_october_holds_only_the_october_case() -> None:
    october, november = month_periods(dt.date(2026, 10, 1), dt.date(2026, 11, 30), ZONE)
    f = figures(cases(), october, NOW, TARGETS)
    assert f.cases == 1  # E
    assert f.cycle_avg_days == Decimal("0.08")  # 2 h / 24
    assert f.attainment == {
        name: Decimal("1.0000") for name in ("arrival", "contact", "on_site", "review")
    }
    assert f.deviation == Decimal("0.0000") and f.review_hours_avg == Decimal("1.00")
    assert figures(cases(), november, NOW, TARGETS) == figures(cases(), NOVEMBER, NOW, TARGETS)


def test_a_running_clock_is_not_yet_decided() -> None:
    running = Clock("standard", local("2026-11-30 10:00"), start=local("2026-11-29 10:00"))
    timing = next(t for t in cases() if t.claim_no == "C")
    early = local("2026-11-29 12:00")
    case = replace(timing, deadlines=(running,))
    assert figures([case], NOVEMBER, early, TARGETS).attainment == {}
    assert figures([case], NOVEMBER, NOW, TARGETS).attainment == {"standard": Decimal("0.0000")}

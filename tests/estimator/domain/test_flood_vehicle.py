"""Flooded vehicles (settlement.md): level and grade spans, the guide's items and ranges by
level and grade, and R17 (the estimate total against the range × the actual value) with hand
figures on an actual value of 100,000.00."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

import pytest

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.flood_vehicle import (
    FloodAction,
    FloodGuide,
    GuideEntry,
    GuideItem,
    LossRatio,
    Span,
    check_ratio,
    grade_number,
    parse_span,
    span_text,
)
from estimator.domain.pricing import price_estimate
from estimator.domain.review import (
    Finding,
    ReviewContext,
    Severity,
    r17_flood_outside_guide_range,
    review,
)
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate

INSPECT = GuideItem("BRAKE_INSPECT", "检查制动系统", "Inspect the brakes", FloodAction.INSPECT)
SEATS = GuideItem("SEAT_CLEAN", "清洗座椅", "Clean the seats", FloodAction.CLEAN, "SEAT")
MOTOR = GuideItem("SEAT_MOTOR", "更换座椅电机", "", FloodAction.REPLACE, unit_price=D("850"))
GUIDE = FloodGuide(
    (
        GuideEntry(Span(1, 6), Span(1, 6), INSPECT),
        GuideEntry(Span(3, 6), Span(1, 6), SEATS),
        GuideEntry(Span(3, 6), Span(4, 6), MOTOR),
    ),
    {(3, "H3"): LossRatio(D("0.08"), D("0.18")), (3, "H4"): LossRatio(D("0.08"), D("0.18"))},
)


@pytest.mark.parametrize(
    ("text", "grades", "span"),
    [
        ("3", False, Span(3, 3)),
        ("3-6", False, Span(3, 6)),
        (" 2 ～ 4 ", False, Span(2, 4)),
        ("H2", True, Span(2, 2)),
        ("h1-H3", True, Span(1, 3)),
        ("H4至H6", True, Span(4, 6)),
        ("0", False, None),
        ("7", False, None),
        ("5-3", False, None),
        ("H3", False, None),  # a grade where a level is wanted
        ("3", True, None),  # a level where a grade is wanted
        ("H1-3", True, None),
        ("H7", True, None),
        ("三", False, None),
    ],
)
def test_spans_of_levels_and_grades(text: str, grades: bool, span: Span | None) -> None:
    assert parse_span(text, grades=grades) == span


def test_a_span_is_written_as_the_guide_writes_it() -> None:
    assert span_text(Span(3, 6), grades=False) == "3-6"
    assert span_text(Span(2, 2), grades=True) == "H2"
    assert span_text(Span(1, 3), grades=True) == "H1-H3"
    assert (grade_number("h3"), grade_number("H9")) == (3, 0)


def test_the_items_of_a_level_and_grade_are_those_whose_spans_hold_both() -> None:
    """Guards settlement.md: the checklist by level × grade, in the guide's order."""
    assert GUIDE.items_for(2, "H6") == (INSPECT,)
    assert GUIDE.items_for(3, "H3") == (INSPECT, SEATS)
    assert GUIDE.items_for(6, "H4") == (INSPECT, SEATS, MOTOR)
    assert GUIDE.items_for(3, "H9") == ()
    assert GUIDE.ratio_for(3, "h3") == LossRatio(D("0.08"), D("0.18"))
    assert GUIDE.ratio_for(4, "H3") is None


def test_the_range_in_yuan_is_rounded_half_up_to_the_fen() -> None:
    """123,456.78 × 8 % = 9,876.5424 → 9,876.54; × 18 % = 22,222.2204 → 22,222.22."""
    found = check_ratio(D("9876.53"), D("123456.78"), LossRatio(D("0.08"), D("0.18")))
    assert (found.low, found.high, found.below, found.above) == (
        D("9876.54"),
        D("22222.22"),
        True,
        False,
    )
    inside = check_ratio(D("9876.54"), D("123456.78"), LossRatio(D("0.08"), D("0.18")))
    assert not inside.below and not inside.above


def r17(
    total: str, value: D | None = D("100000.00"), ratio: LossRatio | None = None
) -> list[Finding]:
    """R17's findings on an estimate of one sublet line of ``total`` (no salvage, no fee)."""
    lines = [EstimateLine(LineKind.SUBLET, description="水淹车维修", amount=D(total))]
    priced = price_estimate(estimate(*lines, salvage=D("0")), CATALOG, STANDARD)
    assert priced.ok, priced.problems
    context = ReviewContext(
        priced,
        CATALOG,
        STANDARD,
        dt.date(2026, 11, 24),
        actual_value=value,
        flood_level=3,
        flood_grade="H3",
        flood_ratio=ratio if ratio is not None else GUIDE.ratio_for(3, "H3"),
    )
    found = [f for f in review(context) if f.rule == "R17"]
    assert found == list(r17_flood_outside_guide_range(context))
    return found


def test_a_total_inside_the_range_says_nothing() -> None:
    """8 %–18 % of 100,000.00 is 8,000.00–18,000.00: both ends are inside."""
    assert r17("8000.00") == []
    assert r17("18000.00") == []


def test_a_total_below_the_range_is_a_warning_with_the_figures() -> None:
    (found,) = r17("7999.99")
    assert (found.severity, found.line, found.code) == (Severity.WARN, None, "review.r17_below")
    assert found.message("zh") == (
        "估损金额 7,999.99 元低于水淹车指南 3 级、H3 的损失率下限 8,000.00"
        "（实际价值 100,000.00 元的 8.00%）"
    )


def test_a_total_above_the_range_is_a_warning_in_both_languages() -> None:
    (found,) = r17("18000.01")
    assert found.code == "review.r17_above"
    assert "18,000.00" in found.message("en") and "18.00%" in found.message("en")
    assert "above" in found.message("en")


def test_nothing_without_an_actual_value_or_a_flood_range() -> None:
    assert r17("100.00", value=None) == []
    lines = [EstimateLine(LineKind.SUBLET, description="维修", amount=D("100.00"))]
    priced = price_estimate(estimate(*lines, salvage=D("0")), CATALOG, STANDARD)
    context = ReviewContext(
        priced, CATALOG, STANDARD, dt.date(2026, 11, 24), actual_value=D("100000.00")
    )
    assert list(r17_flood_outside_guide_range(context)) == []

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

from estimator.domain.adjustments import ReviewAdjustment, reviewed_totals
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.pricing import price_estimate
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, labor, part


def test_reviewer_amounts_replace_the_assessors_and_the_fee_follows_the_parts() -> None:
    priced = price_estimate(
        estimate(
            part("521190K280"),
            labor("FBUMPER", "replace"),
            EstimateLine(LineKind.TOWING, description="拖车", amount=D("300")),
            parts_management_fee_rate=D("0.05"),
        ),
        CATALOG,
        STANDARD,
    )
    assert priced.totals is not None and priced.totals.total == D(
        "2394.00"
    )  # 1880 + 94 + 120 + 300
    adjusted = reviewed_totals(
        priced,
        {
            0: ReviewAdjustment(0, D("1700.00"), "market price accepted by the shop", "li"),
            2: ReviewAdjustment(2, D("200.00"), "towing invoice shows 200", "li"),
        },
    )
    assert (adjusted.parts, adjusted.management_fee, adjusted.labor, adjusted.towing) == (
        D("1700.00"),
        D("85.00"),
        D("120.00"),
        D("200.00"),
    )
    assert adjusted.total == D("2105.00")


def test_without_adjustments_the_totals_are_the_assessors() -> None:
    priced = price_estimate(
        estimate(part("521190K280"), labor("FBUMPER", "replace")), CATALOG, STANDARD
    )
    assert reviewed_totals(priced, {}) == priced.totals

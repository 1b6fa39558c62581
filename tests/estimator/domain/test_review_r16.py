"""R16 (settlement.md): repair plus rescue at or past the total-loss threshold of the actual
value while the estimate still prices a repair, and the near-total-loss warning; hand figures
on an actual value of 10,000.00."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.pricing import price_estimate
from estimator.domain.review import (
    Finding,
    ReviewContext,
    Severity,
    blocks_submission,
    r16_total_loss_priced_as_repair,
    review,
)
from estimator.domain.settlement import TotalLossPolicy
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate

VALUE = D("10000.00")


def r16(
    repair: str,
    rescue: str,
    value: D | None = VALUE,
    salvage: D | None = None,
    policy: TotalLossPolicy | None = None,
) -> list[Finding]:
    """R16's findings on an estimate of one sublet line (repair) and one towing line (rescue)."""
    lines = [EstimateLine(LineKind.SUBLET, description="外包维修", amount=D(repair))]
    if rescue:
        lines.append(EstimateLine(LineKind.TOWING, description="拖车", amount=D(rescue)))
    priced = price_estimate(estimate(*lines, salvage=D("0")), CATALOG, STANDARD)
    assert priced.ok, priced.problems
    context = ReviewContext(
        priced,
        CATALOG,
        STANDARD,
        dt.date(2026, 11, 24),
        actual_value=value,
        total_loss_salvage=salvage,
        total_loss_policy=policy or TotalLossPolicy(),
    )
    found = [f for f in review(context) if f.rule == "R16"]
    assert found == list(r16_total_loss_priced_as_repair(context))
    return found


def test_below_the_warning_line_nothing_is_said() -> None:
    assert r16("7000.00", "500.00") == []  # 7,500 is 75 % of 10,000


def test_near_total_loss_is_a_warning_with_the_figures() -> None:
    """7,600 + 500 = 8,100 is 81 % of 10,000: past the 80 % warning line."""
    (found,) = r16("7600.00", "500.00")
    assert (found.severity, found.line, found.code) == (Severity.WARN, None, "review.r16_near")
    assert found.message_zh == (
        "接近推定全损：维修及施救费用 8,100.00 为实际价值 10,000.00 的 81.00%，已达预警线 80%，"
        "请核实维修方案"
    )
    assert "81.00% of the actual value 10,000.00" in found.message_en
    assert not blocks_submission([found])


def test_a_total_loss_priced_as_a_repair_is_flagged_with_its_settlement() -> None:
    """9,500 + 500 = 10,000 reaches 100 % of the actual value: a total loss, settled at
    10,000 − 10 % salvage (1,000.00) = 9,000.00; with 2,000.00 salvage entered, 8,000.00."""
    (found,) = r16("9500.00", "500.00")
    assert found.code == "review.r16_total_loss" and found.severity is Severity.WARN
    assert found.message_zh.startswith("已达推定全损，仍按维修定损")
    assert "(全损线 100%)" in found.message_zh
    assert "整车残值 1,000.00 计 9,000.00" in found.message_zh
    (entered,) = r16("9500.00", "500.00", salvage=D("2000.00"))
    assert "salvage 2,000.00: 8,000.00" in entered.message_en


def test_the_lines_are_data() -> None:
    """A threshold of 90 % and a warning line of 70 %: 9,100 is a total loss, 7,500 near."""
    policy = TotalLossPolicy(threshold=D("0.90"), warning=D("0.70"))
    assert [f.code for f in r16("8600.00", "500.00", policy=policy)] == ["review.r16_total_loss"]
    assert [f.code for f in r16("7000.00", "500.00", policy=policy)] == ["review.r16_near"]


def test_no_value_or_no_repair_says_nothing() -> None:
    """Without the actual value there is nothing to compare; rescue alone is not a repair."""
    assert r16("20000.00", "500.00", value=None) == []
    assert r16("0.00", "12000.00") == []

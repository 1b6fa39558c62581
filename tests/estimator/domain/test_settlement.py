"""Constructive total loss (推定全损): the threshold, the warning band, the settlement."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

import pytest

from estimator.domain.errors import DomainError
from estimator.domain.settlement import (
    LossState,
    TotalLossPolicy,
    assess_total_loss,
    percent,
)

VALUE = D("50000.00")


@pytest.mark.parametrize(
    ("repair", "rescue", "state", "ratio"),
    [
        ("39999.99", "0", LossState.REPAIR, "0.8000"),  # 79.99998 %: shown as 80.00 %, not near
        ("39000.00", "1000.00", LossState.NEAR_TOTAL_LOSS, "0.8000"),  # exactly 80 % with rescue
        ("48500.00", "1499.99", LossState.NEAR_TOTAL_LOSS, "1.0000"),  # a fen short of 100 %
        ("48500.00", "1500.00", LossState.TOTAL_LOSS, "1.0000"),  # exactly the actual value
        ("61000.00", "0", LossState.TOTAL_LOSS, "1.2200"),
        ("0", "0", LossState.REPAIR, "0.0000"),
    ],
)
def test_repair_and_rescue_against_the_actual_value(
    repair: str, rescue: str, state: LossState, ratio: str
) -> None:
    found = assess_total_loss(D(repair), D(rescue), VALUE)
    assert (found.state, found.ratio) == (state, D(ratio))
    assert found.total_loss is (state is LossState.TOTAL_LOSS)


def test_a_total_loss_is_settled_on_actual_value_less_default_salvage() -> None:
    # 52,000 of repair and 800 of towing on a 50,000 car: 105.6 %, a total loss. Salvage by
    # default 10 % of 50,000 = 5,000.00; settled at 45,000.00.
    found = assess_total_loss(D("52000.00"), D("800.00"), VALUE)
    assert (found.salvage, found.salvage_entered, found.settlement) == (
        D("5000.00"),
        False,
        D("45000.00"),
    )
    assert found.message_zh == (
        "推定全损: 维修及施救费用 52,800.00 为实际价值 50,000.00 的 105.60%，已达全损线 100%；"
        "按实际价值减整车残值 5,000.00 计 45,000.00"
    )
    assert found.message_en.startswith("total loss: repair and rescue cost 52,800.00 is 105.60%")


def test_entered_salvage_and_a_configured_policy() -> None:
    # Threshold 75 %, warning 60 %, salvage share 5 %: 36,000 on 45,678.91 = 78.81 % → total.
    policy = TotalLossPolicy(threshold=D("0.75"), warning=D("0.60"), salvage_share=D("0.05"))
    found = assess_total_loss(D("36000"), D("0"), D("45678.91"), policy)
    assert (found.state, found.ratio) == (LossState.TOTAL_LOSS, D("0.7881"))
    # 5 % of 45,678.91 = 2,283.9455 → 2,283.95 (half up); settled 43,394.96.
    assert (found.salvage, found.settlement) == (D("2283.95"), D("43394.96"))
    entered = assess_total_loss(D("36000"), D("0"), D("45678.91"), policy, salvage=D("3000.00"))
    assert (entered.salvage, entered.salvage_entered, entered.settlement) == (
        D("3000.00"),
        True,
        D("42678.91"),
    )
    # 30,000 is 65.68 %: near, and the words name the warning line.
    near = assess_total_loss(D("30000"), D("0"), D("45678.91"), policy)
    assert near.state is LossState.NEAR_TOTAL_LOSS
    assert near.message_zh.endswith("为实际价值 45,678.91 的 65.68%，已达预警线 60%")
    assert near.state.word("zh") == "接近推定全损" and near.state.word("en") == "near total loss"


def test_a_repair_says_so() -> None:
    found = assess_total_loss(D("10000.00"), D("0"), VALUE)
    assert found.message_zh == "维修及施救费用 10,000.00 为实际价值 50,000.00 的 20.00%，按维修定损"
    assert LossState.REPAIR.word("zh") == "维修"
    assert LossState.TOTAL_LOSS.word("en") == "total loss"


def test_bad_figures_are_refused_by_name() -> None:
    with pytest.raises(DomainError) as above:
        assess_total_loss(D("60000"), D("0"), VALUE, salvage=D("50000.01"))
    assert above.value.code == "settlement.salvage_above_value"
    with pytest.raises(DomainError) as negative:
        assess_total_loss(D("-1"), D("0"), VALUE)
    assert negative.value.message_zh == "维修费用不能为负数 (为 -1)"
    with pytest.raises(DomainError) as crossed:
        TotalLossPolicy(threshold=D("0.80"), warning=D("0.90"))
    assert crossed.value.message_zh == "推定全损预警线 90% 高于全损线 80%"
    with pytest.raises(DomainError) as share:
        TotalLossPolicy(salvage_share=D("1.5"))
    assert share.value.code == "settlement.bad_share"
    assert "整车残值比例" in share.value.message_zh


def test_percent() -> None:
    assert percent(D("0.8")) == "80%"
    assert percent(D("1.05595"), 2) == "105.60%"

"""The settlement figures of the settings: the schema's defaults are settlement.md's (the
same as the domain's own defaults), and the rules between two figures."""

from __future__ import annotations

from decimal import Decimal

from estimator.domain.settings_schema import Settings
from estimator.domain.settlement import TotalLossPolicy
from estimator.domain.settlement_payout import LIABILITY_SHARES, CompulsoryLimits
from estimator.domain.settlement_settings import (
    compulsory_limits,
    liability_shares,
    settlement_problem,
    total_loss_policy,
)


def test_the_defaults_are_settlement_md_s() -> None:
    defaults = Settings.of({})
    assert total_loss_policy(defaults) == TotalLossPolicy()
    assert compulsory_limits(defaults) == CompulsoryLimits()
    assert liability_shares(defaults) == LIABILITY_SHARES
    assert settlement_problem(defaults) is None


def test_stored_values_are_read() -> None:
    settings = Settings.of(
        {
            "settlement.total_loss.threshold": "0.9",
            "settlement.compulsory.with_liability": "1500",
            "settlement.liability.minor": "0.25",
        }
    )
    assert total_loss_policy(settings).threshold == Decimal("0.9")
    assert compulsory_limits(settings).limit(Decimal("0.25")) == Decimal("1500")
    assert compulsory_limits(settings).limit(Decimal(0)) == Decimal("100.00")
    assert liability_shares(settings)["minor"] == Decimal("0.25")


def test_figures_that_cannot_hold_together_are_named() -> None:
    warning = settlement_problem(Settings.of({"settlement.total_loss.threshold": "0.75"}))
    assert warning is not None
    assert warning.reason("zh") == "接近推定全损提示比例 80.00% 不能高于推定全损比例 75.00%"
    limits = settlement_problem(Settings.of({"settlement.compulsory.without_liability": "2500"}))
    assert limits is not None and limits.code == "settlement.settings.limits_reversed"
    assert "2500" in limits.reason("en") and "2000.00" in limits.reason("en")

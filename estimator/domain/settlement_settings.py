"""The settlement figures in force from the settings (settlement.md: "all rates, limits and
tables here are configuration data"): the total-loss lines, the compulsory cover's property
limits and the named liability shares, and the rules between them a single setting's bounds
cannot say (the warning line not past the threshold, the not-at-fault limit not above the
at-fault one). Pure: the services read the settings and pass these to the payout."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from estimator.domain.settings_schema import Settings
from estimator.domain.settlement import TotalLossPolicy, percent
from estimator.domain.settlement_payout import LIABILITY_SHARES, CompulsoryLimits
from kernel.problems import Problem, register_messages

register_messages(
    {
        "settlement.settings.warning_above_threshold": (
            "接近推定全损提示比例 {warning} 不能高于推定全损比例 {threshold}",
            "the near-total-loss warning line {warning} cannot be above the total-loss "
            "threshold {threshold}",
        ),
        "settlement.settings.limits_reversed": (
            "交强险无责财产损失限额 {without} 元不能高于有责限额 {with_} 元",
            "the compulsory property limit when not at fault ({without} yuan) cannot be above "
            "the limit when at fault ({with_} yuan)",
        ),
    }
)


def total_loss_policy(settings: Settings) -> TotalLossPolicy:
    """The threshold, the warning line and the salvage share in force."""
    return TotalLossPolicy(
        threshold=settings.decimal("settlement.total_loss.threshold"),
        warning=settings.decimal("settlement.total_loss.warning"),
        salvage_share=settings.decimal("settlement.total_loss.salvage_share"),
    )


def compulsory_limits(settings: Settings) -> CompulsoryLimits:
    """The compulsory cover's property-damage limits, at fault and not at fault."""
    return CompulsoryLimits(
        with_liability=settings.decimal("settlement.compulsory.with_liability"),
        without_liability=settings.decimal("settlement.compulsory.without_liability"),
    )


def liability_shares(settings: Settings) -> Mapping[str, Decimal]:
    """The share of each named liability (full, main, equal, minor, none)."""
    return {name: settings.decimal(f"settlement.liability.{name}") for name in LIABILITY_SHARES}


def settlement_problem(settings: Settings) -> Problem | None:
    """Why these settings cannot be in force together (None: they can)."""
    warning = settings.decimal("settlement.total_loss.warning")
    threshold = settings.decimal("settlement.total_loss.threshold")
    if warning > threshold:
        return Problem(
            "settlement.settings.warning_above_threshold",
            params={"warning": percent(warning, 2), "threshold": percent(threshold, 2)},
        )
    with_ = settings.decimal("settlement.compulsory.with_liability")
    without = settings.decimal("settlement.compulsory.without_liability")
    if without > with_:
        return Problem(
            "settlement.settings.limits_reversed", params={"without": without, "with_": with_}
        )
    return None

"""Constructive total loss (推定全损) and its settlement (settlement.md). Pure.

A vehicle is a total loss when repair cost plus rescue cost reaches its actual value × the
threshold (default 100 %); from the warning line (default 80 %) it is near a total loss. A total
loss is settled on the actual value less the whole vehicle's salvage (整车残值: entered, or a
share of the actual value, default 10 %), not on the repair estimate. The payout estimate that
builds on this is in ``settlement_payout``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from estimator.domain import settlement_messages
from estimator.domain.errors import DomainError
from estimator.domain.settlement_messages import worded
from kernel.money import round_fen
from kernel.problems import Worded, WordedByCode

DEFAULT_THRESHOLD = Decimal("1.00")
DEFAULT_WARNING = Decimal("0.80")
DEFAULT_SALVAGE_SHARE = Decimal("0.10")


def _grouped(amount: Decimal) -> str:
    """An amount in a sentence, to the fen with thousands separated (109,800.00)."""
    return f"{round_fen(amount):,.2f}"


def percent(share: Decimal, places: int = 0) -> str:
    """A share as a percentage: ``percent(Decimal("0.8"))`` is ``80%``, two places ``80.00%``."""
    step = Decimal(1).scaleb(-places)
    return f"{(share * 100).quantize(step, rounding=ROUND_HALF_UP)}%"


def check_share(
    name: Worded, value: Decimal, minimum: Decimal = Decimal(0), maximum: Decimal = Decimal(1)
) -> Decimal:
    """``value`` if it lies in [minimum, maximum], else DomainError naming the field."""
    if not (value.is_finite() and minimum <= value <= maximum):
        raise DomainError(
            "settlement.bad_share", field=name, minimum=minimum, maximum=maximum, value=value
        )
    return value


@dataclass(frozen=True)
class TotalLossPolicy:
    """The configurable lines of a total loss: threshold, warning line, default salvage share."""

    threshold: Decimal = DEFAULT_THRESHOLD
    warning: Decimal = DEFAULT_WARNING
    salvage_share: Decimal = DEFAULT_SALVAGE_SHARE

    def __post_init__(self) -> None:
        check_share(
            worded("settlement.field.threshold"), self.threshold, Decimal("0.01"), Decimal(2)
        )
        check_share(worded("settlement.field.warning"), self.warning, Decimal("0.01"), Decimal(2))
        check_share(
            worded("settlement.field.salvage_share"),
            self.salvage_share,
            Decimal(0),
            Decimal("0.99"),
        )
        if self.warning > self.threshold:
            raise DomainError(
                "settlement.warning_above_threshold",
                warning=percent(self.warning),
                threshold=percent(self.threshold),
            )


class LossState(StrEnum):
    """Where a vehicle's repair cost stands against its actual value."""

    REPAIR = "repair"
    NEAR_TOTAL_LOSS = "near_total_loss"
    TOTAL_LOSS = "total_loss"

    def word(self, language: str) -> str:
        """The state in words (维修 / 接近推定全损 / 推定全损)."""
        return settlement_messages.word(f"settlement.state.{self.value}", language)


@dataclass(frozen=True)
class TotalLossAssessment(WordedByCode):
    """Repair and rescue cost against the actual value: the ratio, the state, and (whatever
    the state) what a total loss would be settled at; worded by ``message_zh``/``message_en``."""

    repair_cost: Decimal
    rescue_cost: Decimal
    actual_value: Decimal
    policy: TotalLossPolicy
    #: (repair + rescue) / actual value, to four places (for display; the state uses exact sums).
    ratio: Decimal
    state: LossState
    #: The whole vehicle's salvage (entered, or the policy's share of the actual value).
    salvage: Decimal
    salvage_entered: bool
    #: Actual value less salvage: what a total loss is settled at.
    settlement: Decimal
    code: str = ""
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    @property
    def cost(self) -> Decimal:
        """Repair plus rescue cost."""
        return self.repair_cost + self.rescue_cost

    @property
    def total_loss(self) -> bool:
        """Whether the vehicle is settled as a total loss."""
        return self.state is LossState.TOTAL_LOSS


def whole_vehicle_salvage(
    actual_value: Decimal, entered: Decimal | None, policy: TotalLossPolicy
) -> Decimal:
    """The salvage entered, else the policy's share of the actual value (to the fen)."""
    if entered is None:
        return round_fen(actual_value * policy.salvage_share)
    if entered < 0:
        raise DomainError(
            "settlement.negative_amount", field=worded("settlement.field.salvage"), value=entered
        )
    if entered > actual_value:
        raise DomainError("settlement.salvage_above_value", salvage=entered, value=actual_value)
    return entered


def assess_total_loss(
    repair_cost: Decimal,
    rescue_cost: Decimal,
    actual_value: Decimal,
    policy: TotalLossPolicy | None = None,
    salvage: Decimal | None = None,
) -> TotalLossAssessment:
    """Compare repair + rescue with ``actual_value`` × the threshold and the warning line."""
    policy = policy or TotalLossPolicy()
    for name, amount in (
        (worded("settlement.field.repair_cost"), repair_cost),
        (worded("settlement.field.rescue_cost"), rescue_cost),
    ):
        if amount < 0:
            raise DomainError("settlement.negative_amount", field=name, value=amount)
    if actual_value <= 0:
        raise DomainError("settlement.new_price_not_positive", value=actual_value)
    cost = repair_cost + rescue_cost
    if cost >= actual_value * policy.threshold:
        state = LossState.TOTAL_LOSS
    elif cost >= actual_value * policy.warning:
        state = LossState.NEAR_TOTAL_LOSS
    else:
        state = LossState.REPAIR
    ratio = (cost / actual_value).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    whole_salvage = whole_vehicle_salvage(actual_value, salvage, policy)
    settled = actual_value - whole_salvage
    params: dict[str, object] = {
        "cost": _grouped(cost),
        "value": _grouped(actual_value),
        "ratio": percent(ratio, 2),
    }
    if state is LossState.NEAR_TOTAL_LOSS:
        params["warning"] = percent(policy.warning)
    if state is LossState.TOTAL_LOSS:
        params.update(
            threshold=percent(policy.threshold),
            salvage=_grouped(whole_salvage),
            settlement=_grouped(settled),
        )
    return TotalLossAssessment(
        repair_cost=repair_cost,
        rescue_cost=rescue_cost,
        actual_value=actual_value,
        policy=policy,
        ratio=ratio,
        state=state,
        salvage=whole_salvage,
        salvage_entered=salvage is not None,
        settlement=settled,
        code=f"settlement.assessed.{state.value}",
        params=params,
    )

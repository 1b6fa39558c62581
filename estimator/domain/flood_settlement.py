"""What the insurer pays for a flooded stock (flood-assessment.md, the policy sheet). Pure.

From the assessment's net loss (gross loss less salvage) to the payable amount under the
policy: the insurable value (book value, else the counted stock), the average clause
(比例赔付), the deductible (the higher of an amount and a rate of the loss), rescue costs
(施救费用) capped separately at the sum insured (Insurance Law art. 57) and debris removal
(清理费) when the policy covers it. Every step is kept so the report can print it.

Decisions the contract leaves open, taken here:
- The average clause multiplies by sum insured ÷ insurable value as an exact fraction, and
  the product is rounded to the fen (ROUND_HALF_UP); the ratio is only *shown* rounded to
  four places, so a printed ratio times the net loss may differ from the line by a fen.
- The deductible rate applies to the loss after the average clause; the higher-of amount is
  rounded to the fen before it is compared.
- Debris removal is paid as incurred: the contract applies neither the ratio nor a cap.
- A negative net loss (salvage above the loss) pays nothing: the floor is zero.
- ``vat_basis`` is declared, not converted: the figures are used as the workbook holds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from kernel.money import ZERO, format_money, round_fen
from kernel.problems import Problem, register_messages

ONE = Decimal("1")
#: Places the average ratio is shown with (it is computed exactly).
RATIO_PLACES = Decimal("0.0001")

register_messages(
    {
        "flood_policy_no_sum_insured": (
            "保险金额必须大于 0",
            "the sum insured must be more than 0",
        ),
        "flood_policy_rate_range": (
            "免赔率应在 0 到 1 之间 (如 0.1 表示 10%)",
            "the deductible rate must be between 0 and 1 (0.1 means 10 %)",
        ),
        "flood_policy_negative": (
            "金额不能为负数",
            "the amount must not be negative",
        ),
        "flood_policy_no_value": (
            "保险价值为 0 (没有账面价值，存货清单也没有金额)，无法计算比例赔付",
            "the insurable value is 0 (no book value and no stock value in the inventory); "
            "the average clause cannot be applied",
        ),
    }
)


class VatBasis(StrEnum):
    """Whether the workbook's costs include VAT (declared; no conversion is made)."""

    INCLUDED = "included"
    EXCLUDED = "excluded"


VAT_BASIS_ZH = {VatBasis.INCLUDED: "含税", VatBasis.EXCLUDED: "不含税"}


@dataclass(frozen=True)
class Policy:
    """The policy sheet's values (保单): ``debris_costs`` None when debris is not covered."""

    sum_insured: Decimal
    deductible_amount: Decimal = ZERO
    deductible_rate: Decimal = ZERO
    rescue_costs: Decimal = ZERO
    debris_costs: Decimal | None = None
    vat_basis: VatBasis = VatBasis.INCLUDED
    book_value: Decimal | None = None


def check_policy(policy: Policy, sheet: str = "policy", row: int | None = 2) -> list[Problem]:
    """Every value of ``policy`` that cannot be settled on, named by sheet, row and column."""
    problems: list[Problem] = []
    if policy.sum_insured <= 0:
        problems.append(
            Problem("flood_policy_no_sum_insured", sheet, row, "sum_insured", policy.sum_insured)
        )
    if not ZERO <= policy.deductible_rate <= ONE:
        problems.append(
            Problem(
                "flood_policy_rate_range", sheet, row, "deductible_rate", policy.deductible_rate
            )
        )
    amounts = {
        "deductible_amount": policy.deductible_amount,
        "rescue_costs": policy.rescue_costs,
        "debris_costs": policy.debris_costs,
        "book_value": policy.book_value,
    }
    for column, value in amounts.items():
        if value is not None and value < 0:
            problems.append(Problem("flood_policy_negative", sheet, row, column, value))
    return problems


@dataclass(frozen=True)
class Settlement:
    """Every step from the net loss to the payable amount (flood-assessment.md, Payable)."""

    policy: Policy
    #: Σ qty × unit_cost of the counted inventory.
    counted_value: Decimal
    #: ``book_value`` when given, else the counted value.
    insurable_value: Decimal
    #: Book value less counted value (账实核对); None without a book value.
    book_difference: Decimal | None
    #: Sum insured ÷ insurable value when under-insured, else 1 (exact).
    average_ratio: Decimal
    net_loss: Decimal
    #: Net loss × ratio, to the fen.
    adjusted_loss: Decimal
    #: The higher of the deductible amount and adjusted loss × rate (to the fen).
    deductible: Decimal
    #: Adjusted loss less deductible, not below 0, capped at the sum insured.
    loss_payable: Decimal
    #: Rescue costs × ratio, capped separately at the sum insured.
    rescue: Decimal
    #: Debris removal as incurred; None when the policy does not cover it.
    debris: Decimal | None
    payable: Decimal
    #: The gross loss and the salvage the net loss came from, when known (for the report).
    gross_loss: Decimal | None = None
    salvage: Decimal | None = None
    #: The first estimate's net (assumed rules, no disposal) when the net loss comes from the
    #: lots (分批核定); None when the net loss is the assessment's own.
    assumed_net: Decimal | None = None

    @property
    def sum_insured(self) -> Decimal:
        """The policy's sum insured."""
        return self.policy.sum_insured

    @property
    def under_insured(self) -> bool:
        """The average clause bites (ratio below 1)."""
        return self.average_ratio < ONE

    @property
    def shown_ratio(self) -> str:
        """The ratio as printed: four places."""
        return str(self.average_ratio.quantize(RATIO_PLACES, rounding=ROUND_HALF_UP))

    def to_json(self) -> dict[str, str | None]:
        """The documented ``settlement`` object: amounts as strings with two places."""
        return {
            "insurable_value": format_money(self.insurable_value),
            "sum_insured": format_money(self.sum_insured),
            "average_ratio": self.shown_ratio,
            "net_loss": format_money(self.net_loss),
            "deductible": format_money(self.deductible),
            "rescue": format_money(self.rescue),
            "debris": None if self.debris is None else format_money(self.debris),
            "payable": format_money(self.payable),
        }


def counted_value(lines: Iterable[tuple[int, Decimal]]) -> Decimal:
    """Σ qty × unit_cost of (qty, unit_cost) pairs, to the fen."""
    return round_fen(sum((qty * cost for qty, cost in lines), ZERO))


def settle(
    policy: Policy,
    net_loss: Decimal,
    counted: Decimal,
    *,
    gross_loss: Decimal | None = None,
    salvage: Decimal | None = None,
    assumed_net: Decimal | None = None,
) -> Settlement:
    """The payable amount for ``net_loss`` under ``policy``, with the stock counted at
    ``counted`` (Σ qty × unit_cost); ``gross_loss``, ``salvage`` and ``assumed_net`` (the
    first estimate's net, when ``net_loss`` is the lots') are only printed.
    ``policy`` must pass :func:`check_policy`, and the insurable value must be above 0
    (``ValueError`` otherwise)."""
    insurable = counted if policy.book_value is None else policy.book_value
    if insurable <= 0:
        raise ValueError("the insurable value is 0; check the inputs first")
    si = policy.sum_insured
    if si < insurable:
        ratio = si / insurable
        adjusted = round_fen(net_loss * si / insurable)
        rescue_share = round_fen(policy.rescue_costs * si / insurable)
    else:
        ratio = ONE
        adjusted = round_fen(net_loss)
        rescue_share = round_fen(policy.rescue_costs)
    deductible = max(
        round_fen(policy.deductible_amount), round_fen(adjusted * policy.deductible_rate)
    )
    loss_payable = min(max(adjusted - deductible, ZERO), si)
    rescue = min(max(rescue_share, ZERO), si)
    debris = None if policy.debris_costs is None else round_fen(policy.debris_costs)
    payable = round_fen(loss_payable + rescue + (debris or ZERO))
    return Settlement(
        policy=policy,
        counted_value=counted,
        insurable_value=insurable,
        book_difference=None if policy.book_value is None else policy.book_value - counted,
        average_ratio=ratio,
        net_loss=net_loss,
        adjusted_loss=adjusted,
        deductible=deductible,
        loss_payable=round_fen(loss_payable),
        rescue=rescue,
        debris=debris,
        payable=payable,
        gross_loss=gross_loss,
        salvage=salvage,
        assumed_net=assumed_net,
    )


def settlement_problems(policy: Policy, counted: Decimal, sheet: str = "policy") -> list[Problem]:
    """:func:`check_policy` and, when it passes, whether there is an insurable value at all."""
    problems = check_policy(policy, sheet)
    insurable = counted if policy.book_value is None else policy.book_value
    if not problems and insurable <= 0:
        column = "book_value" if policy.book_value is not None else None
        problems.append(Problem("flood_policy_no_value", sheet, 2, column))
    return problems

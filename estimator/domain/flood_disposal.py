"""What is done with each lot of a flood assessment (处置, flood-assessment.md "Disposal"). Pure.

Each lot (category, SKU, state) can be

- ``recondition`` (修复/整理): its loss as assessed (measured with test results, else assumed)
  less the rules' salvage of its written-off units (with test results: the failed share of it);
- ``damaged_sale`` (处理品销售): sold as damaged goods; loss = lot value × discount rate, or lot
  value − a buyer's quote (a quote wins over a rate; never below 0), no salvage. Offered only
  when the lot has a rate or a quote (per lot, on the inventory workbook's ``disposal`` sheet);
- ``write_off`` (报废): loss = lot value, salvage = lot value × the category's salvage ratio.

The options are compared on their net (loss − salvage); the cheapest is proposed, ties going
to recondition, then sale, then write-off. The adjuster may choose another option with a
reason; without a choice the proposal applies.

Decisions the contract leaves open, taken here:
- Recondition under the assumed rules is exactly the first estimate's lines (loss and salvage),
  so an assessment with no tests and no disposal sheet keeps its net whenever recondition is
  proposed. When writing off is cheaper (a repair costing near the unit cost while the salvage
  ratio is high), write-off is proposed and the net falls: "the cheapest is proposed".
- The lot value is Σ per stack line of units × unit cost rounded to the fen, and the
  write-off salvage rounds per line too, like the rules: a lot the rules already write off
  costs the same reconditioned or written off (a tie, so recondition).
- A discount rate is given per lot (disposal sheet) or as a category default
  (``damaged_discount`` on the rules sheet's ``*`` row); the lot's own rate or quote wins.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from estimator.domain.flood_lots import (
    Lot,
    LotAssessment,
    TestResult,
    lot_words,
    measured_loss,
    row_gate,
)
from kernel.money import ZERO, round_fen
from kernel.problems import Problem, Worded, register_messages

#: The inventory workbook's sheet of disposal choices.
DISPOSAL_SHEET = "disposal"


class DisposalOption(StrEnum):
    """What is done with a lot, in the order ties are broken."""

    RECONDITION = "recondition"
    DAMAGED_SALE = "damaged_sale"
    WRITE_OFF = "write_off"


DISPOSAL_ZH: Mapping[DisposalOption, str] = {
    DisposalOption.RECONDITION: "修复/整理",
    DisposalOption.DAMAGED_SALE: "处理品销售",
    DisposalOption.WRITE_OFF: "报废",
}
_ORDER = tuple(DisposalOption)

register_messages(
    {
        "flood_disposal_duplicate": (
            "批次 {category} / {sku} / “{state}”的处置重复",
            "the lot {category} / {sku} / '{state}' has a second disposal row",
        ),
        "flood_disposal_no_reason": (
            "批次 {category} / {sku} / “{state}”选择“{choice}”而非建议的“{proposed}”，须填写理由",
            "the lot {category} / {sku} / '{state}' chooses '{choice}' instead of the "
            "proposed '{proposed}': a reason is needed",
        ),
        "flood_disposal_no_price": (
            "批次 {category} / {sku} / “{state}”按处理品销售须填写折扣率或买方报价",
            "the lot {category} / {sku} / '{state}' sold as damaged goods needs a discount "
            "rate or a buyer's quote",
        ),
    }
)


@dataclass(frozen=True)
class OptionCost:
    """One disposal option of a lot and its money (to the fen)."""

    option: DisposalOption
    loss: Decimal
    salvage: Decimal

    @property
    def net(self) -> Decimal:
        """Loss less salvage: what the options are compared on."""
        return self.loss - self.salvage


@dataclass(frozen=True)
class DisposalChoice:
    """A row of the disposal sheet: the adjuster's choice for a lot and the sale's price."""

    category: str
    sku: str
    state: str
    choice: DisposalOption | None = None
    reason: str = ""
    discount_rate: Decimal | None = None
    quote: Decimal | None = None
    #: The row it came from, to point problems back at it.
    source_row: int | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        """(category, sku, state) of the lot it is for."""
        return self.category, self.sku, self.state


@dataclass(frozen=True)
class Disposal:
    """A lot's options, the proposal (the cheapest), the option chosen and why."""

    options: tuple[OptionCost, ...]
    proposed: DisposalOption
    chosen: DisposalOption
    reason: str = ""

    def option(self, option: DisposalOption) -> OptionCost | None:
        """The option's money, or None when the lot does not offer it."""
        return next((o for o in self.options if o.option is option), None)

    @property
    def _chosen(self) -> OptionCost:
        found = self.option(self.chosen)
        if found is None:
            raise ValueError(f"{self.chosen} is not an option of this lot")
        return found

    @property
    def loss(self) -> Decimal:
        """The loss under the chosen option."""
        return self._chosen.loss

    @property
    def salvage(self) -> Decimal:
        """The salvage under the chosen option."""
        return self._chosen.salvage

    @property
    def net(self) -> Decimal:
        """Loss less salvage under the chosen option."""
        return self._chosen.net


def disposal_options(
    lot: Lot,
    salvage_ratio: Decimal,
    *,
    result: TestResult | None = None,
    discount_rate: Decimal | None = None,
    quote: Decimal | None = None,
) -> tuple[OptionCost, ...]:
    """The lot's options in tie order: recondition (measured with ``result``), damaged sale
    (only with a rate or a quote; the quote wins), write-off with salvage."""
    if result is None:
        loss, salvage = lot.assumed_loss, lot.assumed_salvage
    else:
        loss = measured_loss(lot, result.tested, result.failed)
        salvage = round_fen(lot.assumed_salvage * result.failed / result.tested)
    value = lot.value
    options = [OptionCost(DisposalOption.RECONDITION, loss, salvage)]
    if quote is not None:
        options.append(OptionCost(DisposalOption.DAMAGED_SALE, max(value - quote, ZERO), ZERO))
    elif discount_rate is not None:
        options.append(
            OptionCost(DisposalOption.DAMAGED_SALE, round_fen(value * discount_rate), ZERO)
        )
    write_off_salvage = sum((round_fen(v * salvage_ratio) for v in lot.line_values), ZERO)
    options.append(OptionCost(DisposalOption.WRITE_OFF, value, write_off_salvage))
    return tuple(options)


def propose(options: Sequence[OptionCost]) -> DisposalOption:
    """The cheapest option on its net; ties: recondition, then sale, then write-off."""
    return min(options, key=lambda o: (o.net, _ORDER.index(o.option))).option


def dispose(
    lot: Lot,
    salvage_ratio: Decimal,
    result: TestResult | None = None,
    choice: DisposalChoice | None = None,
    default_discount: Decimal | None = None,
) -> Disposal:
    """The lot's options, the proposal, and the option applied: the adjuster's choice when
    given (it must pass :func:`check_choices`), else the proposal. The lot's own discount
    rate wins over the category's ``default_discount``."""
    own = None if choice is None else choice.discount_rate
    options = disposal_options(
        lot,
        salvage_ratio,
        result=result,
        discount_rate=default_discount if own is None else own,
        quote=None if choice is None else choice.quote,
    )
    proposed = propose(options)
    chosen = proposed if choice is None or choice.choice is None else choice.choice
    return Disposal(options, proposed, chosen, "" if choice is None else choice.reason)


def check_choices(
    assessed: Sequence[LotAssessment],
    salvage_ratios: Mapping[str, Decimal],
    choices: Sequence[DisposalChoice],
    sheet: str = DISPOSAL_SHEET,
    discounts: Mapping[str, Decimal] | None = None,
) -> list[Problem]:
    """Why each choice cannot be used (none: all can): a row naming no lot, a lot's second
    row, a sale without a price, another option than the proposal without a reason."""
    by_key = {a.lot.key: a for a in assessed}
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for c in choices:
        row = c.source_row
        params = lot_words(c.category, c.sku, c.state)
        gate = row_gate(
            by_key, seen, c.key, (sheet, row, c.sku), params, "flood_disposal_duplicate"
        )
        if gate is not None:
            problems.append(gate)
            continue
        found = by_key[c.key]
        default = (discounts or {}).get(c.category)
        priced = c.discount_rate is not None or c.quote is not None or default is not None
        if c.choice is DisposalOption.DAMAGED_SALE and not priced:
            problems.append(
                Problem("flood_disposal_no_price", sheet, row, "choice", c.choice.value, params)
            )
            continue
        d = dispose(found.lot, salvage_ratios.get(c.category, ZERO), found.result, c, default)
        if d.chosen is not d.proposed and not c.reason.strip():
            params["choice"] = Worded(DISPOSAL_ZH[d.chosen], d.chosen.value)
            params["proposed"] = Worded(DISPOSAL_ZH[d.proposed], d.proposed.value)
            problems.append(Problem("flood_disposal_no_reason", sheet, row, "reason", "", params))
    return problems


def dispose_lots(
    assessed: Sequence[LotAssessment],
    salvage_ratios: Mapping[str, Decimal],
    choices: Sequence[DisposalChoice] = (),
    discounts: Mapping[str, Decimal] | None = None,
) -> tuple[LotAssessment, ...]:
    """Each lot with its disposal (the choice, else the proposal); ``discounts`` are the
    categories' default discount rates of a damaged sale. The choices must pass
    :func:`check_choices` (otherwise ``ValueError``)."""
    problems = check_choices(assessed, salvage_ratios, choices, discounts=discounts)
    if problems:
        raise ValueError(problems[0].reason("en"))
    by_key = {c.key: c for c in choices}
    defaults = discounts or {}
    return tuple(
        replace(
            a,
            disposal=dispose(
                a.lot,
                salvage_ratios.get(a.lot.category, ZERO),
                a.result,
                by_key.get(a.lot.key),
                defaults.get(a.lot.category),
            ),
        )
        for a in assessed
    )


def lots_net(assessed: Sequence[LotAssessment]) -> tuple[Decimal, Decimal]:
    """(loss, salvage) summed over the lots under their disposal: what is settled."""
    loss = sum((a.settled_loss for a in assessed), ZERO)
    return loss, sum((a.salvage for a in assessed), ZERO)

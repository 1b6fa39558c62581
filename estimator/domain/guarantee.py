"""The no-price-difference guarantee (无差价承诺): whether an estimate qualifies, and the
reconciliation of the shop's final invoice against the approved estimate. Pure."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from estimator.domain.estimate import LineKind
from estimator.domain.pricing import PricedEstimate
from kernel.problems import Worded, WordedByCode
from parts_catalog.model import PriceType, normalize_part_no


@dataclass(frozen=True)
class PartnerAgreement:
    """A partner shop's agreement: the price type agreed per part category, and its validity."""

    shop_name: str
    valid_from: dt.date
    valid_to: dt.date
    price_types: Mapping[str, PriceType] = field(default_factory=dict)
    default_price_type: PriceType = PriceType.OEM_MARKET


@dataclass(frozen=True)
class Disqualification(WordedByCode):
    """Why an estimate cannot carry the guarantee (a line index, or None for the estimate)."""

    line: int | None
    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False)


def qualification(
    priced: PricedEstimate,
    agreement: PartnerAgreement | None,
    on: dt.date,
    categories: Mapping[str, str],
) -> list[Disqualification]:
    """Every reason the estimate does not qualify (none: it qualifies). ``categories`` gives
    each part number's catalog category."""
    e = priced.estimate
    if agreement is None or not e.partner:
        return [Disqualification(None, "not_a_partner_shop")]
    reasons = []
    if not agreement.valid_from <= on <= agreement.valid_to:
        reasons.append(
            Disqualification(
                None,
                "agreement_not_in_force",
                {"valid_from": agreement.valid_from, "valid_to": agreement.valid_to},
            )
        )
    for line in priced.lines:
        if line.kind is not LineKind.PART or line.price_type is None:
            continue
        agreed = agreement.price_types.get(
            categories.get(line.part_no, ""), agreement.default_price_type
        )
        if line.price_type is not agreed:
            reasons.append(
                Disqualification(
                    line.index,
                    "price_type_not_agreed",
                    {
                        "part_no": line.part_no,
                        "price_type": Worded(line.price_type.label_zh, line.price_type.value),
                        "agreed": Worded(agreed.label_zh, agreed.value),
                    },
                )
            )
        if (
            line.looked_up_unit_price is not None
            and line.unit_price is not None
            and line.unit_price > line.looked_up_unit_price
        ):
            reasons.append(
                Disqualification(line.index, "above_catalog_price", {"part_no": line.part_no})
            )
    return reasons


class Outcome(StrEnum):
    """How an invoice line compares with the approved estimate."""

    MATCHED = "matched"
    OVER = "over"
    UNDER = "under"
    NOT_ON_ESTIMATE = "not_on_estimate"  # reconciliations stored before the two below
    CUSTOMER_OWN = "customer_own"  # not on the estimate; confirmed as the customer's purchase
    NEEDS_SUPPLEMENT = "needs_supplement"  # not on the estimate; nobody authorised it yet
    NOT_INVOICED = "not_invoiced"


@dataclass(frozen=True)
class InvoiceLine:
    """A line of the shop's final invoice."""

    item: str  # part number, or the description of labor and other items
    description: str
    amount: Decimal
    qty: Decimal = Decimal(1)
    unit_price: Decimal | None = None  # as invoiced, when given
    customer_own: bool = False  # confirmed with the customer as their own purchase


@dataclass(frozen=True)
class Reconciled:
    """One reconciled item: amounts, difference (invoice − estimate) and who bears it."""

    outcome: Outcome
    item: str
    description: str
    estimate_amount: Decimal
    invoice_amount: Decimal
    borne_by: str  # "" (no difference, or not decided yet), "insurer", "shop", "customer"

    @property
    def difference(self) -> Decimal:
        """Invoice minus estimate."""
        return self.invoice_amount - self.estimate_amount


def _key(text: str) -> str:
    cleaned = unicodedata.normalize("NFKC", text).strip()
    part = normalize_part_no(cleaned)
    return part if part.isascii() and part.isalnum() else "".join(cleaned.split())


def reconcile(
    approved: Mapping[str, tuple[str, Decimal]], invoice: Sequence[InvoiceLine], *, guarantee: bool
) -> list[Reconciled]:
    """Match invoice lines to the approved items (part number, or description): matched,
    over, under, not on the estimate, not invoiced. Under the guarantee an overrun is the
    shop's, never the customer's; without it the customer's. An item that was never on the
    estimate is the customer's own purchase when the line says so (confirmed with the
    customer), otherwise it needs a supplement and nobody bears it yet: it is never
    silently the shop's loss."""
    remaining = {_key(k): (k, name, amount) for k, (name, amount) in approved.items()}
    result = []
    overrun_payer = "shop" if guarantee else "customer"
    for line in invoice:
        found = remaining.pop(_key(line.item), None) or remaining.pop(_key(line.description), None)
        if found is None:
            own = line.customer_own
            result.append(
                Reconciled(
                    Outcome.CUSTOMER_OWN if own else Outcome.NEEDS_SUPPLEMENT,
                    line.item,
                    line.description,
                    Decimal("0.00"),
                    line.amount,
                    "customer" if own else "",
                )
            )
            continue
        item, name, amount = found
        if line.amount == amount:
            result.append(Reconciled(Outcome.MATCHED, item, name, amount, line.amount, ""))
        elif line.amount > amount:
            result.append(Reconciled(Outcome.OVER, item, name, amount, line.amount, overrun_payer))
        else:
            result.append(Reconciled(Outcome.UNDER, item, name, amount, line.amount, "insurer"))
    for item, name, amount in remaining.values():
        result.append(
            Reconciled(Outcome.NOT_INVOICED, item, name, amount, Decimal("0.00"), "insurer")
        )
    return result


def approved_items(
    priced: PricedEstimate, reviewed: Mapping[int, Decimal]
) -> dict[str, tuple[str, Decimal]]:
    """The approved estimate as reconcilable items: part number (or description) → amount."""
    items: dict[str, tuple[str, Decimal]] = {}
    for line in priced.lines:
        assert line.index is not None
        key = line.part_no or line.description
        amount = reviewed.get(line.index, line.amount)
        if amount == 0:
            continue  # included in another operation: nothing to invoice
        previous = items.get(key)
        items[key] = (line.description, amount + (previous[1] if previous else Decimal(0)))
    return items

"""What a typed number may be: plain decimals within bounds, per field. Pure.

Quantities, hours, panels, prices and amounts are typed by hand into cells and entry
dialogs. Only a plain decimal is taken (digits, at most one point; a trailing ``h`` on hours):
no sign, exponent, ``nan``/``inf``, thousands separators or more places than the field
carries. A refusal says why, in both languages, and nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from estimator.domain import messages  # noqa: F401  (registers the refusals' codes)
from kernel.money import limit
from kernel.problems import Worded, WordedByCode

#: A plain decimal: digits with an optional fraction ("12", "12.5", ".5", "12.").
_PLAIN = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


@dataclass(frozen=True)
class Bounds:
    """The range and places of one field; ``positive``: zero is refused too."""

    name_zh: str
    name_en: str
    maximum: Decimal
    places: int
    positive: bool = False


#: Bounds of every typed field (estimating-rules.md, Money and numbers): the upper bounds
#: are the configured limits every other input is held to (kernel.money.limit, read once
#: at start-up).
BOUNDS: dict[str, Bounds] = {
    "qty": Bounds("数量", "quantity", limit("quantity"), 2, positive=True),
    "hours": Bounds("工时", "hours", limit("hours"), 2),
    "panels": Bounds("幅数", "panels", Decimal("99"), 2),
    "unit_price": Bounds("单价", "unit price", limit("unit_price"), 4),
    "amount": Bounds("金额", "amount", limit("amount"), 2),
    "salvage": Bounds("残值", "salvage", limit("amount"), 2),
    # A flood's water depth in cm (the site depth box stops at 20 m).
    "depth": Bounds("水深", "depth", limit("depth_cm"), 2),
}


@dataclass(frozen=True)
class Refusal(WordedByCode):
    """Why a typed value was not taken: a message code with its parameters."""

    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False)


def parse_entry(text: str, field: str) -> Decimal | Refusal:
    """The typed ``text`` as a Decimal for ``field`` (a key of BOUNDS), or why not."""
    bounds = BOUNDS[field]
    name = Worded(bounds.name_zh, bounds.name_en)
    plain = text.strip()
    if field == "hours":
        plain = plain.removesuffix("h").strip()
    if not plain:
        return Refusal("entry_empty", {"field": name})
    if not _PLAIN.fullmatch(plain):
        return Refusal("entry_not_plain", {"field": name, "text": text.strip()})
    try:
        value = Decimal(plain)
    except InvalidOperation:  # cannot happen for a plain decimal; refused all the same
        return Refusal("entry_not_a_number", {"field": name})
    fraction = plain.partition(".")[2].rstrip("0")
    if len(fraction) > bounds.places:
        return Refusal("entry_places", {"field": name, "places": bounds.places})
    if bounds.positive and value == 0:
        return Refusal("entry_not_positive", {"field": name})
    if value > bounds.maximum:
        return Refusal("entry_too_large", {"field": name, "maximum": bounds.maximum})
    return value

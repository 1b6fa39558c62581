"""What a typed number may be: plain decimals within bounds, per field. Pure.

Quantities, hours, panels, prices and amounts are typed by hand into cells and entry
dialogs. Only a plain decimal is taken (digits, at most one point; a trailing ``h`` on hours):
no sign, exponent, ``nan``/``inf``, thousands separators or more places than the field
carries. A refusal says why, in both languages, and nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kernel.money import limit

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
class Refusal:
    """Why a typed value was not taken."""

    message_zh: str
    message_en: str

    def message(self, language: str) -> str:
        """The reason in ``language`` (zh or en)."""
        return self.message_en if language == "en" else self.message_zh


def parse_entry(text: str, field: str) -> Decimal | Refusal:
    """The typed ``text`` as a Decimal for ``field`` (a key of BOUNDS), or why not."""
    bounds = BOUNDS[field]
    plain = text.strip()
    if field == "hours":
        plain = plain.removesuffix("h").strip()
    if not plain:
        return Refusal(f"请填写{bounds.name_zh}", f"Enter the {bounds.name_en}")
    if not _PLAIN.fullmatch(plain):
        return Refusal(
            f"{bounds.name_zh}只能是不带符号的数字，如 12.5（不能用“{text.strip()}”）",
            f"The {bounds.name_en} must be a plain number such as 12.5, not “{text.strip()}”",
        )
    try:
        value = Decimal(plain)
    except InvalidOperation:  # cannot happen for a plain decimal; refused all the same
        return Refusal(f"{bounds.name_zh}不是数字", f"The {bounds.name_en} is not a number")
    fraction = plain.partition(".")[2].rstrip("0")
    if len(fraction) > bounds.places:
        return Refusal(
            f"{bounds.name_zh}最多 {bounds.places} 位小数",
            f"The {bounds.name_en} has at most {bounds.places} decimal places",
        )
    if bounds.positive and value == 0:
        return Refusal(f"{bounds.name_zh}必须大于 0", f"The {bounds.name_en} must be above 0")
    if value > bounds.maximum:
        return Refusal(
            f"{bounds.name_zh}不能超过 {bounds.maximum:,}",
            f"The {bounds.name_en} cannot exceed {bounds.maximum:,}",
        )
    return value

"""Money and exact decimals: the one place where amounts are built and rounded.

Rules (estimating-rules.md): amounts are ``Decimal`` from input to output, a binary
float never touches money, every line amount is rounded to the fen with ROUND_HALF_UP.
"""

from __future__ import annotations

import os
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN = Decimal("0.01")
ZERO = Decimal("0")
ZERO_FEN = Decimal("0.00")

#: Decimal places allowed by estimating-rules.md.
MONEY_PLACES = 2
UNIT_PRICE_PLACES = 4
QUANTITY_PLACES = 4
HOURS_PLACES = 2
RATE_PLACES = 4

#: Upper bounds of what any input may hold (estimating-rules.md, Money and numbers): a value
#: above its bound is refused with a message, never stored or carried into a total. Each may
#: be changed with the environment variable ``ESTIMATOR_MAX_<NAME>`` (e.g.
#: ``ESTIMATOR_MAX_UNIT_PRICE=50000000``); the README lists them.
DEFAULT_LIMITS: dict[str, Decimal] = {
    "unit_price": Decimal("10000000"),  # a part, an hour of labor, a panel: 10 million yuan
    "amount": Decimal("10000000"),  # a typed-in amount (sublet, towing, salvage)
    "quantity": Decimal("9999"),
    "hours": Decimal("999"),
    "depth_cm": Decimal("10000"),  # flood water and stack heights: 100 m
    "stack_units": Decimal("1000000"),  # units in one stack of a flooded warehouse
}
#: No number anywhere beyond this (10^13 yuan = 10^15 fen, the range the database holds
#: exactly on both engines); also the ceiling of every configured limit.
ABSOLUTE_MAXIMUM = Decimal("1e13")
#: Longest numeric text read at all (digits beyond it are refused before parsing).
MAX_NUMBER_TEXT = 100


def limit(name: str) -> Decimal:
    """The upper bound ``name`` (a key of DEFAULT_LIMITS), as configured in the environment."""
    configured = os.environ.get(f"ESTIMATOR_MAX_{name.upper()}", "").strip()
    if configured:
        try:
            value = Decimal(configured)
        except InvalidOperation:
            value = Decimal("NaN")
        if value.is_finite() and 0 < value <= ABSOLUTE_MAXIMUM:
            return value
    return DEFAULT_LIMITS[name]


def limits() -> dict[str, Decimal]:
    """Every upper bound as configured now (read once for a document of many values)."""
    return {name: limit(name) for name in DEFAULT_LIMITS}


class NotExactError(ValueError):
    """A value that cannot be held exactly as a Decimal of the allowed places."""

    def __init__(self, code: str, value: object, bound: Decimal | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.value = value
        #: The bound passed (``below_minimum``/``above_maximum``), for the message.
        self.bound = bound


def D(value: str | int | Decimal) -> Decimal:  # noqa: N802 - the money constructor, as in Beancount
    """Build a Decimal from text, an int or a Decimal; floats are refused."""
    if isinstance(value, bool | float):
        raise TypeError(f"a {type(value).__name__} cannot hold money exactly: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    text = value.strip().replace(",", "")
    if len(text) > MAX_NUMBER_TEXT:  # 10^5 digits: refused before Decimal works on them
        whole, point, fraction = text.partition(".")
        # "0.000…1" with 5,000 places is over-precise, which says more than "too long".
        too_precise = point and len(whole) <= MAX_NUMBER_TEXT and fraction.isdigit()
        raise NotExactError("too_many_places" if too_precise else "number_text_too_long", value)
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise NotExactError("not_a_number", value) from None
    if not result.is_finite():
        raise NotExactError("not_a_number", value)
    return result


def places(value: Decimal) -> int:
    """Number of decimal places written in ``value`` (trailing zeros count)."""
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def parse_decimal(
    value: str | int | Decimal,
    *,
    max_places: int,
    minimum: Decimal | None = ZERO,
    maximum: Decimal | None = None,
) -> Decimal:
    """Parse and check a decimal: exact, not over-precise, inside [minimum, maximum] and
    never beyond ±ABSOLUTE_MAXIMUM (1e308 or 1e999999999 are refused, not overflowed)."""
    result = D(value)
    if result < -ABSOLUTE_MAXIMUM:
        raise NotExactError("below_minimum", value, -ABSOLUTE_MAXIMUM)
    if result > ABSOLUTE_MAXIMUM:
        raise NotExactError(
            "above_maximum", value, min(maximum or ABSOLUTE_MAXIMUM, ABSOLUTE_MAXIMUM)
        )
    if places(result.normalize()) > max_places:
        raise NotExactError("too_many_places", value)
    if minimum is not None and result < minimum:
        raise NotExactError("below_minimum", value, minimum)
    if maximum is not None and result > maximum:
        raise NotExactError("above_maximum", value, maximum)
    return result


def round_fen(value: Decimal) -> Decimal:
    """Round to the fen, half up: the only rounding of an amount."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def to_scaled_int(value: Decimal, scale: int) -> int:
    """``value`` × 10^scale as an int; refuses values that would lose digits."""
    scaled = value.scaleb(scale)
    integral = scaled.to_integral_value()
    if scaled != integral:
        raise NotExactError("too_many_places", value)
    return int(integral)


def from_scaled_int(value: int, scale: int) -> Decimal:
    """Inverse of :func:`to_scaled_int`, with exactly ``scale`` places."""
    return Decimal(value).scaleb(-scale)


def format_money(value: Decimal) -> str:
    """Two-decimal text of an amount, as printed and exported."""
    return str(round_fen(value))


def format_price(value: Decimal, *, grouped: bool = False) -> str:
    """A unit price: two places, or up to four when the price needs them; ``grouped``
    separates thousands as amounts are on screen (1,850.00)."""
    shown = value.quantize(FEN) if value == value.quantize(FEN) else value.normalize()
    return f"{shown:,f}" if grouped else f"{shown:f}"

"""Money and exact decimals: the one place where amounts are built and rounded.

Rules (estimating-rules.md): amounts are ``Decimal`` from input to output, a binary
float never touches money, every line amount is rounded to the fen with ROUND_HALF_UP.
"""

from __future__ import annotations

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


class NotExactError(ValueError):
    """A value that cannot be held exactly as a Decimal of the allowed places."""

    def __init__(self, code: str, value: object) -> None:
        super().__init__(code)
        self.code = code
        self.value = value


def D(value: str | int | Decimal) -> Decimal:  # noqa: N802 - the money constructor, as in Beancount
    """Build a Decimal from text, an int or a Decimal; floats are refused."""
    if isinstance(value, bool | float):
        raise TypeError(f"a {type(value).__name__} cannot hold money exactly: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        result = Decimal(value.strip().replace(",", ""))
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
    """Parse and check a decimal: exact, not over-precise, inside [minimum, maximum]."""
    result = D(value)
    if places(result.normalize()) > max_places:
        raise NotExactError("too_many_places", value)
    if minimum is not None and result < minimum:
        raise NotExactError("below_minimum", value)
    if maximum is not None and result > maximum:
        raise NotExactError("above_maximum", value)
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


def format_price(value: Decimal) -> str:
    """A unit price: two places, or up to four when the price needs them."""
    if value == value.quantize(FEN):
        return str(value.quantize(FEN))
    return str(value.normalize())

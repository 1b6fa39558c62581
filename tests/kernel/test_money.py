from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kernel.money import (
    D,
    NotExactError,
    format_price,
    from_scaled_int,
    parse_decimal,
    round_fen,
    to_scaled_int,
)


def test_floats_never_become_money() -> None:
    with pytest.raises(TypeError):
        D(2.675)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        D(True)  # type: ignore[arg-type]


def test_text_and_ints_become_exact_decimals() -> None:
    assert D("2.675") == Decimal("2.675")
    assert D(" 1,234.50 ") == Decimal("1234.50")
    assert D(7) == Decimal(7)


@pytest.mark.parametrize("text", ["abc", "", "NaN", "Infinity", "1.2.3"])
def test_non_numbers_are_refused_with_a_code(text: str) -> None:
    with pytest.raises(NotExactError) as caught:
        D(text)
    assert caught.value.code == "not_a_number"


def test_round_fen_rounds_half_up_not_to_even() -> None:
    assert round_fen(Decimal("2.675")) == Decimal("2.68")
    assert round_fen(Decimal("2.665")) == Decimal("2.67")
    assert round_fen(Decimal("0.005")) == Decimal("0.01")
    assert round_fen(Decimal("-0.005")) == Decimal("-0.01")


def test_parse_decimal_refuses_over_precise_and_out_of_range_values() -> None:
    assert parse_decimal("2.50", max_places=2) == Decimal("2.50")
    assert parse_decimal("2.500", max_places=2) == Decimal("2.500")  # trailing zeros are exact
    with pytest.raises(NotExactError, match="too_many_places"):
        parse_decimal("2.675", max_places=2)
    with pytest.raises(NotExactError, match="below_minimum"):
        parse_decimal("-1", max_places=2)
    with pytest.raises(NotExactError, match="above_maximum"):
        parse_decimal("1.5", max_places=2, maximum=Decimal(1))


def test_scaled_int_refuses_to_drop_digits() -> None:
    assert to_scaled_int(Decimal("12.34"), 2) == 1234
    with pytest.raises(NotExactError):
        to_scaled_int(Decimal("12.345"), 2)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_fen_round_trip_is_exact_up_to_ten_to_the_fifteen(fen: int) -> None:
    value = from_scaled_int(fen, 2)
    assert to_scaled_int(value, 2) == fen
    assert value == Decimal(fen) / 100


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False))
def test_round_fen_is_within_half_a_fen(value: Decimal) -> None:
    rounded = round_fen(value)
    assert abs(rounded - value) <= Decimal("0.005")
    assert rounded == rounded.quantize(Decimal("0.01"))


def test_format_price_shows_two_places_unless_more_are_needed() -> None:
    assert format_price(Decimal("1880.0000")) == "1880.00"
    assert format_price(Decimal("2.5000")) == "2.50"
    assert format_price(Decimal("0.1250")) == "0.125"

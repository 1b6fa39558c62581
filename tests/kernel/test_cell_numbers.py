"""Numbers in cells out of any sane range (1e308, 1e-300, 5,000 digits) are refused in words
by the cell converter, not overflowed in storage nor rounded to zero."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kernel.cells import MAX_INTEGER_DIGITS, CellError, cell_decimal, check_number_text


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1e308, "number_too_large"),
        ("1e308", "number_too_large"),
        ("1" * 5000, "number_too_large"),
        (10**17, "number_too_large"),
        (1e-300, "too_many_places"),
        ("0." + "0" * 5000 + "1", "too_many_places"),
    ],
    ids=["float 1e308", "text 1e308", "5000 digits", "10^17", "float 1e-300", "5001 places"],
)
def test_a_number_out_of_bounds_is_a_cell_error(value: object, code: str) -> None:
    with pytest.raises(CellError) as refused:
        cell_decimal(value, places=4)
    assert refused.value.code == code


def test_numbers_within_the_bounds_stay_exact() -> None:
    assert cell_decimal(1.5e-3, places=4) == Decimal("0.0015")
    assert cell_decimal("9" * MAX_INTEGER_DIGITS, places=2) == Decimal("9" * MAX_INTEGER_DIGITS)
    assert cell_decimal(2.675, places=3) == Decimal("2.675")
    check_number_text("not a number")  # left for the parser to refuse in its own words

"""Typed numbers: plain decimals within each field's bounds, or a refusal in both languages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from estimator.domain.entry_values import BOUNDS, Refusal, parse_entry

HOSTILE = [
    "",
    " ",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e1",
    "1E1",
    "-1",
    "+1",
    "1,000",
    "1.000,5",
    "0x10",
    "١٢",
    "1_000",
    "1..2",
    "abc",
    "12abc",
    "１２",
    "--1",
    "1 2",
    "snan",
]


@pytest.mark.parametrize("field", sorted(BOUNDS))
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_refused_for_every_field(field: str, text: str) -> None:
    refused = parse_entry(text, field)
    assert isinstance(refused, Refusal)
    assert refused.message("zh") and refused.message("en")
    assert refused.message("zh") != refused.message("en")


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("2", "qty", Decimal("2")),
        ("1.5", "qty", Decimal("1.5")),
        (" 9999 ", "qty", Decimal("9999")),
        ("0", "hours", Decimal("0")),
        ("2.25h", "hours", Decimal("2.25")),
        ("99", "panels", Decimal("99")),
        ("1.50", "panels", Decimal("1.50")),
        ("12.3456", "unit_price", Decimal("12.3456")),
        (".5", "amount", Decimal("0.5")),
        ("10000000", "amount", Decimal("10000000")),
    ],
)
def test_plain_decimals_within_bounds_are_taken(text: str, field: str, value: Decimal) -> None:
    assert parse_entry(text, field) == value


@pytest.mark.parametrize(
    ("text", "field", "why"),
    [
        ("0", "qty", "大于 0"),
        ("10000", "qty", "9,999"),
        ("1000", "hours", "999"),
        ("1.234", "hours", "2 位小数"),
        ("100", "panels", "99"),
        ("0.123", "panels", "2 位小数"),
        ("1.23456", "unit_price", "4 位小数"),
        ("10000000.01", "amount", "10,000,000"),
        ("1.234", "amount", "2 位小数"),
    ],
)
def test_out_of_bounds_is_refused_with_the_bound(text: str, field: str, why: str) -> None:
    refused = parse_entry(text, field)
    assert isinstance(refused, Refusal)
    assert why in refused.message_zh

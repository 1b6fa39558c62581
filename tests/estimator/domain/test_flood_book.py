"""Book versus counted stock per SKU (账实核对), worked by hand."""

from __future__ import annotations

from decimal import Decimal

from estimator.domain.flood import Stack
from estimator.domain.flood_book import (
    BookCheckLine,
    BookDifference,
    BookLine,
    book_check,
    book_check_json,
    counted_by_sku,
)

D = Decimal


def stack(location: str, sku: str, qty: int, cost: str) -> Stack:
    return Stack(location, sku, "indoor", qty, 8, D("25"), D(cost))


STACKS = [
    stack("A-01", "KFR", 40, "1299.00"),
    stack("A-02", "KFR", 37, "1299.00"),  # KFR: 77 units, 77 × 1,299 = 100,023.00
    stack("A-03", "KFW", 24, "1099.50"),  # KFW: 24 × 1,099.50 = 26,388.00
    stack("A-04", "RC", 500, "18.33"),  # RC: 500 × 18.33 = 9,165.00
]


def test_counted_per_sku_sums_quantities_and_values() -> None:
    assert counted_by_sku(STACKS) == {
        "KFR": (77, D("100023.00")),
        "KFW": (24, D("26388.00")),
        "RC": (500, D("9165.00")),
    }


def test_books_that_agree_list_nothing() -> None:
    book = [BookLine("KFR", 77, D("100023")), BookLine("KFW", 24), BookLine("RC", 500)]
    assert book_check(book, STACKS) == ()


def test_every_kind_of_difference_is_listed_in_sku_order() -> None:
    book = [
        BookLine("RC", 480),  # 20 more counted than booked
        BookLine("KFR", 77, D("101322.00")),  # qty agrees, value 1,299 more on the books
        BookLine("GONE", 5, D("500.00")),  # on the books, not found
    ]
    lines = book_check(book, STACKS)
    assert [(line.sku, line.difference) for line in lines] == [
        ("GONE", BookDifference.BOOK_ONLY),
        ("KFR", BookDifference.VALUE),
        ("KFW", BookDifference.COUNTED_ONLY),
        ("RC", BookDifference.QTY),
    ]
    gone, kfr, kfw, rc = lines
    assert (gone.qty_difference, gone.value_difference) == (-5, D("-500.00"))
    assert (kfr.qty_difference, kfr.value_difference) == (0, D("-1299.00"))
    assert (kfw.qty_difference, kfw.value_difference) == (24, D("26388.00"))
    # RC's books give no value: its value difference is not stated.
    assert (rc.qty_difference, rc.value_difference) == (20, None)


def test_the_json_has_two_decimal_amounts_and_nulls_for_missing_figures() -> None:
    lines = book_check([BookLine("RC", 480), BookLine("KFR", 76, D("98724"))], STACKS[:2])
    assert book_check_json(lines) == [
        {
            "sku": "KFR",
            "difference": "qty",
            "book_qty": 76,
            "counted_qty": 77,
            "qty_difference": 1,
            "book_value": "98724.00",
            "counted_value": "100023.00",
            "value_difference": "1299.00",
        },
        {
            "sku": "RC",
            "difference": "book_only",
            "book_qty": 480,
            "counted_qty": None,
            "qty_difference": -480,
            "book_value": None,
            "counted_value": None,
            "value_difference": None,
        },
    ]
    assert isinstance(lines[0], BookCheckLine)

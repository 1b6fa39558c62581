"""Book versus counted stock per SKU (账实核对, flood-assessment.md). Pure.

The insured's accounts list per SKU the quantity (and optionally the value) on the books on
the day; the survey counted the stacks. Per SKU the counted quantity is Σ qty of its stacks
and the counted value Σ qty × unit_cost. A SKU is listed when it is only in the books, only
counted, or its quantity or value differs; a book line without a value is compared on
quantity only. Lines are listed in SKU order so the report reads the same every time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from estimator.domain.flood import Stack
from kernel.money import ZERO, format_money


@dataclass(frozen=True)
class BookLine:
    """One SKU on the books (账面库存): quantity and, when the accounts give it, value."""

    sku: str
    qty: int
    value: Decimal | None = None
    #: The workbook row it came from.
    source_row: int | None = field(default=None, compare=False)


class BookDifference(StrEnum):
    """Why a SKU is listed."""

    BOOK_ONLY = "book_only"
    COUNTED_ONLY = "counted_only"
    QTY = "qty"
    VALUE = "value"


DIFFERENCE_ZH = {
    BookDifference.BOOK_ONLY: "仅账面有",
    BookDifference.COUNTED_ONLY: "仅盘点有",
    BookDifference.QTY: "数量不符",
    BookDifference.VALUE: "金额不符",
}


@dataclass(frozen=True)
class BookCheckLine:
    """A SKU whose books and count differ (None: that side has no such figure)."""

    sku: str
    difference: BookDifference
    book_qty: int | None
    counted_qty: int | None
    book_value: Decimal | None
    counted_value: Decimal | None

    @property
    def qty_difference(self) -> int:
        """Counted less booked units (a side without the SKU counts 0)."""
        return (self.counted_qty or 0) - (self.book_qty or 0)

    @property
    def value_difference(self) -> Decimal | None:
        """Counted less booked value; None when the books give no value."""
        if self.book_value is None and self.book_qty is not None:
            return None
        return (self.counted_value or ZERO) - (self.book_value or ZERO)

    def to_json(self) -> dict[str, object]:
        """The line as JSON: amounts as 2-decimal strings, missing figures as null."""

        def money(value: Decimal | None) -> str | None:
            return None if value is None else format_money(value)

        return {
            "sku": self.sku,
            "difference": self.difference.value,
            "book_qty": self.book_qty,
            "counted_qty": self.counted_qty,
            "qty_difference": self.qty_difference,
            "book_value": money(self.book_value),
            "counted_value": money(self.counted_value),
            "value_difference": money(self.value_difference),
        }


def counted_by_sku(stacks: Iterable[Stack]) -> dict[str, tuple[int, Decimal]]:
    """Per SKU, the counted units and their value at unit cost."""
    counted: dict[str, tuple[int, Decimal]] = {}
    for s in stacks:
        qty, value = counted.get(s.sku, (0, ZERO))
        counted[s.sku] = (qty + s.qty, value + s.qty * s.unit_cost)
    return counted


def book_check(book: Sequence[BookLine], stacks: Iterable[Stack]) -> tuple[BookCheckLine, ...]:
    """The SKUs whose books and count differ, in SKU order (none: they agree)."""
    counted = counted_by_sku(stacks)
    booked = {line.sku: line for line in book}
    lines: list[BookCheckLine] = []
    for sku in sorted(booked.keys() | counted.keys()):
        line = booked.get(sku)
        if line is None:
            qty, value = counted[sku]
            lines.append(BookCheckLine(sku, BookDifference.COUNTED_ONLY, None, qty, None, value))
            continue
        if sku not in counted:
            kind = BookDifference.BOOK_ONLY
            lines.append(BookCheckLine(sku, kind, line.qty, None, line.value, None))
            continue
        qty, value = counted[sku]
        if line.qty != qty:
            kind = BookDifference.QTY
        elif line.value is not None and line.value != value:
            kind = BookDifference.VALUE
        else:
            continue
        lines.append(BookCheckLine(sku, kind, line.qty, qty, line.value, value))
    return tuple(lines)


def book_check_json(lines: Sequence[BookCheckLine]) -> list[dict[str, object]]:
    """The ``book_check`` key of the assessment's JSON."""
    return [line.to_json() for line in lines]

"""The inventory workbook's optional ``book`` sheet (账面库存, 账实核对): per SKU the quantity
and value in the insured's accounts. Every bad cell is named by sheet, row and column, like
every other import; a SKU listed twice is refused with the row that holds it first."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from estimator.documents.flood_workbook import BOOK_SHEET, _name, _rows
from estimator.domain.flood_book import BookLine
from kernel.money import MONEY_PLACES, limit
from kernel.workbook import ParsedWorkbook, Progress, cell_decimal, cell_int


@dataclass
class ParsedBook(ParsedWorkbook):
    """The book lines of the ``book`` sheet once validated (none: no such sheet)."""

    title: str = BOOK_SHEET.key
    lines: list[BookLine] = field(default_factory=list)


def read_book(
    path: Path, *, max_rows: int | None = None, progress: Progress | None = None
) -> ParsedBook:
    """Read the optional ``book`` sheet: SKU, booked quantity and (optional) booked value."""
    parsed = ParsedBook()
    seen: dict[str, int] = {}
    # A warehouse's books hold far more units than one stack; a SKU's count is still bounded.
    most = int(limit("stack_units")) * 1000
    for title, row, check in _rows(path, BOOK_SHEET, parsed, max_rows, progress):
        parsed.title = title
        sku = check.get("sku", _name, required=True)
        qty = check.get("qty", cell_int, required=True, minimum=0, maximum=most)
        value = check.get("value", cell_decimal, places=MONEY_PLACES, maximum=None)
        if check.problems:
            continue
        if sku in seen:
            check.fail("duplicate_key", "sku", sku, other_row=seen[sku])
            continue
        seen[sku] = row.number
        parsed.lines.append(
            BookLine(sku, qty, None if value is None else Decimal(value), row.number)
        )
    return parsed

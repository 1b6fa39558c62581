"""The flood report's book check (账实核对): per SKU the books against the count, as a PDF
table under the categories and as an Excel sheet. Shown only when the inventory workbook has
a ``book`` sheet; "账实相符" when nothing differs."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from estimator.domain.flood_book import DIFFERENCE_ZH, BookCheckLine

_COLUMNS = ["商品编码", "差异", "账面数量", "盘点数量", "数量差", "账面金额", "盘点金额", "金额差"]


def _count(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def pdf_book_check(x: Any, lines: Sequence[BookCheckLine] | None) -> None:
    """账实核对 under the categories part (nothing without a book sheet). ``x`` is the
    report's story (p, add, section, look)."""
    if lines is None:
        return
    x.add(x.p("账实核对 (账面库存与盘点数量)", x.look.heading))
    if not lines:
        x.add(x.p("账面库存与盘点的商品编码、数量和金额全部相符。", x.look.small))
        return
    x.add(
        x.p(
            f"共 {len(lines)} 个商品编码账实不符；盘点金额按数量 × 单位成本计，差额为盘点减账面。",
            x.look.small,
        )
    )
    x.section(
        "",
        _COLUMNS,
        [26, 18, 18, 18, 16, 26, 26, 24],
        [
            [
                x.p(line.sku),
                DIFFERENCE_ZH[line.difference],
                _count(line.book_qty),
                _count(line.counted_qty),
                f"{line.qty_difference:+,}" if line.qty_difference else "0",
                _money(line.book_value),
                _money(line.counted_value),
                _money(line.value_difference),
            ]
            for line in lines
        ],
        (2, 3, 4, 5, 6, 7),
    )


def book_check_sheet(x: Any, lines: Sequence[BookCheckLine] | None) -> None:
    """The 账实核对 sheet (none without a book sheet). ``x`` is the report's workbook."""
    if lines is None:
        return
    sheet = x.sheet("账实核对", (18, 12, 12, 12, 10, 16, 16, 16))
    x.head(sheet, list(_COLUMNS))
    for line in lines:
        sheet.append(
            [
                line.sku,
                DIFFERENCE_ZH[line.difference],
                line.book_qty,
                line.counted_qty,
                line.qty_difference,
                None if line.book_value is None else x.money(sheet, line.book_value),
                None if line.counted_value is None else x.money(sheet, line.counted_value),
                None if line.value_difference is None else x.money(sheet, line.value_difference),
            ]
        )
    if not lines:
        sheet.append(["账实相符"])

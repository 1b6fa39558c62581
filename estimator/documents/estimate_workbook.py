"""An estimate as an Excel workbook: formatted for reading, with a sheet of the estimate/1
lines (the same keys as the JSON) for re-use."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from estimator.domain.estimate import LINE_KIND_ZH
from estimator.domain.pricing import PricedEstimate

_TOTALS = (
    ("parts", "配件合计"),
    ("management_fee", "配件管理费"),
    ("labor", "工时合计"),
    ("paint", "喷漆合计"),
    ("material", "辅料合计"),
    ("sublet", "外修合计"),
    ("towing", "施救费"),
    ("salvage", "残值 (扣除)"),
    ("total", "合计"),
)
LINE_KEYS = (
    "kind",
    "part_no",
    "component_code",
    "operation",
    "description",
    "qty",
    "price_type",
    "unit_price",
    "hours",
    "rate",
    "panels",
    "price_per_panel",
    "amount",
    "override_reason",
)


def estimate_workbook(priced: PricedEstimate, document_lines: list[dict[str, Any]]) -> bytes:
    """The workbook bytes: 估损单 (readable), lines (estimate/1 keys), 合计."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    assert priced.totals is not None
    e = priced.estimate
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "估损单"
    bold = Font(bold=True)
    sheet.append(["报案号", e.claim_no, "车牌", e.plate, "VIN", e.vin])
    sheet.append(["车型", e.model_code, "修理厂", e.shop_name, "地区", e.region])
    sheet.append([])
    header = ["序号", "类型", "名称", "配件编码/部件", "数量/工时/幅数", "单价", "金额", "说明"]
    sheet.append(header)
    for cell in sheet[4]:
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="E8EEF5")
    for line in (*priced.lines, *priced.adjustments):
        quantity = (
            line.hours
            if line.hours is not None
            else (line.panels if line.panels is not None else line.qty)
        )
        price = line.unit_price or line.rate or line.price_per_panel
        sheet.append(
            [
                None if line.index is None else line.index + 1,
                LINE_KIND_ZH[line.kind],
                line.description,
                line.part_no or line.component_code,
                None if quantity is None else float(quantity),
                None if price is None else float(price),
                float(line.amount),
                "；".join(n.text("zh") for n in line.notes),
            ]
        )
        row = sheet.max_row
        for column in (5, 6, 7):
            sheet.cell(row=row, column=column).number_format = "#,##0.00"
        sheet.cell(row=row, column=8).alignment = Alignment(wrap_text=True)
    sheet.append([])
    for name, label in _TOTALS:
        sheet.append(["", "", label, "", "", "", float(getattr(priced.totals, name))])
        sheet.cell(row=sheet.max_row, column=7).number_format = "#,##0.00"
        sheet.cell(row=sheet.max_row, column=3).font = bold
    sheet.append(["", "", "大写金额", priced.total_in_words])
    for letter, width in zip("ABCDEFGH", (6, 10, 26, 18, 14, 12, 14, 48), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A5"
    lines = book.create_sheet("lines")
    lines.append(list(LINE_KEYS))
    for item in document_lines:
        lines.append([item.get(key) for key in LINE_KEYS])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""The settlement part of the flood report (赔款理算): every step from the net loss to the
payable amount, as rows the PDF and the Excel report print alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from estimator.documents.pdf_page import Styles, grid_table, paragraph
from estimator.domain.flood_settlement import VAT_BASIS_ZH, Settlement


def _m(value: Decimal) -> str:
    return f"¥{value:,.2f}"


def _net_how(s: Settlement) -> str:
    if s.gross_loss is None or s.salvage is None:
        return "损失 − 残值"
    how = f"损失 {_m(s.gross_loss)} − 残值 {_m(s.salvage)}"
    if s.assumed_net is None:
        return how
    # The lots' figures under their disposal; the first estimate's net beside them.
    return (
        f"分批核定 (按检测结果与处置方式，见第五部分)：{how}；按规则推定净损失 {_m(s.assumed_net)}"
    )


def settlement_steps(s: Settlement) -> list[tuple[str, str, Decimal | None]]:
    """(step, how it is computed, amount) for each line of the settlement, in order."""
    p = s.policy
    steps: list[tuple[str, str, Decimal | None]] = [
        ("保险金额", f"保单约定；存货成本{VAT_BASIS_ZH[p.vat_basis]} (不做换算)", s.sum_insured),
        ("清点存货价值", "Σ 数量 × 单位成本 (存货清单)", s.counted_value),
    ]
    if p.book_value is not None and s.book_difference is not None:
        steps.append(("账面存货价值", "出险当日账面 (保单工作表)", p.book_value))
        steps.append(("账实差异", "账面价值 − 清点价值 (账实核对)", s.book_difference))
    basis = "取账面存货价值" if p.book_value is not None else "取清点存货价值"
    steps.append(("保险价值", basis, s.insurable_value))
    if s.under_insured:
        ratio = f"保险金额 ÷ 保险价值 = {s.shown_ratio} (不足额投保，比例赔付)"
    else:
        ratio = "足额投保，比例为 1"
    steps += [
        ("赔付比例", ratio, None),
        ("净损失", _net_how(s), s.net_loss),
        ("按比例损失", f"净损失 × {s.shown_ratio}", s.adjusted_loss),
        (
            "免赔",
            f"免赔额 {_m(p.deductible_amount)} 与 按比例损失 × 免赔率 "
            f"{p.deductible_rate.normalize():f} 取高者",
            s.deductible,
        ),
        ("损失赔款", "按比例损失 − 免赔，不低于 0，以保险金额为限", s.loss_payable),
        (
            "施救费用",
            f"实际发生 {_m(p.rescue_costs)} × {s.shown_ratio}，以保险金额为限单独计算",
            s.rescue,
        ),
    ]
    if s.debris is None:
        steps.append(("清理费", "不在保险责任范围内", None))
    else:
        steps.append(("清理费", "按实际发生", s.debris))
    steps.append(("应付赔款", "损失赔款 + 施救费用 + 清理费", s.payable))
    return steps


def pdf_settlement(s: Settlement | None, look: Styles, heading: str) -> list[Any]:
    """The PDF section: its heading and a table of every step, the payable shaded (nothing
    without a settlement)."""
    if s is None:
        return []
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    rows = [
        [name, paragraph(how, look.small), "" if amount is None else _m(amount)]
        for name, how, amount in settlement_steps(s)
    ]
    table = grid_table(["项目", "计算", "金额"], [30, 112, 38], rows, look, (2,))
    table.setStyle(TableStyle([("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#fff5d6"))]))
    return [paragraph(heading, look.heading), table]


def settlement_sheet(book: Any, s: Settlement | None) -> None:
    """The Excel sheet 赔款理算 (write-only ``book``): the same steps, amounts as numbers
    (no sheet without a settlement)."""
    if s is None:
        return
    sheet = book.create_sheet("赔款理算")
    for letter, width in zip("ABC", (16, 70, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(["项目", "计算", "金额"])
    for name, how, amount in settlement_steps(s):
        sheet.append([name, how, amount])

"""The shop's invoice workbook: amounts to the fen, every bad row reported."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import write_workbook


def test_an_invoice_amount_from_qty_and_unit_price_rounds_half_up_to_the_fen(
    tmp_path: Path,
) -> None:
    from decimal import Decimal

    from estimator.services.invoices import invoice_from_workbook

    path = write_workbook(
        tmp_path / "invoice.xlsx",
        {
            "结算单": [
                ["配件编码", "名称", "数量", "单价", "金额"],
                ["卡扣", "卡扣", 3, "0.835", None],  # 2.505 → 2.51 (half up, never half even)
                ["玻璃水", "玻璃水", None, "35", None],  # blank quantity: one
                ["机油", "机油", 0, "45", "0"],  # a zero quantity stays zero
                ["", "无编码", 1, None, None],
            ]
        },
    )
    lines, problems = invoice_from_workbook(path)
    assert [(x.item, x.qty, x.unit_price, x.amount) for x in lines] == [
        ("卡扣", Decimal(3), Decimal("0.835"), Decimal("2.51")),
        ("玻璃水", Decimal(1), Decimal(35), Decimal("35.00")),
        ("机油", Decimal(0), Decimal(45), Decimal(0)),
    ]
    assert [(p.sheet, p.row, p.column, p.code) for p in problems] == [
        ("结算单", 5, "item", "required")
    ]


def test_the_invoice_workbook_says_which_lines_are_the_customer_s_own(tmp_path: Path) -> None:
    """Guards issue 26.2: the 客户自费 column marks a line not on the estimate as confirmed
    with the customer (blank = no); anything but yes/no is reported, not guessed."""
    from estimator.services.invoices import invoice_from_workbook

    path = write_workbook(
        tmp_path / "invoice.xlsx",
        {
            "结算单": [
                ["配件编码", "名称", "金额", "客户自费"],
                ["玻璃水", "玻璃水", "35", "是"],
                ["轮毂升级", "轮毂升级", "1200", None],
                ["脚垫", "脚垫", "80", "也许"],
            ]
        },
    )
    lines, problems = invoice_from_workbook(path)
    assert [(x.item, x.customer_own) for x in lines] == [("玻璃水", True), ("轮毂升级", False)]
    assert [(p.row, p.column, p.code) for p in problems] == [(4, "customer_own", "not_yes_no")]

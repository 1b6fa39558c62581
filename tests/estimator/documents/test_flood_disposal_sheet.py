"""The inventory workbook's ``disposal`` sheet (处置): choices, reasons, rates and quotes."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

from estimator.documents.flood_disposal_sheet import read_discount_defaults, read_disposal
from estimator.domain.flood_disposal import DisposalChoice, DisposalOption
from tests.conftest import write_workbook

HEADER = ["品类", "商品编码", "状态", "处置方式", "理由", "折扣率", "买方报价"]


def test_good_rows_with_chinese_headers_and_words(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["indoor", "KFR-35", "完全浸没", "报废", "主板腐蚀", None, None],
        ["indoor", "KFR-35", "partial", "处理品销售", None, "0.35", None],
        ["indoor", "KFR-50", "倒塌", None, None, None, "1200.50"],
        ["outdoor", "KFW-35", "submerged", "recondition", None, None, None],
    ]
    parsed = read_disposal(write_workbook(tmp_path / "i.xlsx", {"处置": rows}))
    assert parsed.errors == []
    assert parsed.title == "处置"
    assert parsed.choices == [
        DisposalChoice("indoor", "KFR-35", "submerged", DisposalOption.WRITE_OFF, "主板腐蚀"),
        DisposalChoice("indoor", "KFR-35", "partial", DisposalOption.DAMAGED_SALE, "", D("0.35")),
        DisposalChoice("indoor", "KFR-50", "collapsed", None, "", None, D("1200.50")),
        DisposalChoice("outdoor", "KFW-35", "submerged", DisposalOption.RECONDITION),
    ]
    assert [c.source_row for c in parsed.choices] == [2, 3, 4, 5]


def test_no_disposal_sheet_is_no_choices(tmp_path: Path) -> None:
    rows = [["location", "sku"], ["A-01", "X"]]
    parsed = read_disposal(write_workbook(tmp_path / "i.xlsx", {"inventory": rows}))
    assert (parsed.problems, parsed.choices) == ([], [])


def test_every_bad_cell_and_a_second_row_of_a_lot_are_refused(tmp_path: Path) -> None:
    rows = [
        ["category", "sku", "state", "choice", "reason", "discount_rate", "quote"],
        ["indoor", "KFR-35", "submerged", "write_off", "ok", None, None],
        [None, "KFR-35", "partial", None, None, None, None],
        ["indoor", None, "partial", None, None, None, None],
        ["indoor", "KFR-35", "dry", None, None, None, None],
        ["indoor", "KFR-35", "partial", "sell", None, None, None],
        ["indoor", "KFR-35", "partial", None, None, "1.5", None],
        ["indoor", "KFR-35", "partial", None, None, None, "-5"],
        ["indoor", "KFR-35", "partial", None, None, "0.12345", None],
        ["indoor", "KFR-35", "完全浸没", "报废", None, None, None],
    ]
    parsed = read_disposal(write_workbook(tmp_path / "i.xlsx", {"disposal": rows}))
    assert [(p.sheet, p.row, p.column, p.code) for p in parsed.errors] == [
        ("disposal", 3, "category", "required"),
        ("disposal", 4, "sku", "required"),
        ("disposal", 5, "state", "unknown_choice"),
        ("disposal", 6, "choice", "unknown_choice"),
        ("disposal", 7, "discount_rate", "above_maximum"),
        ("disposal", 8, "quote", "below_minimum"),
        ("disposal", 9, "discount_rate", "too_many_places"),
        ("disposal", 10, "sku", "duplicate_key"),
    ]
    assert len(parsed.choices) == 1 and parsed.rows_rejected == 8


def test_a_categorys_default_discount_is_read_from_the_rules_star_row(tmp_path: Path) -> None:
    rows = [
        ["品类", "状态", "项目", "单位费用", "残值率", "处理品折扣率"],
        ["indoor", "*", None, None, "0.1", "0.35"],
        ["outdoor", "全部", None, None, None, None],
        ["indoor", "partial", "更换控制板", 300, None, "0.2"],
        ["fridge", "*", None, None, None, "1.5"],
        # A bad row of the rules themselves is the rules reader's to report, not this one's.
        [None, "partial", "更换滤网", 50, None, None],
    ]
    parsed = read_discount_defaults(write_workbook(tmp_path / "r.xlsx", {"损失规则": rows}))
    assert parsed.discounts == {"indoor": D("0.35")}
    assert [(p.sheet, p.row, p.column, p.code) for p in parsed.errors] == [
        ("损失规则", 4, "damaged_discount", "flood_discount_star_only"),
        ("损失规则", 5, "damaged_discount", "above_maximum"),
    ]
    # Without the column: no defaults and nothing said.
    plain = [["category", "state", "salvage_ratio"], ["indoor", "*", "0.1"]]
    parsed = read_discount_defaults(write_workbook(tmp_path / "p.xlsx", {"rules": plain}))
    assert (parsed.problems, parsed.discounts) == ([], {})

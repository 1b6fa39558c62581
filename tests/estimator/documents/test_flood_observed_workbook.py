"""The inventory's observed state (water mark, collapse), the rules' wicking allowance and
the ``book`` sheet (账实核对), read like every other column: bad cells pointed at."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

from estimator.documents.flood_book_sheet import read_book
from estimator.documents.flood_workbook import read_inventory, read_rules
from estimator.domain.flood_book import BookLine
from tests.conftest import write_workbook
from tests.estimator.documents.test_flood_workbook import INVENTORY_HEADER, RULES, RULES_HEADER

ROW = ["A-01", "A", "KFR-35GW", "挂机", "indoor", 40, 8, 25, 15, "1299.00"]


def test_water_marks_and_collapses_are_read_blank_meaning_not_observed(tmp_path: Path) -> None:
    rows = [
        [*INVENTORY_HEADER, "water_mark_cm", "collapsed"],
        [*ROW, "62.5", "是"],
        ["A-02", *ROW[1:], 0, "false"],
        ["A-03", *ROW[1:], None, "否"],
        ["A-04", *ROW[1:], None, None],
        ["A-05", *ROW[1:], 80, 1],
    ]
    parsed = read_inventory(write_workbook(tmp_path / "i.xlsx", {"inventory": rows}))
    assert parsed.errors == []
    observed = [(s.water_mark_cm, s.observed_collapse) for s in parsed.stacks]
    assert observed == [
        (D("62.5"), True),
        (D("0"), False),
        (None, False),
        (None, None),
        (D("80"), True),
    ]


def test_chinese_headers_of_the_observations(tmp_path: Path) -> None:
    rows = [
        ["库位", "商品编码", "品类", "数量", "每层件数", "箱高", "单位成本", "水位线", "倒垛"],
        ["A-01", "KFR", "indoor", 8, 4, 25, 100, 30, "是"],
    ]
    parsed = read_inventory(write_workbook(tmp_path / "i.xlsx", {"存货清单": rows}))
    assert [(s.water_mark_cm, s.observed_collapse) for s in parsed.stacks] == [(D("30"), True)]


def test_bad_observations_are_pointed_at(tmp_path: Path) -> None:
    rows = [
        [*INVENTORY_HEADER, "water_mark_cm", "collapsed"],
        [*ROW, "-1", None],
        ["A-02", *ROW[1:], "62.555", None],
        ["A-03", *ROW[1:], None, "maybe"],
        ["A-04", *ROW[1:], "high", None],
    ]
    parsed = read_inventory(write_workbook(tmp_path / "i.xlsx", {"inventory": rows}))
    assert parsed.stacks == []
    assert {(p.sheet, p.row, p.column, p.code) for p in parsed.errors} == {
        ("inventory", 2, "water_mark_cm", "below_minimum"),
        ("inventory", 3, "water_mark_cm", "too_many_places"),
        ("inventory", 4, "collapsed", "not_yes_no"),
        ("inventory", 5, "water_mark_cm", "not_a_number"),
    }


def test_wicking_is_read_from_the_category_row_only(tmp_path: Path) -> None:
    header = [*RULES_HEADER, "wicking_cm"]
    rows = [header, *([*r, None] for r in RULES[1:])]
    rows[1][-1] = "3.5"  # indoor's * row
    parsed = read_rules(write_workbook(tmp_path / "r.xlsx", {"rules": rows}))
    assert parsed.errors == []
    assert parsed.rules["indoor"].wicking_cm == D("3.5")
    assert parsed.rules["outdoor"].wicking_cm == D("0")
    bad = [
        ["吸水高度" if c == "wicking_cm" else c for c in header],
        ["indoor", "*", None, None, None, None, None, "-2"],
        ["indoor", "partial", "更换控制板", 300, None, None, None, "3"],
    ]
    parsed = read_rules(write_workbook(tmp_path / "bad.xlsx", {"rules": bad}))
    assert {(p.row, p.column, p.code) for p in parsed.errors} == {
        (2, "wicking_cm", "below_minimum"),
        (3, "wicking_cm", "flood_rule_star_only"),
    }


def test_the_book_sheet_reads_skus_quantities_and_optional_values(tmp_path: Path) -> None:
    rows = [["商品编码", "账面数量", "账面金额"], ["KFR", 40, "51960.00"], ["KFW", "12", None]]
    parsed = read_book(write_workbook(tmp_path / "b.xlsx", {"账面库存": rows}))
    assert parsed.errors == []
    assert parsed.title == "账面库存"
    assert parsed.lines == [BookLine("KFR", 40, D("51960.00"), 2), BookLine("KFW", 12, None, 3)]


def test_bad_book_rows_are_pointed_at(tmp_path: Path) -> None:
    rows = [
        ["sku", "qty", "value"],
        ["KFR", 40, 100],
        [None, 3, None],
        ["KFW", "1.5", None],
        ["KFS", -1, None],
        ["KFT", 2, "1.005"],
        ["KFR", 4, None],
    ]
    parsed = read_book(write_workbook(tmp_path / "b.xlsx", {"book": rows}))
    assert [line.sku for line in parsed.lines] == ["KFR"]
    assert {(p.sheet, p.row, p.column, p.code) for p in parsed.errors} == {
        ("book", 3, "sku", "required"),
        ("book", 4, "qty", "too_many_places"),
        ("book", 5, "qty", "below_minimum"),
        ("book", 6, "value", "too_many_places"),
        ("book", 7, "sku", "duplicate_key"),
    }


def test_no_book_sheet_is_no_book(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "i.xlsx", {"inventory": [INVENTORY_HEADER, ROW]})
    parsed = read_book(path)
    assert parsed.errors == [] and parsed.lines == []

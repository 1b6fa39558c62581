"""The inventory workbook's ``tests`` sheet (检测结果) and the rules' ``tested_ok`` items."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

from estimator.documents.flood_workbook import read_rules, read_tests
from estimator.domain.flood_lots import TestResult
from tests.conftest import write_workbook
from tests.estimator.documents.test_flood_workbook import RULES, RULES_HEADER

TESTS_HEADER = ["品类", "商品编码", "状态", "检测数", "不合格数"]


def test_tests_sheet_reads_with_chinese_headers_and_states(tmp_path: Path) -> None:
    rows = [
        TESTS_HEADER,
        ["indoor", "KFR-35GW", "完全浸没", 8, 2],
        ["indoor", "KFR-35GW", "partial", "3", "0"],
    ]
    parsed = read_tests(write_workbook(tmp_path / "i.xlsx", {"检测结果": rows}))
    assert parsed.errors == []
    assert parsed.title == "检测结果"
    assert parsed.results == [
        TestResult("indoor", "KFR-35GW", "submerged", 8, 2),
        TestResult("indoor", "KFR-35GW", "partial", 3, 0),
    ]
    assert [r.source_row for r in parsed.results] == [2, 3]


def test_no_tests_sheet_is_no_results(tmp_path: Path) -> None:
    rows = [["location", "sku"], ["A-01", "X"]]
    parsed = read_tests(write_workbook(tmp_path / "i.xlsx", {"inventory": rows}))
    assert (parsed.problems, parsed.results) == ([], [])


def test_bad_cells_point_at_sheet_row_and_column(tmp_path: Path) -> None:
    rows = [
        ["category", "sku", "state", "tested", "failed"],
        ["indoor", "K1", "dry", 2, 0],  # dry units form no lot
        ["indoor", "K1", "submerged", 0, 0],  # nothing tested
        ["indoor", "K1", "partial", 2, -1],
        [None, "K1", "collapsed", 2, 1],
        ["indoor", "K1", "partial", 2, "x"],
        ["indoor", "K1", "submerged", 5, 1],
        ["indoor", "K1", "submerged", 6, 1],  # the same lot again
    ]
    parsed = read_tests(write_workbook(tmp_path / "i.xlsx", {"tests": rows}))
    assert {(p.sheet, p.row, p.column, p.code) for p in parsed.errors} == {
        ("tests", 2, "state", "unknown_choice"),
        ("tests", 3, "tested", "below_minimum"),
        ("tests", 4, "failed", "below_minimum"),
        ("tests", 5, "category", "required"),
        ("tests", 6, "failed", "not_a_number"),
        ("tests", 8, "sku", "duplicate_key"),
    }
    assert parsed.results == [TestResult("indoor", "K1", "submerged", 5, 1)]


def test_rules_tested_ok_items_add_up_per_category(tmp_path: Path) -> None:
    rows = [
        *RULES,
        ["indoor", "tested_ok", "清洗检测", "20", None, None, None],
        ["indoor", "检测合格", "更换包装", 30.5, None, None, None],
    ]
    parsed = read_rules(write_workbook(tmp_path / "r.xlsx", {"rules": rows}))
    assert parsed.errors == []
    assert parsed.tested_ok == {"indoor": D("50.5")}
    # tested_ok is no damage state: the indoor rules are those of the other rows.
    assert set(parsed.rules["indoor"].states) == set(
        read_rules(write_workbook(tmp_path / "s.xlsx", {"rules": RULES})).rules["indoor"].states
    )


def test_rules_tested_ok_refuses_a_loss_ratio(tmp_path: Path) -> None:
    rows = [RULES_HEADER, ["indoor", "tested_ok", None, None, "0.1", None, None]]
    parsed = read_rules(write_workbook(tmp_path / "r.xlsx", {"rules": rows}))
    assert [(p.row, p.column, p.code) for p in parsed.errors] == [
        (2, "loss_ratio", "flood_rule_tested_ok_ratio")
    ]
    assert parsed.errors[0].reason("en") == (
        "tested_ok takes items with their cost per unit, not a loss ratio"
    )

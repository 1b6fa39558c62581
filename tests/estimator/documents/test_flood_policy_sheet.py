"""Reading the rules workbook's policy sheet (保单): optional, one row, bad cells named."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

from estimator.documents.flood_policy_sheet import read_policy
from estimator.domain.flood_settlement import Policy, VatBasis
from tests.conftest import write_workbook

RULES = [["category", "state", "loss_ratio"], ["tv", "*", "0.5"]]
HEADER = [
    "sum_insured",
    "deductible_amount",
    "deductible_rate",
    "rescue_costs",
    "debris_costs",
    "vat_basis",
    "book_value",
]


def test_without_the_sheet_there_is_no_policy_and_no_problem(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "rules.xlsx", {"rules": RULES})
    parsed = read_policy(path)
    assert parsed.policy is None
    assert parsed.problems == []


def test_chinese_headers_and_exact_values(tmp_path: Path) -> None:
    header = ["保险金额", "免赔额", "免赔率", "施救费用", "清理费", "计税口径", "账面存货价值"]
    values = [800000, "5000", 0.1, "12000.50", None, "不含税", "1000000"]
    path = write_workbook(tmp_path / "rules.xlsx", {"rules": RULES, "保单": [header, values]})
    parsed = read_policy(path)
    assert parsed.problems == []
    assert parsed.policy == Policy(
        sum_insured=D("800000"),
        deductible_amount=D("5000"),
        deductible_rate=D("0.1"),
        rescue_costs=D("12000.50"),
        debris_costs=None,
        vat_basis=VatBasis.EXCLUDED,
        book_value=D("1000000"),
    )


def test_blank_optional_cells_default(tmp_path: Path) -> None:
    rows = [HEADER, [1000, None, None, None, 0, "included", None]]
    parsed = read_policy(write_workbook(tmp_path / "r.xlsx", {"policy": rows}))
    assert parsed.policy == Policy(D("1000"), debris_costs=D("0"))


def test_bad_cells_are_named_by_sheet_row_and_column(tmp_path: Path) -> None:
    rows = [HEADER, [0, "-5", "1.5", "abc", None, "maybe", None]]
    parsed = read_policy(write_workbook(tmp_path / "r.xlsx", {"policy": rows}))
    assert parsed.policy is None
    where = {(p.sheet, p.row, p.column, p.code) for p in parsed.problems}
    assert where == {
        ("policy", 2, "deductible_amount", "below_minimum"),
        ("policy", 2, "deductible_rate", "above_maximum"),
        ("policy", 2, "rescue_costs", "not_a_number"),
        ("policy", 2, "vat_basis", "unknown_choice"),
    }
    # Once the cells read, the sum insured of 0 is refused by the policy's own check.
    rows = [HEADER, [0, None, None, None, None, "included", None]]
    parsed = read_policy(write_workbook(tmp_path / "z.xlsx", {"policy": rows}))
    assert [(p.row, p.column, p.code) for p in parsed.problems] == [
        (2, "sum_insured", "flood_policy_no_sum_insured")
    ]
    assert "保险金额必须大于 0" in parsed.problems[0].describe("zh")


def test_one_row_of_values_only_and_not_none(tmp_path: Path) -> None:
    rows = [HEADER, [1000, None, None, None, None, "included", None], [2000]]
    parsed = read_policy(write_workbook(tmp_path / "two.xlsx", {"policy": rows}))
    assert parsed.policy is None
    assert [(p.row, p.code) for p in parsed.errors] == [(3, "flood_policy_one_row")]
    assert "第 2 行已是保单" in parsed.errors[0].describe("zh")
    parsed = read_policy(write_workbook(tmp_path / "none.xlsx", {"policy": [HEADER]}))
    assert parsed.policy is None
    assert parsed.errors == []
    assert [(p.code, p.severity) for p in parsed.problems] == [("flood_policy_empty", "note")]


def test_a_missing_required_column_is_said(tmp_path: Path) -> None:
    rows = [["sum_insured"], [1000]]
    parsed = read_policy(write_workbook(tmp_path / "r.xlsx", {"policy": rows}))
    assert parsed.policy is None
    assert [(p.code, p.params.get("column")) for p in parsed.errors] == [
        ("missing_column", "vat_basis (计税口径)")
    ]

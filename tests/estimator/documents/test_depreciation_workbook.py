"""The depreciation workbook (折旧率表): the shipped table, aliases, percentages, every bad row
and missing class named, a table only when the whole file is good, the template."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

import pytest

from estimator.documents.depreciation_workbook import (
    read_depreciation,
    shipped_table_path,
    write_template,
)
from estimator.domain.depreciation import (
    ALL_CLASSES,
    DepreciationClass,
    UseClass,
    VehicleKind,
    actual_value,
    parse_class,
)
from kernel.workbook import WorkbookRefused
from tests import hostile_workbooks as hostile
from tests.conftest import write_workbook

HEADER = ["use_class", "vehicle_kind", "monthly_rate"]

#: settlement.md's default rates, typed from the contract: private or non-commercial /
#: rental and taxi / other commercial, per vehicle kind.
CONTRACT_RATES = {
    "passenger_9": ("0.0060", "0.0110", "0.0090"),
    "passenger_10": ("0.0090", "0.0110", "0.0090"),
    "mini_truck": ("0.0090", "0.0110", "0.0110"),
    "low_speed": ("0.0110", "0.0140", "0.0140"),
    "other": ("0.0090", "0.0110", "0.0090"),
}


def full_rows() -> list[list[object]]:
    """A complete table in English keys, every rate 0.009 (0.90 %)."""
    return [[c.use.value, c.kind.value, "0.009"] for c in ALL_CLASSES]


def test_the_shipped_table_holds_the_contract_rates() -> None:
    parsed = read_depreciation(shipped_table_path())
    assert parsed.problems == []
    assert parsed.table is not None
    expected = {
        DepreciationClass(use, VehicleKind(kind)): D(rate)
        for kind, rates in CONTRACT_RATES.items()
        for use, rate in zip(UseClass, rates, strict=True)
    }
    assert parsed.table.rates == expected
    # And it values a car: 180,000 private, 65 months at 0.60 %: 109,800.00.
    found = actual_value(
        parsed.table,
        D("180000"),
        parse_class("private_passenger_9"),
        dt.date(2021, 6, 15),
        dt.date(2026, 11, 20),
    )
    assert found.value == D("109800.00")


def test_chinese_headers_names_and_percentages_are_read(tmp_path: Path) -> None:
    rows: list[list[object]] = [["使用性质", "车辆种类", "月折旧率", "备注"]]
    rows += [[c.use.value, c.kind.value, 0.009, None] for c in ALL_CLASSES[3:]]
    rows += [
        ["家庭自用", "9座以下客车", "0.60%", "2020版条款"],
        ["出租、租赁", "9座及以下客车", "1.1％", None],  # a full-width percent sign
        ["其他营业", "9座以下客车", 0.009000000000000001, None],  # Excel's float of 0.9 %
    ]
    parsed = read_depreciation(write_workbook(tmp_path / "rates.xlsx", {"折旧率": rows}))
    assert parsed.errors == []
    assert parsed.table is not None
    rate = parsed.table.rate
    assert rate(DepreciationClass(UseClass.PRIVATE, VehicleKind.PASSENGER_9)) == D("0.006")
    assert rate(DepreciationClass(UseClass.RENTAL_TAXI, VehicleKind.PASSENGER_9)) == D("0.011")
    assert rate(DepreciationClass(UseClass.COMMERCIAL, VehicleKind.PASSENGER_9)) == D("0.009")
    assert rate(DepreciationClass(UseClass.COMMERCIAL, VehicleKind.OTHER)) == D("0.009")


def test_every_bad_row_is_named_and_no_table_is_made(tmp_path: Path) -> None:
    rows = [HEADER, *full_rows()]
    rows[1] = ["private", "passenger_9", "0.6"]  # 60 % a month: a slip for 0.60 %
    rows[2] = ["lorry", "passenger_9", "0.011"]  # no such use class
    rows[4] = ["private", "passenger_10", "abc"]
    rows.append(["commercial", "other", "0.009"])  # the last class again
    parsed = read_depreciation(write_workbook(tmp_path / "rates.xlsx", {"rates": rows}))
    assert parsed.table is None
    found = {(p.row, p.column, p.code) for p in parsed.errors}
    assert found == {
        (2, "monthly_rate", "depreciation.rate_too_high"),
        (3, "use_class", "unknown_choice"),
        (5, "monthly_rate", "not_a_number"),
        (17, "vehicle_kind", "duplicate_key"),
        # The row of an unknown use class names no class: rental and taxi, 9 seats, is missing.
        (None, None, "depreciation.missing_rate"),
    }
    too_high = next(p for p in parsed.errors if p.code == "depreciation.rate_too_high")
    assert too_high.describe("zh") == (
        "工作表 rates, 第 2 行, 列 monthly_rate [0.6]: 月折旧率不能超过 5% (0.60% 应写作 0.006 或 0.60%)"
    )
    duplicate = next(p for p in parsed.errors if p.code == "duplicate_key")
    assert duplicate.reason("en") == "duplicates row 16"
    assert parsed.rows_rejected == 4


def test_a_missing_class_is_said_and_refuses_the_table(tmp_path: Path) -> None:
    rows = [HEADER, *full_rows()]
    del rows[5]  # the fifth class: rental and taxi, 10 seats or more
    parsed = read_depreciation(write_workbook(tmp_path / "rates.xlsx", {"rates": rows}))
    assert parsed.table is None
    (problem,) = parsed.errors
    assert problem.code == "depreciation.missing_rate"
    assert problem.row is None and problem.sheet == "rates"
    assert problem.reason("zh") == "缺少10座以上客车（出租、租赁）的月折旧率"
    assert problem.reason("en") == (
        "no monthly rate for a passenger vehicle of 10 seats or more, rental and taxi"
    )


def test_a_file_without_the_sheet_or_a_column_is_refused(tmp_path: Path) -> None:
    other = read_depreciation(write_workbook(tmp_path / "other.xlsx", {"parts": [["a"], [1]]}))
    assert [p.code for p in other.errors] == ["missing_sheet"]
    assert other.table is None
    no_rate = read_depreciation(
        write_workbook(tmp_path / "no_rate.xlsx", {"rates": [HEADER[:2], ["private", "other"]]})
    )
    assert [p.code for p in no_rate.errors] == ["missing_column"]


def test_a_hostile_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkbookRefused) as refused:
        read_depreciation(hostile.not_a_workbook(tmp_path / "x.xlsx"))
    assert refused.value.problem.code == "not_a_workbook"


def test_the_template_reads_back_as_an_empty_table(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path)
    parsed = read_depreciation(path)
    assert parsed.rows_read == 0
    assert {p.code for p in parsed.errors} == {"depreciation.missing_rate"}
    assert len(parsed.errors) == 15

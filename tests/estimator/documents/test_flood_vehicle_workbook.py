"""The flooded-vehicle guide workbook (水淹车指南): the shipped demo guide, English keys and
Chinese aliases, spans, every bad row named with its reason, ranges missing or given twice, a
guide only when the whole file is good."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path
from typing import Any

import pytest

from estimator.documents.flood_vehicle_workbook import read_flood_guide, shipped_guide_path
from estimator.domain.flood_vehicle import FloodAction, LossRatio
from kernel.workbook import WorkbookRefused
from labor_standards.model import Operation
from tests import hostile_workbooks as hostile
from tests.conftest import write_workbook

ITEM_HEADER = [
    "levels",
    "grades",
    "code",
    "name_zh",
    "name_en",
    "action",
    "component_code",
    "operation",
    "hours",
    "part_no",
    "unit_price",
]
GOOD_ITEMS: list[list[Any]] = [
    ITEM_HEADER,
    ["1-6", "H1-H6", "brake_inspect", "检查制动系统", "Inspect the brakes", "inspect"] + [None] * 5,
    ["3-6", "H1-H6", "SEAT_CLEAN", "清洗座椅", "", "清洗", "seat", "机修", "3", None, None],
    [
        "3-6",
        "H4-H6",
        "SEAT_MOTOR",
        "更换座椅电机",
        "",
        "replace",
        "SEAT_MOTOR",
        None,
        None,
        None,
        850,
    ],
]
RATIO_HEADER = ["levels", "grades", "ratio_low", "ratio_high"]


def all_ratios() -> list[list[Any]]:
    """A range for every level and grade: level n is n % to 2n %, 10 % for level 6 / H6."""
    rows: list[list[Any]] = [RATIO_HEADER]
    rows += [[str(n), "H1-H6", f"{n}%", f"{2 * n}%"] for n in range(1, 6)]
    rows += [["6", "H1-H5", "0.5", "1"], ["6", "H6", 0.1, 0.1]]
    return rows


def read(tmp_path: Path, items: list[list[Any]], ratios: list[list[Any]]) -> Any:
    path = write_workbook(tmp_path / "guide.xlsx", {"items": items, "ratios": ratios})
    return read_flood_guide(path)


def test_the_shipped_guide_is_whole() -> None:
    parsed = read_flood_guide(shipped_guide_path())
    assert parsed.errors == [] and parsed.guide is not None
    assert len(parsed.guide.ratios) == 36
    assert parsed.guide.ratio_for(3, "H3") == LossRatio(D("0.08"), D("0.18"))
    level_6 = {item.code for item in parsed.guide.items_for(6, "H6")}
    assert {"TOTAL_LOSS_CHECK", "CLUSTER_REPLACE", "SEAT_CLEAN"} <= level_6


def test_a_good_guide_with_keys_and_aliases(tmp_path: Path) -> None:
    parsed = read(tmp_path, GOOD_ITEMS, all_ratios())
    assert parsed.errors == [] and parsed.guide is not None
    inspect, seats = parsed.guide.items_for(3, "H3")
    assert (inspect.code, inspect.action, inspect.hours) == (
        "BRAKE_INSPECT",
        FloodAction.INSPECT,
        None,
    )
    assert (seats.action, seats.component_code, seats.operation, seats.hours) == (
        FloodAction.CLEAN,
        "SEAT",
        Operation.MECH,
        D("3"),
    )
    motor = parsed.guide.items_for(3, "H4")[-1]
    assert (motor.action, motor.unit_price) == (FloodAction.REPLACE, D("850"))
    assert parsed.guide.ratio_for(2, "H5") == LossRatio(D("0.02"), D("0.04"))
    assert parsed.guide.ratio_for(6, "H6") == LossRatio(D("0.1"), D("0.1"))


def test_chinese_headers_and_sheet_names(tmp_path: Path) -> None:
    items = [["水淹高度", "水淹时间", "项目编码", "项目名称", "处理", "部件编码", "作业", "工时"]]
    items.append(["2", "H2", "CARPET_DRY", "烘干地毯", "烘干", "CARPET", "mech", "1.5"])
    ratios = [["水淹高度", "水淹时间", "损失率下限", "损失率上限"], *all_ratios()[1:]]
    path = write_workbook(tmp_path / "g.xlsx", {"项目": items, "损失率": ratios})
    parsed = read_flood_guide(path)
    assert parsed.errors == [] and parsed.guide is not None
    (carpet,) = parsed.guide.items_for(2, "H2")
    assert (carpet.action, carpet.hours) == (FloodAction.DRY, D("1.5"))


def test_every_bad_row_is_named_and_nothing_is_kept(tmp_path: Path) -> None:
    items = [
        *GOOD_ITEMS,
        ["7", "H1", "A", "甲", "", "inspect"] + [None] * 5,  # row 5: no level 7
        ["1", "3", "B", "乙", "", "inspect"] + [None] * 5,  # row 6: a level for a grade
        ["1", "H1", "C", "丙", "", "clean", "SEAT", "mech", None, None, None],  # row 7: no hours
        ["1", "H1", "D", "丁", "", "replace", "SEAT", None, None, None, None],  # row 8: no price
        ["1", "H1", "E", "戊", "", "inspect", None, None, "1", None, None],  # row 9: priced
        ["1", "H1", "F", "己", "", "wash"] + [None] * 5,  # row 10: unknown action
        ["4", "H2", "SEAT_CLEAN", "清洗座椅", "", "clean", "SEAT", "mech", "3", None, None],
    ]
    ratios = all_ratios()
    ratios[3] = ["3", "H1-H6", "20%", "10%"]  # row 4: low above high
    ratios.append(["6", "H6", "1%", "2%"])  # row 9: given twice
    parsed = read(tmp_path, items, ratios)
    assert parsed.guide is None
    by_row = {(p.sheet, p.row): p.code for p in parsed.errors}
    assert by_row == {
        ("items", 5): "flood_vehicle.bad_levels",
        ("items", 6): "flood_vehicle.bad_grades",
        ("items", 7): "flood_vehicle.needs_labor",
        ("items", 8): "flood_vehicle.needs_part",
        ("items", 9): "flood_vehicle.inspect_priced",
        ("items", 10): "unknown_choice",
        ("items", 11): "flood_vehicle.item_twice",
        ("ratios", 4): "flood_vehicle.bad_ratio",
        ("ratios", 9): "flood_vehicle.ratio_overlap",
    }
    twice = next(p for p in parsed.errors if p.row == 11)
    assert "第 3 行" in twice.reason("zh")


def test_a_level_and_grade_without_a_range_is_said(tmp_path: Path) -> None:
    ratios = [r for r in all_ratios() if r[0] != "6"]
    parsed = read(tmp_path, GOOD_ITEMS, ratios)
    assert parsed.guide is None
    missing = [p for p in parsed.errors if p.code == "flood_vehicle.ratio_missing"]
    assert len(missing) == 6
    assert missing[0].reason("zh") == "缺少水淹高度 6 级、水淹时间 H1 的损失率"


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkbookRefused):
        read_flood_guide(hostile.not_a_workbook(tmp_path / "x.xlsx"))


def test_a_missing_sheet_is_said_and_makes_no_guide(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "g.xlsx", {"items": GOOD_ITEMS})
    parsed = read_flood_guide(path)
    assert parsed.guide is None and parsed.file_errors

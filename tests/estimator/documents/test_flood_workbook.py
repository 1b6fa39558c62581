"""Reading the flood workbooks: aliases, exact decimals, every bad row pointed at."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

import pytest

from estimator.documents.flood_book_sheet import read_book
from estimator.documents.flood_disposal_sheet import read_discount_defaults, read_disposal
from estimator.documents.flood_policy_sheet import read_policy
from estimator.documents.flood_workbook import (
    read_inventory,
    read_rules,
    read_tests,
    read_zone_depths,
    write_template,
)
from estimator.domain.flood import LayerState, RepairItem
from kernel.workbook import WorkbookRefused
from tests import hostile_workbooks as hostile
from tests.conftest import write_workbook

INVENTORY_HEADER = [
    "location",
    "zone",
    "sku",
    "description",
    "category",
    "qty",
    "units_per_layer",
    "carton_height_cm",
    "base_height_cm",
    "unit_cost",
]
RULES_HEADER = [
    "category",
    "state",
    "item",
    "cost_per_unit",
    "loss_ratio",
    "salvage_ratio",
    "softens",
]
RULES = [
    RULES_HEADER,
    ["indoor", "*", None, None, None, "0.1", "是"],
    ["indoor", "partial", "更换控制板", 300, None, None, None],
    ["indoor", "partial", "更换滤网", "50", None, None, None],
    ["indoor", "submerged", "更换控制板", 300, None, None, None],
    ["indoor", "submerged", "清洗检测", 20.5, None, None, None],
    ["indoor", "collapsed", "清洗检测", "20", None, None, None],
    ["outdoor", "*", None, None, None, None, "no"],
    ["outdoor", "submerged", None, None, 0.05, None, None],
    ["tv", "*", None, None, "0.6", "0.2", "true"],
]


def test_inventory_reads_with_chinese_headers_and_exact_decimals(tmp_path: Path) -> None:
    rows = [
        [
            "库位",
            "区域",
            "商品编码",
            "商品名称",
            "品类",
            "数量",
            "每层件数",
            "箱高",
            "垫高",
            "单位成本",
        ],
        ["A-01", "A", "KFR-35GW", "挂机内机", "indoor", 24, 4, 35.5, None, 2.675],
        ["A-02", None, "KFR-35W", "挂机外机", "outdoor", "12", "3", "58", "15", "1234567.005"],
    ]
    parsed = read_inventory(write_workbook(tmp_path / "i.xlsx", {"存货清单": rows}))
    assert parsed.errors == []
    a, b = parsed.stacks
    assert (a.location, a.zone, a.qty, a.units_per_layer) == ("A-01", "A", 24, 4)
    # 2.675 and 35.5 typed in Excel arrive as floats: kept exact, never Decimal(float).
    assert (a.carton_height_cm, a.base_height_cm, a.unit_cost) == (D("35.5"), D(0), D("2.675"))
    assert (b.zone, b.base_height_cm, b.unit_cost) == (None, D("15"), D("1234567.005"))
    assert (a.source_row, b.source_row) == (2, 3)


def test_every_bad_inventory_row_is_reported(tmp_path: Path) -> None:
    rows = [
        INVENTORY_HEADER,
        ["A-01", "A", "S1", "", "indoor", 10, 4, 40, 0, 100],
        ["A-02", "A", "", "", "indoor", -1, 0, 0, -5, "abc"],
        ["A-01", "A", "S1", "", "indoor", 2.5, 4, "40.123", 0, 100],
        ["A-01", "A", "S1", "", "indoor", 10, 4, 40, 0, 100],
        ["A-03", "A", "S1", "", "indoor", 10, 4, "=B2*2", 0, 100],
    ]
    parsed = read_inventory(write_workbook(tmp_path / "bad.xlsx", {"inventory": rows}))
    found = {(p.sheet, p.row, p.column, p.code) for p in parsed.errors}
    assert found == {
        ("inventory", 3, "sku", "required"),
        ("inventory", 3, "qty", "below_minimum"),
        ("inventory", 3, "units_per_layer", "below_minimum"),
        ("inventory", 3, "carton_height_cm", "below_minimum"),
        ("inventory", 3, "base_height_cm", "below_minimum"),
        ("inventory", 3, "unit_cost", "not_a_number"),
        ("inventory", 4, "qty", "too_many_places"),
        ("inventory", 4, "carton_height_cm", "too_many_places"),
        ("inventory", 5, "location", "duplicate_key"),
        ("inventory", 6, "carton_height_cm", "formula_cell"),
    }
    assert parsed.rows_rejected == 4
    assert [s.location for s in parsed.stacks] == ["A-01"]
    message = next(p for p in parsed.errors if p.code == "duplicate_key").describe("en")
    assert message == "sheet inventory, row 5, column location [A-01]: duplicates row 2"
    assert "第 5 行" in next(p for p in parsed.errors if p.row == 5).describe("zh")


def test_absurd_stack_quantities_are_refused_with_their_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #23: 10^15 units in a stack (or a layer) is a typing error, refused in words
    with its row and the configured bound (ESTIMATOR_MAX_STACK_UNITS)."""
    rows = [
        INVENTORY_HEADER,
        ["A-01", "A", "S1", "", "indoor", 10**15, 4, 40, 0, 100],
        ["A-02", "A", "S1", "", "indoor", 1_000_000, 1_000_001, 40, 0, 100],
        ["A-03", "A", "S1", "", "indoor", 1_000_000, 10, 40, 0, 100],
    ]
    path = write_workbook(tmp_path / "absurd.xlsx", {"inventory": rows})
    parsed = read_inventory(path)
    found = {(p.row, p.column, p.code) for p in parsed.errors}
    assert found == {
        (2, "qty", "number_too_large"),  # beyond any number at all
        (3, "units_per_layer", "above_maximum"),
    }
    said = next(p for p in parsed.errors if p.row == 3).describe("en")
    assert "row 3" in said and "1000000" in said
    assert [s.location for s in parsed.stacks] == ["A-03"]
    monkeypatch.setenv("ESTIMATOR_MAX_STACK_UNITS", "100")
    limited = read_inventory(path)
    assert (4, "qty", "above_maximum") in {(p.row, p.column, p.code) for p in limited.errors}


def test_missing_sheet_and_column_are_file_problems(tmp_path: Path) -> None:
    parsed = read_inventory(write_workbook(tmp_path / "m.xlsx", {"other": [["x"], [1]]}))
    assert [p.code for p in parsed.file_errors] == ["missing_sheet"]
    rows = [INVENTORY_HEADER[:-1], ["A-01", "A", "S1", "", "indoor", 10, 4, 40, 0]]
    parsed = read_inventory(write_workbook(tmp_path / "c.xlsx", {"inventory": rows}))
    assert [(p.code, p.params["column"]) for p in parsed.file_errors] == [
        ("missing_column", "unit_cost (单位成本)")
    ]


def test_rules_add_up_items_and_read_the_category_row(tmp_path: Path) -> None:
    parsed = read_rules(write_workbook(tmp_path / "r.xlsx", {"损失规则": RULES}))
    assert parsed.errors == []
    indoor = parsed.rules["indoor"]
    assert (indoor.salvage_ratio, indoor.softens) == (D("0.1"), True)
    assert indoor.states[LayerState.PARTIAL].items == (
        RepairItem("更换控制板", D("300")),
        RepairItem("更换滤网", D("50")),
    )
    assert indoor.unit_loss(LayerState.SUBMERGED, D("1000")) == D("320.5")
    outdoor = parsed.rules["outdoor"]
    assert outdoor.softens is False
    assert outdoor.states[LayerState.SUBMERGED].loss_ratio == D("0.05")
    assert LayerState.PARTIAL not in outdoor.states
    # A loss ratio on the * row applies to every state without its own rows.
    tv = parsed.rules["tv"]
    assert {s: r.loss_ratio for s, r in tv.states.items()} == {
        LayerState.PARTIAL: D("0.6"),
        LayerState.SUBMERGED: D("0.6"),
        LayerState.COLLAPSED: D("0.6"),
    }
    assert (tv.salvage_ratio, tv.softens) == (D("0.2"), True)


def test_bad_rule_rows_are_reported(tmp_path: Path) -> None:
    rows = [
        *RULES,
        ["indoor", "wet", "x", 1, None, None, None],  # 11
        ["indoor", "partial", "更换滤网", 60, None, None, None],  # 12 duplicate item
        ["indoor", "partial", None, None, "0.5", None, None],  # 13 ratio beside items
        ["outdoor", "partial", "清洗", None, None, None, None],  # 14 no cost
        ["outdoor", "partial", None, None, None, "0.1", None],  # 15 salvage off the * row
        ["outdoor", "partial", None, None, "1.5", None, None],  # 16 ratio above 1
        ["tv", "*", "x", 1, None, None, None],  # 17 item on the * row
        ["tv", "partial", "x", 1, "0.5", None, None],  # 18 both
    ]
    parsed = read_rules(write_workbook(tmp_path / "r.xlsx", {"rules": rows}))
    found = {(p.row, p.column, p.code) for p in parsed.errors}
    assert found == {
        (11, "state", "unknown_choice"),
        (12, "state", "duplicate_key"),
        (13, "loss_ratio", "flood_rule_both"),
        (14, "cost_per_unit", "flood_rule_empty"),
        (15, "salvage_ratio", "flood_rule_star_only"),
        (16, "loss_ratio", "above_maximum"),
        (17, "item", "flood_rule_item_on_star"),
        (18, "loss_ratio", "flood_rule_both"),
    }
    assert parsed.rows_rejected == 8
    # The rejected rows left the rules as the good rows made them.
    assert parsed.rules["indoor"].unit_loss(LayerState.PARTIAL, D("1000")) == D("350")


def test_zone_depths(tmp_path: Path) -> None:
    rows = [["区域", "水深"], ["A", 70], ["B", "35.5"], ["A", 80], ["C", "-1"]]
    parsed = read_zone_depths(write_workbook(tmp_path / "z.xlsx", {"区域水深": rows}))
    assert parsed.depths == {"A": D("70"), "B": D("35.5")}
    assert {(p.row, p.code) for p in parsed.errors} == {(4, "duplicate_key"), (5, "below_minimum")}


def test_template_holds_the_seven_sheets_and_reads_back_empty(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "t.xlsx"
    write_template(path)
    assert openpyxl.load_workbook(path).sheetnames == [
        "inventory",
        "rules",
        "zone_depths",
        "tests",
        "policy",
        "book",
        "disposal",
        "说明 explanation",
    ]
    assert read_book(path).errors == [] and read_book(path).lines == []
    assert read_inventory(path).errors == []
    assert read_rules(path).errors == []
    assert read_zone_depths(path).errors == []
    assert read_tests(path).errors == []
    assert read_disposal(path).errors == [] and read_disposal(path).choices == []
    assert (
        read_discount_defaults(path).errors == [] and read_discount_defaults(path).discounts == {}
    )
    assert not [p for p in read_rules(path).problems if p.code == "ignored_column"]
    # The policy sheet's header alone: no policy, said as a note.
    policy = read_policy(path)
    assert policy.policy is None
    assert policy.errors == []


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda good, p: hostile.not_a_workbook(p), "not_a_workbook"),
        (lambda good, p: hostile.encrypted(p), "encrypted_workbook"),
        (lambda good, p: hostile.truncated(good, p), "not_a_workbook"),
        (lambda good, p: hostile.zip_bomb(good, p), "zip_bomb"),
        (lambda good, p: hostile.entity_expansion(good, p), "unsafe_xml"),
        (lambda good, p: hostile.external_entity(good, p), "unsafe_xml"),
    ],
)
def test_hostile_files_are_refused(tmp_path: Path, make: object, code: str) -> None:
    good = write_workbook(tmp_path / "good.xlsx", {"inventory": [INVENTORY_HEADER]})
    path = make(good, tmp_path / "bad.xlsx")  # type: ignore[operator]
    with pytest.raises(WorkbookRefused) as refused:
        read_inventory(path)
    assert refused.value.problem.code == code

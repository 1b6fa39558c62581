from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

from labor_standards.model import LaborKey, Operation, PaintType, ShopClass
from labor_standards.workbook import read_standard, write_template
from tests.conftest import write_workbook
from tests.labor_standards import labor_rows


def test_good_workbook_reads_every_sheet_with_aliases(tmp_path: Path) -> None:
    parsed = read_standard(write_workbook(tmp_path / "l.xlsx", labor_rows.sheets()))
    assert parsed.errors == []
    assert len(parsed.labor_times) == 11 and len(parsed.labor_rates) == 5
    bumper = parsed.labor_times[0]
    assert (bumper.operation, bumper.hours, bumper.vehicle_class) == (
        Operation.REPLACE,
        D("1.5"),
        "*",
    )
    assert bumper.includes == (
        LaborKey("FOGLAMP_L", Operation.RI),
        LaborKey("FOGLAMP_R", Operation.RI),
    )
    assert parsed.labor_times[1].includes[0] == LaborKey("FOGLAMP_L", Operation.RI)  # 拆装 alias
    assert parsed.labor_times[2].operation is Operation.REPAIR_MEDIUM  # 钣金中 alias
    assert parsed.labor_rates[0].shop_class is ShopClass.CLASS1  # 一类 alias
    assert parsed.labor_rates[3].shop_class is ShopClass.FOUR_S
    assert parsed.paint_rates[0].paint_type is PaintType.METALLIC
    assert [d.factor for d in parsed.paint_discounts] == [D("0.9"), D("0.8")]


def test_chinese_sheet_and_column_names(tmp_path: Path) -> None:
    sheets = {
        "工时定额": [
            ["部件编码", "部件名称", "作业", "车型级别", "工时", "包含作业"],
            ["HOOD", "发动机盖", "更换", "*", "1.2", None],
        ],
        "工时单价": [["地区", "修理厂类别", "工种", "元/工时"], ["ZJ", "二类", "钣金", "55"]],
        "喷漆幅数": [["部件编码", "幅数"], ["HOOD", "2"]],
        "喷漆单价": [
            ["地区", "车型级别", "漆种", "每幅单价", "全车喷漆价"],
            ["ZJ", "*", "珍珠漆", "500", "6000"],
        ],
    }
    parsed = read_standard(write_workbook(tmp_path / "zh.xlsx", sheets))
    assert parsed.errors == []
    assert parsed.labor_rates[0].labor_type == "sheet_metal"
    assert parsed.paint_rates[0].paint_type is PaintType.PEARL
    assert parsed.paint_discounts == []  # the discount sheet is optional


def test_bad_rows_are_reported_with_sheet_row_column_and_reason(tmp_path: Path) -> None:
    sheets = labor_rows.sheets()
    sheets["labor_times"] = [
        *labor_rows.LABOR_TIMES,
        ["X", "", "paint", "*", "1", None],
        ["Y", "", "ri", "*", "1.234", None],
        ["Z", "", "ri", "*", "1", "Z-ri"],
        ["FOGLAMP_L", "", "ri", "*", "0.4", None],
    ]
    sheets["paint_discounts"] = [*labor_rows.PAINT_DISCOUNTS, ["ZJ", 7, "1.2"]]
    sheets["labor_rates"] = [*labor_rows.LABOR_RATES, ["ZJ", "class9", "ri", "60"]]
    parsed = read_standard(write_workbook(tmp_path / "bad.xlsx", sheets))
    found = {(p.sheet, p.row, p.column, p.code) for p in parsed.errors}
    assert found == {
        ("labor_times", 13, "operation", "unknown_choice"),
        ("labor_times", 14, "hours", "too_many_places"),
        ("labor_times", 15, "includes", "bad_include"),
        ("labor_times", 16, "component_code", "duplicate_key"),
        ("paint_discounts", 4, "factor", "above_maximum"),
        ("labor_rates", 7, "shop_class", "unknown_choice"),
    }
    message = next(p for p in parsed.errors if p.code == "bad_include").describe("en")
    assert "the included operation 'Z-ri' should be component_code:operation" in message


def test_missing_required_sheet_is_a_file_problem(tmp_path: Path) -> None:
    sheets = labor_rows.sheets()
    del sheets["paint_rates"]
    parsed = read_standard(write_workbook(tmp_path / "m.xlsx", sheets))
    assert [p.code for p in parsed.file_errors] == ["missing_sheet"]


def test_template_lists_every_sheet_and_reads_back_empty(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "t.xlsx"
    write_template(path)
    assert openpyxl.load_workbook(path).sheetnames == [
        "labor_times",
        "labor_rates",
        "paint_panels",
        "paint_rates",
        "paint_discounts",
        "说明 explanation",
    ]
    assert read_standard(path).errors == []


def test_an_operation_that_includes_itself_is_refused_with_its_cycle(tmp_path: Path) -> None:
    """Issue #23: directly (A includes A) or through others of its class (A → B → A), the
    rows of the cycle are refused with the row and the cycle named; the rest are kept."""
    sheets = labor_rows.sheets()
    sheets["labor_times"] = [
        *labor_rows.LABOR_TIMES,
        ["HOOD", "发动机盖", "ri", "*", "0.5", "HOOD:ri"],  # row 13: itself
        ["DOOR_FL", "左前门", "ri", "*", "0.9", "MIRROR_L:ri"],  # rows 14 and 15: each other
        ["MIRROR_L", "左后视镜", "ri", "*", "0.3", "DOOR_FL:拆装"],
        ["DOOR_FL", "左前门", "replace", "*", "2.0", "DOOR_FL:ri"],  # includes one in a cycle
    ]
    parsed = read_standard(write_workbook(tmp_path / "cycle.xlsx", sheets))
    found = {(p.row, p.column, p.code) for p in parsed.errors}
    assert found == {
        (13, "includes", "includes_itself"),
        (14, "includes", "includes_itself"),
        (15, "includes", "includes_itself"),
    }
    said = {p.row: p.describe("en") for p in parsed.errors}
    assert "(HOOD:ri → HOOD:ri)" in said[13]
    assert "(DOOR_FL:ri → MIRROR_L:ri → DOOR_FL:ri)" in said[14]
    assert "(MIRROR_L:ri → DOOR_FL:ri → MIRROR_L:ri)" in said[15]
    assert parsed.rows_rejected == 3
    kept = {(t.component_code, t.operation) for t in parsed.labor_times}
    assert ("DOOR_FL", Operation.REPLACE) in kept and ("HOOD", Operation.RI) not in kept
    assert "包含它自己" in next(p for p in parsed.errors if p.row == 15).describe("zh")

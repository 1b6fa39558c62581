from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from parts_catalog.model import PriceType
from parts_catalog.workbook import read_catalog, write_template
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PART_HEADER, PARTS


def _catalog(tmp_path: Path, parts: list[list[Any]], models: list[list[Any]] = MODELS) -> Path:
    return write_workbook(tmp_path / "c.xlsx", {"vehicle_models": models, "parts": parts})


def test_good_workbook_reads_into_parts_with_all_their_prices(tmp_path: Path) -> None:
    parsed = read_catalog(_catalog(tmp_path, PARTS))
    assert parsed.errors == []
    assert parsed.rows_read == len(MODELS) - 1 + len(PARTS) - 1
    bumper = parsed.parts["521190K280"]
    assert bumper.name_zh == "前保险杠皮"
    assert bumper.models == ("TY-CAMRY-18",)
    assert bumper.salvage_rate == Decimal("0.05")
    prices = {(p.region, p.price_type, p.effective_date): p.price for p in bumper.prices}
    assert prices[("ZJ", PriceType.OEM_4S, dt.date(2026, 10, 1))] == Decimal("1850.00")
    assert prices[("ZJ", PriceType.OEM_4S, dt.date(2026, 11, 1))] == Decimal("1880.00")
    assert prices[("SH", PriceType.OEM_MARKET, dt.date(2026, 10, 1))] == Decimal("1650.00")
    assert len(bumper.prices) == 4 + 2 + 1
    assert parsed.parts["8113006B30"].recover_old_part is True


def test_chinese_headers_are_accepted(tmp_path: Path) -> None:
    zh = {
        "part_no": "零件号",
        "name_zh": "配件名称",
        "name_en": "英文名称",
        "component_code": "部件编码",
        "category": "配件分类",
        "models": "适用车型",
        "region": "地区",
        "price_oem_4s": "厂方指导价",
        "price_oem_market": "市场价",
        "price_brand": "同质品牌件价",
        "price_used": "拆车件价",
        "recover_old_part": "旧件回收",
        "salvage_rate": "残值率",
        "effective_date": "生效日期",
    }
    parts = [[zh[k] for k in PART_HEADER], *PARTS[1:]]
    models = [
        ["车型编码", "品牌", "车系", "车型名称", "起始年款", "终止年款", "VIN前缀", "车型级别"],
        *MODELS[1:],
    ]
    path = write_workbook(tmp_path / "zh.xlsx", {"车型": models, "配件": parts})
    parsed = read_catalog(path)
    assert parsed.errors == []
    assert len(parsed.parts) == 6 and len(parsed.models) == 2


def test_every_bad_row_is_reported_with_sheet_row_column_value_and_reason(tmp_path: Path) -> None:
    bad = [
        PART_HEADER,
        [
            "",
            "无编码",
            "",
            "",
            "",
            "TY-CAMRY-18",
            "ZJ",
            "10",
            None,
            None,
            None,
            None,
            None,
            "2026-10-01",
        ],
        [
            "P-2",
            "价格超精度",
            "",
            "",
            "",
            "TY-CAMRY-18",
            "ZJ",
            "10.12345",
            None,
            None,
            None,
            None,
            None,
            "2026-10-01",
        ],
        ["P-3", "负价格", "", "", "", "", "ZJ", "-5", None, None, None, None, None, "2026-10-01"],
        [
            "P-4",
            "未知车型",
            "",
            "",
            "",
            "NO-SUCH",
            "ZJ",
            "5",
            None,
            None,
            None,
            None,
            None,
            "2026-10-01",
        ],
        ["P-5", "无价格", "", "", "", "", "ZJ", None, None, None, None, None, None, "2026-10-01"],
        ["P-6", "坏日期", "", "", "", "", "ZJ", "5", None, None, None, None, None, "2026-13-40"],
        [
            "P-7",
            "残值率过大",
            "",
            "",
            "",
            "",
            "ZJ",
            "5",
            None,
            None,
            None,
            None,
            "1.5",
            "2026-10-01",
        ],
        ["P-8", "好", "", "", "", "", "ZJ", "5", None, None, None, None, None, "2026-10-01"],
        ["P 8", "重复", "", "", "", "", "ZJ", "6", None, None, None, None, None, "2026-10-01"],
        ["P-9", "公式", "", "", "", "", "ZJ", "=1+1", None, None, None, None, None, "2026-10-01"],
        ["P-10", "无地区", "", "", "", "", None, "5", None, None, None, None, None, "2026-10-01"],
        [
            "P-11",
            "旧件回收不明",
            "",
            "",
            "",
            "",
            "ZJ",
            "5",
            None,
            None,
            None,
            "也许",
            None,
            "2026-10-01",
        ],
    ]
    parsed = read_catalog(_catalog(tmp_path, bad))
    found = {(p.row, p.column, p.code) for p in parsed.errors}
    assert found == {
        (2, "part_no", "required"),
        (3, "price_oem_4s", "too_many_places"),
        (4, "price_oem_4s", "below_minimum"),
        (5, "models", "unknown_model"),
        (6, None, "no_price"),
        (7, "effective_date", "not_a_date"),
        (8, "salvage_rate", "above_maximum"),
        (10, "part_no", "duplicate_key"),
        (11, "price_oem_4s", "formula_cell"),
        (12, "region", "no_region"),
        (13, "recover_old_part", "not_yes_no"),
    }
    assert all(p.sheet == "parts" for p in parsed.errors)
    duplicate = next(p for p in parsed.errors if p.code == "duplicate_key")
    assert duplicate.value == "P 8" and duplicate.params["other_row"] == 9
    assert "row 9" in duplicate.describe("en")
    assert list(parsed.parts) == ["P8"]
    assert parsed.rows_rejected == 11


def test_region_option_fills_a_missing_region(tmp_path: Path) -> None:
    rows = [
        PART_HEADER,
        ["P-1", "前杠", "", "", "", "", None, "5", None, None, None, None, None, "2026-10-01"],
    ]
    parsed = read_catalog(_catalog(tmp_path, rows), region="zj")
    assert parsed.errors == []
    assert parsed.parts["P1"].prices[0].region == "ZJ"


def test_bad_models_rows_are_reported(tmp_path: Path) -> None:
    models = [
        MODELS[0],
        ["M1", "丰田", "", "", 2018, 2017, "LVGBO4", "C"],
        ["M2", "丰田", "", "凯美瑞", 2018, 2020, "LVG", "C"],
        ["M2", "丰田", "", "凯美瑞", 2018, 2020, "", "C"],
    ]
    parsed = read_catalog(_catalog(tmp_path, [PART_HEADER], models))
    assert {(p.row, p.column, p.code) for p in parsed.errors} == {
        (2, "model_name", "required"),
        (2, "year_to", "year_range"),
        (2, "vin_prefixes", "vin_prefix"),
        (3, "vin_prefixes", "vin_prefix"),
        (4, "model_code", "duplicate_key"),
    }


def test_missing_parts_sheet_and_columns_are_file_level_problems(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "x.xlsx", {"价格": [["a"]]})
    assert [p.code for p in read_catalog(path).errors] == ["missing_sheet"]
    path = write_workbook(tmp_path / "y.xlsx", {"parts": [["part_no", "价格"]]})
    codes = sorted(p.params.get("column", "") for p in read_catalog(path).errors)
    assert codes == ["effective_date (生效日期)", "name_zh (配件名称)"]


def test_template_holds_every_column_and_an_explanation_sheet(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "template.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["vehicle_models", "parts", "说明 explanation"]
    header = [c.value for c in book["parts"][1]]
    assert header[:2] == ["part_no", "name_zh"] and "price_used" in header
    explained = {row[1] for row in book["说明 explanation"].iter_rows(min_row=2, values_only=True)}
    assert set(header) <= explained
    # The empty template is itself a valid (empty) catalog.
    parsed = read_catalog(path)
    assert parsed.errors == [] and parsed.parts == {}


def test_new_price_column_is_read_exactly_and_optional(tmp_path: Path) -> None:
    models = [
        [*MODELS[0], "new_price"],
        [*MODELS[1], "179800.00"],
        [*MODELS[2], None],
    ]
    parsed = read_catalog(_catalog(tmp_path, [PART_HEADER], models))
    assert parsed.errors == []
    prices = {m.model_code: m.new_price for m in parsed.models}
    assert prices == {"TY-CAMRY-18": Decimal("179800.00"), "VW-LAVIDA-19": None}
    # Without the column, no model has a price.
    parsed = read_catalog(_catalog(tmp_path, [PART_HEADER]))
    assert [m.new_price for m in parsed.models] == [None, None]


def test_chinese_new_price_header_is_accepted(tmp_path: Path) -> None:
    models = [[*MODELS[0], "新车购置价"], [*MODELS[1], 125900]]
    parsed = read_catalog(_catalog(tmp_path, [PART_HEADER], models))
    assert parsed.errors == []
    assert parsed.models[0].new_price == Decimal("125900")


def test_bad_new_prices_are_refused_with_row_column_and_reason(tmp_path: Path) -> None:
    header = [*MODELS[0], "new_price"]
    rows = [[f"M{i}", "丰田", "", "车型", None, None, "", "C"] for i in range(1, 5)]
    models = [
        header,
        [*rows[0], "0"],
        [*rows[1], "-5"],
        [*rows[2], "1999.999"],
        [*rows[3], "十万"],
    ]
    parsed = read_catalog(_catalog(tmp_path, [PART_HEADER], models))
    found = {(p.sheet, p.row, p.column, p.code) for p in parsed.errors}
    assert found == {
        ("vehicle_models", 2, "new_price", "below_minimum"),
        ("vehicle_models", 3, "new_price", "below_minimum"),
        ("vehicle_models", 4, "new_price", "too_many_places"),
        ("vehicle_models", 5, "new_price", "not_a_number"),
    }
    assert parsed.models == []
    assert all(p.reason("zh") for p in parsed.errors)


def test_template_shows_the_new_price_column(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "template.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["vehicle_models"][1]][-1] == "new_price"
    notes = {row[1]: row for row in book["说明 explanation"].iter_rows(values_only=True)}
    assert notes["new_price"][2] == "新车购置价"

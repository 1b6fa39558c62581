"""A small labor standards workbook matching tests/parts_catalog/catalog_rows.py."""

from __future__ import annotations

from typing import Any

LABOR_TIMES: list[list[Any]] = [
    ["component_code", "component_name", "operation", "vehicle_class", "hours", "includes"],
    ["FBUMPER", "前保险杠", "更换", "*", "1.5", "FOGLAMP_L:ri;FOGLAMP_R:ri"],
    ["FBUMPER", "前保险杠", "replace", "C", "2.0", "FOGLAMP_L:拆装;FOGLAMP_R:ri"],
    ["FBUMPER", "前保险杠", "钣金中", "*", "3.0", "FBUMPER:ri"],
    ["FBUMPER", "前保险杠", "ri", "*", "1.0", None],
    ["FOGLAMP_L", "左雾灯", "ri", "*", "0.3", None],
    ["FOGLAMP_R", "右雾灯", "ri", "*", "0.3", None],
    ["FENDER_L", "左前叶子板", "repair_medium", "*", "3.0", "FENDER_L:ri"],
    ["FENDER_L", "左前叶子板", "ri", "*", "0.8", None],
    ["HEADLAMP_L", "左前大灯", "replace", "*", "0.8", None],
    ["HOOD", "发动机盖", "replace", "*", "1.2", None],
    ["MIRROR_R", "右后视镜", "replace", "*", "0.5", None],
]
LABOR_RATES: list[list[Any]] = [
    ["region", "shop_class", "labor_type", "rate"],
    ["ZJ", "一类", "ri", "60"],
    ["ZJ", "class1", "sheet_metal", "80"],
    ["ZJ", "class1", "*", "70"],
    ["ZJ", "4S店", "*", "90"],
    ["SH", "三类", "ri", "50"],
]
PAINT_PANELS: list[list[Any]] = [
    ["component_code", "panels"],
    ["FBUMPER", "1.5"],
    ["FENDER_L", "1"],
    ["HOOD", "2"],
    ["MIRROR_R", "0.3"],
]
PAINT_RATES: list[list[Any]] = [
    ["region", "vehicle_class", "paint_type", "price_per_panel", "full_vehicle_price"],
    ["ZJ", "C", "金属漆", "400", "4500"],
    ["ZJ", "*", "solid", "300", "4000"],
    ["ZJ", "*", "metallic", "350", "4200"],
]
PAINT_DISCOUNTS: list[list[Any]] = [
    ["region", "min_panels", "factor"],
    ["ZJ", 3, "0.9"],
    ["ZJ", 5, "0.8"],
]


def sheets() -> dict[str, list[list[Any]]]:
    return {
        "labor_times": LABOR_TIMES,
        "labor_rates": LABOR_RATES,
        "paint_panels": PAINT_PANELS,
        "paint_rates": PAINT_RATES,
        "paint_discounts": PAINT_DISCOUNTS,
    }

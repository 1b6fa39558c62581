"""Message templates of the estimating domain: lookup failures and line notes (zh, en)."""

from __future__ import annotations

from kernel.problems import register_messages

ESTIMATE_MESSAGES: dict[str, tuple[str, str]] = {
    # Lookups that find nothing.
    "no_part": ("目录中没有配件 {part_no}", "part {part_no} is not in the catalog"),
    "no_part_price": (
        "没有配件 {part_no} 在地区 {region}、价格类型 {price_type}、{on} 的价格",
        "no {price_type} price for part {part_no} in region {region} on {on}",
    ),
    "no_labor_time": (
        "没有部件 {component}、作业 {operation}、车型级别 {vehicle_class} 的工时标准",
        "no labor standard for component {component}, operation {operation}, vehicle class {vehicle_class}",
    ),
    "no_labor_rate": (
        "没有地区 {region}、修理厂类别 {shop_class}、工种 {labor_type} 的工时单价",
        "no rate for region {region}, shop class {shop_class}, labor type {labor_type}",
    ),
    "no_paint_panels": (
        "部件 {component} 没有喷漆幅数",
        "component {component} has no paint panels",
    ),
    "no_paint_rate": (
        "没有地区 {region}、车型级别 {vehicle_class}、漆种 {paint_type} 的喷漆单价",
        "no paint rate for region {region}, vehicle class {vehicle_class}, paint type {paint_type}",
    ),
    "override_without_reason": (
        "调整了 {field} 但没有填写调整原因",
        "{field} overridden without a reason",
    ),
    "missing_field": ("缺少 {field}", "{field} is missing"),
    "salvage_exceeds_total": (
        "残值 {salvage} 超过了它要扣减的合计 {total}",
        "the salvage {salvage} is more than the total {total} it is deducted from",
    ),
    # Notes printed on a line.
    "note_included": (
        "已含于第 {line} 行 ({name})，工时计 0",
        "included in line {line} ({name}); hours set to 0",
    ),
    "note_included_overridden": (
        "按标准已含于第 {line} 行 ({name})，但本行已调整，未扣除，请核对",
        "the standard includes this in line {line} ({name}), but this line was overridden: "
        "not deducted, check it",
    ),
    "note_override": (
        "调整{field_zh}: 标准 {looked_up} → {value}，原因: {reason}",
        "{field} overridden: standard {looked_up} → {value}; reason: {reason}",
    ),
    "note_not_in_catalog": ("目录中无此配件，按录入价格", "not in the catalog; priced as entered"),
    "note_paint_discount": (
        "多幅折扣: 共 {panels} 幅，系数 {factor}",
        "multi-panel discount: {panels} panels, factor {factor}",
    ),
    "note_paint_cap": ("全车喷漆封顶 {cap}", "capped at the full-vehicle paint price {cap}"),
}

#: Chinese names of the fields an override may change.
FIELD_ZH = {
    "unit_price": "单价",
    "hours": "工时",
    "rate": "工时单价",
    "panels": "喷漆幅数",
    "price_per_panel": "每幅单价",
}

register_messages(ESTIMATE_MESSAGES)

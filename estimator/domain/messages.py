"""Message templates of the estimating domain: lookup failures, line notes and broken rules."""

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
        "调整{field}: 标准 {looked_up} → {value}，原因: {reason}",
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

#: The domain's broken rules (DomainError codes raised in estimator.domain).
DOMAIN_ERRORS: dict[str, tuple[str, str]] = {
    "case_closed": ("案件已结案，信息不能再修改", "the case is closed"),
    "identification_locked": (
        "本案已有估损单核准，{field}已印在核准的估损单上，不能再修改",
        "the {field} cannot change once a version of the case has been approved (the approved and "
        "signed sheets carry it)",
    ),
    "priced_field_locked": (
        "本案已有估损单提交核损，{field}不能再修改（已提交、核准的版本按它定价）",
        "the {field} cannot change once a version of the case has been submitted (the submitted "
        "and approved versions are priced with it)",
    ),
    "retention_too_short": (
        "保存期限不能少于法定的 {years} 年",
        "the retention period cannot be shorter than the legal {years} years",
    ),
    "case_not_closed:delete": (
        "案件尚未结案，不能删除",
        "the case is not closed; it cannot be deleted",
    ),
    "within_retention": (
        "案件在保存期限内 (至 {day})，只能归档，不能删除",
        "the case is within its retention period (until {day}); it can be archived, not deleted",
    ),
    "missing_role": ("{actor} 没有{needed}角色", "{actor} does not hold the {needed} role"),
    "bad_transition": (
        "{status}状态的估损单不能执行“{action}”",
        "a {status} estimate cannot be given '{action}'",
    ),
    "self_approval": (
        "{actor} 编写或修改过本案估损单，不能自己核准",
        "{actor} wrote or changed this case's estimate and may not approve it",
    ),
    "reason_required": ("退回须写明原因", "a return needs a written reason"),
    "invalid_case_details": ("{problems}", "{problems}"),
    # Typed entries refused (entry_values.py) and guarantee disqualifications (guarantee.py).
    "entry_empty": ("请填写{field}", "Enter the {field}"),
    "entry_not_plain": (
        "{field}只能是不带符号的数字，如 12.5（不能用“{text}”）",
        "The {field} must be a plain number such as 12.5, not “{text}”",
    ),
    "entry_not_a_number": ("{field}不是数字", "The {field} is not a number"),
    "entry_places": (
        "{field}最多 {places} 位小数",
        "The {field} has at most {places} decimal places",
    ),
    "entry_not_positive": ("{field}必须大于 0", "The {field} must be above 0"),
    "entry_too_large": ("{field}不能超过 {maximum:,}", "The {field} cannot exceed {maximum:,}"),
    "not_a_partner_shop": ("修理厂不是合作修理厂", "the shop is not a partner shop"),
    "agreement_not_in_force": (
        "合作协议有效期为 {valid_from} 至 {valid_to}",
        "the agreement is valid from {valid_from} to {valid_to}",
    ),
    "price_type_not_agreed": (
        "{part_no} 按 {price_type} 计价，协议为 {agreed}",
        "{part_no} is priced as {price_type}; the agreement says {agreed}",
    ),
    "above_catalog_price": (
        "{part_no} 单价调高至目录价以上",
        "{part_no} is overridden above the catalog price",
    ),
    # The core-loss review's findings (review.py), by rule.
    "review.r01_above_catalog": (
        "{part} 单价 {unit_price} 高于目录价 {looked_up_unit_price}",
        "{part} unit price {unit_price} is above the catalog price {looked_up_unit_price}",
    ),
    "review.r01_not_in_catalog": (
        "{description} 为目录外手工配件，单价 {unit_price} 需核价",
        "{description} is not in the catalog: its hand price {unit_price} needs a price check",
    ),
    "review.r02_hours": (
        "{description} 工时 {hours} 高于标准 {looked_up_hours}",
        "{description}: {hours} h is above the standard {looked_up_hours} h",
    ),
    "review.r02_rate": (
        "{description} 工时单价 {rate} 高于地区标准 {looked_up_rate}",
        "{description}: rate {rate} is above the region's {looked_up_rate}",
    ),
    "review.r03": (
        "{description} 已含于第 {line} 行，仍计 {amount}",
        "{description} is included in line {line} but still charges {amount}",
    ),
    "review.r04": (
        "部件 {name} 既修复又更换 (第 {line} 行)",
        "component {name} is both repaired and replaced (line {line})",
    ),
    "review.r05": ("{description} 重复录入 {count} 次", "{description} appears {count} times"),
    "review.r06": (
        "{description} 修复 {repair_cost} 低于更换 {replace_cost} 的 {repair_share:.0%}，更换未写原因",
        "{description}: repair {repair_cost} is below {repair_share:.0%} of replacement {replace_cost}; "
        "no reason given for replacing",
    ),
    "review.r07": (
        "换件残值建议 {salvage_suggestion}，未扣残值",
        "replaced parts carry {salvage_suggestion} of salvage; none is deducted",
    ),
    "review.r08": (
        "{description} 调整原因“{reason}”不足以说明",
        "{description}: the override reason '{reason}' explains nothing",
    ),
    "review.r09": (
        "{part_no} 不适用于车型 {model} (适用 {models})",
        "{part_no} is not listed for {model} (listed for {models})",
    ),
    "review.r10_future": (
        "定价日期 {priced_on} 晚于今天 {today}，价格尚未生效",
        "the pricing date {priced_on} is after today ({today}): prices not yet in force",
    ),
    "review.r10_old_price": (
        "{part_no} 目录价自 {effective} 起，已超过 {days} 天",
        "{part_no}'s catalog price dates from {effective}, more than {days} days before pricing",
    ),
    "review.r11": (
        "合计 {total} 属大案，定损员 {assessor} 不在大案组",
        "the total {total} makes a large case but its assessor {assessor} is not in the "
        "large-case group",
    ),
    "review.r12_no_discount": (
        "共 {panels} 幅喷漆，{region}地区无多幅折扣",
        "{panels} paint panels without a multi-panel discount in {region}",
    ),
    "review.r12_no_panels": (
        "部件 {component_name} 没有喷漆幅数，不应计喷漆",
        "component {component_name} has no paint panels; no paint is due",
    ),
    "review.r13": (
        "配件管理费率 {rate:.2%} 超过上限 {limit:.0%}",
        "parts management fee rate {rate:.2%} is above the maximum {limit:.0%}",
    ),
    "review.r14": (
        "{part_no} 按 4S 店价计价，但修理厂为{shop_class}修理厂",
        "{part_no} is priced at the 4S price at a {shop_class} shop",
    ),
    "review.r14_agreement": (
        "{part_no} 按 {price_type} 计价，高于合作协议约定的 {agreed}",
        "{part_no} is priced as {price_type}, above the {agreed} the partner agreement sets",
    ),
    "review.r15": (
        "{description} 与首次提交相比有改动 ({text})，未说明原因",
        "{description} changed since the first submission ({text}) without an explanation",
    ),
    "review.r16_total_loss": (
        "已达推定全损，仍按维修定损：维修及施救费用 {cost} 为实际价值 {value} 的 {ratio} "
        "(全损线 {threshold})；应按实际价值减整车残值 {salvage} 计 {settlement}",
        "a total loss priced as a repair: repair and rescue cost {cost} is {ratio} of the actual "
        "value {value} (threshold {threshold}); settle at the actual value less the "
        "whole-vehicle salvage {salvage}: {settlement}",
    ),
    "review.r16_near": (
        "接近推定全损：维修及施救费用 {cost} 为实际价值 {value} 的 {ratio}，已达预警线 {warning}，"
        "请核实维修方案",
        "near total loss: repair and rescue cost {cost} is {ratio} of the actual value {value}, at "
        "or past the warning line of {warning}; check the repair is worth it",
    ),
}

register_messages(ESTIMATE_MESSAGES)
register_messages(DOMAIN_ERRORS)

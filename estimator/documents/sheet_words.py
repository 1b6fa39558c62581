"""The estimate sheet's words in Chinese and English: labels, section names, column headers
and the domain's codes as words, so that a Chinese sheet carries no English and an English
sheet no untranslated label."""

from __future__ import annotations

from typing import Literal

from estimator.domain.code_words import SHOP_CLASS_ZH
from labor_standards.model import OPERATION_ZH, Operation, ShopClass

Language = Literal["zh", "en"]

#: key → (Chinese, English); ``{name}`` parameters are filled with str.format.
WORDS: dict[str, tuple[str, str]] = {
    "insurer": ("某某财产保险股份有限公司", "Example Property & Casualty Insurance Co., Ltd."),
    "title": ("机动车辆保险估损单", "Motor Vehicle Insurance Loss Estimate"),
    "supplement": ("（第 {n} 版 · 追加定损）", " (version {n}, supplement)"),
    "claim_no": ("报案号", "Claim no."),
    "object_title": ("损失标的：{title}", "Loss object: {title}"),
    "loss_object": ("损失标的", "Loss object"),
    "status": ("状态", "Status"),
    "plate": ("车牌号", "Plate"),
    "vin": ("车架号", "VIN"),
    "model": ("车型", "Model"),
    "model_value": ("{code}（车型级别 {cls}）", "{code} (vehicle class {cls})"),
    "paint_type": ("漆种", "Paint"),
    "insured": ("被保险人", "Insured"),
    "phone": ("联系电话", "Phone"),
    "id_no": ("证件号码", "ID number"),
    "shop": ("修理厂", "Repair shop"),
    "shop_value": ("{name}（{cls}）", "{name} ({cls})"),
    "partner_shop": ("{name}（{cls}，合作修理厂）", "{name} ({cls}, partner shop)"),
    "region": ("地区", "Region"),
    "priced_on": ("定价日期", "Priced on"),
    "price_type": ("价格类型", "Price type"),
    "survey_place": ("查勘地点", "Survey place"),
    "tier": ("定损时限档", "Tier"),
    "reviewed": ("核损金额 {amount}（{why}）", "reviewed amount {amount} ({why})"),
    "removed": ("较上一版删除的项目", "Removed since the previous version"),
    "totals": ("合计", "Totals"),
    "sum_parts": ("配件合计", "Parts"),
    "sum_fee": ("配件管理费", "Parts management fee"),
    "sum_labor": ("工时合计", "Labor"),
    "sum_paint": ("喷漆合计", "Paint"),
    "sum_material": ("辅料合计", "Materials"),
    "sum_property": ("物损项目合计", "Property items"),
    "sum_sublet": ("外修合计", "Sublet"),
    "sum_towing": ("施救费", "Towing and rescue"),
    "sum_salvage": ("残值（扣除）", "Salvage (deducted)"),
    "total": ("合计（小写）", "Total"),
    "total_words": ("合计（大写）", "Total in Chinese capitals"),
    "approved_total": ("核损合计（小写）", "Approved total"),
    "approved_words": ("核损合计（大写）", "Approved total in Chinese capitals"),
    "previous_total": ("上一版合计", "Previous version's total"),
    "difference": ("本版增减", "Change in this version"),
    "audit_head": ("审计链头：{head}", "Recorded audit head: {head}"),
    "guarantee": (
        "无差价理赔服务承诺书 第 {number} 号：本估损单经核损后为在本厂（{shop}）维修上列项目的"
        "全部费用，核定金额 ¥{amount}（{words}），自核损之日起{days}日内维修有效{until}；"
        "客户除核定金额外无需支付任何费用，差价由保险公司与修理厂结算。",
        "No-price-difference guarantee no. {number}: once reviewed, this estimate is the whole "
        "cost of repairing the items above at {shop}: the approved amount ¥{amount} ({words}), "
        "valid for repairs within {days} days of the review{until}. The customer pays nothing "
        "beyond the approved amount; any difference is settled between insurer and shop.",
    ),
    "until": ("（至 {date}）", " (until {date})"),
    "statement": (
        "以上项目及金额已与本人核对无误。",
        "I have checked the items and amounts above.",
    ),
    "assessor": ("定损员：{name}", "Assessor: {name}"),
    "customer": ("客户签字：", "Customer's signature:"),
    "shop_seal": ("修理厂签章：", "Repair shop's seal:"),
    "date": ("日期：{date}", "Date: {date}"),
    "reviewer": ("核损人：{name}", "Reviewer: {name}"),
    "opinion": ("核损意见：{text}", "Review opinion: {text}"),
    "footer": (
        "报案号 {claim} · 第 {version} 版 · 内容校验 {digest}",
        "Claim {claim} · version {version} · content check {digest}",
    ),
    "page": ("第 {page} 页 共 {pages} 页", "Page {page} of {pages}"),
    "doc_title": ("估损单 {claim}", "Loss estimate {claim}"),
    "agreed": ("同意", "Agreed"),
    "paint_discount": ("多幅折扣", "Multi-panel discount"),
    "paint_cap": ("全车喷漆封顶", "Full-vehicle paint cap"),
    "blank": ("＿＿＿＿＿＿", "________"),
    # The expected payment (预估赔款) and the total-loss section (settlement.md).
    "pv_value": (
        "实际价值：新车购置价 ¥{price} ×（1 − 月折旧率 {rate} × 已使用 {months} 个月）= ¥{value}",
        "Actual value: new-vehicle price ¥{price} × (1 − monthly rate {rate} × {months} months "
        "in use) = ¥{value}",
    ),
    "pv_price_source": ("（新车购置价来源：{source}）", " (new-vehicle price from {source})"),
    "pv_floor": (
        "实际价值：新车购置价 ¥{price}，月折旧率 {rate} × 已使用 {months} 个月已达折旧上限，"
        "按新车购置价的 {floor} 计 ¥{value}",
        "Actual value: new-vehicle price ¥{price}; monthly rate {rate} × {months} months in use "
        "reaches the most depreciation, so {floor} of the new price: ¥{value}",
    ),
    "pv_no_value": (
        "实际价值：未录入新车购置价、初次登记日期或出险日期，未计算",
        "Actual value: not worked out (new-vehicle price or dates not given)",
    ),
    "pv_ratio": (
        "维修及施救费用 ¥{cost} 为实际价值的 {ratio}：{state}",
        "Repair and rescue cost ¥{cost} is {ratio} of the actual value: {state}",
    ),
    # On a third party's sheet the value lines name whose value it is.
    "pv_insured": ("标的车", "Insured vehicle — "),
    "pv_total": ("预估赔款", "Expected payment"),
    "pv_words": ("大写金额", "In Chinese capitals"),
    "pv_sum": ("合计", "Case total"),
    "pv_provisional": (
        "预估（未核定）：按第 {version} 版估损金额计算，核损通过后按核定金额重新计算。",
        "Provisional (not approved): worked out from version {version} as priced; worked out "
        "again from the approved amounts once reviewed.",
    ),
    # A case of several objects: the versions not approved yet, each named by its object.
    "pv_provisional_objects": (
        "预估（未核定）：按{versions}估损金额计算，核损通过后按核定金额重新计算。",
        "Provisional (not approved): worked out from {versions} as priced; worked out again "
        "from the approved amounts once reviewed.",
    ),
    "pv_note": (
        "交强险赔付由交强险承担，不计入预估赔款；预估赔款以核赔为准。",
        "Compulsory cover is paid by the compulsory insurance and is not part of the expected "
        "payment; the final payment is as the claim is settled.",
    ),
    "pv_capped": (
        "{object}：商业险赔付以 ¥{cap} 为限",
        "{object}: commercial cover capped at ¥{cap}",
    ),
    "pv_problem": (
        "预估赔款未能计算：{reason}",
        "The expected payment was not worked out: {reason}",
    ),
    "tl_value": ("实际价值", "Actual value"),
    "tl_cost": ("维修及施救费用", "Repair and rescue cost"),
    "tl_salvage": ("整车残值", "Whole-vehicle salvage"),
    "tl_entered": ("¥{amount}（录入）", "¥{amount} (entered)"),
    "tl_share": ("¥{amount}（按实际价值的 {share} 计）", "¥{amount} ({share} of the actual value)"),
    "tl_settlement": ("全损赔付金额", "Total-loss settlement"),
    "tl_formula": ("¥{value} − ¥{salvage}", "¥{value} − ¥{salvage}"),
    "tl_how": ("计算方式", "Worked out as"),
    "tl_sentence": (
        "维修及施救费用已达实际价值的 {threshold}，按推定全损处理：按实际价值减整车残值赔付，"
        "不按维修估损金额赔付。",
        "Repair and rescue cost reaches {threshold} of the actual value: a constructive total "
        "loss, settled on the actual value less the whole-vehicle salvage, not on the repair "
        "estimate.",
    ),
}

#: Section key → (Chinese, English) names; printed only when the section has lines.
SECTIONS: dict[str, tuple[str, str]] = {
    "part": ("换件项目", "Parts replaced"),
    "labor": ("工时项目", "Labor"),
    "paint": ("喷漆项目", "Paint"),
    "material": ("辅料", "Materials"),
    # A property item's (三者物损) free lines: guard-rail sections, posts, goods.
    "property": ("物损项目", "Property items"),
    "sublet": ("外修", "Sublet repairs"),
    "towing": ("施救费", "Towing and rescue"),
    "removed": WORDS["removed"],
    "totals": WORDS["totals"],
    "payout": ("预估赔款", "Expected payment"),
    "total_loss": ("推定全损", "Constructive total loss"),
}

#: Section key → the columns' (Chinese, English) headers and widths in mm (180 in all).
COLUMNS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "part": (
        ("序号", "No.", 10),
        ("配件编码", "Part no.", 25),
        ("配件名称", "Part name", 33),
        ("价格类型", "Price type", 18),
        ("数量", "Qty", 10),
        ("单价", "Unit price", 18),
        ("金额", "Amount", 20),
        ("说明", "Notes", 46),
    ),
    "labor": (
        ("序号", "No.", 10),
        ("项目", "Item", 44),
        ("作业", "Operation", 22),
        ("工时", "Hours", 12),
        ("工时单价", "Rate", 18),
        ("金额", "Amount", 20),
        ("说明", "Notes", 54),
    ),
    "paint": (
        ("序号", "No.", 10),
        ("项目", "Item", 64),
        ("幅数", "Panels", 14),
        ("每幅单价", "Per panel", 18),
        ("金额", "Amount", 20),
        ("说明", "Notes", 54),
    ),
    "other": (
        ("序号", "No.", 10),
        ("项目", "Item", 66),
        ("数量", "Qty", 12),
        ("单价", "Unit price", 18),
        ("金额", "Amount", 20),
        ("说明", "Notes", 54),
    ),
    "payout": (
        ("损失标的", "Loss object", 28),
        ("损失金额", "Loss", 25),
        ("交强险赔付", "Compulsory", 25),
        ("责任比例", "Liability", 20),
        ("商业险赔付", "Commercial", 27),
        ("绝对免赔额", "Deductible", 25),
        ("预估赔款", "Payment", 30),
    ),
    "removed": (
        ("变化", "Change", 20),
        ("类型", "Kind", 30),
        ("项目", "Item", 90),
        ("原金额", "Was", 40),
    ),
}

_NUMERALS = "一二三四五六七八九十"

STATUS: dict[str, tuple[str, str]] = {
    "draft": ("草稿", "Draft"),
    "submitted": ("待核损", "Submitted"),
    "returned": ("核损退回", "Returned"),
    "approved": ("核损通过", "Approved"),
    "signed": ("客户已签字", "Signed by the customer"),
    "closed": ("已结案", "Closed"),
}
TIER: dict[str, tuple[str, str]] = {
    "on_site": ("现场定损（≤2,000元）", "On site (up to ¥2,000)"),
    "standard": ("一般定损（≤10,000元）", "Standard (up to ¥10,000)"),
    "teardown": ("拆解定损（>10,000元或需拆解）", "Teardown (over ¥10,000 or torn down)"),
}
CHANGE: dict[str, tuple[str, str]] = {
    "added": ("新增", "added"),
    "changed": ("变更", "changed"),
    "removed": ("删除", "removed"),
}
KIND: dict[str, tuple[str, str]] = {
    k: v for k, v in SECTIONS.items() if k not in ("removed", "payout", "total_loss")
}
_SHOP_CLASS_EN = {
    ShopClass.FOUR_S: "4S dealer",
    ShopClass.CLASS1: "class 1 shop",
    ShopClass.CLASS2: "class 2 shop",
    ShopClass.CLASS3: "class 3 shop",
}
_OPERATION_EN = {
    Operation.RI: "remove & install",
    Operation.REPLACE: "replace",
    Operation.REPAIR_LIGHT: "repair, light",
    Operation.REPAIR_MEDIUM: "repair, medium",
    Operation.REPAIR_HEAVY: "repair, heavy",
    Operation.MECH: "mechanical",
    Operation.ELEC: "electrical",
}


def word(key: str, language: Language, **params: object) -> str:
    """The sheet's word ``key`` in ``language`` with its parameters filled in."""
    zh, en = WORDS[key]
    return (zh if language == "zh" else en).format(**params)


def pick(pair: tuple[str, str], language: Language) -> str:
    """The Chinese or English half of a pair."""
    return pair[0] if language == "zh" else pair[1]


def section_title(number: int, key: str, language: Language) -> str:
    """一、换件项目 (Chinese numerals) or "1. Parts replaced"; ``number`` counts from 1."""
    name = pick(SECTIONS[key], language)
    if language == "zh":
        return f"{chinese_numeral(number)}、{name}"
    return f"{number}. {name}"


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (up to 99)."""
    if not 1 <= number <= 99:
        raise ValueError(f"no section numeral for {number}")
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + ("" if ones == 0 else _NUMERALS[ones - 1])


def shop_class_word(shop_class: ShopClass, language: Language) -> str:
    """一类修理厂 / class 1 shop."""
    return SHOP_CLASS_ZH[shop_class] if language == "zh" else _SHOP_CLASS_EN[shop_class]


def operation_word(operation: Operation | None, language: Language) -> str:
    """更换 / replace ("" without an operation)."""
    if operation is None:
        return ""
    return OPERATION_ZH[operation] if language == "zh" else _OPERATION_EN[operation]

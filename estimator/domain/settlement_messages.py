"""Message templates of settlement (settlement.md): the depreciation classes and their words,
actual value, total loss and the payout estimate, in both languages. Pure."""

from __future__ import annotations

from kernel.problems import Language, Worded, register_messages, render

#: Words of the depreciation use classes and vehicle kinds, by code (``settlement.use.<use>``,
#: ``settlement.kind.<kind>``), and of the total-loss states (``settlement.state.<state>``).
SETTLEMENT_WORDS: dict[str, tuple[str, str]] = {
    "settlement.use.private": ("家庭自用及非营业", "private or non-commercial"),
    "settlement.use.rental_taxi": ("出租、租赁", "rental and taxi"),
    "settlement.use.commercial": ("其他营业", "other commercial"),
    "settlement.kind.passenger_9": ("9座以下客车", "passenger vehicle of 9 seats or fewer"),
    "settlement.kind.passenger_10": ("10座以上客车", "passenger vehicle of 10 seats or more"),
    "settlement.kind.mini_truck": (
        "微型载货汽车及带拖挂的载货汽车",
        "mini truck or truck with a trailer",
    ),
    "settlement.kind.low_speed": ("低速货车和三轮汽车", "low-speed truck or three-wheeler"),
    "settlement.kind.other": ("其他车辆", "other vehicle"),
    "settlement.state.repair": ("维修", "repair"),
    "settlement.state.near_total_loss": ("接近推定全损", "near total loss"),
    "settlement.state.total_loss": ("推定全损", "total loss"),
    # Where the new-vehicle price of the actual value came from.
    "settlement.price_source.case": ("案件录入", "entered on the case"),
    "settlement.price_source.catalog": ("目录车型", "the catalog's model"),
    "settlement.object.insured_vehicle": ("标的车", "insured vehicle"),
    "settlement.object.third_party_vehicle": ("三者车", "third-party vehicle"),
    "settlement.object.third_party_property": ("三者物损", "third-party property"),
    # An object's version a payout is priced from (标的车第2版、三者车1第1版).
    "settlement.version.insured_vehicle": (
        "标的车第{version}版",
        "insured vehicle version {version}",
    ),
    "settlement.version.third_party_vehicle": (
        "三者车{number}第{version}版",
        "third-party vehicle {number} version {version}",
    ),
    "settlement.version.third_party_property": (
        "三者物损{number}第{version}版",
        "third-party property {number} version {version}",
    ),
    # Names of the figures a refusal names.
    "settlement.field.threshold": ("全损线", "total-loss threshold"),
    "settlement.field.warning": ("推定全损预警线", "near-total-loss warning line"),
    "settlement.field.salvage_share": ("整车残值比例", "whole-vehicle salvage share"),
    "settlement.field.salvage": ("整车残值", "whole-vehicle salvage"),
    "settlement.field.repair_cost": ("维修费用", "repair cost"),
    "settlement.field.rescue_cost": ("施救费用", "rescue cost"),
    "settlement.field.liability": ("事故责任比例", "liability share"),
    "settlement.field.sum_insured": ("车损险保险金额", "vehicle-damage sum insured"),
    "settlement.field.third_party_limit": ("三者险责任限额", "third-party liability limit"),
    "settlement.field.deductible": ("绝对免赔额", "absolute deductible"),
    "settlement.field.monthly_rate": ("月折旧率", "monthly depreciation rate"),
    "settlement.field.floor_share": ("实际价值最低比例", "floor share of the new price"),
}

#: What a total-loss assessment says, by state (the ratio and its lines are percentages).
TOTAL_LOSS_MESSAGES: dict[str, tuple[str, str]] = {
    "settlement.assessed.repair": (
        "维修及施救费用 {cost} 为实际价值 {value} 的 {ratio}，按维修定损",
        "repair and rescue cost {cost} is {ratio} of the actual value {value}: settled as a repair",
    ),
    "settlement.assessed.near_total_loss": (
        "接近推定全损: 维修及施救费用 {cost} 为实际价值 {value} 的 {ratio}，已达预警线 {warning}",
        "near total loss: repair and rescue cost {cost} is {ratio} of the actual value {value}, "
        "at or past the warning line of {warning}",
    ),
    "settlement.assessed.total_loss": (
        "推定全损: 维修及施救费用 {cost} 为实际价值 {value} 的 {ratio}，已达全损线 {threshold}；"
        "按实际价值减整车残值 {salvage} 计 {settlement}",
        "total loss: repair and rescue cost {cost} is {ratio} of the actual value {value}, at or "
        "past the threshold of {threshold}; settled at the actual value less the whole-vehicle "
        "salvage {salvage}: {settlement}",
    ),
}

#: The broken rules of settlement (DomainError codes) and the depreciation workbook's problems.
SETTLEMENT_ERRORS: dict[str, tuple[str, str]] = {
    "settlement.loss_before_registration": (
        "出险日期 {loss_on} 早于初次登记日期 {registered_on}",
        "the loss date {loss_on} is before the first registration on {registered_on}",
    ),
    "settlement.new_price_not_positive": (
        "新车购置价必须大于 0 (为 {value})",
        "the new-vehicle price must be above 0 (it is {value})",
    ),
    "settlement.negative_amount": (
        "{field}不能为负数 (为 {value})",
        "the {field} cannot be negative (it is {value})",
    ),
    "settlement.unknown_use_class": (
        "“{value}”不是已知的使用性质与车辆种类 (如 private_passenger_9)",
        "'{value}' is not a known use class and vehicle kind (such as private_passenger_9)",
    ),
    "settlement.no_rate": (
        "折旧表中没有{kind}（{use}）的月折旧率",
        "the depreciation table holds no monthly rate for a {kind}, {use}",
    ),
    "settlement.bad_share": (
        "{field}应在 {minimum} 与 {maximum} 之间 (为 {value})",
        "the {field} must lie between {minimum} and {maximum} (it is {value})",
    ),
    "settlement.warning_above_threshold": (
        "推定全损预警线 {warning} 高于全损线 {threshold}",
        "the near-total-loss warning line {warning} is above the total-loss threshold {threshold}",
    ),
    "settlement.salvage_above_value": (
        "整车残值 {salvage} 超过实际价值 {value}",
        "the whole-vehicle salvage {salvage} is more than the actual value {value}",
    ),
    "settlement.bad_liability": (
        "事故责任比例“{value}”应为 全责/主责/同责/次责/无责，或 0 到 1 之间的小数 (如 0.70)",
        "the liability share '{value}' should be full, main, equal, minor or none, or a decimal "
        "from 0 to 1 (such as 0.70)",
    ),
    "settlement.no_insured_vehicle": (
        "案件应有且只有一个标的车 (有 {count} 个)",
        "a case holds exactly one insured vehicle (it holds {count})",
    ),
    "settlement.duplicate_object": (
        "损失标的 {kind} {index} 出现了两次",
        "the loss object {kind} {index} appears twice",
    ),
    # The depreciation workbook (estimator.documents.depreciation_workbook).
    "depreciation.rate_too_high": (
        "月折旧率不能超过 {maximum} (0.60% 应写作 0.006 或 0.60%)",
        "a monthly rate cannot exceed {maximum} (write 0.60 % as 0.006 or 0.60%)",
    ),
    "depreciation.missing_rate": (
        "缺少{kind}（{use}）的月折旧率",
        "no monthly rate for a {kind}, {use}",
    ),
}

register_messages(SETTLEMENT_WORDS)
register_messages(TOTAL_LOSS_MESSAGES)
register_messages(SETTLEMENT_ERRORS)


def word(code: str, language: str) -> str:
    """A settlement word by its code (``settlement.use.private``) in ``language`` (zh or en)."""
    chosen: Language = "en" if language == "en" else "zh"
    return render(code, None, chosen)


def versions_words(named: list[tuple[str, int, int]], language: str) -> str:
    """(kind, index, version) of objects as words: 标的车第2版、三者车1第1版."""
    chosen: Language = "en" if language == "en" else "zh"
    texts = [
        render(f"settlement.version.{kind}", {"number": index + 1, "version": version}, chosen)
        for kind, index, version in named
    ]
    return ("、" if chosen == "zh" else ", ").join(texts)


def worded(code: str) -> Worded:
    """A settlement word by its code in both languages, for a message parameter."""
    return Worded(render(code, None, "zh"), render(code, None, "en"))

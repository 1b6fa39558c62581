"""Where a clash of the check-in's merge is, in words (sync.md: the assessor sees both sides):
the tables of a case and the columns people know, in Chinese and English."""

from __future__ import annotations

from typing import Literal

from estimator.domain.case_details import FIELD_NAMES

Language = Literal["zh", "en"]

#: The tables of a case in words (zh, en), for the conflict's "where".
TABLE_WORDS: dict[str, tuple[str, str]] = {
    "cases": ("案件", "case"),
    "case_settlement": ("车辆价值与保单", "vehicle value and policy"),
    "loss_objects": ("损失标的", "loss object"),
    "estimates": ("估损单版本", "estimate version"),
    "estimate_lines": ("损失项目", "lines"),
    "submission_reasons": ("提交说明", "submission reasons"),
    "case_events": ("时间节点", "case event"),
    "case_documents": ("现场单证", "on-site document"),
    "case_chases": ("催问", "chase"),
    "pending_reasons": ("未决原因", "pending reason"),
    "photos": ("照片", "photo"),
    "guarantee_certificates": ("无差价保证书", "guarantee certificate"),
    "case_editors": ("编辑人", "editors"),
}
#: Columns of a version in words; the case's columns are the case dialog's words.
COLUMN_WORDS: dict[str, tuple[str, str]] = {
    "total": ("合计", "total"),
    "status": ("状态", "status"),
    "salvage": ("残值", "salvage"),
    "needs_teardown": ("需拆解", "teardown needed"),
    "price_type": ("价格类型", "price type"),
    "parts_management_fee_rate": ("配件管理费率", "parts management fee rate"),
    "customer_signed_at": ("客户签字时间", "customer signed at"),
    "assessor": ("定损员", "assessor"),
}
#: Columns computed from others (the totals from the lines): their clash says nothing more.
DERIVED = frozenset({"totals_json", "priced_json", "first_submission_json", "tier"})


def where_words(table: str, column: str | None, lang: Language) -> str:
    """Where a clash is, in words: 案件 · 车牌, 估损单版本 · 合计."""
    index = 0 if lang == "zh" else 1
    place = TABLE_WORDS.get(table, (table, table))[index]
    if not column:
        return place
    words = FIELD_NAMES.get(column) if table == "cases" else COLUMN_WORDS.get(column)
    return f"{place} · {words[index] if words else column}"

"""A case's audit trail as sentences people read (王定损 提交核损 v2), in one language.

Pure: no Qt state, so every audited action's sentence is unit-tested in both languages. The
language is passed in ("zh" or "en"); nothing here mixes the two."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from estimator.domain.chases import BY_EN, BY_ZH, VIA_EN, VIA_ZH, ChaseBy, ChaseVia
from estimator.domain.code_words import paint_type_word, price_type_word
from estimator.domain.loss_objects import ObjectRef, object_title
from estimator.domain.onsite_documents import ITEM_WORDS, PROCEDURE_WORDS, STATE_WORDS
from estimator.domain.regions import region_name
from estimator.domain.settlement_payout import ObjectKind
from estimator.gui.routing_words import ROUTING_ATTEMPTS, ROUTING_SENTENCES
from labor_standards.model import OPERATION_ZH, Operation, PaintType
from parts_catalog.model import PriceType

Language = Literal["zh", "en"]

#: The case fields the case details can change, as words (the labels of the case dialog).
FIELD_WORDS: dict[str, tuple[str, str]] = {
    "claim_no": ("报案号", "claim no."),
    "insured_name": ("被保险人", "insured"),
    "insured_phone": ("被保险人电话", "insured's phone"),
    "plate": ("车牌", "plate"),
    "vin": ("车架号", "VIN"),
    "model_code": ("车型编码", "model code"),
    "region": ("地区", "region"),
    "paint_type": ("漆种", "paint type"),
    "shop_name": ("修理厂", "shop"),
    "shop_class": ("修理厂类别", "shop class"),
    "partner": ("合作修理厂", "partner shop"),
}
SHOP_CLASS_WORDS: dict[str, tuple[str, str]] = {
    "4s": ("4S店", "4S dealer"),
    "class1": ("一类修理厂", "Class 1 shop"),
    "class2": ("二类修理厂", "Class 2 shop"),
    "class3": ("三类修理厂", "Class 3 shop"),
}
TIER_WORDS: dict[str, tuple[str, str]] = {
    "on_site": ("现场定损", "on site"),
    "standard": ("标准定损", "standard"),
    "teardown": ("拆检定损", "teardown"),
}
#: Time-stamped case events (``event_<kind>``, estimator.domain.clocks.EventKind).
EVENT_WORDS: dict[str, tuple[str, str]] = {
    "report": ("报案", "the report"),
    "dispatch": ("派工", "the dispatch"),
    "first_contact": ("首次联系客户", "the first contact"),
    "arrival": ("到达现场", "the arrival on site"),
    "entrustment": ("委托查勘", "the entrusted survey requested"),
    "survey": ("查勘", "the survey"),
    "first_photo": ("首张照片", "the first photo"),
    "teardown": ("拆检", "the teardown"),
    "items_confirmed": ("拆检项目确定", "the teardown items fixed"),
    "submission": ("提交核损", "the submission"),
    "return": ("退回", "the return"),
    "approval": ("核损通过", "the approval"),
    "supplement": ("追加定损", "the supplement"),
    "customer_signature": ("客户签字", "the customer's signature"),
    "notification_sent": ("发送核损通知", "the approval notice sent"),
    "documents_collected": ("单证收集齐全", "the documents collected"),
}
#: What a refused action (``refused_<action>``) tried to do.
ATTEMPT_WORDS: dict[str, tuple[str, str]] = {
    "edit": ("修改项目", "change the lines"),
    "salvage": ("修改残值", "change the salvage"),
    "submit": ("提交核损", "submit"),
    "return": ("退回", "return"),
    "approve": ("核损通过", "approve"),
    "sign": ("记录客户签字", "record the customer's signature"),
    "close": ("结案", "close"),
    "supplement": ("追加定损", "start a supplement"),
    "edit_details": ("修改案件信息", "change the case details"),
    "edit_settlement": ("修改车辆价值与保单", "change the vehicle value and policy"),
    "archive": ("归档案件", "archive the case"),
    "delete": ("删除案件", "delete the case"),
    **ROUTING_ATTEMPTS,
}


#: The values a line change shows (estimator.services.estimate_store snapshots), as words.
LINE_FIELD_WORDS: dict[str, tuple[str, str]] = {
    "part_no": ("配件编号", "part no."),
    "qty": ("数量", "qty"),
    "price_type": ("价格类型", "price type"),
    "unit_price": ("单价", "unit price"),
    "component_code": ("部件", "component"),
    "operation": ("作业", "operation"),
    "hours": ("工时", "hours"),
    "rate": ("工时单价", "rate"),
    "panels": ("喷漆幅数", "paint panels"),
    "price_per_panel": ("每幅单价", "price per panel"),
    "amount": ("金额", "amount"),
}
OPERATION_EN = {
    Operation.RI: "remove & install",
    Operation.REPLACE: "replace",
    Operation.REPAIR_LIGHT: "light repair",
    Operation.REPAIR_MEDIUM: "medium repair",
    Operation.REPAIR_HEAVY: "heavy repair",
    Operation.MECH: "mechanical",
    Operation.ELEC: "electrical",
}


def line_field_value(field: str, value: str, language: Language) -> str:
    """A line value of a version change as words (更换 for replace, 副厂件 for aftermarket)."""
    if not value:
        return "—"
    if field == "operation" and value in {o.value for o in Operation}:
        operation = Operation(value)
        return OPERATION_ZH[operation] if language == "zh" else OPERATION_EN[operation]
    if field == "price_type" and value in {p.value for p in PriceType}:
        price_type = PriceType(value)
        return price_type_word(price_type, language)
    return value


def line_changes(fields: Mapping[str, tuple[str, str]], language: Language) -> str:
    """A changed line's fields ``{field: (before, after)}`` as ``数量 1 → 2`` (; between)."""
    return ("；" if language == "zh" else "; ").join(
        f"{_word(LINE_FIELD_WORDS, name, language)} {line_field_value(name, old, language)}"
        f" → {line_field_value(name, new, language)}"
        for name, (old, new) in fields.items()
    )


def _money(value: object) -> str:
    try:
        return f"{Decimal(str(value)):,.2f}"
    except (InvalidOperation, ValueError):
        return str(value)


def _word(table: Mapping[str, tuple[str, str]], code: object, language: Language) -> str:
    words = table.get(str(code))
    if words is None:
        return str(code)
    return words[0] if language == "zh" else words[1]


def field_value(field: str, value: object, language: Language) -> str:
    """A case field's value as words (浙江 for ZJ, 一类修理厂 for class1, — when empty)."""
    if value in ("", None):
        return "—"
    if field == "region":
        return region_name(str(value), language)
    if field == "shop_class":
        return _word(SHOP_CLASS_WORDS, value, language)
    if field == "paint_type" and value in {p.value for p in PaintType}:
        return paint_type_word(PaintType(value), language)
    if field == "partner" or isinstance(value, bool):
        yes = value in (True, "true", "True", "1", 1)
        return ("是" if yes else "否") if language == "zh" else ("yes" if yes else "no")
    return str(value)


def detail_changes(changes: Mapping[str, Any], language: Language) -> str:
    """The case-details changes ``{field: [old, new]}`` as ``车牌 浙A… → 浙B…`` (; between)."""
    parts = []
    for field, pair in changes.items():
        old, new = pair if isinstance(pair, list | tuple) and len(pair) == 2 else (None, pair)
        name = _word(FIELD_WORDS, field, language)
        parts.append(
            f"{name} {field_value(field, old, language)} → {field_value(field, new, language)}"
        )
    return ("；" if language == "zh" else "; ").join(parts)


def _v(version: int | None) -> str:
    return "" if version is None else f" v{version}"


def _reason(detail: Mapping[str, Any], language: Language) -> str:
    reason = str(detail.get("reason") or "").strip()
    if not reason:
        return ""
    return f"：{reason}" if language == "zh" else f": {reason}"


def _workflow(zh: str, en: str) -> Callable[[str, int | None, Mapping[str, Any], Language], str]:
    def sentence(who: str, version: int | None, detail: Mapping[str, Any], lang: Language) -> str:
        verb = zh if lang == "zh" else en
        if "{v}" in verb:  # English puts the version inside: "took v2 for review"
            return (
                f"{who} {verb.replace('{v}', _v(version).strip() or 'it')}{_reason(detail, lang)}"
            )
        return f"{who} {verb}{_v(version)}{_reason(detail, lang)}"

    return sentence


def _create(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    claim, plate = d.get("claim_no", ""), d.get("plate", "")
    if lang == "zh":
        return f"{who} 新建案件 {claim}" + (f"（车牌 {plate}）" if plate else "")
    return f"{who} created the case {claim}" + (f" (plate {plate})" if plate else "")


def _edit(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    lines, total = d.get("lines", "?"), _money(d.get("total", "0"))
    if lang == "zh":
        return f"{who} 修改项目{_v(version)}（{lines} 项，合计 {total}）"
    return f"{who} changed the lines of{_v(version)} ({lines} lines, total {total})"


def _salvage(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    before, after = (d.get("changed") or {}).get("salvage", ["", ""])
    shown = [_money(v) if v not in ("", None) else "—" for v in (before, after)]
    total = _money(d.get("total", "0"))
    if lang == "zh":
        return f"{who} 修改残值{_v(version)}：{shown[0]} → {shown[1]}（合计 {total}）"
    return f"{who} changed the salvage of{_v(version)}: {shown[0]} → {shown[1]} (total {total})"


def _supplement(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    old = d.get("from_version")
    new = d.get("version", version)
    if lang == "zh":
        return f"{who} 追加定损：v{old} → v{new}"
    return f"{who} started supplement v{new} of v{old}"


def _details(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    changes = detail_changes(d.get("changes") or {}, lang)
    repriced = len(d.get("repriced") or [])
    if lang == "zh":
        text = f"{who} 修改案件信息：{changes}"
        return text + (f"（重新定价 {repriced} 个版本）" if repriced else "")
    text = f"{who} changed the case details: {changes}"
    return text + (f" ({repriced} version(s) priced again)" if repriced else "")


def _large(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    tier = _word(TIER_WORDS, d.get("tier", ""), lang)
    if lang == "zh":
        return f"{who} 提交后案件转入大案组（{tier}）"
    return f"{who} submitted: the case went to the large-case group ({tier})"


def _adjust(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    line, before, after = d.get("line", "?"), _money(d.get("before")), _money(d.get("after"))
    if lang == "zh":
        return f"{who} 核损调整{_v(version)} 第 {line} 行：{before} → {after}" + (
            f"（{d['reason']}）" if d.get("reason") else ""
        )
    return f"{who} adjusted line {line} of{_v(version)}: {before} → {after}" + (
        f" ({d['reason']})" if d.get("reason") else ""
    )


def _guarantee(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    number = d.get("number", "")
    if lang == "zh":
        return f"{who} 签发无差价保障凭证 {number}{_v(version)}"
    return f"{who} issued guarantee certificate {number} for{_v(version)}"


def _approve(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    if not d.get("within_authority"):
        return _workflow("核损通过", "approved")(who, version, d, lang)
    if lang == "zh":
        return f"{who} 在定损权限内核定{_v(version)}" + ("（抽中抽检）" if d.get("sampled") else "")
    tail = " (drawn for a sample check)" if d.get("sampled") else ""
    return f"{who} approved{_v(version)} within their authority{tail}"


def _sample_check(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    note = str(d.get("note") or "").strip()
    if d.get("ok"):
        if lang == "zh":
            return f"{who} 抽检{_v(version)}：通过" + (f"（{note}）" if note else "")
        return f"{who} checked sampled{_v(version)}: passed" + (f" ({note})" if note else "")
    if lang == "zh":
        return f"{who} 抽检{_v(version)}：不通过（{note}）；核定金额不变，计入指标"
    return (
        f"{who} checked sampled{_v(version)}: failed ({note}); the approved amount stands,"
        " counted in the indicators"
    )


def _photo(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    name = d.get("file", "")
    return f"{who} 添加照片 {name}" if lang == "zh" else f"{who} attached the photo {name}"


def _unmasked(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    if lang == "zh":
        return f"{who} 打印未遮盖个人信息的估损单{_v(version)}"
    return f"{who} printed the sheet of{_v(version)} with personal data unmasked"


def _invoice(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    estimate, invoice = _money(d.get("estimate_total")), _money(d.get("invoice_total"))
    if lang == "zh":
        return f"{who} 核对修理厂发票{_v(version)}：定损 {estimate}，发票 {invoice}"
    return (
        f"{who} reconciled the shop invoice of{_v(version)}: estimate {estimate}, invoice {invoice}"
    )


def _archive(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    verb = "归档案件" if lang == "zh" else "archived the case"
    return f"{who} {verb}{_reason(d, lang)}"


def _delete(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    years = d.get("retention_years", "?")
    if lang == "zh":
        return f"{who} 删除案件 {d.get('claim_no', '')}（保存期 {years} 年已满）"
    return f"{who} deleted the case {d.get('claim_no', '')} ({years}-year retention over)"


def _signed_sheet(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    if lang == "zh":
        return f"{who} 数字签名估损单{_v(version)}"
    return f"{who} digitally signed the estimate sheet of{_v(version)}"


def _chase(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    by, via = str(d.get("by", "")), str(d.get("via", ""))
    note = str(d.get("note", "") or "")
    if by not in {m.value for m in ChaseBy} or via not in {m.value for m in ChaseVia}:
        return f"{who} 记录催问" if lang == "zh" else f"{who} recorded a chase"
    if lang == "zh":
        tail = f"（{note}）" if note else ""
        return f"{who} 记录催问：{BY_ZH[ChaseBy(by)]}经{VIA_ZH[ChaseVia(via)]}{tail}"
    tail = f" ({note})" if note else ""
    return f"{who} recorded a chase: {BY_EN[ChaseBy(by)]} through {VIA_EN[ChaseVia(via)]}{tail}"


def _pending_reason(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    reason = str(d.get("reason", "") or "")
    if lang == "zh":
        return f"{who} 记录未决原因：{reason}"
    return f"{who} recorded the pending reason: {reason}"


def _documents(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    item, state = str(d.get("item", "")), str(d.get("state", ""))
    if item not in ITEM_WORDS or state not in STATE_WORDS:
        return f"{who} 记录现场单证" if lang == "zh" else f"{who} recorded an on-site document"
    what, how = _word(ITEM_WORDS, item, lang), _word(STATE_WORDS, state, lang)
    if lang == "zh":
        return f"{who} 记录单证：{what}（{how}）"
    return f"{who} recorded the {what}: {how}"


def _procedure(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
    new = str(d.get("new", ""))
    if new not in PROCEDURE_WORDS:
        return f"{who} 修改案件程序" if lang == "zh" else f"{who} changed the procedure"
    what = _word(PROCEDURE_WORDS, new, lang)
    return f"{who} 将案件设为{what}" if lang == "zh" else f"{who} set the case to the {what}"


def _loss_object(zh: str, en: str) -> Callable[[str, int | None, Mapping[str, Any], Language], str]:
    """A sentence naming the loss object a case action was about (added, changed, removed)."""

    def sentence(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
        try:
            ref = ObjectRef(ObjectKind(str(d.get("kind", ""))), int(d.get("index", 0)))
        except ValueError:  # a kind this version has no word for
            return f"{who} {zh}" if lang == "zh" else f"{who} {en} a loss object"
        title = object_title(ref, lang)
        return f"{who} {zh}：{title}" if lang == "zh" else f"{who} {en} the loss object {title}"

    return sentence


def _device(d: Mapping[str, Any]) -> str:
    return str(d.get("device_name") or d.get("device") or "")


def _sync(zh: str, en: str) -> Callable[[str, int | None, Mapping[str, Any], Language], str]:
    """A sentence of offline work naming the laptop ({device}) and the clashes ({clashes})."""

    def sentence(who: str, version: int | None, d: Mapping[str, Any], lang: Language) -> str:
        words = (zh if lang == "zh" else en).format(
            device=_device(d), clashes=d.get("clashes", 0), user=d.get("user", "")
        )
        return f"{who} {words}"

    return sentence


SENTENCES: dict[str, Callable[[str, int | None, Mapping[str, Any], Language], str]] = {
    "create": _create,
    "edit": _edit,
    "salvage": _salvage,
    "submit": _workflow("提交核损", "submitted"),
    "return": _workflow("退回", "returned"),
    "approve": _approve,
    "sample_check": _sample_check,
    "sign": _workflow("记录客户签字", "recorded the customer's signature on"),
    "close": _workflow("结案", "closed"),
    "supplement": _supplement,
    "edit_details": _details,
    "edit_settlement": _workflow("修改车辆价值与保单", "changed the vehicle value and policy"),
    "assign_large_case_group": _large,
    "take_review": _workflow("领取核损", "took {v} for review"),
    "release_review": _workflow("放回核损队列", "put {v} back in the review queue"),
    "review_adjust": _adjust,
    "issue_guarantee": _guarantee,
    "attach_photo": _photo,
    "print_unmasked": _unmasked,
    "reconcile_invoice": _invoice,
    "archive": _archive,
    "delete": _delete,
    # Content binding (reliability.md, promise 13): the detail holds hashes, not words.
    "rebind": _workflow(
        "更正案件信息后重新绑定内容", "re-bound the content of {v} after a correction"
    ),
    "sign_sheet": _signed_sheet,
    "chase": _chase,
    "pending_reason": _pending_reason,
    "documents": _documents,
    "procedure": _procedure,
    "add_loss_object": _loss_object("添加损失标的", "added"),
    "edit_loss_object": _loss_object("修改损失标的", "changed"),
    "remove_loss_object": _loss_object("删除损失标的", "removed"),
    # Offline work (sync.md).
    "checked_out": _sync(
        "将案件检出到笔记本 {device}", "checked the case out to the laptop {device}"
    ),
    "checkout_released": _sync(
        "释放案件的检出（笔记本 {device}，{user}）",
        "released the case's check-out (laptop {device}, {user})",
    ),
    "checkin_accepted": _sync("从笔记本检入案件", "checked the case in from a laptop"),
    "checkin_discarded": _sync(
        "检入时放弃笔记本上的修改，保留服务器的", "checked in, discarding the laptop's changes"
    ),
    "checkin_conflict": _sync(
        "检入时与服务器的修改冲突（{clashes} 处），未写入",
        "checked in: {clashes} conflict(s) with the server's changes, nothing written",
    ),
    "checkin_refused": _sync("检入被拒绝", "was refused a check-in"),
    "sync_restated": _workflow("检入后重新记录 {v} 的状态与内容", "restated {v} after a check-in"),
    "imported": _sync("导入同步包", "imported a sync bundle"),
    **ROUTING_SENTENCES,
}


def _event(who: str, kind: str, note: str, lang: Language) -> str:
    what = _word(EVENT_WORDS, kind, lang)
    if kind not in EVENT_WORDS:  # an event this module has no word for
        return f"{who} 记录时间节点" if lang == "zh" else f"{who} recorded a case event"
    if note:  # the entrusted party of 委托查勘, a remark
        return f"{who} 记录{what}：{note}" if lang == "zh" else f"{who} recorded {what}: {note}"
    return f"{who} 记录{what}时间" if lang == "zh" else f"{who} recorded the time of {what}"


def _refused(who: str, attempted: str, version: int | None, lang: Language) -> str:
    what = _word(ATTEMPT_WORDS, attempted, lang)
    if attempted not in ATTEMPT_WORDS:
        return f"{who} 的操作未获准" if lang == "zh" else f"{who} was refused an action"
    if lang == "zh":
        return f"{who} {what}{_v(version)} 未获准"
    return f"{who} tried to {what}{_v(version)}: refused"


def _generic(who: str, version: int | None, detail: Mapping[str, Any], lang: Language) -> str:
    """An action without a sentence of its own: who, which version, and the plain values."""
    values = [
        str(v)
        for v in detail.values()
        if isinstance(v, str | int | float) and not isinstance(v, bool) and str(v)
    ]
    tail = ("：" if lang == "zh" else ": ") + ", ".join(values) if values else ""
    if lang == "zh":
        return f"{who} 进行了其他操作{_v(version)}{tail}"
    return f"{who} made another change{' to' + _v(version) if version else ''}{tail}"


def history_sentence(
    action: str,
    who: str,
    detail: Mapping[str, Any] | None = None,
    language: Language = "zh",
    version: int | None = None,
) -> str:
    """One audited event as a sentence: ``王定损 提交核损 v2``, ``李核损 退回 v2：<reason>``."""
    detail = detail or {}
    if action.startswith("event_"):
        note = str(detail.get("note", ""))
        return _event(who, action.removeprefix("event_"), note, language)
    if action.startswith("refused_"):
        return _refused(who, action.removeprefix("refused_"), version, language)
    sentence = SENTENCES.get(action)
    words = (sentence or _generic)(who, version, detail, language)
    origin = detail.get("origin")
    if isinstance(origin, dict):  # made on a laptop, appended at its check-in
        device = str(origin.get("device_name") or origin.get("device") or "")
        words += f"（离线，{device}）" if language == "zh" else f" (offline, {device})"
    return words

"""The history's sentences: one per audited action, in one language, codes as words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from estimator.domain.clocks import EventKind
from estimator.domain.workflow import Action
from estimator.gui.history_words import (
    ATTEMPT_WORDS,
    EVENT_WORDS,
    SENTENCES,
    detail_changes,
    history_sentence,
    line_changes,
)

ROOT = Path(__file__).resolve().parents[3]
CJK = re.compile(r"[\u4e00-\u9fff]")

#: A realistic detail of every action, as the services record it.
DETAILS: dict[str, dict[str, object]] = {
    "chase": {"by": "customer", "via": "gm_office", "note": ""},
    "pending_reason": {"reason": "等待配件报价", "before": ""},
    "documents": {"item": "id_card", "state": "later", "at": "2026-12-07T02:00:00+00:00"},
    "add_loss_object": {"kind": "third_party_vehicle", "index": 1, "object": "x", "estimate": "y"},
    "edit_loss_object": {
        "kind": "third_party_vehicle",
        "index": 0,
        "changes": {"plate": ["浙A11111", "浙A22222"]},
    },
    "remove_loss_object": {"kind": "third_party_property", "index": 0, "title": "三者物损1 路政"},
    "procedure": {"old": "ordinary", "new": "simple"},
    "checked_out": {"device": "d-1", "device_name": "丽水笔记本"},
    "checkout_released": {"device": "丽水笔记本", "user": "wang", "checked_out_at": "x"},
    "checkin_accepted": {"device": "d-1", "batch": "b-1", "clashes": 0},
    "checkin_discarded": {"device": "d-1", "batch": "b-1", "clashes": 1},
    "checkin_conflict": {"device": "d-1", "batch": "b-1", "clashes": 2},
    "checkin_refused": {"device": "d-1", "batch": "b-1", "clashes": 0},
    "sync_restated": {"to": "approved"},
    "imported": {"batch": "b-1", "user": "wang", "resumed": False},
    "create": {"claim_no": "RPT2026001", "plate": "浙A7M829", "estimate": "x", "total": "120"},
    "edit": {"lines": 14, "total": "15820.00"},
    "salvage": {"changed": {"salvage": ["", "120.00"]}, "total": "15700.00"},
    "submit": {"from": "draft", "to": "submitted", "reason": ""},
    "return": {"from": "submitted", "to": "returned", "reason": "拖车费请附发票"},
    "approve": {"from": "submitted", "to": "approved", "reason": ""},
    "sample_check": {"ok": False, "note": "工时偏高", "total": "525.00"},
    "sign": {"from": "approved", "to": "signed", "reason": ""},
    "close": {"from": "signed", "to": "closed", "reason": ""},
    "supplement": {"from_version": 1, "version": 2},
    "edit_details": {"version": 3, "changes": {"plate": ["浙A1", "浙A2"]}, "repriced": []},
    "assign_large_case_group": {"tier": "teardown", "total": "24952.39"},
    "take_case": {"from": "张普案", "to": "王定损", "claim_no": "RPT2026001"},
    "assign_case": {"from": "张普案", "to": "刘大案", "claim_no": "RPT2026001"},
    "escalate": {
        "returned_at": "2026-12-01T02:00:00+00:00",
        "due": "2026-12-03T02:00:00+00:00",
        "assessor": "张普案",
    },
    "resolve_escalation": {
        "returned_at": "2026-12-01T02:00:00+00:00",
        "due": "2026-12-03T02:00:00+00:00",
        "resubmitted_at": "2026-12-04T01:30:00+00:00",
    },
    "take_review": {},
    "release_review": {},
    "review_adjust": {"line": 3, "before": "1200", "after": "980", "reason": "按市场价"},
    "issue_guarantee": {"number": "GC-2026-0001", "hash": "ab"},
    "attach_photo": {"file": "front.jpg", "sha256": "ab"},
    "print_unmasked": {},
    "reconcile_invoice": {"estimate_total": "15820", "invoice_total": "15900.5"},
    "archive": {"reason": "结案满一年"},
    "edit_settlement": {"before": {}, "after": {"liability": "main"}},
    "delete": {"claim_no": "RPT2026001", "retention_years": 10},
    "rebind": {"after": "edit_details", "content": {"hash": "ab", "sections": {"lines": "cd"}}},
    "sign_sheet": {
        "sheet_sha256": "ab",
        "signer": "Common Name: 王定损",
        "content": {"hash": "ab"},
    },
}
#: Data values that may carry Latin letters in a Chinese sentence (numbers, files, plates).
DATA = re.compile(r"浙A\w*|RPT2026001|GC-2026-0001|front\.jpg|\bv\d+|wang")
#: Data values that are Chinese in an English sentence (plates, reasons people wrote).
CHINESE_DATA = re.compile(
    r"浙A\w*|拖车费请附发票|按市场价|结案满一年|等待配件报价|工时偏高|张普案|刘大案|丽水笔记本"
)


def _recorded_actions() -> set[str]:
    """Every action the services audit for a case or an estimate (case_history's entities)."""
    found = {a.value for a in Action}
    for source in (ROOT / "estimator" / "services").glob("*.py"):
        found |= set(re.findall(r'action="([a-z_]+)"', source.read_text(encoding="utf-8")))
    # users (create/update/throttle/unlock), partners (save/import), the catalog and the signers'
    # register (enrol/replace/revoke, the CA) are not a case's history
    register = {"enrol", "replace", "revoke", "ca_create", "copy"}  # and a database's copy
    settings = {"set_setting", "reset_setting"}  # the configuration, not a case
    ignored = {"throttle", "unlock", "update", "import", "correct", "corrections_replaced"}
    ignored |= {"pending_reviewed", "calendar_import"}  # an assessor's list, the calendar
    ignored |= {"depreciation_import", "flood_guide_import"}  # reference tables, not a case
    return found - ignored - register - settings


def test_every_recorded_action_has_its_own_sentence() -> None:
    assert _recorded_actions() <= set(SENTENCES)
    assert set(DETAILS) == set(SENTENCES)
    assert {k.value for k in EventKind} == set(EVENT_WORDS)


@pytest.mark.parametrize("action", sorted(DETAILS))
def test_each_action_reads_as_one_sentence_in_each_language(action: str) -> None:
    zh = history_sentence(action, "王定损", DETAILS[action], "zh", 2)
    en = history_sentence(action, "Wang", DETAILS[action], "en", 2)
    assert zh.startswith("王定损 ") and en.startswith("Wang ")
    assert not re.search(r"[A-Za-z]", DATA.sub("", zh)), zh  # no English word in Chinese
    assert not CJK.search(CHINESE_DATA.sub("", en)), en  # no Chinese word in English


def test_the_sentences_say_what_happened() -> None:
    assert history_sentence("submit", "王定损", DETAILS["submit"], "zh", 2) == "王定损 提交核损 v2"
    assert (
        history_sentence("chase", "王定损", DETAILS["chase"], "zh", None)
        == "王定损 记录催问：客户经总经理室"
    )
    assert (
        history_sentence("chase", "Wang", DETAILS["chase"], "en", None)
        == "Wang recorded a chase: the customer through the general manager's office"
    )
    assert (
        history_sentence("documents", "王定损", DETAILS["documents"], "zh", None)
        == "王定损 记录单证：身份证（事后补交）"
    )
    assert (
        history_sentence("documents", "Wang", DETAILS["documents"], "en", None)
        == "Wang recorded the ID card: collected later"
    )
    assert (
        history_sentence("procedure", "王定损", DETAILS["procedure"], "zh", None)
        == "王定损 将案件设为简易程序"
    )
    assert (
        history_sentence("add_loss_object", "王定损", DETAILS["add_loss_object"], "zh", None)
        == "王定损 添加损失标的：三者车2"
    )
    assert (
        history_sentence("edit_loss_object", "王定损", DETAILS["edit_loss_object"], "zh", None)
        == "王定损 修改损失标的：三者车1"
    )
    assert (
        history_sentence("remove_loss_object", "王定损", DETAILS["remove_loss_object"], "en", None)
        == "王定损 removed the loss object third-party property 1"
    )
    assert (
        history_sentence("return", "李核损", DETAILS["return"], "zh", 1)
        == "李核损 退回 v1：拖车费请附发票"
    )
    assert (
        history_sentence("edit", "王定损", DETAILS["edit"], "zh", 1)
        == "王定损 修改项目 v1（14 项，合计 15,820.00）"
    )
    assert (
        history_sentence("salvage", "王定损", DETAILS["salvage"], "zh", 1)
        == "王定损 修改残值 v1：— → 120.00（合计 15,700.00）"
    )
    assert history_sentence("approve", "Li", {"reason": "checked"}, "en", 3) == (
        "Li approved v3: checked"
    )
    assert "1,200.00 → 980.00" in history_sentence(
        "review_adjust", "李核损", DETAILS["review_adjust"], "zh", 1
    )
    assert (
        history_sentence(
            "assign_large_case_group", "王定损", DETAILS["assign_large_case_group"], "zh"
        )
        == "王定损 提交后案件转入大案组（拆检定损）"
    )


def test_case_detail_changes_show_fields_and_codes_as_words() -> None:
    changes = {
        "plate": ["浙A7M829", "浙A00001"],
        "region": ["ZJ", "SH"],
        "shop_class": ["class1", "4s"],
        "paint_type": ["solid", "pearl"],
        "partner": [False, True],
        "insured_name": ["", "张三"],
    }
    assert detail_changes(changes, "zh") == (
        "车牌 浙A7M829 → 浙A00001；地区 浙江 → 上海；修理厂类别 一类修理厂 → 4S店；"
        "漆种 素色漆 → 珍珠漆；合作修理厂 否 → 是；被保险人 — → 张三"
    )
    assert detail_changes(changes, "en") == (
        "plate 浙A7M829 → 浙A00001; region Zhejiang → Shanghai; shop class Class 1 shop → "
        "4S dealer; paint type solid paint → pearl paint; partner shop no → yes; insured — → 张三"
    )


def test_line_changes_name_fields_and_values() -> None:
    fields = {
        "qty": ("1", "2"),
        "operation": ("replace", "repair_light"),
        "price_type": ("", "brand"),
    }
    assert line_changes(fields, "zh") == "数量 1 → 2；作业 更换 → 钣金轻；价格类型 — → 品牌件"
    assert line_changes(fields, "en") == (
        "qty 1 → 2; operation replace → light repair; price type — → brand part"
    )


def test_events_and_refusals() -> None:
    assert history_sentence("event_survey", "王定损", None, "zh") == "王定损 记录查勘时间"
    assert history_sentence("event_survey", "Wang", None, "en") == (
        "Wang recorded the time of the survey"
    )
    assert history_sentence("refused_approve", "李核损", {"code": "x"}, "zh", 2) == (
        "李核损 核损通过 v2 未获准"
    )
    assert history_sentence("refused_submit", "Wang", {"code": "x"}, "en", 2) == (
        "Wang tried to submit v2: refused"
    )
    assert set(ATTEMPT_WORDS) >= {a.value for a in Action}


def test_an_unknown_action_still_reads_as_a_sentence() -> None:
    zh = history_sentence("frobnicate", "王定损", {"what": "底盘号", "n": 3}, "zh", 2)
    en = history_sentence("frobnicate", "Wang", {"what": "x", "n": 3}, "en", None)
    assert zh == "王定损 进行了其他操作 v2：底盘号, 3"
    assert en == "Wang made another change: x, 3"
    assert history_sentence("event_new_kind", "王定损", None, "zh") == "王定损 记录时间节点"
    assert history_sentence("refused_fly", "王定损", None, "zh") == "王定损 的操作未获准"


def test_routing_and_escalation_sentences_name_people_and_local_times() -> None:
    assert (
        history_sentence("assign_case", "赵经理", DETAILS["assign_case"], "zh")
        == "赵经理 将案件指派给 刘大案（原定损员 张普案）"
    )
    assert history_sentence("take_case", "Wang", {"from": "zhang"}, "en") == (
        "Wang took the case from the large-case queue (assessor before: zhang)"
    )
    # Stored in UTC, read in Shanghai time (+8).
    assert history_sentence("escalate", "赵经理", DETAILS["escalate"], "zh") == (
        "赵经理 记录升级督办：2026-12-01 10:00 退回后逾期未重新提交（应于 2026-12-03 10:00 前）"
    )
    assert "2026-12-04 09:30" in history_sentence(
        "resolve_escalation", "赵经理", DETAILS["resolve_escalation"], "zh"
    )
    assert history_sentence("refused_take_case", "张普案", {}, "zh") == "张普案 接手大案 未获准"


def test_an_entry_made_offline_says_so() -> None:
    detail = {**DETAILS["submit"], "origin": {"device": "d-1", "device_name": "丽水笔记本"}}
    assert (
        history_sentence("submit", "王定损", detail, "zh", 2)
        == "王定损 提交核损 v2（离线，丽水笔记本）"
    )
    assert history_sentence("submit", "Wang", detail, "en", 2).endswith("(offline, 丽水笔记本)")

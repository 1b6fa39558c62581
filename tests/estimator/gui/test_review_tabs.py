"""The editor's case bar and review tabs: words, not codes; empty tabs say why; the return's
reasons in the case bar while the version is returned."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.gui.editor import EstimateEditor
from estimator.services import case_list, review_queue, workflow
from estimator.services.demo import DEMO_USERS
from estimator.services.users import User, authenticate


def _user(demo: Engine, name: str) -> User:
    return authenticate(demo, name, {n: p for n, _d, _r, p in DEMO_USERS}[name])


def _editor(qtbot: QtBot, demo: Engine, user: User) -> EstimateEditor:
    editor = EstimateEditor(demo, user)
    qtbot.addWidget(editor)
    editor.resize(1200, 700)
    editor.show()
    return editor


def _history(editor: EstimateEditor) -> list[str]:
    return [editor.history.item(r, 1).text() for r in range(editor.history.rowCount())]


def test_a_returned_version_shows_who_returned_it_and_why(qtbot: QtBot, demo: Engine) -> None:
    wang, li = _user(demo, "wang"), _user(demo, "li")
    submitted = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.SUBMITTED)
    review_queue.take_estimate(demo, submitted.estimate_id, li)
    workflow.return_estimate(demo, submitted.estimate_id, li, "拖车费请附发票；左前叶子板工时偏高")

    editor = _editor(qtbot, demo, wang)
    editor.open(submitted.estimate_id)
    bar = editor.case_bar
    assert bar.returned.isVisible()
    assert bar.returned.text() == "Returned by 李核损: 拖车费请附发票；左前叶子板工时偏高"
    history = _history(editor)
    assert (
        history[-1]
        == f"李核损 returned v{submitted.version_no}: 拖车费请附发票；左前叶子板工时偏高"
    )
    assert f"王定损 submitted v{submitted.version_no}" in history
    assert f"李核损 took v{submitted.version_no} for review" in history
    codes = [editor.history.item(r, 1).data(Qt.ItemDataRole.UserRole) for r in range(len(history))]
    assert codes[-2:] == ["estimate take_review", "estimate return"]

    # Submitted again: no longer returned, so the reasons leave the bar.
    workflow.submit(demo, submitted.estimate_id, wang)
    editor.reload()
    assert not bar.returned.isVisible()


def test_words_not_codes_and_empty_tabs_say_why(qtbot: QtBot, demo: Engine) -> None:
    wang = _user(demo, "wang")
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.SUBMITTED)
    editor = _editor(qtbot, demo, wang)
    editor.open(draft.estimate_id)
    stored = editor.stored
    assert stored is not None and stored.version_no == 1

    header = editor.header.text()
    assert "Zhejiang" in header or "Shanghai" in header  # the region by name
    assert f" {stored.estimate.region} " not in header
    assert stored.estimate.shop_class.value not in header  # "Class 1 shop", not class1
    assert "VIN" in header

    # The findings: severities as words, the rule code kept; the tab counts them.
    assert editor.findings.rowCount() == len(editor.current_findings) > 0
    severities = {editor.findings.item(r, 1).text() for r in range(editor.findings.rowCount())}
    assert severities <= {"Block", "Warning", "Note"}
    assert editor.findings.item(0, 0).text() == editor.current_findings[0].rule
    tabs = editor.review_tabs
    assert tabs.tabText(tabs.indexOf(tabs.findings_page)).endswith(
        f"({len(editor.current_findings)})"
    )

    # The first version has nothing to compare with: the tab says so in the table's place.
    tabs.setCurrentWidget(tabs.changes_page)
    assert editor.changes.rowCount() == 0 and not editor.changes.isVisible()
    assert tabs.changes_page.empty.isVisible()
    assert "first version" in tabs.changes_page.empty.text()


def test_a_supplement_shows_its_changes_as_words(qtbot: QtBot, demo: Engine) -> None:
    wang = _user(demo, "wang")
    approved = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.APPROVED)
    editor = _editor(qtbot, demo, wang)
    editor.open(approved.estimate_id)
    editor.supplement()
    tabs = editor.review_tabs
    tabs.setCurrentWidget(tabs.changes_page)
    assert tabs.changes_page.empty.text() == "Nothing changed from the previous version."
    assert tabs.changes_page.empty.isVisible()
    editor.table.setCurrentIndex(editor.lines.index(0, 0))
    editor.remove_selected()
    assert editor.changes.rowCount() == 1 and editor.changes.isVisible()
    assert editor.changes.item(0, 0).text() == "Removed"
    assert editor.changes.item(0, 1).text() in {"Part", "Labor", "Paint", "Material"}
    assert _history(editor)[-2].startswith("王定损 started supplement v2 of v1")
    assert _history(editor)[-1].startswith("王定损 changed the lines of v2 (")


#: What may be Latin in a Chinese screen: claim numbers, plates, VINs, models, rule codes, v2.
DATA = re.compile(r"RDAA\d+|[浙沪][A-Z0-9]+|TY-CAMRY-\d+|LVGBE\w+|R\d\d|\bv\d+|4S|[A-Z]?\d+\w*")


@pytest.mark.usefixtures("chinese")
def test_the_chinese_screen_says_everything_in_chinese(qtbot: QtBot, demo: Engine) -> None:
    wang = _user(demo, "wang")
    returned = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.RETURNED)
    editor = _editor(qtbot, demo, wang)
    editor.open(returned.estimate_id)
    bar = editor.case_bar
    assert bar.returned.isVisible() and bar.returned.text().startswith("李核损 退回：")
    assert "浙江" in editor.header.text() or "上海" in editor.header.text()
    assert "一类修理厂" in editor.header.text() and "车架号" in editor.header.text()
    texts = [editor.history.item(r, 1).text() for r in range(editor.history.rowCount())]
    assert any(t.startswith("李核损 退回 v1：") for t in texts)
    severities = {editor.findings.item(r, 1).text() for r in range(editor.findings.rowCount())}
    assert severities <= {"阻止", "警告", "提示"}
    findings = [editor.findings.item(r, 3).text() for r in range(editor.findings.rowCount())]
    tabs = editor.review_tabs
    words = [
        bar.returned.text(),
        *texts,
        *findings,
        tabs.changes_page.empty.text(),
        *(tabs.tabText(i) for i in range(tabs.count())),
    ]
    assert tabs.changes_page.empty.text().startswith("这是第一版")
    for text in words:
        assert not re.search(r"[A-Za-z]{2,}", DATA.sub("", text)), text


def test_the_history_shows_its_times_in_the_configured_zone(qtbot: QtBot, demo: Engine) -> None:
    """The history's times follow display.timezone like every other screen."""
    from estimator.services.settings import set_setting
    from kernel.clock import to_local

    wang, admin = _user(demo, "wang"), _user(demo, "admin")
    listed = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.SUBMITTED)
    editor = _editor(qtbot, demo, wang)
    editor.open(listed.estimate_id)
    first = editor.review_tabs.entries[0].at
    assert editor.history.item(0, 0).text() == f"{to_local(first):%Y-%m-%d %H:%M}"

    set_setting(demo, "display.timezone", "Asia/Tokyo", admin)
    editor.reload()
    assert editor.history.item(0, 0).text() == f"{to_local(first, 'Asia/Tokyo'):%Y-%m-%d %H:%M}"

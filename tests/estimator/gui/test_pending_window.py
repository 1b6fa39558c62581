"""The pending list window: the assessor types a reason in place (stored, audited); the
manager chooses the assessor, sees the buckets and marks the list reviewed; the Chinese
window says everything in Chinese."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import Role
from estimator.gui.models import CaseColumn
from estimator.gui.pending import CLAIM, CLOCK, REASON, PendingWindow
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services import loss_objects
from estimator.services.demo import DEMO_USERS
from estimator.services.pending import pending_list
from estimator.services.users import User, authenticate, create_user
from kernel.clock import utcnow
from tests.estimator.gui.conftest import window

CJK = re.compile(r"[\u4e00-\u9fff]")


def _user(engine: Engine, name: str) -> User:
    _n, _d, _r, password = next(u for u in DEMO_USERS if u[0] == name)
    return authenticate(engine, name, password)


def _manager(engine: Engine) -> User:
    create_user(engine, "qiu", "qiu-pw-1", {Role.MANAGER}, display_name="邱经理", actor="admin")
    return authenticate(engine, "qiu", "qiu-pw-1")


def _text(dialog: PendingWindow, row: int, column: int) -> str:
    return str(dialog.model.index(row, column).data())


@pytest.mark.usefixtures("chinese")
def test_the_assessor_types_a_reason_in_place(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    main = window(qtbot, demo, _user(demo, "wang"), tmp_path)
    main.pending_action.trigger()
    dialog = main.findChild(PendingWindow)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "未决清单"
    # wang's open cases: four of the base demo and the three settlement cases (demo_settled).
    assert dialog.model.rowCount() == 7 and not dialog.chooser.isVisible()
    assert dialog.summary.text().startswith("未决 7 件（5天以内 7，6–20天 0")
    claim = _text(dialog, 0, CLAIM)
    index = dialog.model.index(0, REASON)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = dialog.table.viewport().findChild(QLineEdit)
    assert editor is not None
    event = QInputMethodEvent("", [])
    event.setCommitString("等待配件报价")
    QApplication.sendEvent(editor, event)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _text(dialog, 0, REASON) == "等待配件报价")
    stored = {c.claim_no: c.reason for c in pending_list(demo, "wang").cases}
    assert stored[claim] == "等待配件报价"
    with UnitOfWork(demo) as uow:
        trail = list(audit.entries(uow.session, "case", "pending_reason"))
    assert [(a, d["reason"]) for a, _id, d in trail] == [("wang", "等待配件报价")]
    for column in range(dialog.model.columnCount()):
        title = str(dialog.model.headerData(column, Qt.Orientation.Horizontal))
        assert CJK.search(title) and not re.search(r"[A-Za-z]", title), title
        for row in range(dialog.model.rowCount()):  # claim numbers and plates are data
            if column > 1:
                assert not re.search(r"[A-Za-z]", _text(dialog, row, column))


@pytest.mark.usefixtures("chinese")
def test_the_manager_chooses_an_assessor_and_marks_the_list_reviewed(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = PendingWindow(demo, _manager(demo))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chooser.count() == 1 and dialog.chooser.currentText() == "王定损（wang）"
    assert dialog.model.rowCount() == 7  # wang's open cases, as above
    index = dialog.model.index(0, REASON)
    assert not dialog.model.flags(index) & Qt.ItemFlag.ItemIsEditable  # a manager reads
    assert "尚未检视" in dialog.summary.text() and "应进行检视" in dialog.summary.text()
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "上次检视" in dialog.summary.text())
    assert "（邱经理）" in dialog.summary.text() and "应进行检视" not in dialog.summary.text()
    listed = pending_list(demo, "wang")
    assert listed.reviewed_by == "qiu" and not listed.review_due


def test_a_reviewer_has_no_pending_list_and_a_refusal_is_said_in_place(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    reviewer = window(qtbot, demo, _user(demo, "li"), tmp_path)
    assert not hasattr(reviewer, "pending_action")
    dialog = PendingWindow(demo, _user(demo, "wang"))
    qtbot.addWidget(dialog)
    case = dialog.model.cases[0]
    dialog.store_reason(case, "   ")
    assert dialog.message.text() != ""
    assert dialog.model.cases[0].reason == ""


@pytest.mark.usefixtures("chinese")
def test_the_manager_opens_on_the_longest_list(qtbot: QtBot, demo: Engine) -> None:
    """An assessor with nothing pending, first by name, is listed after the one with cases:
    the window opens where the review is needed."""
    create_user(demo, "an", "an-pass-12", {Role.ASSESSOR}, display_name="安定损", actor="admin")
    dialog = PendingWindow(demo, _manager(demo))
    qtbot.addWidget(dialog)
    dialog.show()
    names = [dialog.chooser.itemData(i) for i in range(dialog.chooser.count())]
    assert names == ["wang", "an"]
    assert dialog.model.rowCount() == 7  # wang's open cases, as above


@pytest.mark.usefixtures("chinese")
def test_a_third_partys_overdue_clock_is_shown_naming_it(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    """A third party of one of wang's cases returned three days ago and not resubmitted: the
    pending list's clock and the case list's due time name it, the case read as overdue."""
    listed = {c.case_id: c.claim_no for c in pending_list(demo, "wang").cases}
    drafts = [  # a third party never submitted: no submission meets the clock
        o.object
        for case_id in listed
        for o in loss_objects.case_objects(demo, case_id)
        if o.object.kind is not ObjectKind.INSURED_VEHICLE and o.status == "draft"
    ]
    assert drafts, "the demo has a third party whose version 1 is a draft"
    case_id, title = drafts[0].case_id, drafts[0].title("zh")
    with UnitOfWork(demo, write=True) as uow:
        returned = utcnow() - dt.timedelta(days=3)
        uow.cases.add_event(case_id, EventKind.RETURN, "li", returned, "", drafts[0].id)
        uow.commit()
    main = window(qtbot, demo, _user(demo, "wang"), tmp_path)
    rows = [main.cases.case_at(r) for r in range(main.cases.rowCount())]
    row = next(r for r, c in enumerate(rows) if c.case_id == case_id)
    due = str(main.cases.index(row, CaseColumn.DUE).data())
    assert due.startswith("已超时") and due.endswith(f" · {title}"), due
    main.pending_action.trigger()
    dialog = main.findChild(PendingWindow)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    claims = [_text(dialog, r, CLAIM) for r in range(dialog.model.rowCount())]
    clock = _text(dialog, claims.index(listed[case_id]), CLOCK)
    assert clock.startswith(f"{title} · ") and "已超时" in clock, clock

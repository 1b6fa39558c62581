"""The large-case queue and escalations screen: offered in the Tools menu to large-group
assessors, managers and administrators only; a manager assigns a waiting case and the list
updates; a large-group assessor takes one; the overdue resubmissions are listed; Chinese
throughout."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.workflow import Group, Role
from estimator.gui.queues import QueuesDialog
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services import case_list
from estimator.services.users import User, create_user
from kernel.clock import utcnow
from tests.estimator.gui.conftest import window

CJK = re.compile(r"[\u4e00-\u9fff]")
TEARDOWN_CASE = "RDAA2026330100000127"  # the demo's teardown case, opened by wang (ordinary)
PASSWORD = "password-queues"


@pytest.fixture
def people(demo: Engine) -> dict[str, User]:
    return {
        "liu": create_user(
            demo,
            "liu",
            PASSWORD,
            {Role.ASSESSOR},
            display_name="刘大案",
            actor="admin",
            group=Group.LARGE,
        ),
        "boss": create_user(
            demo, "boss", PASSWORD, {Role.MANAGER}, display_name="赵经理", actor="admin"
        ),
    }


def _dialog(qtbot: QtBot, engine: Engine, user: User) -> QueuesDialog:
    dialog = QueuesDialog(engine, user)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _claims(dialog: QueuesDialog) -> list[str]:
    return [dialog.queue.item(r, 0).text() for r in range(dialog.queue.rowCount())]


def _select(dialog: QueuesDialog, claim_no: str) -> None:
    dialog.queue.selectRow(_claims(dialog).index(claim_no))


def test_the_menu_offers_the_queues_to_managers_and_large_group_assessors(
    qtbot: QtBot, demo: Engine, assessor: User, people: dict[str, User], tmp_path: Path
) -> None:
    ordinary = window(qtbot, demo, assessor, tmp_path / "a")
    assert not hasattr(ordinary, "queues_action")
    assert hasattr(window(qtbot, demo, people["liu"], tmp_path / "b"), "queues_action")
    manager = window(qtbot, demo, people["boss"], tmp_path / "c")
    manager.queues_action.trigger()
    dialog = manager.findChild(QueuesDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert TEARDOWN_CASE in _claims(dialog)
    assert dialog.assign_button.isVisible() and not dialog.take_button.isVisible()
    assert dialog.tabs.count() == 2  # the queue and the escalations


@pytest.mark.usefixtures("chinese")
def test_a_manager_assigns_a_waiting_case_and_the_list_updates(
    qtbot: QtBot, demo: Engine, people: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, demo, people["boss"])
    assert TEARDOWN_CASE in _claims(dialog)
    headers = [dialog.queue.horizontalHeaderItem(c).text() for c in range(6)]
    assert headers == ["报案号", "车牌", "金额", "时限档", "状态", "定损员"]
    row = _claims(dialog).index(TEARDOWN_CASE)
    assert dialog.queue.item(row, 5).text() == "王定损"  # the display name, not the login
    assert CJK.search(dialog.queue.item(row, 3).text())  # the tier as a word
    offered: list[str] = []

    def choose(_parent, _title, _prompt, items, *_args):  # type: ignore[no-untyped-def]
        offered.extend(items)
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    # Nothing chosen: the dialog says so in words, nothing changes.
    dialog.queue.clearSelection()
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "请先在队列中选择一个案件。"
    _select(dialog, TEARDOWN_CASE)
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: TEARDOWN_CASE not in _claims(dialog))
    assert offered == ["刘大案 (liu)"]  # large-group assessors only
    assert dialog.message.text() == f"案件 {TEARDOWN_CASE} 已指派给 刘大案。"
    with UnitOfWork(demo) as uow:
        trail = [d for _a, _id, d in audit.entries(uow.session, "case", "assign_case")]
    assert trail == [{"from": "wang", "to": "liu", "claim_no": TEARDOWN_CASE}]


def test_a_large_group_assessor_takes_a_case(
    qtbot: QtBot, demo: Engine, people: dict[str, User]
) -> None:
    dialog = _dialog(qtbot, demo, people["liu"])
    stale = _dialog(qtbot, demo, people["liu"])  # a second screen, opened before the take
    assert dialog.take_button.isVisible() and not dialog.assign_button.isVisible()
    assert dialog.tabs.count() == 1  # no escalations for an assessor
    _select(dialog, TEARDOWN_CASE)
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: TEARDOWN_CASE not in _claims(dialog))
    assert TEARDOWN_CASE in dialog.message.text()
    # The stale screen still lists it: taking it again is refused in words, then it reads again.
    _select(stale, TEARDOWN_CASE)
    qtbot.mouseClick(stale.take_button, Qt.MouseButton.LeftButton)
    assert (
        stale.message.text()
        == f"case {TEARDOWN_CASE} is already taken by liu of the large-case group"
    )


@pytest.mark.usefixtures("chinese")
def test_the_escalations_list_an_overdue_resubmission(
    qtbot: QtBot, demo: Engine, people: dict[str, User]
) -> None:
    claim = "RDAA2026330100000124"
    case = next(c for c in case_list.list_cases(demo) if c.claim_no == claim)
    with UnitOfWork(demo, write=True) as uow:
        uow.cases.add_event(case.case_id, EventKind.RETURN, "li", utcnow() - dt.timedelta(days=3))
        uow.commit()
    dialog = _dialog(qtbot, demo, people["boss"])
    table = dialog.escalation_table
    rows = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert claim in rows
    assert dialog.tabs.tabText(1) == f"升级督办（{len(rows)}）"
    row = rows.index(claim)
    assert table.item(row, 1).text() == "王定损"
    assert 23.9 < float(table.item(row, 4).text()) < 24.1

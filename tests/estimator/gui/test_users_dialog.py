"""The users screen: an administrator adds an assessor to the large-case group with an
authority, changes another's group (audited), is refused a bad authority or a taken name in
words with the typed values kept, unlocks a held-back name; a claims manager reads the list
only; an assessor is not offered it; Chinese throughout. And the large-case queue opens a
double-clicked case in the editor."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from estimator.domain.workflow import Group, Role
from estimator.gui.queues import QueuesDialog
from estimator.gui.users_dialog import (
    AUTHORITY,
    DISPLAY,
    GROUP,
    ROLES,
    STATE,
    AddUserForm,
    EditUserForm,
    UsersDialog,
)
from estimator.persistence.rows import AuditRow
from estimator.services import case_list
from estimator.services.demo import DEMO_USERS
from estimator.services.users import User, authenticate, find_user, sign_in_waits
from tests.estimator.gui.conftest import window

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
TEARDOWN_CASE = "RDAA2026330100000127"  # the demo's teardown case, waiting in the queue


def _user(engine: Engine, name: str) -> User:
    _n, _d, _r, password = next(u for u in DEMO_USERS if u[0] == name)
    return authenticate(engine, name, password)


def _type(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Type ``text`` into ``field`` as a person would (Chinese through the input method)."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(field, event)
    assert field.text() == text


def _dialog(qtbot: QtBot, engine: Engine, name: str) -> UsersDialog:
    dialog = UsersDialog(engine, _user(engine, name))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _cell(dialog: UsersDialog, username: str, column: int) -> str:
    return str(dialog.model.index(dialog.row_of(username), column).data())


def _updates(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditRow.detail)
            .where(AuditRow.entity == "user", AuditRow.action == "update")
            .order_by(AuditRow.seq)
        ).scalars()
        return [json.loads(detail) for detail in rows]


def _add_form(qtbot: QtBot, dialog: UsersDialog) -> AddUserForm:
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert isinstance(form, AddUserForm)
    qtbot.waitUntil(form.isVisible)
    return form


@pytest.mark.usefixtures("chinese")
def test_an_administrator_adds_a_large_group_assessor_with_an_authority(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = _dialog(qtbot, demo, "admin")
    assert _cell(dialog, "wang", ROLES) == "定损员"
    assert _cell(dialog, "wang", AUTHORITY) == "2,000.00"
    assert _cell(dialog, "zhou", GROUP) == "—"  # a manager has no group
    form = _add_form(qtbot, dialog)
    # The rule is on screen before anything is typed.
    assert form.rule.isVisible() and form.rule.text() == "密码至少 8 位。"
    assert form.group.currentText() == "普案组"  # the ordinary group unless chosen
    # A group and an authority are an assessor's: without the role they cannot be set.
    form.role_boxes[Role.ASSESSOR].setChecked(False)
    assert not form.group.isEnabled() and not form.authority.isEnabled()
    form.role_boxes[Role.ASSESSOR].setChecked(True)
    assert form.group.isEnabled() and form.authority.isEnabled()
    _type(qtbot, form.username, "zhang")
    _type(qtbot, form.display_name, "张大案")
    form.group.setCurrentIndex(form.group.findText("大案组"))
    _type(qtbot, form.authority, "2,000")
    _type(qtbot, form.password, "long-enough-1")
    _type(qtbot, form.again, "long-enough-1")
    assert form.role_boxes[Role.ASSESSOR].isChecked()  # an assessor unless changed
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    stored = find_user(demo, "zhang")
    assert stored is not None
    assert (stored.display_name, stored.roles) == ("张大案", frozenset({Role.ASSESSOR}))
    assert (stored.group, stored.authority) == (Group.LARGE, Decimal("2000.00"))
    assert authenticate(demo, "zhang", "long-enough-1").username == "zhang"
    # The list shows the new user, selected, in words.
    assert _cell(dialog, "zhang", GROUP) == "大案组"
    assert _cell(dialog, "zhang", AUTHORITY) == "2,000.00"
    assert dialog.table.selectionModel().selectedRows()[0].row() == dialog.row_of("zhang")
    assert dialog.message.text() == "已添加用户 zhang。"


@pytest.mark.usefixtures("chinese")
def test_bad_input_is_refused_in_the_form_with_everything_typed_kept(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = _dialog(qtbot, demo, "admin")
    before = len(dialog.model.users)
    form = _add_form(qtbot, dialog)
    _type(qtbot, form.username, "zhao")
    _type(qtbot, form.display_name, "赵定损")
    _type(qtbot, form.authority, "abc")
    _type(qtbot, form.password, "long-enough-1")
    _type(qtbot, form.again, "long-enough-1")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert form.message.text() == "定损权限金额无效：abc (应为不小于 0 的金额，单位元)"
    assert (form.username.text(), form.display_name.text(), form.authority.text()) == (
        "zhao",
        "赵定损",
        "abc",
    )
    assert find_user(demo, "zhao") is None
    # A short password: the service's words.
    _type(qtbot, form.authority, "500")
    _type(qtbot, form.password, "short")
    _type(qtbot, form.again, "short")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.message.text() == "密码至少 8 位"
    # Two different passwords.
    _type(qtbot, form.password, "long-enough-1")
    _type(qtbot, form.again, "long-enough-2")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.message.text() == "两次输入的密码不一致：请输入相同的密码。"
    # A name taken.
    _type(qtbot, form.username, "wang")
    _type(qtbot, form.again, "long-enough-1")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.message.text() == "用户 wang 已存在"
    assert form.display_name.text() == "赵定损" and form.authority.text() == "500"
    wang = find_user(demo, "wang")
    assert wang is not None and wang.display_name == "王定损"  # untouched
    form.reject()
    assert len(dialog.model.users) == before


@pytest.mark.usefixtures("chinese")
def test_an_administrator_moves_an_assessor_to_the_large_group_audited(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = _dialog(qtbot, demo, "admin")
    assert _cell(dialog, "wang", GROUP) == "普案组"
    dialog.table.selectRow(dialog.row_of("wang"))
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    form = dialog.form
    assert isinstance(form, EditUserForm)
    qtbot.waitUntil(form.isVisible)
    assert form.authority.text() == "2,000.00" and form.group.currentText() == "普案组"
    # A bad authority first: refused in words, nothing stored, the form still open.
    _type(qtbot, form.authority, "-5")
    form.group.setCurrentIndex(form.group.findText("大案组"))
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and "-5" in form.message.text()
    assert form.group.currentText() == "大案组"
    assert _updates(demo) == []
    _type(qtbot, form.authority, "3,500")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible())
    wang = find_user(demo, "wang")
    assert wang is not None
    assert (wang.group, wang.authority) == (Group.LARGE, Decimal("3500.00"))
    assert _cell(dialog, "wang", GROUP) == "大案组"
    assert _cell(dialog, "wang", AUTHORITY) == "3,500.00"
    updates = _updates(demo)
    assert len(updates) == 1
    assert updates[0]["before"] == {
        "group": "ordinary",
        "authority": "2000.00",
        "roles": "assessor",
        "display_name": "王定损",
    }
    assert updates[0]["after"] == {
        "group": "large",
        "authority": "3500.00",
        "roles": "assessor",
        "display_name": "王定损",
    }
    assert dialog.message.text() == "已修改用户 wang。"


@pytest.mark.usefixtures("chinese")
def test_an_administrator_clears_a_held_back_sign_in(qtbot: QtBot, demo: Engine) -> None:
    from estimator.domain.errors import DomainError

    for _ in range(5):
        with pytest.raises(DomainError):
            authenticate(demo, "li", "wrong password")
    assert "li" in sign_in_waits(demo)
    dialog = _dialog(qtbot, demo, "admin")
    assert _cell(dialog, "li", STATE).startswith("锁定至 ")
    assert _cell(dialog, "wang", STATE) == "正常"
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "请先选择一个用户。"
    dialog.table.selectRow(dialog.row_of("li"))
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert _cell(dialog, "li", STATE) == "正常"
    assert dialog.message.text() == "已解除 li 的登录锁定 (清除 5 次密码错误)。"
    assert sign_in_waits(demo) == {}


@pytest.mark.usefixtures("chinese")
def test_the_chinese_screen_has_no_english_word(qtbot: QtBot, demo: Engine) -> None:
    dialog = _dialog(qtbot, demo, "admin")
    model = dialog.model
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        assert CJK.search(title) and not LATIN.search(title), title
    for row in range(model.rowCount()):
        for column in (ROLES, GROUP, STATE):
            assert not LATIN.search(str(model.index(row, column).data()))
    assert _cell(dialog, "admin", ROLES) == "数据维护、管理员"
    assert _cell(dialog, "admin", DISPLAY) == "管理员"
    assert [b.text() for b in (dialog.add_button, dialog.edit_button, dialog.unlock_button)] == [
        "添加用户(&A)…",
        "修改组别/权限(&C)…",
        "解除锁定(&U)",
    ]


def test_a_manager_reads_the_list_but_cannot_change_it(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    main = window(qtbot, demo, _user(demo, "zhou"), tmp_path)
    main.users_action.trigger()
    dialog = main.findChild(UsersDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert {u.username for u in dialog.model.users} >= {"wang", "li", "admin", "zhou"}
    for button in (dialog.add_button, dialog.edit_button, dialog.unlock_button):
        assert not button.isVisible()
    # Even called directly, the service refuses: said in words, nothing changed.
    form = EditUserForm(demo, dialog.user, dialog.model.users[dialog.row_of("wang")], dialog)
    qtbot.addWidget(form)
    form.group.setCurrentIndex(form.group.findData(Group.LARGE))
    form.submit()
    assert form.message.text() == "zhou may not do this: it needs the admin role"
    wang = find_user(demo, "wang")
    assert wang is not None and wang.group is Group.ORDINARY
    main.close()


def test_an_assessor_is_not_offered_the_users_screen(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    assert not hasattr(main, "users_action")
    admin = window(qtbot, demo, _user(demo, "admin"), tmp_path / "admin")
    menus = [a.menu() for a in admin.menuBar().actions() if a.menu() is not None]
    assert any(admin.users_action in menu.actions() for menu in menus)


def test_a_double_clicked_queue_row_opens_the_case_in_the_editor(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    main = window(qtbot, demo, _user(demo, "zhou"), tmp_path)
    main.queues_action.trigger()
    dialog = main.findChild(QueuesDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    claims = [dialog.queue.item(r, 0).text() for r in range(dialog.queue.rowCount())]
    row = claims.index(TEARDOWN_CASE)
    cell = dialog.queue.visualRect(dialog.queue.model().index(row, 1)).center()
    with qtbot.waitSignal(dialog.open_case) as opening:
        # A click first: Qt's item views take a double-click as the second press of two.
        qtbot.mouseClick(dialog.queue.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(dialog.queue.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert opening.args == [TEARDOWN_CASE]
    opened = next(c for c in case_list.list_cases(demo) if c.claim_no == TEARDOWN_CASE)
    qtbot.waitUntil(lambda: main.editor.estimate_id == opened.estimate_id)
    assert main.case_filter.text() == TEARDOWN_CASE
    main.close()

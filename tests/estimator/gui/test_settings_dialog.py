"""The settings screen: only an administrator opens it; a value typed in place is stored
(audited), a bad one refused in place with the reason and the stored value kept; the
Chinese screen says everything in Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.settings_schema import SCHEMA
from estimator.gui.settings_dialog import CHANGED_BY, DEFAULT, LABEL, VALUE, SettingsDialog
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services.demo import DEMO_USERS
from estimator.services.settings import current_settings, get_setting
from estimator.services.users import User, authenticate
from tests.estimator.gui.conftest import window

CJK = re.compile(r"[\u4e00-\u9fff]")


def _user(engine: Engine, name: str) -> User:
    _n, _d, _r, password = next(u for u in DEMO_USERS if u[0] == name)
    return authenticate(engine, name, password)


@pytest.fixture
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def _dialog(qtbot: QtBot, engine: Engine) -> SettingsDialog:
    dialog = SettingsDialog(engine, _user(engine, "admin"))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_value(qtbot: QtBot, dialog: SettingsDialog, key: str, text: str) -> None:
    """Edit the value cell of ``key`` as a person does: open its editor, type, Return."""
    item = dialog.table.item(dialog.row_of(key), VALUE)
    assert item is not None
    dialog.table.setCurrentItem(item)
    dialog.table.editItem(item)
    editor = dialog.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(editor, event)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _cell(dialog: SettingsDialog, key: str, column: int) -> str:
    item = dialog.table.item(dialog.row_of(key), column)
    assert item is not None
    return item.text()


def test_only_an_administrator_finds_the_settings_in_the_menu(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    assessor = window(qtbot, demo, _user(demo, "wang"), tmp_path / "a")
    assert not hasattr(assessor, "settings_action")
    admin = window(qtbot, demo, _user(demo, "admin"), tmp_path / "b")
    admin.settings_action.trigger()
    dialog = admin.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.table.rowCount() == len(SCHEMA)


@pytest.mark.usefixtures("english")
def test_a_value_typed_in_place_is_stored_and_audited(qtbot: QtBot, demo: Engine) -> None:
    dialog = _dialog(qtbot, demo)
    key = "clock.arrival.city_minutes"
    assert (_cell(dialog, key, VALUE), _cell(dialog, key, DEFAULT)) == ("30", "30")
    assert _cell(dialog, key, LABEL) == "arrival limit in the city (minutes)"
    _type_value(qtbot, dialog, key, "20")
    qtbot.waitUntil(lambda: get_setting(demo, key).value == "20")
    qtbot.waitUntil(lambda: _cell(dialog, key, CHANGED_BY) == "管理员")  # the display name
    assert (_cell(dialog, key, VALUE), _cell(dialog, key, DEFAULT)) == ("20", "30")
    assert dialog.message.text() == ""
    with UnitOfWork(demo) as uow:
        trail = list(audit.entries(uow.session, "setting", "set_setting"))
    assert trail == [("admin", key, {"key": key, "old": "30", "new": "20"})]

    dialog.table.selectRow(dialog.row_of(key))
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _cell(dialog, key, VALUE) == "30")
    assert _cell(dialog, key, CHANGED_BY) == ""
    assert current_settings(demo).whole(key) == 30


@pytest.mark.usefixtures("english")
def test_a_bad_value_is_refused_in_place_and_the_stored_one_kept(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = _dialog(qtbot, demo)
    key = "authority.sample_rate"
    _type_value(qtbot, dialog, key, "1.5")
    qtbot.waitUntil(lambda: "must not be more than 1" in dialog.message.text())
    assert dialog.message.text() == (
        "Not changed: share of approvals within authority sampled (0–1) cannot be “1.5”: "
        "must not be more than 1"
    )
    assert _cell(dialog, key, VALUE) == "0.10"
    item = dialog.table.item(dialog.row_of(key), VALUE)
    assert item is not None and "must not be more than 1" in item.toolTip()
    assert get_setting(demo, key).is_default
    with UnitOfWork(demo) as uow:
        assert list(audit.entries(uow.session, "setting", "set_setting")) == []


@pytest.mark.usefixtures("chinese")
def test_the_chinese_screen_says_everything_in_chinese(qtbot: QtBot, demo: Engine) -> None:
    dialog = _dialog(qtbot, demo)
    assert dialog.windowTitle() == "设置：时限、目标与理赔"
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(6)]  # type: ignore[union-attr]
    assert all(CJK.search(h) for h in headers), headers
    for key in (v.key for v in dialog.views if v.key != "display.timezone"):  # a zone's name
        for column in (LABEL, VALUE, DEFAULT):
            assert not re.search(r"[A-Za-z]", _cell(dialog, key, column)), (key, column)
    key = "clock.review.day_kind"
    assert _cell(dialog, key, VALUE) == "工作日"
    _type_value(qtbot, dialog, key, "自然日")
    qtbot.waitUntil(lambda: get_setting(demo, key).value == "calendar")
    assert _cell(dialog, key, VALUE) == "自然日"
    _type_value(qtbot, dialog, "clock.contact.minutes", "0")
    qtbot.waitUntil(lambda: "不能小于 1" in dialog.message.text())
    assert dialog.message.text() == "未修改：首次联系时限 (分钟) 不能设为“0”：不能小于 1"
    assert get_setting(demo, "clock.contact.minutes").is_default


@pytest.mark.usefixtures("english")
def test_the_service_refuses_someone_not_an_administrator_in_place(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = SettingsDialog(demo, _user(demo, "li"))  # the menu never offers it to them
    qtbot.addWidget(dialog)
    dialog.show()
    _type_value(qtbot, dialog, "clock.contact.minutes", "9")
    qtbot.waitUntil(lambda: "needs the admin role" in dialog.message.text())
    assert _cell(dialog, "clock.contact.minutes", VALUE) == "5"
    assert get_setting(demo, "clock.contact.minutes").is_default


@pytest.mark.usefixtures("chinese")
def test_a_settlement_figure_is_typed_in_place_and_a_clash_refused(
    qtbot: QtBot, demo: Engine
) -> None:
    """理赔 rows: the threshold typed as 0.90 is stored; a warning line of 0.95 above it is
    refused in Chinese naming both figures, the stored 0.80 kept."""
    dialog = _dialog(qtbot, demo)
    threshold, warning = "settlement.total_loss.threshold", "settlement.total_loss.warning"
    assert _cell(dialog, threshold, LABEL) == "理赔：推定全损比例 (0–1)"
    _type_value(qtbot, dialog, threshold, "0.90")
    qtbot.waitUntil(lambda: get_setting(demo, threshold).value == "0.90")
    _type_value(qtbot, dialog, warning, "0.95")
    qtbot.waitUntil(lambda: "不能高于" in dialog.message.text())
    assert "接近推定全损提示比例 95.00% 不能高于推定全损比例 90.00%" in dialog.message.text()
    assert _cell(dialog, warning, VALUE) == "0.80"
    assert get_setting(demo, warning).is_default

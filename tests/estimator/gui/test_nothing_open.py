"""With no case open, every action of the workstation is disabled or harmless (issue #25.3):
nothing reaches stderr, no slot raises, no signature pad opens for no case."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.gui.first_setup import add_setup_action
from estimator.gui.main_window import MainWindow
from estimator.services import estimate_store
from estimator.services.connection import DatabaseUnavailable
from estimator.services.users import User, create_user
from tests.estimator.gui.conftest import window

#: The editor's actions that act on the open case's estimate.
CASE_BUTTONS = (
    "sheet_button",
    "print_button",
    "sign_button",
    "notice_button",
    "supplement_button",
    "invoice_button",
    "chase_button",
    "documents_button",
    "events_button",
    "authority_button",
    "submit_button",
    "details_button",
    "remove",
)


@pytest.fixture
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal dialogs answered at once (cancelled); what was asked is recorded."""
    asked: list[str] = []

    def refuse(self: QDialog) -> int:
        asked.append(type(self).__name__)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(lambda *a, **k: ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    return asked


def _menu_actions(menu: QMenu) -> list[QAction]:
    """Every action of ``menu`` and its submenus, separators left out."""
    found: list[QAction] = []
    for action in menu.actions():
        if action.menu() is not None:
            found += _menu_actions(action.menu())
        elif not action.isSeparator():
            found.append(action)
    return found


def _estimate_menu(main: MainWindow) -> QMenu:
    """The main window's Estimate menu (定损单)."""
    sheet = main.estimate_actions["sheet"]
    return next(m for m in main.menuBar().findChildren(QMenu) if sheet in m.actions())


def _close_other_windows(main: object) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget is not main and widget.isVisible():
            widget.close()


def test_with_no_case_open_every_action_is_disabled_or_harmless(
    qtbot: QtBot,
    engine: Engine,
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    no_modal_dialogs: list[str],
) -> None:
    everyone = create_user(engine, "all", "all-roles-pass-1", set(Role), actor="test")
    main = window(qtbot, engine, everyone, tmp_path)
    assert add_setup_action(main) is not None  # as the workstation adds it (gui.app)
    editor = main.editor
    assert editor.estimate_id is None and main.cases.rowCount() == 0
    # The actions on a case's estimate wait for one.
    enabled = [n for n in CASE_BUTTONS if getattr(editor, n).isEnabled()]
    assert enabled == []
    # The finder's operation buttons (换件, 仅配件, …) add lines to a case: none to add to.
    assert [k for k, b in editor.finder.buttons.items() if b.isEnabled()] == []
    estimate_menu = _estimate_menu(main)
    estimate_menu.aboutToShow.emit()  # greyed in the menu as well
    assert [n for n, a in main.estimate_actions.items() if a.isEnabled()] == []
    estimate_menu.aboutToHide.emit()  # their keys stay on, checked when pressed (below)
    capfd.readouterr()
    with qtbot.captureExceptions() as exceptions:
        for button in editor.findChildren(QPushButton):
            if button.isVisible() and button.isEnabled():
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                _close_other_windows(main)
        actions = [a for m in main.menuBar().findChildren(QMenu) for a in _menu_actions(m)]
        quit_last = sorted(set(actions), key=lambda a: a.text() == main.tr("&Quit"))
        for action in quit_last:
            action.trigger()
            _close_other_windows(main)
        if main.desk is not None:  # the desk's commands, shown, with nothing taken
            main.tabs.setCurrentWidget(main.desk)
            for action in main.desk.menu_actions():
                action.trigger()
                _close_other_windows(main)
    assert [str(e[1]) for e in exceptions] == []
    _out, err = capfd.readouterr()
    assert err == ""
    # Nor an error the runner caught and logged ("an unexpected error occurred").
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert editor.message.text() == ""
    assert "CustomerSignatureDialog" not in no_modal_dialogs  # no signature for no case


def test_the_case_actions_follow_the_case_shown(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    assert editor.stored is not None  # the first case of the list is open
    for name in ("details_button", "sheet_button", "documents_button", "events_button"):
        assert getattr(editor, name).isEnabled(), name
    editable = editor.finder.isVisibleTo(editor)  # a draft: its operation keys are on
    assert editable and all(b.isEnabled() for b in editor.finder.buttons.values())

    def unreachable(*_args: object) -> None:
        raise DatabaseUnavailable("the database server cannot be reached (test)")

    # Another case asked for while the server is away: none is shown, nothing to act on.
    monkeypatch.setattr("estimator.gui.banner.server_reachable", lambda _engine: False)
    monkeypatch.setattr(estimate_store, "load_estimate", unreachable)
    other = next(
        row
        for row in range(main.cases.rowCount())
        if main.cases.case_at(row).estimate_id != editor.stored.id
    )
    main.case_table.selectRow(other)
    assert editor.stored is None
    assert [b.text() for b in editor.case_buttons if b.isEnabled()] == []
    assert [k for k, b in editor.finder.buttons.items() if b.isEnabled()] == []
    monkeypatch.undo()  # the server answers again: the case is read and its actions back
    assert editor.reload() is True
    assert editor.sheet_button.isEnabled() and editor.details_button.isEnabled()
    _estimate_menu(main).aboutToShow.emit()
    assert main.estimate_actions["sheet"].isEnabled()
    assert main.estimate_actions["chase"].isEnabled() == editor.chase_button.isEnabled()

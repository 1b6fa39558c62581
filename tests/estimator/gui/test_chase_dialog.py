"""The chase dialog in the editor: Ctrl+Shift+H opens it, the choices are words, OK records
the chase through the service and the case's history shows the sentence; a reviewer cannot."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.gui.chase_dialog import ChaseDialog
from estimator.gui.history_words import history_sentence
from estimator.services.chases import chases_of
from estimator.services.demo import DEMO_USERS
from estimator.services.users import User, authenticate
from tests.estimator.gui.conftest import window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _open_dialog(qtbot: QtBot, main) -> ChaseDialog:  # type: ignore[no-untyped-def]
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.waitUntil(lambda: main.editor.chase_button.isEnabled())
    qtbot.keyClick(main.editor.table, Qt.Key.Key_H, CTRL_SHIFT)
    found: list[ChaseDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ChaseDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def test_ctrl_shift_h_records_a_chase_shown_in_the_history(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    dialog = _open_dialog(qtbot, main)
    assert [dialog.by.itemText(i) for i in range(dialog.by.count())] == [
        dialog.tr("Customer"),
        dialog.tr("Repair shop"),
        dialog.tr("Sales staff"),
    ]
    dialog.by.setCurrentIndex(1)  # the shop
    dialog.via.setCurrentIndex(1)  # through the claims manager
    dialog.note.setFocus()
    typed = QInputMethodEvent("", [])
    typed.setCommitString("第二次来电")
    QApplication.sendEvent(dialog.note, typed)
    assert dialog.note.text() == "第二次来电"
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    stored = main.editor.stored
    assert stored is not None
    qtbot.waitUntil(lambda: chases_of(demo, stored.case_id).count == 1)
    chase = chases_of(demo, stored.case_id).chases[0]
    assert (chase.by.value, chase.via.value, chase.note, chase.recorded_by) == (
        "shop",
        "claims_manager",
        "第二次来电",
        "wang",
    )
    tabs = main.editor.review_tabs
    detail = {"by": "shop", "via": "claims_manager", "note": "第二次来电"}
    sentence = history_sentence("chase", assessor.display_name, detail, tabs.language())
    qtbot.waitUntil(
        lambda: any(
            tabs.history.item(row, 1) is not None and tabs.history.item(row, 1).text() == sentence
            for row in range(tabs.history.rowCount())
        )
    )
    assert "100.00" in main.statusBar().currentMessage()
    assert main.editor.message.text() == ""  # the red line is for problems only


def test_cancel_records_nothing_and_a_reviewer_has_no_chase(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    dialog = _open_dialog(qtbot, main)
    qtbot.keyClick(dialog.by, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = main.editor.stored
    assert stored is not None and chases_of(demo, stored.case_id).count == 0
    name, _display, _roles, password = DEMO_USERS[1]
    reviewer = window(qtbot, demo, authenticate(demo, name, password), tmp_path / "li")
    qtbot.waitUntil(lambda: reviewer.editor.stored is not None)
    assert not reviewer.editor.chase_button.isEnabled()

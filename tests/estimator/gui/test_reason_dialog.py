"""The reason dialog: OK only with a reason, Ctrl+Enter confirms, Esc cancels, by keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.gui.reason_dialog import ReasonDialog
from estimator.services import estimate_store


def _shown(qtbot: QtBot, text: str = "") -> ReasonDialog:
    dialog = ReasonDialog("Return", "Why is the estimate returned?", text=text)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_ok_is_enabled_only_once_a_reason_is_written(qtbot: QtBot) -> None:
    dialog = _shown(qtbot)
    assert dialog.prompt.text() == "Why is the estimate returned?"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.text, "   ")  # blanks are not a reason
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # what Enter on a disabled OK would mean: nothing
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClicks(dialog.text, "tow invoice missing")
    assert dialog.ok_button.isEnabled()
    dialog.text.selectAll()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Delete)
    assert not dialog.ok_button.isEnabled()


def test_ctrl_enter_confirms_and_plain_enter_starts_a_new_line(qtbot: QtBot) -> None:
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        dialog = _shown(qtbot)
        qtbot.keyClicks(dialog.text, "first")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.text, "second ")
        assert dialog.isVisible()  # Return alone wrote a new line
        with qtbot.waitSignal(dialog.accepted):
            qtbot.keyClick(dialog.text, key, Qt.KeyboardModifier.ControlModifier)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert dialog.reason() == "first\nsecond"


def test_ctrl_enter_on_a_blank_reason_does_nothing(qtbot: QtBot) -> None:
    dialog = _shown(qtbot)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_escape_cancels(qtbot: QtBot) -> None:
    dialog = _shown(qtbot, text="kept?")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def _when_shown(act: Callable[[ReasonDialog], None]) -> None:
    """Run ``act`` on the modal reason dialog as soon as it is open (the call blocks)."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ReasonDialog) and dialog.isVisible():
            act(dialog)
        else:
            QTimer.singleShot(10, attempt)

    QTimer.singleShot(0, attempt)


def test_ask_returns_the_reason_or_none(qtbot: QtBot) -> None:
    seen: list[tuple[str, bool]] = []

    def type_then(key: Qt.Key, modifier: Qt.KeyboardModifier) -> Callable[[ReasonDialog], None]:
        def act(dialog: ReasonDialog) -> None:
            seen.append((dialog.windowTitle(), dialog.focusWidget() is dialog.text))
            qtbot.keyClicks(dialog.text, "  invoice says 200  ")
            qtbot.keyClick(dialog.text, key, modifier)

        return act

    _when_shown(type_then(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    assert ReasonDialog.ask(None, "Adjust", "Why is it adjusted?") == "invoice says 200"
    _when_shown(type_then(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    assert ReasonDialog.ask(None, "Adjust", "Why is it adjusted?") is None
    assert seen == [("Adjust", True), ("Adjust", True)]


def test_the_review_desk_asks_its_reasons_with_it(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    from tests.estimator.gui.test_desk_room import _main, _on_desk, _user

    main = _main(qtbot, demo, _user(demo, "li"), tmp_path)
    desk = _on_desk(qtbot, main)
    held = desk.held
    assert held is not None
    desk._ask_return()
    dialog = desk.reason_dialog
    assert isinstance(dialog, ReasonDialog)
    qtbot.keyClick(dialog.text, Qt.Key.Key_Escape)  # cancelled: nothing happens
    qtbot.waitUntil(lambda: desk.reason_dialog is None)
    assert estimate_store.load_estimate(demo, held).status is EstimateStatus.SUBMITTED

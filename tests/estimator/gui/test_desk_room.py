"""The review desk's room and keys: at 1366×768 the estimate under review shows at least 12
lines; the queue folds and the layout is remembered; take, approve, return and adjust each
have a key, shown in the tooltips and the Review menu; reason dialogs confirm with Ctrl+Enter."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.estimate import LineKind
from estimator.domain.workflow import EstimateStatus
from estimator.gui.main_window import MainWindow
from estimator.gui.models import CaseColumn
from estimator.gui.review_desk import (
    ADJUST_KEY,
    APPROVE_KEY,
    RETURN_KEY,
    TAKE_KEY,
    DeskReasonDialog,
    ReviewDesk,
    key_text,
)
from estimator.services import case_list, estimate_store, workflow
from estimator.services.demo import DEMO_USERS
from estimator.services.users import User, authenticate

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _user(demo: Engine, name: str) -> User:
    return authenticate(demo, name, {n: p for n, _d, _r, p in DEMO_USERS}[name])


def _main(qtbot: QtBot, demo: Engine, user: User, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "desk.ini"), QSettings.Format.IniFormat)
    main = MainWindow(demo, user, settings=settings)
    qtbot.addWidget(main)
    main.show()
    return main


def _on_desk(qtbot: QtBot, main: MainWindow) -> ReviewDesk:
    desk = main.desk
    assert desk is not None
    main.tabs.setCurrentWidget(desk)
    main.activateWindow()  # window-wide keys need the window active
    qtbot.waitUntil(lambda: desk.isVisible() and main.isActiveWindow())
    return desk


def _fourteen_lines(demo: Engine) -> uuid.UUID:
    """The demo's full draft with three more material lines (14), submitted."""
    wang = _user(demo, "wang")
    # The demo's full draft (0127: every kind of line); the settlement cases added since
    # have as many lines but no material line to copy.
    (draft,) = case_list.list_cases(demo, "RDAA2026330100000127")
    assert draft.status is EstimateStatus.DRAFT
    stored = estimate_store.load_estimate(demo, draft.estimate_id)
    material = next(line for line in stored.estimate.lines if line.kind is LineKind.MATERIAL)
    extra = [replace(material, description=f"辅料 {n}") for n in range(1, 4)]
    lines = [*stored.estimate.lines, *extra]
    estimate_store.replace_lines(demo, draft.estimate_id, lines, wang)
    workflow.submit(demo, draft.estimate_id, wang)
    return draft.estimate_id


def _type(dialog: DeskReasonDialog, text: str) -> None:
    dialog.text.setPlainText(text)


def _confirm(qtbot: QtBot, dialog: DeskReasonDialog) -> None:
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)


def _visible_rows(desk: ReviewDesk) -> int:
    table = desk.viewer.table
    height = table.viewport().height()
    rows = 0
    for row in range(table.model().rowCount()):
        rect = table.visualRect(table.model().index(row, 0))
        if rect.isValid() and rect.top() >= 0 and rect.bottom() < height:
            rows += 1
    return rows


def test_at_1366_by_768_the_desk_shows_twelve_lines(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    estimate_id = _fourteen_lines(demo)
    main = _main(qtbot, demo, _user(demo, "li"), tmp_path)
    main.resize(1366, 768)
    desk = _on_desk(qtbot, main)
    row = next(
        r for r in range(desk.queue.rowCount()) if desk.queue.case_at(r).estimate_id == estimate_id
    )
    desk.table.selectRow(row)
    qtbot.waitUntil(lambda: desk.viewer.estimate_id == estimate_id)
    QApplication.processEvents()
    assert main.size().width() == 1366 and main.size().height() == 768
    assert desk.viewer.lines.rowCount() >= 14
    assert _visible_rows(desk) >= 12


def test_the_desk_gives_the_viewer_the_height(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    main = _main(qtbot, demo, _user(demo, "li"), tmp_path)
    main.resize(1366, 768)
    desk = _on_desk(qtbot, main)
    QApplication.processEvents()
    # The decisions share one row, under the viewer; the viewer takes the rest of the height.
    tops = {b.geometry().top() for b in (desk.approve_button, desk.return_button)}
    assert len(tops) == 1 and desk.adjust_button.geometry().top() in tops
    assert desk.holder.parentWidget() is desk.approve_button.parentWidget()
    right = desk.viewer.parentWidget()
    assert right is not None
    assert desk.viewer.height() >= right.height() - 2 * desk.approve_button.height()
    assert not main.toolbar.isVisible()  # the editor's new case/undo/redo: not on the desk
    # Rows are compact: the estimate is read here, not typed into.
    font_rows = desk.viewer.table.verticalHeader().defaultSectionSize()
    assert font_rows <= desk.fontMetrics().height() + 6
    # The queue's columns fit their contents: the claim number is never cut.
    claim = desk.table.columnWidth(CaseColumn.CLAIM)
    assert claim >= desk.table.sizeHintForColumn(CaseColumn.CLAIM)
    main.tabs.setCurrentIndex(0)
    assert main.toolbar.isVisible()


def test_the_queue_folds_and_the_layout_is_remembered(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    main = _main(qtbot, demo, _user(demo, "li"), tmp_path)
    main.resize(1366, 768)
    desk = _on_desk(qtbot, main)
    wide = desk.splitter.sizes()[0]
    qtbot.keyClick(main, Qt.Key.Key_Q, CTRL | SHIFT)
    assert desk.fold_button.isChecked()
    shown = [c for c in CaseColumn if not desk.table.isColumnHidden(c)]
    assert shown == [CaseColumn.CLAIM, CaseColumn.PLATE, CaseColumn.DUE]
    assert not desk.filters.isVisible()
    folded = desk.splitter.sizes()[0]
    assert folded < wide
    main.close()

    again = _main(qtbot, demo, _user(demo, "li"), tmp_path)
    again.resize(1366, 768)
    _on_desk(qtbot, again)
    assert again.desk is not None and again.desk.fold_button.isChecked()
    assert again.desk.table.isColumnHidden(CaseColumn.SHOP)
    assert again.desk.splitter.sizes()[0] == folded
    again.desk.fold(False)
    assert not again.desk.table.isColumnHidden(CaseColumn.SHOP)


def test_the_main_window_fits_the_screen_the_first_time(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    main = _main(qtbot, demo, _user(demo, "wang"), tmp_path)
    screen = main.screen().availableGeometry()
    assert main.width() <= screen.width() and main.height() <= screen.height()
    for column in CaseColumn:
        assert main.case_table.columnWidth(column) >= main.case_table.sizeHintForColumn(column)


def test_the_desk_keys_are_shown_and_only_work_on_the_desk(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    main = _main(qtbot, demo, _user(demo, "li"), tmp_path)
    desk = main.desk
    assert desk is not None
    for button, key in (
        (desk.take_button, TAKE_KEY),
        (desk.approve_button, APPROVE_KEY),
        (desk.return_button, RETURN_KEY),
        (desk.adjust_button, ADJUST_KEY),
    ):
        assert f"({key_text(key)})" in button.toolTip()
    review = next(a.menu() for a in main.menuBar().actions() if a.text() == "&Review")
    listed = {a.shortcut().toString() for a in review.actions()}
    assert {TAKE_KEY, APPROVE_KEY, RETURN_KEY, ADJUST_KEY} <= listed
    # Not on the case list: the keys do nothing there.
    assert main.tabs.currentIndex() == 0
    assert not desk.return_action.isEnabled()
    qtbot.keyClick(main, Qt.Key.Key_R, CTRL | SHIFT)
    assert desk.reason_dialog is None
    _on_desk(qtbot, main)
    assert desk.return_action.isEnabled()


def test_return_and_approve_by_keyboard(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    main = _main(qtbot, demo, _user(demo, "li"), tmp_path)
    desk = _on_desk(qtbot, main)
    held = desk.viewer.estimate_id
    assert held is not None and desk.held == held

    # Return: Ctrl+Shift+R asks for reasons; OK waits for them; Ctrl+Enter returns it.
    qtbot.keyClick(main, Qt.Key.Key_R, CTRL | SHIFT)
    dialog = desk.reason_dialog
    assert dialog is not None and dialog.isVisible()
    _confirm(qtbot, dialog)  # nothing written yet: not confirmed
    assert dialog.isVisible()
    _type(dialog, "拖车费请附发票")
    _confirm(qtbot, dialog)
    qtbot.waitUntil(
        lambda: estimate_store.load_estimate(demo, held).status is EstimateStatus.RETURNED
    )
    assert desk.reason_dialog is None

    workflow.submit(demo, held, _user(demo, "wang"))
    # Take next (Ctrl+T) opens it again; approve (Ctrl+Shift+A) asks why, findings remaining.
    qtbot.keyClick(main, Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: desk.held == held)
    assert desk.viewer.current_findings
    qtbot.keyClick(main, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = desk.reason_dialog
    assert dialog is not None
    _type(dialog, "已与修理厂核对发票和工时")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    qtbot.waitUntil(
        lambda: estimate_store.load_estimate(demo, held).status is EstimateStatus.APPROVED
    )


def test_adjust_the_selected_line_by_keyboard(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    main = _main(qtbot, demo, _user(demo, "li"), tmp_path)
    desk = _on_desk(qtbot, main)
    held = desk.viewer.estimate_id
    assert held is not None
    qtbot.keyClick(main, Qt.Key.Key_J, CTRL)  # no line selected: said, nothing asked
    assert desk.reason_dialog is None and desk.viewer.message.text()
    desk.viewer.table.setCurrentIndex(desk.viewer.lines.index(0, 0))
    qtbot.keyClick(main, Qt.Key.Key_J, CTRL)
    dialog = desk.reason_dialog
    assert dialog is not None and dialog.amount is not None
    for hostile in ("nan", "1e3", "-5", "12.345", "inf"):
        dialog.amount.setText(hostile)
        assert dialog.value() is None
    dialog.amount.setText("1,700.50")
    _type(dialog, "按市场价核定")
    _confirm(qtbot, dialog)
    adjusted = estimate_store.review_adjustments(demo, held)
    assert adjusted[0].amount == Decimal("1700.50")
    assert adjusted[0].reason == "按市场价核定"

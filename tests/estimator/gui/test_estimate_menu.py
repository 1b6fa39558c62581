"""The editor's actions by keyboard: an Estimate menu whose keys are also in the buttons'
tooltips, and the case list folded away for the editor's width (Ctrl+L brings it back)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.gui.case_details import CaseDetailsDialog
from estimator.services import case_list, estimate_store
from estimator.services.users import User
from tests.estimator.gui.conftest import confirm_submit, window

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _active(qtbot: QtBot, demo: Engine, user: User, tmp_path: Path):  # type: ignore[no-untyped-def]
    main = window(qtbot, demo, user, tmp_path)
    main.activateWindow()  # window-wide keys need the window active
    qtbot.waitUntil(main.isActiveWindow)
    return main


def test_every_estimate_action_has_a_key_shown_in_the_menu_and_on_its_button(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = _active(qtbot, demo, assessor, tmp_path)
    assert set(main.estimate_actions) == {
        "submit",
        "authority",
        "sheet",
        "sign",
        "notice",
        "supplement",
        "details",
        "chase",
        "documents",
        "events",
    }
    keys = [action.shortcut().toString() for action in main.estimate_actions.values()]
    assert all(keys) and len(set(keys)) == len(keys)  # each its own key
    editor = main.editor
    for button, action in (
        (editor.submit_button, "submit"),
        (editor.sheet_button, "sheet"),
        (editor.details_button, "details"),
    ):
        shown = main.estimate_actions[action].shortcut().toString()
        assert shown in button.toolTip()


def test_ctrl_return_submits_the_open_draft_and_does_nothing_on_a_submitted_one(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    main = _active(qtbot, demo, assessor, tmp_path)
    main.editor.open(draft.estimate_id)
    main.editor.search.setFocus()
    qtbot.keyClick(main.editor.search, Qt.Key.Key_Return, CTRL)
    confirm_submit(main.editor)  # the open warnings' reasons, if any (issue 26.3)
    qtbot.waitUntil(
        lambda: (
            estimate_store.load_estimate(demo, draft.estimate_id).status is EstimateStatus.SUBMITTED
        )
    )
    before = estimate_store.load_estimate(demo, draft.estimate_id).row_version
    qtbot.keyClick(main.editor.table, Qt.Key.Key_Return, CTRL)  # submitted: disabled
    assert estimate_store.load_estimate(demo, draft.estimate_id).row_version == before


def test_ctrl_i_opens_the_case_details(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = _active(qtbot, demo, assessor, tmp_path)
    qtbot.waitUntil(lambda: main.editor.details_button.isEnabled())
    qtbot.keyClick(main.editor.table, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, CaseDetailsDialog) and w.isVisible()
            for w in QApplication.topLevelWidgets()
        )
    )
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, CaseDetailsDialog):
            widget.reject()


def test_the_case_list_folds_away_and_ctrl_l_brings_it_back(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = _active(qtbot, demo, assessor, tmp_path)
    panel = main.splitter.widget(0)
    assert panel is not None and panel.isVisible()
    qtbot.keyClick(main.editor.table, Qt.Key.Key_L, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not panel.isVisible())
    # The editor has the splitter's whole width.
    qtbot.waitUntil(lambda: main.editor.width() >= main.splitter.width() - 10)
    qtbot.keyClick(main.editor.table, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(panel.isVisible)
    assert main.case_filter.hasFocus()

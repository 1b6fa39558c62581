"""The editor on a case checked out to a laptop: opened, it says so and offers nothing to
edit; a save refused because the case was checked out meanwhile shows the refusal in the
message bar, stores nothing and raises nothing."""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.gui.commands import LinesState, SetLinesCommand
from estimator.gui.editor import EstimateEditor
from estimator.services import case_list, estimate_store
from estimator.services.users import User
from tests.services.test_sync_guard import check_out

WORDS = "is checked out to 丽水-笔记本 (wang, since 2026-12-07 09:30)"


def _draft(demo: Engine, assessor: User) -> tuple[uuid.UUID, uuid.UUID]:
    draft = next(
        c
        for c in case_list.list_cases(demo)
        if c.status is EstimateStatus.DRAFT and c.assessor == assessor.username
    )
    return draft.case_id, draft.estimate_id


def test_the_editor_opened_on_a_checked_out_case_says_so_and_is_read_only(
    qtbot: QtBot, demo: Engine, assessor: User
) -> None:
    case_id, estimate_id = _draft(demo, assessor)
    check_out(demo, case_id)
    editor = EstimateEditor(demo, assessor)
    qtbot.addWidget(editor)
    editor.show()
    editor.open(estimate_id)
    assert WORDS in editor.message.text()
    assert not editor.submit_button.isEnabled() and not editor.remove.isEnabled()


def test_a_save_refused_by_a_check_out_meanwhile_is_said_in_the_message_bar(
    qtbot: QtBot, demo: Engine, assessor: User
) -> None:
    case_id, estimate_id = _draft(demo, assessor)
    editor = EstimateEditor(demo, assessor)
    qtbot.addWidget(editor)
    editor.show()
    editor.open(estimate_id)
    assert "checked out" not in editor.message.text()
    stored_lines = estimate_store.load_estimate(demo, estimate_id).estimate.lines
    check_out(demo, case_id)  # by a laptop, while the editor is open
    before = editor.state()
    after = LinesState(before.lines[:-1], before.keys[:-1])
    editor.undo_stack.push(SetLinesCommand(editor, before, after, "remove"))
    assert WORDS in editor.message.text()
    assert estimate_store.load_estimate(demo, estimate_id).estimate.lines == stored_lines

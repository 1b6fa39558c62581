"""Two assessors edit the same draft at once, each through their own connection pool: the
later save is refused showing what the first changed, and the refused edit is re-applied on
the newest version or discarded — never silently overwriting."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.workflow import EstimateStatus, Role
from estimator.gui.commands import EditQuantityCommand, LinesState, SetLinesCommand, reapply
from estimator.gui.editor import EstimateEditor
from estimator.persistence.database import create_database_engine
from estimator.services import case_list, estimate_store
from estimator.services.users import User, create_user


@pytest.fixture
def second(demo: Engine) -> Iterator[Engine]:
    other = create_database_engine(demo.url)
    yield other
    other.dispose()


def _editors(
    qtbot: QtBot, demo: Engine, second: Engine, assessor: User
) -> tuple[EstimateEditor, EstimateEditor, uuid.UUID]:
    chen = create_user(demo, "chen", "second assessor", {Role.ASSESSOR}, actor="admin")
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    mine, theirs = EstimateEditor(demo, assessor), EstimateEditor(second, chen)
    for editor in (mine, theirs):
        qtbot.addWidget(editor)
        editor.show()
        editor.open(draft.estimate_id)
    return mine, theirs, draft.estimate_id


def _without_last(editor: EstimateEditor) -> SetLinesCommand:
    before = editor.state()
    after = LinesState(before.lines[:-1], before.keys[:-1])
    return SetLinesCommand(editor, before, after, "remove")


def test_a_refused_edit_is_reapplied_on_the_newest_version(
    qtbot: QtBot, demo: Engine, second: Engine, assessor: User
) -> None:
    mine, theirs, estimate_id = _editors(qtbot, demo, second, assessor)
    lines = len(mine.state().lines)
    theirs.undo_stack.push(EditQuantityCommand(theirs, theirs.state(), 0, Decimal("3"), "qty"))
    assert estimate_store.load_estimate(demo, estimate_id).estimate.lines[0].qty == 3

    mine.undo_stack.push(_without_last(mine))  # based on the version before chen's save
    assert mine.conflict.isVisible()
    assert "chen" in mine.conflict.text.text()
    saved = estimate_store.load_estimate(demo, estimate_id).estimate
    assert len(saved.lines) == lines and saved.lines[0].qty == 3  # nothing overwritten
    mine.undo_stack.push(_without_last(mine))  # no further edit on the stale version
    assert len(estimate_store.load_estimate(demo, estimate_id).estimate.lines) == lines

    mine.conflict.reapply_button.click()
    assert not mine.conflict.isVisible()
    saved = estimate_store.load_estimate(demo, estimate_id).estimate
    assert len(saved.lines) == lines - 1 and saved.lines[0].qty == 3  # theirs and mine
    assert mine.stored is not None and len(mine.stored.estimate.lines) == lines - 1
    assert mine.undo_stack.count() == 0


def test_a_refused_edit_can_be_discarded(
    qtbot: QtBot, demo: Engine, second: Engine, assessor: User
) -> None:
    mine, theirs, estimate_id = _editors(qtbot, demo, second, assessor)
    lines = len(mine.state().lines)
    theirs.undo_stack.push(_without_last(theirs))
    mine.undo_stack.push(EditQuantityCommand(mine, mine.state(), 0, Decimal("5"), "qty"))
    assert mine.conflict.isVisible()
    mine.conflict.discard_button.click()
    assert not mine.conflict.isVisible()
    saved = estimate_store.load_estimate(demo, estimate_id).estimate
    assert len(saved.lines) == lines - 1 and saved.lines[0].qty != 5
    assert mine.stored is not None and mine.stored.estimate == saved


def test_reapply_merges_by_line_key() -> None:
    a, b, c = (uuid.uuid4() for _ in range(3))
    base_lines = tuple(
        replace(line, qty=Decimal(n)) for n, line in enumerate(_sample_lines(3), start=1)
    )
    base = LinesState(base_lines, (a, b, c))
    # Mine: change a, remove b, change c, add one. Theirs: change b's neighbour order, drop c.
    new = replace(base_lines[0], qty=Decimal(9))
    mine = LinesState(
        (replace(base_lines[0], qty=Decimal(7)), replace(base_lines[2], qty=Decimal(8)), new),
        (a, c, None),
    )
    theirs = LinesState((base_lines[1], replace(base_lines[0], qty=Decimal(4))), (b, a))
    merged = reapply(base, mine, theirs)
    assert merged.keys == (a, None, None)
    assert [line.qty for line in merged.lines] == [7, 8, 9]


def _sample_lines(count: int) -> list[EstimateLine]:
    return [EstimateLine(LineKind.PART, part_no=f"P{n}") for n in range(count)]

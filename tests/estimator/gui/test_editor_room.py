"""Room for the lines (editor-ux.md §2): at 1366×768 the editor shows at least 12 lines; a
read-only estimate gives the finder's width to the lines; the splitters are remembered."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.workflow import EstimateStatus
from estimator.services import case_list, estimate_store
from estimator.services.users import User
from tests.estimator.gui.conftest import window


def fully_visible_rows(table: QTableView) -> int:
    """Rows whose whole height lies inside the table's viewport."""
    height = table.viewport().height()
    model = table.model()
    return sum(
        1
        for row in range(model.rowCount())
        if table.rowViewportPosition(row) >= 0
        and table.rowViewportPosition(row) + table.rowHeight(row) <= height
    )


def draft_with_lines(engine: Engine, user: User, count: int) -> str:
    """The demo's draft of 11 lines, with material lines added up to ``count``."""
    draft = next(c for c in case_list.list_cases(engine) if c.claim_no.endswith("0127"))
    stored = estimate_store.load_estimate(engine, draft.estimate_id)
    assert stored.status is EstimateStatus.DRAFT
    extra = [
        EstimateLine(
            LineKind.MATERIAL, description=f"辅料{n}", qty=Decimal(1), unit_price=Decimal("5")
        )
        for n in range(count - len(stored.estimate.lines))
    ]
    estimate_store.replace_lines(engine, draft.estimate_id, [*stored.estimate.lines, *extra], user)
    return str(draft.estimate_id)


def test_at_1366_by_768_the_editor_shows_at_least_12_lines(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    estimate_id = draft_with_lines(demo, assessor, 14)
    main = window(qtbot, demo, assessor, tmp_path)
    main.resize(1366, 768)
    qtbot.waitUntil(lambda: main.size().height() == 768)
    main.editor.open(estimate_store.parse_id(estimate_id))
    main.editor.search.setText("qbxg")  # results showing, as while entering
    qtbot.waitUntil(lambda: main.editor.matches.rowCount() > 0)
    assert main.editor.lines.rowCount() >= 14
    shown = fully_visible_rows(main.editor.table)
    print(f"\nfully visible lines at 1366×768: {shown}")
    assert shown >= 12
    assert main.editor.finder.isVisible()
    # The last line added is scrolled into view and selected.
    main.editor.select_position(13)
    last = main.editor.table.currentIndex().row()
    assert main.editor.lines.line_at(last).index == 13
    assert main.editor.table.visualRect(main.editor.table.currentIndex()).isValid()


def test_a_read_only_estimate_hides_the_finder(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    submitted = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.SUBMITTED)
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(submitted.estimate_id)
    assert not main.editor.finder.isVisible()
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    main.editor.open(draft.estimate_id)
    assert main.editor.finder.isVisible()


def test_the_editor_splitters_are_remembered(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    main.resize(1366, 768)
    sizes = main.editor.body.sizes()
    moved = [sizes[0] + 40, sizes[1] - 40, sizes[2]]
    main.editor.body.setSizes(moved)
    main.editor.body.splitterMoved.emit(moved[0], 1)  # what dragging the handle sends
    moved = main.editor.body.sizes()
    main.close()
    again = window(qtbot, demo, assessor, tmp_path)
    again.resize(1366, 768)
    qtbot.waitUntil(lambda: again.editor.body.sizes()[0] == moved[0])

"""Small editor details found in use (issue 26.5): the search starts afresh on another case,
the case list holds still while the open case is edited, prices read as amounts do, and long
notes can be read in full."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.gui.models import LineColumn
from estimator.services import case_list
from estimator.services.users import User
from tests.estimator.gui.conftest import window

SUBMITTED = "RDAA2026330100000123"  # the demo's case with a headlamp at 2,093.84 and notes


def _estimate(demo: Engine, claim_no: str) -> object:
    return next(c.estimate_id for c in case_list.list_cases(demo, claim_no))


def test_the_search_and_its_results_are_cleared_when_another_case_opens(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """Guards issue 26.5: the last case's search text and results do not stay on screen
    (with that case's prices) when another case is opened."""
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    editor.open(_estimate(demo, SUBMITTED))  # type: ignore[arg-type]
    editor.search.setText("qbxg")
    editor.run_search()
    assert editor.matches.rowCount() > 0
    editor.open(_estimate(demo, "RDAA2026330100000124"))  # type: ignore[arg-type]
    assert editor.search.text() == "" and editor.matches.rowCount() == 0


def test_the_case_list_keeps_its_order_while_the_open_case_is_edited(
    qtbot: QtBot,
    demo: Engine,
    assessor: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Guards issue 26.5: when an edit changes how the cases sort (here the service sorts
    them the other way round), the list holds still under the user; a refresh sorts it
    again, and the open case stays selected either way."""
    main = window(qtbot, demo, assessor, tmp_path)
    claims = [main.cases.case_at(r).claim_no for r in range(main.cases.rowCount())]
    assert len(claims) > 2
    main.case_table.selectRow(1)
    open_id = main.editor.estimate_id
    assert open_id == main.cases.case_at(1).estimate_id

    real = case_list.list_cases
    monkeypatch.setattr(case_list, "list_cases", lambda *a, **k: real(*a, **k)[::-1])
    main.editor.changed.emit()  # what every saved edit of the open case does
    assert [main.cases.case_at(r).claim_no for r in range(main.cases.rowCount())] == claims
    selected = main.case_table.selectionModel().selectedRows()
    assert [main.cases.case_at(i.row()).estimate_id for i in selected] == [open_id]

    main.refresh_cases()
    assert [main.cases.case_at(r).claim_no for r in range(main.cases.rowCount())] == claims[::-1]
    selected = main.case_table.selectionModel().selectedRows()
    assert [main.cases.case_at(i.row()).estimate_id for i in selected] == [open_id]
    assert main.editor.estimate_id == open_id


def test_unit_prices_and_amounts_share_the_thousands_separator(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """Guards issue 26.5: a unit price of 1,850.00 reads as its amount does, in the lines
    and in the search results (it read 1850.00 beside 1,850.00)."""
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    editor.open(_estimate(demo, SUBMITTED))  # type: ignore[arg-type]
    lines = editor.lines
    row = next(r for r in range(lines.rowCount()) if lines.line_at(r).part_no == "521190K280")
    assert lines.index(row, LineColumn.PRICE).data() == "1,850.00"
    assert lines.index(row, LineColumn.AMOUNT).data() == "1,850.00"
    assert "," not in lines.index(row, LineColumn.PRICE).data(Qt.ItemDataRole.EditRole)  # typed
    editor.search.setText("521190K280")
    editor.run_search()
    prices = [editor.matches.index(0, c).data() for c in range(4, 8)]
    assert "1,850.00" in prices


def test_notes_that_do_not_fit_show_in_full_on_hover_and_in_the_detail_pane(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """Guards issue 26.5: a note cut short in its column is read in full in the cell's
    tooltip and in the rail's pane for the selected line; another selection replaces it."""
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    editor.open(_estimate(demo, SUBMITTED))  # type: ignore[arg-type]
    lines = editor.lines
    row = max(range(lines.rowCount()), key=lambda r: len(lines.index(r, LineColumn.NOTES).data()))
    full = lines.index(row, LineColumn.NOTES).data()
    assert len(full) > 10
    cell = lines.index(row, LineColumn.NOTES)
    assert editor.table.visualRect(cell).width() < editor.table.fontMetrics().horizontalAdvance(
        full
    )  # it does not fit
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == full
    editor.table.setCurrentIndex(lines.index(row, LineColumn.NAME))
    qtbot.waitUntil(lambda: editor.rail.notes.toPlainText() == full)
    quiet = next(r for r in range(lines.rowCount()) if not lines.index(r, LineColumn.NOTES).data())
    editor.table.setCurrentIndex(lines.index(quiet, LineColumn.NAME))
    qtbot.waitUntil(lambda: editor.rail.notes.toPlainText() == "")

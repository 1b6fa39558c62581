"""The setup after the first run (issue #25.3): what the database holds, the sample data
loaded off the GUI thread, the templates one click away, the workbook imports, "later"."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.cli.main import main as cli
from estimator.domain.workflow import Role
from estimator.gui.first_setup import LATER_KEY, SetupDialog, add_setup_action, offer_setup
from estimator.gui.import_dialog import ImportDialog
from estimator.gui.main_window import MainWindow
from estimator.services.data_summary import data_summary, sample_workbooks
from estimator.services.users import User, create_user
from tests.estimator.gui.conftest import window


@pytest.fixture
def administrator(engine: Engine) -> User:
    """The first run's administrator (the roles SignInDialog gives it)."""
    roles = {Role.ADMIN, Role.ASSESSOR, Role.MAINTAINER}
    return create_user(engine, "chief", "long enough 1", roles, actor="first-run")


def _setup(qtbot: QtBot, main: MainWindow, first_run: bool = True) -> SetupDialog:
    dialog = offer_setup(main, first_run=first_run)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_the_sample_data_loads_off_the_gui_thread_and_the_finder_then_finds_a_bumper(
    qtbot: QtBot, engine: Engine, administrator: User, tmp_path: Path
) -> None:
    main = window(qtbot, engine, administrator, tmp_path)
    setup = _setup(qtbot, main)
    assert "Parts catalog: none imported yet." in setup.summary.text()
    assert "Labor standard: none imported yet." in setup.summary.text()
    assert setup.later_button.isVisible() and setup.sample_button.isEnabled()
    qtbot.mouseClick(setup.sample_button, Qt.MouseButton.LeftButton)
    assert setup.worker is not None and setup.progress.isVisible()  # under way, not blocking
    assert not setup.sample_button.isEnabled() and not setup.done_button.isEnabled()
    qtbot.waitUntil(lambda: setup.worker is None, timeout=180_000)
    now = data_summary(engine)
    assert now.models > 0 and now.parts > 0 and now.labor_source == "demo_labor.xlsx"
    text = setup.summary.text()
    assert f"{now.models:,} vehicle models, {now.parts:,} parts" in text
    assert "Labor standard: demo_labor.xlsx." in text
    assert "前保险杠" in setup.status.text()
    assert not setup.sample_button.isEnabled()  # nothing is missing now
    assert not setup.later_button.isVisible()
    main.editor.search.setText("前保险杠")
    main.editor.run_search()
    names = [main.editor.matches.match_at(r).name_zh for r in range(main.editor.matches.rowCount())]
    assert any("前保险杠" in name for name in names)
    assert offer_setup(main) is None  # the catalog is there: not offered at the next start


def test_the_template_buttons_write_what_the_command_line_writes(
    qtbot: QtBot,
    engine: Engine,
    administrator: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main = window(qtbot, engine, administrator, tmp_path)
    setup = _setup(qtbot, main)
    asked: list[str] = []

    def choose(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / f"chosen-{len(asked)}"), ""  # no suffix typed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    for number, kind in enumerate(("catalog", "labor"), start=1):
        qtbot.mouseClick(setup.template_buttons[kind], Qt.MouseButton.LeftButton)
        written = tmp_path / f"chosen-{number}.xlsx"
        assert written.is_file() and str(written) in setup.status.text()
        assert cli(["template", kind, "-o", str(tmp_path / f"cli-{kind}.xlsx")]) == 0
        assert _headers(written) == _headers(tmp_path / f"cli-{kind}.xlsx")
    assert asked == ["parts-catalog-template.xlsx", "labor-standard-template.xlsx"]

    def cancel(*_args: object) -> tuple[str, str]:
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
    before = setup.status.text()
    qtbot.mouseClick(setup.template_buttons["catalog"], Qt.MouseButton.LeftButton)
    assert setup.status.text() == before  # cancelled: nothing written, nothing said


def _headers(path: Path) -> dict[str, list[object]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {
            sheet.title: [c.value for c in next(sheet.iter_rows(max_row=1))]
            for sheet in book.worksheets
        }
    finally:
        book.close()


def test_importing_a_workbook_goes_through_the_import_dialog_and_updates_the_counts(
    qtbot: QtBot,
    engine: Engine,
    administrator: User,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main = window(qtbot, engine, administrator, tmp_path)
    setup = _setup(qtbot, main)
    labor = sample_workbooks()["labor"]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(labor), ""))
    )
    seen: list[str] = []

    def wait_for_the_import(dialog: ImportDialog) -> int:
        qtbot.waitUntil(lambda: dialog.import_result is not None, timeout=60_000)
        seen.append(dialog.kind.currentData())
        return 0

    monkeypatch.setattr(ImportDialog, "exec", wait_for_the_import)
    qtbot.mouseClick(setup.import_buttons["labor"], Qt.MouseButton.LeftButton)
    assert seen == ["labor"]
    assert "Labor standard: demo_labor.xlsx." in setup.summary.text()
    assert "Parts catalog: none imported yet." in setup.summary.text()
    assert setup.sample_button.isEnabled()  # the catalog is still missing


def test_later_is_remembered_and_the_setup_is_for_those_who_import(
    qtbot: QtBot, engine: Engine, administrator: User, tmp_path: Path
) -> None:
    main = window(qtbot, engine, administrator, tmp_path)
    setup = _setup(qtbot, main, first_run=False)  # an empty catalog at start
    qtbot.mouseClick(setup.later_button, Qt.MouseButton.LeftButton)
    assert not setup.isVisible()
    assert str(main.settings.value(LATER_KEY)).lower() == "true"
    main.settings.sync()
    assert offer_setup(main) is None  # put off: not at the next start
    again = offer_setup(main, first_run=True)  # a new database's administrator: shown
    assert again is not None
    qtbot.addWidget(again)
    again.reject()
    action = add_setup_action(main)  # put off at start, still one click away
    assert action is not None and action in _data_menu(main).actions()
    action.trigger()
    shown = [d for d in main.findChildren(SetupDialog) if d.isVisible()]
    assert len(shown) == 1
    shown[0].reject()
    assessor = create_user(engine, "wang", "long enough 2", {Role.ASSESSOR}, actor="test")
    other = window(qtbot, engine, assessor, tmp_path / "assessor")
    assert offer_setup(other, first_run=True) is None  # nothing for an assessor to import
    assert add_setup_action(other) is None


def _data_menu(main: MainWindow) -> QMenu:
    """The main window's Data menu."""
    title = main.tr("&Data")
    return next(a.menu() for a in main.menuBar().actions() if a.text() == title)

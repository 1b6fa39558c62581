"""The finder on an empty catalog says that nothing was imported yet and how to import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.users import create_user
from tests.estimator.gui.conftest import window


def _hint() -> str:
    return QCoreApplication.translate(
        "Finder",
        "No parts catalog has been imported yet. A maintainer or an administrator imports one "
        "with Data › Set up the data…, where the sample data can also be loaded to try things.",
    )


def test_a_search_on_an_empty_catalog_says_nothing_was_imported(
    qtbot: QtBot, tmp_path: Path
) -> None:
    engine = create_database_engine(sqlite_url(tmp_path / "fresh.sqlite3"))
    try:
        admin = create_user(engine, "admin", "Secret-pass-2026", {Role.ADMIN}, actor="setup")
        editor = window(qtbot, engine, admin, tmp_path).editor
        editor.search.setText("保险杠")
        editor.run_search()
        qtbot.waitUntil(lambda: editor.finder.note.text() != "")
        assert editor.finder.note.text() == _hint()
        assert "Set up the data" in _hint()
        assert editor.matches.rowCount() == 0
    finally:
        engine.dispose()


def test_a_search_that_finds_nothing_in_the_demo_catalog_gives_no_hint(
    qtbot: QtBot, demo: Engine, assessor: object, tmp_path: Path
) -> None:
    editor = window(qtbot, demo, assessor, tmp_path).editor  # type: ignore[arg-type]
    editor.search.setText("zzzzzzzz")
    editor.run_search()
    assert editor.matches.rowCount() == 0
    assert editor.finder.note.text() == ""

"""The database server goes away while an assessor edits: a banner says so, the edit is
kept, and it is saved by itself once the server answers again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.gui.main_window import MainWindow
from estimator.services import case_list, estimate_store
from estimator.services.connection import DatabaseUnavailable
from estimator.services.users import User


def _editing_while_the_server_is_down(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, Any, dict[str, bool]]:
    """The main window on a draft whose saves fail while ``server["down"]``; quick retries."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(demo, assessor, settings=settings)
    qtbot.addWidget(main)
    main.show()
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    main.editor.open(draft.estimate_id)
    real = estimate_store.replace_lines
    server = {"down": True}

    def replace_lines(*args: Any, **kwargs: Any) -> Any:
        if server["down"]:
            raise DatabaseUnavailable("the database server cannot be reached (test)")
        return real(*args, **kwargs)

    monkeypatch.setattr(estimate_store, "replace_lines", replace_lines)
    main.editor.offline.retry.setInterval(50)
    return main, draft, server


def test_a_lost_connection_shows_a_banner_and_the_edit_is_saved_on_retry(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main, draft, server = _editing_while_the_server_is_down(
        qtbot, demo, assessor, tmp_path, monkeypatch
    )
    before = len(estimate_store.load_estimate(demo, draft.estimate_id).estimate.lines)
    main.editor.table.setCurrentIndex(main.editor.lines.index(0, 0))
    main.editor.remove_selected()
    assert main.editor.offline.isVisible()
    assert "cannot be reached" in main.editor.offline.text()
    assert len(estimate_store.load_estimate(demo, draft.estimate_id).estimate.lines) == before
    qtbot.wait(200)  # retried while still down: still kept, still shown
    assert main.editor.offline.isVisible()

    server["down"] = False
    qtbot.waitUntil(lambda: not main.editor.offline.isVisible(), timeout=3000)
    assert len(estimate_store.load_estimate(demo, draft.estimate_id).estimate.lines) == before - 1


def test_an_edit_kept_during_an_outage_is_saved_not_read_over_when_the_server_is_back(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another action failing meanwhile asks for the estimate to be read again once the
    # server answers: the kept edit must be saved then, not replaced by the stored lines.
    main, draft, server = _editing_while_the_server_is_down(
        qtbot, demo, assessor, tmp_path, monkeypatch
    )
    before = len(estimate_store.load_estimate(demo, draft.estimate_id).estimate.lines)
    main.editor.table.setCurrentIndex(main.editor.lines.index(0, 0))
    main.editor.remove_selected()
    main.editor.runner.fail(DatabaseUnavailable("lost"))  # e.g. the repair advice failed too
    assert main.editor.unsaved is not None and main.editor.offline.isVisible()

    server["down"] = False
    qtbot.waitUntil(lambda: not main.editor.offline.isVisible(), timeout=3000)
    assert len(estimate_store.load_estimate(demo, draft.estimate_id).estimate.lines) == before - 1
    assert main.editor.unsaved is None
    assert main.editor.lines.rowCount() == before - 1

"""Backing up from the workstation, and the archived cases behind their filter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.gui.backup_dialog import BackupDialog
from estimator.gui.main_window import MainWindow
from estimator.services import case_list, workflow
from estimator.services.audit import verify_audit
from estimator.services.backup import DatabaseCheck
from estimator.services.retention import archive_case
from estimator.services.users import User


def _back_up(qtbot: QtBot, dialog: BackupDialog, target: Path) -> None:
    dialog.path.setText(str(target))
    dialog.start()
    assert dialog.worker is not None
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60_000)
    dialog.worker.wait()


def test_the_backup_runs_off_the_gui_thread_and_reports_its_check(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    dialog = BackupDialog(demo)
    qtbot.addWidget(dialog)
    target = tmp_path / "backup.sqlite3"
    _back_up(qtbot, dialog, target)
    assert isinstance(dialog.outcome, DatabaseCheck) and dialog.outcome.ok
    assert verify_audit(demo).head in dialog.status.text() and target.exists()
    _back_up(qtbot, dialog, target)  # a second time to the same file: refused, said plainly
    assert "never overwrites" in dialog.status.text() and dialog.start_button.isEnabled()


def test_archived_cases_show_only_with_their_filter(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    cases = case_list.list_cases(demo)
    approved = next(c for c in cases if c.status.value == "approved")
    workflow.customer_signed(demo, approved.estimate_id, assessor)
    workflow.close(demo, approved.estimate_id, assessor)
    archive_case(demo, approved.case_id, assessor)
    main = MainWindow(
        demo, assessor, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(main)
    shown = {main.cases.case_at(r).case_id for r in range(main.cases.rowCount())}
    assert approved.case_id not in shown and len(shown) == len(cases) - 1
    main.archived_filter.setChecked(True)
    assert [main.cases.case_at(r).case_id for r in range(main.cases.rowCount())] == [
        approved.case_id
    ]
    assert isinstance(main.back_up(), BackupDialog)

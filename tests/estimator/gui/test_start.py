"""``estimator`` without a command: the sign-in dialog paints before anything of the database
is loaded; the database opens behind it, and its refusals still come before anyone signs in."""

from __future__ import annotations

import json
import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from estimator.cli.main import main
from estimator.gui.dialogs import SignInDialog
from estimator.persistence import sqlite_file
from estimator.persistence.database import sqlite_url
from estimator.persistence.sqlite_file import InstanceLock
from estimator.services.demo import DEMO_USERS
from tests.estimator.gui.test_one_workstation import _run

#: The real start, watched: whether SQLAlchemy was loaded when the dialog first painted,
#: whether the database was open when Enter was pressed (at once), and the main window.
WATCHED_START = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

    seen = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                seen.setdefault("sqlalchemy_at_first_paint", "sqlalchemy" in sys.modules)
            return False

    first_paint = FirstPaint()
    show, exec_ = QDialog.show, QDialog.exec

    def watched_show(dialog):
        dialog.installEventFilter(first_paint)
        show(dialog)

    def main_window_shown():
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMainWindow) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, main_window_shown)
            return
        seen["main_window"] = shown[0].windowTitle()
        QApplication.quit()

    def watched_exec(dialog):
        def type_and_press_enter():
            seen["open_at_enter"] = dialog.engine is not None
            dialog.username.setText(sys.argv[2])
            dialog.password.setText(sys.argv[3])
            dialog.try_accept()
            main_window_shown()
        QTimer.singleShot(0, type_and_press_enter)
        result = exec_(dialog)
        seen["signed_in"] = dialog.user.username if dialog.user else None
        return result

    QDialog.show, QDialog.exec = watched_show, watched_exec
    from estimator.cli.main import main

    code = main(["--db", sys.argv[1]])
    print(json.dumps({**seen, "code": code}))
    """
)


def test_the_dialog_paints_before_the_database_loads_and_enter_signs_in_once_it_is_open(
    demo_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, database)
    name, _display, _roles, password = DEMO_USERS[0]
    out = _run(tmp_path, WATCHED_START, sqlite_url(database), name, password)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["sqlalchemy_at_first_paint"] is False
    assert seen["open_at_enter"] is False  # pressed before the database was open ...
    assert seen["signed_in"] == name  # ... and signed in once it was
    assert seen["main_window"] and seen["code"] == 0
    with InstanceLock(database):  # the workstation let go of the database when it closed
        pass


def _on_exec(monkeypatch: pytest.MonkeyPatch, act: Callable[[SignInDialog], None]) -> None:
    """Run ``act`` on the sign-in dialog as soon as ``estimator`` shows it."""
    exec_ = SignInDialog.exec

    def exec_and_act(dialog: SignInDialog) -> int:
        QTimer.singleShot(0, lambda: act(dialog))
        return exec_(dialog)

    monkeypatch.setattr(SignInDialog, "exec", exec_and_act)


def _when_open(dialog: SignInDialog, then: Callable[[], None]) -> None:
    if dialog.engine is None and dialog.isVisible():
        QTimer.singleShot(5, lambda: _when_open(dialog, then))
    else:
        then()


def test_a_first_start_opens_the_database_behind_the_dialog_and_asks_for_the_administrator(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "new" / "estimator.sqlite3"
    seen: dict[str, object] = {}

    def look_then_cancel(dialog: SignInDialog) -> None:
        seen["shown_before_open"] = dialog.isVisible() and dialog.engine is None

        def opened() -> None:
            seen["first_run"] = dialog.first_run
            seen["title"] = dialog.windowTitle()
            seen["repeat"] = dialog.repeat.isVisibleTo(dialog)
            dialog.reject()

        _when_open(dialog, opened)

    _on_exec(monkeypatch, look_then_cancel)
    assert main(["--db", sqlite_url(database)]) == 1  # cancelled
    assert seen == {
        "shown_before_open": True,
        "first_run": True,
        "title": "Welcome to Estimator",
        "repeat": True,
    }
    assert database.exists()  # created and migrated behind the dialog
    with InstanceLock(database):  # claimed while open, released on cancel
        pass


def test_a_database_on_a_network_share_is_refused_before_anyone_signs_in(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\nsrv:/x {os.path.realpath(share)} nfs rw 0 0\n")
    monkeypatch.setattr(sqlite_file, "MOUNTS", mounts)
    boxes: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: boxes.append(text))
    )
    dialogs: list[SignInDialog] = []

    def press_enter_at_once(dialog: SignInDialog) -> None:
        dialogs.append(dialog)
        name, _display, _roles, password = DEMO_USERS[0]
        dialog.username.setText(name)
        dialog.password.setText(password)
        dialog.try_accept()

    _on_exec(monkeypatch, press_enter_at_once)
    assert main(["--db", sqlite_url(share / "e.sqlite3")]) == 1
    assert len(boxes) == 1 and "(nfs)" in boxes[0]
    (dialog,) = dialogs
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.user is None
    assert dialog.engine is None and not share.exists()  # nothing written on the share


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("garbage", "is not a database, or is damaged"),  # not a database file
        ("sqlite+nosuchdriver:///x.sqlite3", "cannot open"),  # a driver that does not exist
        ("::not a url:://x", "not a database URL"),  # a path would be a file name
    ],
)
def test_a_database_that_cannot_be_opened_is_said_in_a_window_not_a_traceback(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str,
    said: str,
) -> None:
    if url == "garbage":
        damaged = tmp_path / "estimator.sqlite3"
        damaged.write_bytes(b"this is not an SQLite database, just bytes\n" * 200)
        url = sqlite_url(damaged)
    boxes: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _parent, _title, text: boxes.append(text))
    )
    _on_exec(monkeypatch, lambda _dialog: None)
    assert main(["--db", url]) == 1
    assert len(boxes) == 1 and said in boxes[0], boxes
    assert "Traceback" not in capsys.readouterr().err

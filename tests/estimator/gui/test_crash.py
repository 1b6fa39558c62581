"""Killing the workstation in the middle of an editing session loses nothing already shown."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list, estimate_store
from estimator.services.demo import build_demo_database

EDITOR_SCRIPT = textwrap.dedent(
    """
    import sys
    from estimator.gui.app import application
    from estimator.gui.main_window import MainWindow
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services.demo import DEMO_USERS
    from estimator.services.users import authenticate
    from PySide6.QtCore import QSettings

    app = application()
    engine = create_database_engine(sqlite_url(sys.argv[1]))
    name, _d, _r, password = DEMO_USERS[0]
    window = MainWindow(engine, authenticate(engine, name, password),
                        settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.show()
    editor = window.editor
    editor.open(__import__("uuid").UUID(sys.argv[3]))
    queries = ["qbxgp", "大灯", "右后视镜", "发动机盖", "中网", "zqmwls", "散热器"] * 20
    for query in queries:
        editor.search.setText(query)
        editor.run_search()
        editor.add_selected_as_replace()
        app.processEvents()
        # What the assessor sees now: report it, then keep going until killed.
        print(sum(1 for r in range(editor.lines.rowCount()) if editor.lines.line_at(r).index is not None), flush=True)
    """
)


def test_every_line_shown_before_a_kill_is_in_the_database(tmp_path: Path) -> None:
    database = build_demo_database(tmp_path / "demo.sqlite3")
    engine = create_database_engine(sqlite_url(database))
    draft = next(c for c in case_list.list_cases(engine) if c.status.value == "draft")
    engine.dispose()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ESTIMATOR_LANG": "en"}
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            EDITOR_SCRIPT,
            str(database),
            str(tmp_path / "s.ini"),
            str(draft.estimate_id),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    shown = [int(child.stdout.readline()) for _ in range(4)]
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert shown == sorted(shown) and shown[-1] > shown[0]
    # Open what was left on disk (WAL and all), as the next start would.
    copy = tmp_path / "after.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{database}{suffix}").exists():
            shutil.copy(f"{database}{suffix}", f"{copy}{suffix}")
    engine = create_database_engine(sqlite_url(copy))
    stored = estimate_store.load_estimate(engine, draft.estimate_id)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert len(stored.estimate.lines) >= shown[-1]
    engine.dispose()

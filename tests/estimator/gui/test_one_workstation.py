"""Promise 3: a second workstation on the same database is refused; the first keeps saving."""

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

FIRST = textwrap.dedent(
    """
    import sys, uuid
    from PySide6.QtCore import QSettings
    from estimator.gui.app import application
    from estimator.gui.main_window import MainWindow
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services.demo import DEMO_USERS
    from estimator.services.users import authenticate
    from estimator.services.workstation import claim_database

    app = application()
    engine = create_database_engine(sqlite_url(sys.argv[1]))
    lock = claim_database(engine)
    name, _d, _r, password = DEMO_USERS[0]
    window = MainWindow(engine, authenticate(engine, name, password),
                        settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.show()
    window.editor.open(uuid.UUID(sys.argv[3]))
    print("ready", flush=True)
    sys.stdin.readline()  # the second workstation has tried meanwhile
    window.editor.search.setText("qbxgp")
    window.editor.run_search()
    window.editor.add_selected_as_replace()
    app.processEvents()
    print(window.editor.lines.rowCount(), flush=True)
    """
)

SECOND = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QMessageBox
    from estimator.cli.main import main

    # No one clicks in a test: the message box says its text on stdout instead.
    QMessageBox.critical = staticmethod(lambda _parent, _title, text: print("box:", text))
    sys.exit(main(["--db", sys.argv[1]]))
    """
)

OPEN_AND_QUIT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from estimator.gui.app import application, run
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services.demo import DEMO_USERS
    from estimator.services.users import authenticate

    app = application()
    engine = create_database_engine(sqlite_url(sys.argv[1]))
    name, _d, _r, password = DEMO_USERS[0]
    QTimer.singleShot(200, app.quit)
    sys.exit(run(engine, authenticate(engine, name, password)))
    """
)


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ESTIMATOR_LANG": "en",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


def _run(tmp_path: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
        check=False,
    )


def test_a_second_workstation_is_refused_and_the_first_still_saves(
    demo_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, database)
    engine = create_database_engine(sqlite_url(database))
    draft = next(c for c in case_list.list_cases(engine) if c.status.value == "draft")
    lines_before = len(estimate_store.load_estimate(engine, draft.estimate_id).estimate.lines)
    first = subprocess.Popen(
        [
            sys.executable,
            "-c",
            FIRST,
            str(database),
            str(tmp_path / "s.ini"),
            str(draft.estimate_id),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_env(tmp_path),
    )
    assert first.stdin is not None and first.stdout is not None
    try:
        assert first.stdout.readline().strip() == "ready"
        second = _run(tmp_path, SECOND, sqlite_url(database))
        assert second.returncode == 1
        assert "in use by another workstation" in second.stderr
        assert f"process {first.pid}" in second.stderr and "since" in second.stderr
        assert "box:" in second.stdout and "Traceback" not in second.stderr
        first.stdin.write("go\n")
        first.stdin.flush()
        shown = int(first.stdout.readline())
        assert first.wait(timeout=60) == 0
    finally:
        first.kill()
    saved = len(estimate_store.load_estimate(engine, draft.estimate_id).estimate.lines)
    assert saved > lines_before and shown >= saved  # the bumper with its labor and paint
    engine.dispose()


HOLD = textwrap.dedent(
    """
    import sys, time
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services.workstation import claim_database

    claim_database(create_database_engine(sqlite_url(sys.argv[1])))
    print("held", flush=True)
    time.sleep(600)
    """
)


def test_a_workstation_killed_with_sigkill_does_not_block_the_next_start(
    demo_template: Path, tmp_path: Path
) -> None:
    database = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, database)
    held = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database)], stdout=subprocess.PIPE, text=True
    )
    assert held.stdout is not None
    assert held.stdout.readline().strip() == "held"
    held.send_signal(signal.SIGKILL)
    held.wait(timeout=30)
    assert Path(f"{database}.lock").exists()
    started = _run(tmp_path, OPEN_AND_QUIT, str(database))
    assert started.returncode == 0, started.stderr

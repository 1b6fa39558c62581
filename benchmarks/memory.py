"""rss_1m_catalog: resident memory of the workstation with the 1,000,000-part catalog open
(the real MainWindow, a few type-ahead searches run through the editor), vs a bare PySide6
window in the same run. Read from /proc/self/status (VmRSS now, VmHWM the peak)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import Result

STATUS = """
def memory():
    fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
"""

BARE = (
    STATUS
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
print(*memory(), flush=True)
"""
)

WORKSTATION = (
    STATUS
    + """
import sys
from estimator.gui.app import application
app = application()
from estimator.gui.main_window import MainWindow
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.users import find_user
engine = create_database_engine(sqlite_url(sys.argv[1]))
window = MainWindow(engine, find_user(engine, "bench"))
window.show()
app.processEvents()
editor = window.editor
for text in ("大灯", "车门", "qbxg", "前保险杠", "后视镜片", "SY0358", "zqdd"):
    editor.search.setText(text)
    editor.run_search()
    app.processEvents()
assert editor.matches.rowCount() > 0
print(*memory(), flush=True)
"""
)


def _measure(code: str, *args: str) -> tuple[int, int]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ESTIMATOR_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    rss, peak = done.stdout.split()
    return int(rss), int(peak)


def run(parts: int) -> list[Result]:
    """Resident and peak memory (MB) of the workstation on the large catalog and of a bare window."""
    from benchmarks.catalog_search import build_catalog
    from estimator.domain.workflow import Role
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services.users import create_user

    catalog, _ = build_catalog(parts)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "workstation.sqlite3"
        shutil.copy(catalog, database)
        engine = create_database_engine(sqlite_url(database))
        create_user(engine, "bench", "bench-password-1", {Role.ASSESSOR}, actor="bench")
        engine.dispose()
        rss, peak = _measure(WORKSTATION, str(database))
    floor, floor_peak = _measure(BARE)
    mb = 1024
    return [
        Result(
            "rss_1m_catalog",
            round(rss / mb, 1),
            "MB",
            round(floor / mb, 1),
            round(rss / floor, 2),
            target="≤ 400 MB",
            detail=f"{parts:,} parts; the main window after 7 type-ahead searches; peak "
            f"{peak / mb:.0f} MB (bare window peak {floor_peak / mb:.0f} MB)",
        )
    ]

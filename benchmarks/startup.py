"""startup: launch to an interactive main window on the demo database, vs a bare PySide6
window in the same run; typeahead: keystroke-by-keystroke search into the results model on
the large catalog, vs the same SQL through the driver."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Result, ms, percentile

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
app.processEvents()
print("ready", flush=True)
"""

WORKSTATION = """
import sys
from estimator.gui.app import application
app = application()
from estimator.gui.main_window import MainWindow
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.demo import DEMO_USERS
from estimator.services.users import authenticate
engine = create_database_engine(sqlite_url(sys.argv[1]))
name, _d, _r, password = DEMO_USERS[0]
window = MainWindow(engine, authenticate(engine, name, password))
window.show()
app.processEvents()
print("ready", flush=True)
"""


def _launch(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.wait()
    assert line.strip() == "ready", line
    return elapsed


def run_startup(repeat: int) -> list[Result]:
    """Median launch-to-window time of the workstation and of a bare window."""
    from estimator.services.demo import build_demo_database

    with tempfile.TemporaryDirectory() as folder:
        database = build_demo_database(Path(folder) / "demo.sqlite3")
        _launch(WORKSTATION, str(database))  # warm the file cache
        product = [_launch(WORKSTATION, str(database)) for _ in range(repeat)]
        floor = [_launch(BARE) for _ in range(repeat)]
    p50, f50 = statistics.median(product), statistics.median(floor)
    return [
        Result(
            "startup",
            round(p50, 3),
            "s",
            round(f50, 3),
            round(p50 / f50, 2),
            target="≤ 1.5 s, ratio ≤ 5",
            detail=f"demo database, sign-in (Argon2id) included; {repeat} launches each",
        )
    ]


def run_typeahead(parts: int, repeat: int) -> list[Result]:
    """Each keystroke of a few queries: search, then fill the results model (as the editor does)."""
    import sqlite3

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from benchmarks.catalog_search import _floor, build_catalog
    from estimator.gui.models import PartMatchesModel
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services.catalog import search_parts

    _app = QApplication.instance() or QApplication([])
    path, _ = build_catalog(parts)
    engine = create_database_engine(sqlite_url(path))
    driver = sqlite3.connect(path)
    model = PartMatchesModel()
    keystrokes = [
        w[:i] for w in ("qbxgp", "大灯总成", "前保险杠皮", "SY0358") for i in range(1, len(w) + 1)
    ]
    product: list[float] = []
    floor: list[float] = []
    for _ in range(repeat):
        for text in keystrokes:
            start = time.perf_counter()
            model.set_matches(search_parts(engine, text, limit=30))
            product.append(time.perf_counter() - start)
            start = time.perf_counter()
            _floor(driver, text, None)
            floor.append(time.perf_counter() - start)
    engine.dispose()
    p95, f95 = percentile(product, 0.95), percentile(floor, 0.95)
    return [
        Result(
            "typeahead_p95",
            ms(p95),
            "ms",
            ms(f95),
            round(p95 / f95, 2),
            target="instant (≤ 30 ms)",
            detail=f"{parts:,} parts, {len(keystrokes)} keystrokes × {repeat}, "
            f"search + results model",
        )
    ]

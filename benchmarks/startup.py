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
from estimator.gui.app import application, authenticate_while_loading
app = application()
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.demo import DEMO_USERS
engine = create_database_engine(sqlite_url(sys.argv[1]))
name, _d, _r, password = DEMO_USERS[0]
user = authenticate_while_loading(engine, name, password)
from estimator.gui.main_window import MainWindow
window = MainWindow(engine, user)
window.show()
app.processEvents()
print("ready", flush=True)
"""

#: ``estimator`` as a user launches it: the sign-in dialog is the first interactive window.
#: Then, as the user presses Enter: the password check to the interactive main window, the
#: main window's modules having loaded while the dialog waited (as ``gui.app.run`` does).
SIGN_IN = """
import sys, time
from estimator.gui.app import application, load_main_window
app = application()
from estimator.gui.dialogs import SignInDialog
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.demo import DEMO_USERS
engine = create_database_engine(sqlite_url(sys.argv[1]))
dialog = SignInDialog(engine)
dialog.show()
app.processEvents()
print("ready", flush=True)
load_main_window()
name, _d, _r, password = DEMO_USERS[0]
start = time.perf_counter()
dialog.username.setText(name)
dialog.password.setText(password)
dialog.try_accept()
assert dialog.user is not None
from estimator.gui.main_window import MainWindow
window = MainWindow(engine, dialog.user)
window.show()
app.processEvents()
signed_in = time.perf_counter() - start
from estimator.services.users import _HASHER
hashed = _HASHER.hash(password)
start = time.perf_counter()
_HASHER.verify(hashed, password)
print(signed_in, time.perf_counter() - start, flush=True)
"""


def _launch(code: str, *args: str, after: list[str] | None = None) -> float:
    """Seconds from starting Python to its "ready" line; later lines go to ``after``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    rest = child.stdout.read()
    child.wait()
    assert line.strip() == "ready", line
    if after is not None:
        after.append(rest)
    return elapsed


def run_startup(repeat: int) -> list[Result]:
    """Median launch-to-window times: to the sign-in dialog (how ``estimator`` starts), sign-in
    to the main window, and the demo's launch straight to the signed-in main window; each
    with its floor measured in the same run."""
    from estimator.services.demo import build_demo_database

    with tempfile.TemporaryDirectory() as folder:
        database = build_demo_database(Path(folder) / "demo.sqlite3")
        _launch(WORKSTATION, str(database))  # warm the file cache
        after: list[str] = []
        dialog = [_launch(SIGN_IN, str(database), after=after) for _ in range(repeat)]
        product = [_launch(WORKSTATION, str(database)) for _ in range(repeat)]
        floor = [_launch(BARE) for _ in range(repeat)]
    sign_in = [float(line.split()[0]) for line in after]
    argon2 = [float(line.split()[1]) for line in after]
    d50, p50, f50 = statistics.median(dialog), statistics.median(product), statistics.median(floor)
    s50, a50 = statistics.median(sign_in), statistics.median(argon2)
    return [
        Result(
            "startup",
            round(d50, 3),
            "s",
            round(f50, 3),
            round(d50 / f50, 2),
            target="≤ 1.5 s, ratio ≤ 5",
            detail=f"launch to the interactive sign-in dialog on the demo database (the first "
            f"window of `estimator`) vs a bare PySide6 window; {repeat} launches each",
        ),
        Result(
            "startup.sign_in",
            round(s50, 3),
            "s",
            round(a50, 3),
            round(s50 / a50, 2),
            detail="Enter in the sign-in dialog to the interactive main window (Argon2id "
            "included; the main window's modules loaded while the dialog waited) vs the "
            "Argon2id check alone (the product's parameters)",
        ),
        Result(
            "startup.demo_signed_in",
            round(p50, 3),
            "s",
            round(f50, 3),
            round(p50 / f50, 2),
            target="≤ 1.5 s",
            detail="`estimator --demo`: launch straight to the signed-in main window, no typing "
            "(Argon2id overlapped with loading the main window) vs a bare PySide6 window",
        ),
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

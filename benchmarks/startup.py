"""startup: ``estimator`` launched on the demo database to its first interactive window (the
sign-in dialog), and ``estimator --demo`` to the interactive signed-in main window, vs a
bare PySide6 window in the same run; typeahead: keystroke-by-keystroke search into the results model on
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
from estimator.services.demo_cache import DEMO_USERS
engine = create_database_engine(sqlite_url(sys.argv[1]))
name, _d, _r, password = DEMO_USERS[0]
user = authenticate_while_loading(engine, name, password)
from estimator.gui.main_window import MainWindow
window = MainWindow(engine, user)
window.show()
app.processEvents()
print("ready", flush=True)
"""

#: ``estimator --db URL`` as a user launches it (the console script's entry point, main()).
#: Watched, not changed: "ready" once the sign-in dialog has painted and its event loop runs
#: (as the floor's), "open" once the database behind it is open and claimed and the dialog
#: knows its users (ready to sign in); then the dialog is cancelled.
ESTIMATOR = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

exec_ = QDialog.exec

def watched_exec(dialog):
    def ready():
        QApplication.processEvents()
        print("ready", flush=True)
        opened()
    def opened():
        if dialog.engine is None:
            QTimer.singleShot(1, opened)
            return
        print("open", flush=True)
        dialog.reject()
    QTimer.singleShot(0, ready)
    return exec_(dialog)

QDialog.exec = watched_exec
from estimator.cli.main import main
sys.exit(main(["--db", sys.argv[1]]))
"""

#: As the user presses Enter in the sign-in dialog: the password check to the interactive
#: main window, the main window's modules having loaded while the dialog waited (as
#: ``gui.app`` does).
SIGN_IN = """
import sys, time
from estimator.gui.app import application, load_main_window
app = application()
from estimator.gui.dialogs import SignInDialog
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.demo_cache import DEMO_USERS
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


#: ``estimator --demo --demo-path PATH`` as a user launches it (main()), watched, not changed:
#: "ready" once the main window is *interactive*: it has painted, its case list holds the
#: cases, the first case is open in the editor (its estimate loaded), and the event loop has
#: come back idle after all that (a zero timer fired behind the paint); then it quits.
DEMO = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

exec_ = QApplication.exec

class Painted(QObject):
    def __init__(self):
        super().__init__()
        self.windows = set()
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self.windows.add(id(watched))
        return False

def watched_exec():
    app = QApplication.instance()
    painted = Painted()
    app.installEventFilter(painted)
    def interactive(window):
        return (
            id(window) in painted.windows
            and window.cases.rowCount() > 0
            and window.editor.stored is not None
            and window.editor.stored.id == window.editor.estimate_id
        )
    def check():
        windows = [
            w for w in app.topLevelWidgets()
            if type(w).__name__ == "MainWindow" and w.isVisible()
        ]
        if not windows or not interactive(windows[0]):
            QTimer.singleShot(1, check)
            return
        QTimer.singleShot(0, idle)
    def idle():
        print("ready", flush=True)
        app.quit()
    QTimer.singleShot(0, check)
    return exec_()

QApplication.exec = staticmethod(watched_exec)
from estimator.cli.main import main
sys.exit(main(["--demo", "--demo-path", sys.argv[1]]))
"""


#: Builds the pristine demo database in the cache folder of the environment it runs in.
WARM_DEMO = """
import sys
from pathlib import Path
from estimator.services.demo_cache import fresh_demo_database
fresh_demo_database(Path(sys.argv[1]))
"""


#: The launches' environment (``_child_env``): offscreen Qt, and the compiled bytecode an
#: installed product has (kept in a folder of the run's own, made by the first launches),
#: even where the shell says PYTHONDONTWRITEBYTECODE: else every launch would compile the
#: project's sources first, which no user's launch does.
_ENV: dict[str, str] = {}


def _child_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **_ENV, **extra}
    if "PYTHONPYCACHEPREFIX" in _ENV:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _launch(
    code: str, *args: str, after: list[str] | None = None, env: dict[str, str] | None = None
) -> float:
    """Seconds from starting Python to its "ready" line (what it prints before, such as
    ``estimator --demo``'s notes, is passed over); later lines go to ``after``."""
    env = env or _child_env()
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    while line and line.strip() != "ready":
        line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    rest = child.stdout.read()
    child.wait()
    assert line.strip() == "ready", line
    if after is not None:
        after.append(rest)
    return elapsed


def _launch_estimator(database: Path) -> tuple[float, float]:
    """Seconds from starting ``estimator`` to its interactive sign-in dialog, and to the
    database open behind it."""
    env = _child_env()
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", ESTIMATOR, f"sqlite+pysqlite:///{database}"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    ready = child.stdout.readline()
    to_ready = time.perf_counter() - start
    opened = child.stdout.readline()
    to_open = time.perf_counter() - start
    child.stdout.read()
    child.wait()
    assert (ready.strip(), opened.strip()) == ("ready", "open"), (ready, opened)
    return to_ready, to_open


def run_startup(repeat: int) -> list[Result]:
    """Median launch-to-window times: ``estimator`` to its sign-in dialog (and to the
    database open behind it), sign-in to the main window, the signed-in main window on a
    demo database, and ``estimator --demo`` to its interactive main window (a warm demo
    cache; once with an empty one); each with its floor measured in the same run. The
    launches of each kind alternate with the floor's, so a busy moment of the machine falls
    on both."""
    starts, floor, demos, after, product, cold = _launches(repeat)
    sign_in = [float(line.split()[0]) for line in after]
    argon2 = [float(line.split()[1]) for line in after]
    d50 = statistics.median(ready for ready, _open in starts)
    o50 = statistics.median(opened for _ready, opened in starts)
    p50, f50 = statistics.median(product), statistics.median(floor)
    s50, a50 = statistics.median(sign_in), statistics.median(argon2)
    demo50 = statistics.median(demos)
    return [
        _seconds(
            "startup",
            d50,
            f50,
            target="≤ 1.5 s, ratio ≤ 5",
            detail=f"`estimator --db <demo>` (its entry point) to the interactive sign-in "
            f"dialog vs a bare PySide6 window; {repeat} launches each",
        ),
        _seconds(
            "startup.database_open",
            o50,
            f50,
            detail="`estimator --db <demo>` to the database open behind the dialog "
            "(SQLAlchemy loaded on a worker thread, network-share check, schema, claim, "
            "users counted): ready to sign in vs a bare PySide6 window",
        ),
        _seconds(
            "startup.sign_in",
            s50,
            a50,
            detail="Enter in the sign-in dialog to the interactive main window (Argon2id "
            "included; the main window's modules loaded while the dialog waited) vs the "
            "Argon2id check alone (the product's parameters)",
        ),
        _seconds(
            "startup.demo_signed_in",
            p50,
            f50,
            target="≤ 1.5 s",
            detail="the signed-in main window on a demo database made beforehand (as "
            "`estimator --demo` opens it, no typing; Argon2id overlapped with loading the main "
            "window) vs a bare PySide6 window",
        ),
        _seconds(
            "startup.demo",
            demo50,
            f50,
            target="≤ 1.5 s, ratio ≤ 5",
            detail="`estimator --demo` (its entry point) to the interactive main window: "
            "painted, the case list filled, the first case open in the editor, the event loop "
            "idle; its fresh demo database copied from the cache's pristine one (warm) vs a "
            "bare PySide6 window",
        ),
        _seconds(
            "startup.demo_cold",
            cold,
            f50,
            detail="the same, the first launch with an empty cache: today's demo cases built "
            "first, the history left to replay behind the window (once per schema, demo "
            "sources and day); one launch",
        ),
    ]


def _launches(
    repeat: int,
) -> tuple[list[tuple[float, float]], list[float], list[float], list[str], list[float], float]:
    """The launches of ``run_startup``, each kind alternating with the floor's: the
    ``estimator`` starts (dialog ready, database open), the bare windows, the warm demos,
    the sign-ins' printed times, the signed-in windows, and one cold demo."""
    from estimator.services.demo import build_demo_database

    with tempfile.TemporaryDirectory() as folder:
        _ENV["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        database = build_demo_database(Path(folder) / "demo.sqlite3")
        demo = [str(Path(folder) / "demo-launched.sqlite3")]
        warm = _child_env(XDG_CACHE_HOME=str(Path(folder) / "cache"))
        try:
            # Warm the file cache and make the bytecode (and the demo's pristine database).
            _launch(WORKSTATION, str(database))
            _launch(BARE)
            _launch_estimator(database)
            _launch(SIGN_IN, str(database))
            # The pristine demo a first launch leaves once its history is in (the launches
            # below quit before that: they would each be a first launch).
            subprocess.run(
                [sys.executable, "-c", WARM_DEMO, demo[0]], env=warm, check=True, timeout=600
            )
            _launch(DEMO, *demo, env=warm)
            cold = _launch(DEMO, *demo, env=_child_env(XDG_CACHE_HOME=str(Path(folder) / "c2")))
            starts: list[tuple[float, float]] = []
            floor: list[float] = []
            demos: list[float] = []
            for _ in range(repeat):
                starts.append(_launch_estimator(database))
                floor.append(_launch(BARE))
                demos.append(_launch(DEMO, *demo, env=warm))
            after: list[str] = []
            for _ in range(repeat):
                _launch(SIGN_IN, str(database), after=after)
            product = [_launch(WORKSTATION, str(database)) for _ in range(repeat)]
        finally:
            _ENV.clear()
    return starts, floor, demos, after, product, cold


def _seconds(name: str, value: float, floor: float, *, detail: str, target: str = "") -> Result:
    return Result(
        name, round(value, 3), "s", round(floor, 3), round(value / floor, 2), target, detail
    )


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

"""Smoke start of the laptop bundle (dist/Estimator/) under a display, as a new laptop would.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python packaging/smoke.py dist/Estimator

Every start gets a fresh home (HOME and the XDG folders in a temporary folder) and an
environment without Python's variables, so nothing of the checkout or of the user is used:
1. ``estimator --help`` prints the command tree;
2. ``estimator`` on a fresh default database reaches its first window (the first-run
   administrator dialog) with the database made by the migrations inside the bundle; the
   window is found on the X server by its class and photographed from outside;
3. ``estimator --demo`` builds the demo database and reaches the editor window
   (ESTIMATOR_SCREENSHOT: it saves a screenshot and quits with 0), then the manager's
   dashboard with its charts;
4. ``estimator estimate export`` writes an estimate of the demo as PDF (the font inside)
   and as a workbook.
The screenshots are left in --out for a person to look at (Chinese must render).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: The first window must appear within this many seconds of the start.
FIRST_WINDOW_S = 60
#: The demo builds its database first (about 50 s on a loaded two-core machine).
DEMO_S = 300
#: The newest migration, read from the source the bundle was built from.
HEAD_PATTERN = re.compile(r'^HEAD = "(?P<head>[^"]+)"', re.MULTILINE)
ROOT = Path(__file__).resolve().parent.parent


class SmokeFailed(Exception):
    """A step of the smoke start did not do what it must."""


def fresh_environment(home: Path) -> dict[str, str]:
    """The environment of a start: a display, a UTF-8 locale and an empty home."""
    env = {"PATH": os.defpath, "LANG": "C.UTF-8", "HOME": str(home / "home")}
    for name in ("DISPLAY", "XAUTHORITY", "WAYLAND_DISPLAY", "SYSTEMROOT", "TEMP", "TMP"):
        if name in os.environ:
            env[name] = os.environ[name]
    for name, folder in (("XDG_CACHE_HOME", "cache"), ("XDG_DATA_HOME", "data")):
        env[name] = str(home / folder)
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["APPDATA"] = env["LOCALAPPDATA"] = str(home / "appdata")  # the same on Windows
    (home / "home").mkdir(parents=True, exist_ok=True)
    return env


def check_help(program: Path, home: Path) -> str:
    """``estimator --help`` prints the usage and the command groups, exit 0."""
    done = subprocess.run(
        [str(program), "--help"],
        env=fresh_environment(home),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=FIRST_WINDOW_S,
        check=False,
    )
    # The words of argparse follow the language (用法： in Chinese, the default without LANG).
    usage = ("usage: estimator", "用法：estimator")
    if done.returncode != 0 or not any(u in done.stdout for u in usage):
        raise SmokeFailed(f"--help: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    for group in ("catalog", "labor", "estimate", "user"):
        if group not in done.stdout:
            raise SmokeFailed(f"--help does not list {group}:\n{done.stdout}")
    return f"{len(done.stdout.splitlines())} lines of help"


def estimator_windows() -> list[tuple[str, int, int, int, int]]:
    """(title, x, y, width, height) of the workstation's top-level windows on the X server."""
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    pattern = re.compile(
        r'^\s*0x[0-9a-f]+ "(?P<title>[^"]*)": \("estimator" "Estimator"\)\s+'
        r"(?P<w>\d+)x(?P<h>\d+)\+-?\d+\+-?\d+\s+\+(?P<x>-?\d+)\+(?P<y>-?\d+)$"
    )
    for line in tree.splitlines():
        if match := pattern.match(line):
            w, h, x, y = (int(match[key]) for key in ("w", "h", "x", "y"))
            found.append((match["title"], x, y, w, h))
    return found


def check_first_run(program: Path, home: Path, shot: Path) -> str:
    """``estimator`` on a fresh default database reaches its first window, the database is
    made by the bundled migrations, nothing reaches stderr; then the window is ended."""
    if shutil.which("xwininfo") is None:
        raise SmokeFailed("xwininfo is missing (Debian package x11-utils)")
    env = fresh_environment(home)
    started = time.monotonic()
    process = subprocess.Popen(
        [str(program)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    database = Path(env["XDG_DATA_HOME"]) / "Estimator" / "estimator.sqlite3"
    try:
        window, seconds = wait_for_first_window(process, database, started)
        photograph(window, shot)
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
    if err.strip():
        raise SmokeFailed(f"the first start wrote to stderr:\n{err}")
    title, _, _, w, h = window
    return f"window {title!r} {w}x{h} in {seconds:.1f} s, database at {revision(database)}"


def wait_for_first_window(
    process: subprocess.Popen[str], database: Path, started: float
) -> tuple[tuple[str, int, int, int, int], float]:
    """The first window of a size a dialog has, once the database is at the newest revision."""
    head = newest_revision()
    while time.monotonic() - started < FIRST_WINDOW_S:
        if process.poll() is not None:
            out, err = process.communicate()
            raise SmokeFailed(f"estimator ended with {process.returncode}:\n{out}\n{err}")
        windows = [w for w in estimator_windows() if w[3] >= 150 and w[4] >= 100]
        if windows and revision(database) == head:
            return windows[0], time.monotonic() - started
        time.sleep(0.25)
    raise SmokeFailed(
        f"no window within {FIRST_WINDOW_S} s (windows {estimator_windows()}, "
        f"database at {revision(database)}, expected {head})"
    )


def newest_revision() -> str:
    """The HEAD the migrations package declares."""
    source = (ROOT / "estimator" / "persistence" / "migrations" / "__init__.py").read_text("utf-8")
    match = HEAD_PATTERN.search(source)
    if match is None:
        raise SmokeFailed("no HEAD in estimator/persistence/migrations/__init__.py")
    return match["head"]


def revision(database: Path) -> str | None:
    """The Alembic revision of a SQLite database (None: not there or not migrated yet)."""
    if not database.exists():
        return None
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as connection:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def photograph(window: tuple[str, int, int, int, int], shot: Path) -> None:
    """Save the window's area of the screen (with a margin for its frame) and check that
    something is drawn in it."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    screen = app.primaryScreen()  # type: ignore[attr-defined]
    time.sleep(1)  # the window is mapped; give it its first paint
    _, x, y, w, h = window
    image = screen.grabWindow(0, max(0, x - 20), max(0, y - 40), w + 40, h + 60).toImage()
    image.save(str(shot))
    colours = {image.pixel(i, j) for i in range(0, image.width(), 2) for j in range(image.height())}
    if len(colours) < 8:
        raise SmokeFailed(f"the first window looks empty ({len(colours)} colours): {shot}")


def check_demo(program: Path, home: Path, shot: Path, user: str = "wang") -> str:
    """``estimator --demo`` reaches the first screen of ``user`` (the assessor's editor, the
    manager's dashboard): the screenshot hook saves it and the program quits with 0."""
    from PySide6.QtGui import QImage

    env = fresh_environment(home)
    env["ESTIMATOR_SCREENSHOT"] = str(shot)
    database = home / f"demo-{user}.sqlite3"
    started = time.monotonic()
    done = subprocess.run(
        [str(program), "--demo", "--demo-path", str(database), "--demo-user", user],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=DEMO_S,
        check=False,
    )
    seconds = time.monotonic() - started
    if done.returncode != 0 or not shot.exists():
        raise SmokeFailed(f"--demo: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    image = QImage(str(shot))
    if image.width() < 1000 or image.height() < 600:  # the window at 1366x768, not a dialog
        raise SmokeFailed(f"the demo's screenshot is {image.width()}x{image.height()}")
    return f"{user}'s first screen in {seconds:.1f} s"


def check_exports(program: Path, home: Path, out: Path) -> str:
    """A draft of the demo exported as PDF (the CJK font embedded) and as a workbook."""
    database = home / "demo-wang.sqlite3"
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT id FROM estimates WHERE status = 'draft' AND customer_signature IS NULL"
            " ORDER BY id LIMIT 1"
        ).fetchone()
    if row is None:
        raise SmokeFailed("the demo database has no unsigned draft to export")
    said = []
    command = [str(program), "estimate", "export", "--db", f"sqlite:///{database}"]
    for form, magic in (("pdf", b"%PDF"), ("xlsx", b"PK")):
        target = out / f"estimate.{form}"
        done = subprocess.run(
            [*command, "--format", form, "-o", str(target), row[0]],
            env=fresh_environment(home),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=FIRST_WINDOW_S,
            check=False,
        )
        if done.returncode != 0 or not target.read_bytes().startswith(magic):
            raise SmokeFailed(f"export {form}: exit {done.returncode}\n{done.stderr}")
        said.append(f"{form} {target.stat().st_size // 1024} KiB")
    if b"WenQuanYi" not in (out / "estimate.pdf").read_bytes():
        raise SmokeFailed("the PDF does not embed the bundled WenQuanYi font")
    return ", ".join(said)


def main(argv: list[str] | None = None) -> int:
    """Run the checks in order; exit 1 on the first failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the one-folder bundle (dist/Estimator)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bundle-smoke")
    args = parser.parse_args(argv)
    name = "estimator.exe" if sys.platform.startswith("win") else "estimator"
    program = (args.bundle / name).resolve()
    if not program.is_file():
        print(f"smoke: no {program}; run `make bundle` first", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="estimator-smoke-") as folder:
        home = Path(folder)
        # This process photographs through Qt too: its caches go to the temporary home.
        for name, sub in (("XDG_CACHE_HOME", "cache"), ("XDG_CONFIG_HOME", "config")):
            os.environ[name] = str(home / "smoke" / sub)
        steps: list[tuple[str, Callable[[], str]]] = [
            ("--help", lambda: check_help(program, home / "help")),
            (
                "first run",
                lambda: check_first_run(program, home / "first", args.out / "first-run.png"),
            ),
            ("demo", lambda: check_demo(program, home / "demo", args.out / "demo.png")),
            # A manager opens on the dashboard: its charts (pyqtgraph, numpy) are inside too.
            (
                "dashboard",
                lambda: check_demo(program, home / "demo", args.out / "dashboard.png", "zhou"),
            ),
            ("exports", lambda: check_exports(program, home / "demo", args.out)),
        ]
        passed = 0
        for title, step in steps:
            started = time.monotonic()
            try:
                said = step()
            except (SmokeFailed, subprocess.SubprocessError, OSError) as failure:
                print(f"smoke: {title} FAILED: {failure}", file=sys.stderr)
                print(f"smoke: {passed} passed, 1 failed")
                return 1
            passed += 1
            print(f"smoke: {title} ok in {time.monotonic() - started:.1f} s: {said}", flush=True)
    print(f"smoke: the screenshots are in {args.out}")
    print(f"smoke: {passed} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

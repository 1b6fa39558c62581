"""A full disk or a read-only database: a clear message, nothing saved lost, the edit kept on
screen to save again (reliability.md, promise 2).

The full disk is real where the test may mount a small tmpfs (root on Linux) and otherwise
simulated with SQLite's ``PRAGMA max_page_count``, which fails the write with the same
SQLITE_FULL. The read-only file is made immutable with ``chattr +i`` (root ignores
``chmod 444``; the immutable flag binds root too) where the file system allows it, and is
otherwise opened read-only through the driver (``?mode=ro``).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, event

from estimator.cli.main import main as cli_main
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.workflow import EstimateStatus
from estimator.gui.commands import LinesState, SetLinesCommand
from estimator.gui.main_window import MainWindow
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list, estimate_store
from estimator.services.audit import verify_audit
from estimator.services.demo import DEMO_USERS, sample_file
from estimator.services.users import User, find_user
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PARTS


@dataclass
class BrokenStorage:
    """A demo database whose writes fail until ``heal()``."""

    engine: Engine
    path: Path
    code: str
    heal: Callable[[], None]
    how: str


def _copy(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "demo.sqlite3"
    shutil.copy(template, target)
    return target


def _full_tmpfs(template: Path, tmp_path: Path) -> Iterator[BrokenStorage]:
    mount = tmp_path / "small-disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        path = _copy(template, mount)
        engine = create_database_engine(sqlite_url(path))
        case_list.list_cases(engine)  # open it (WAL and all) before the disk fills
        filler = mount / "filler"
        handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(handle, b"\0" * 65536)
        except OSError:
            pass
        try:
            while True:
                os.write(handle, b"\0" * 512)
        except OSError:
            pass
        os.close(handle)
        assert shutil.disk_usage(mount).free < 4096
        yield BrokenStorage(engine, path, "disk_full", lambda: filler.unlink(), "tmpfs")
        engine.dispose()
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _full_max_page_count(template: Path, tmp_path: Path) -> Iterator[BrokenStorage]:
    path = _copy(template, tmp_path)
    with sqlite3.connect(path) as raw:
        pages = raw.execute("PRAGMA page_count").fetchone()[0]
    limit = {"pages": pages}
    engine = create_database_engine(sqlite_url(path))

    @event.listens_for(engine, "connect")
    def _cap(dbapi_connection: Any, _record: Any) -> None:
        if limit["pages"]:
            dbapi_connection.execute(f"PRAGMA max_page_count = {limit['pages']}")

    engine.dispose()  # connections from now on carry the cap
    _fill_free_space(engine)

    def heal() -> None:
        limit["pages"] = 0
        engine.dispose()

    yield BrokenStorage(engine, path, "disk_full", heal, "max_page_count")
    engine.dispose()


def _fill_free_space(engine: Engine) -> None:
    """Save ever longer estimates until the capped database has no room left."""
    draft = _draft(engine)
    lines = list(draft.estimate.lines)
    for count in range(2000):
        lines.append(
            # At most 200 characters: the column's width, which PostgreSQL enforces too.
            EstimateLine(
                LineKind.SUBLET, description=f"{count:04} " + "满" * 195, amount=Decimal(1)
            )
        )
        try:
            estimate_store.replace_lines(engine, draft.id, lines, _assessor(engine))
        except estimate_store.StorageError:
            return
    raise AssertionError("the capped database never filled")


def _immutable_file(template: Path, tmp_path: Path) -> Iterator[BrokenStorage]:
    path = _copy(template, tmp_path)
    engine = create_database_engine(sqlite_url(path))
    engine.dispose()
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode:
        pytest.skip("chattr +i is not available on this file system")
    try:
        engine = create_database_engine(sqlite_url(path))

        def heal() -> None:
            subprocess.run(["chattr", "-i", str(path)], check=True)
            engine.dispose()  # a connection opened read-only stays so

        yield BrokenStorage(engine, path, "read_only_database", heal, "chattr +i")
        engine.dispose()
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def _read_only_open(template: Path, tmp_path: Path) -> Iterator[BrokenStorage]:
    path = _copy(template, tmp_path)
    create_database_engine(sqlite_url(path)).dispose()
    engine = create_database_engine(f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true")
    state = {"engine": engine}

    def heal() -> None:
        state["engine"].dispose()

    yield BrokenStorage(engine, path, "read_only_database", heal, "mode=ro")
    engine.dispose()


KINDS = {
    "disk full (tmpfs)": _full_tmpfs,
    "disk full (max_page_count)": _full_max_page_count,
    "read-only (chattr +i)": _immutable_file,
    "read-only (mode=ro)": _read_only_open,
}


@pytest.fixture(params=list(KINDS))
def broken(
    request: pytest.FixtureRequest, demo_template: Path, tmp_path: Path
) -> Iterator[BrokenStorage]:
    yield from KINDS[request.param](demo_template, tmp_path)


def _assessor(engine: Engine) -> User:
    user = find_user(engine, DEMO_USERS[0][0])
    assert user is not None
    return user


def _draft(engine: Engine) -> estimate_store.StoredEstimate:
    summary = next(c for c in case_list.list_cases(engine) if c.status is EstimateStatus.DRAFT)
    return estimate_store.load_estimate(engine, summary.estimate_id)


def _grown(stored: estimate_store.StoredEstimate) -> list[EstimateLine]:
    """The lines with every quantity changed and a long line added: an edit that needs room."""
    lines = [replace(line, qty=line.qty + 1) for line in stored.estimate.lines]
    return [*lines, EstimateLine(LineKind.SUBLET, description="补" * 200, amount=Decimal(1))]


def _intact(path: Path) -> None:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_refused_save_says_why_and_keeps_what_was_saved(broken: BrokenStorage) -> None:
    engine = broken.engine
    before = _draft(engine)
    changed = _grown(before)
    with pytest.raises(estimate_store.StorageError) as refused:
        estimate_store.replace_lines(engine, before.id, changed, _assessor(engine))
    assert refused.value.code == broken.code
    if broken.code == "disk_full":
        assert "disk is full" in refused.value.message_en
        assert "磁盘已满" in refused.value.message_zh
    else:
        assert "read-only" in refused.value.message_en
        assert "只读" in refused.value.message_zh
    after = estimate_store.load_estimate(engine, before.id)
    assert after.estimate.lines == before.estimate.lines
    assert after.totals == before.totals
    assert verify_audit(engine).ok
    _intact(broken.path)


def test_a_refused_new_case_and_catalog_import_leave_the_database_as_it_was(
    broken: BrokenStorage,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = broken.engine
    entries = verify_audit(engine).entries
    claims = {c.claim_no for c in case_list.list_cases(engine)}
    document = json.loads(sample_file("demo_estimate.json").read_text(encoding="utf-8"))
    document["claim_no"] = "RDAA2026330199999999"
    with pytest.raises(estimate_store.StorageError):
        estimate_store.import_estimate(
            engine, json.dumps(document, ensure_ascii=False), actor="wang"
        )
    if broken.how != "max_page_count":  # the cap lives in this process's engine only
        # The command line says it in words, with exit code 1.
        workbook = write_workbook(
            tmp_path / "catalog.xlsx", {"vehicle_models": MODELS, "parts": PARTS}
        )
        url = engine.url.render_as_string(hide_password=False)
        # Signed in as the demo's maintainer (signing in writes nothing).
        admin, _display, _roles, password = DEMO_USERS[2]
        monkeypatch.setenv("ESTIMATOR_PASSWORD", password)
        words = ["--db", url, "catalog", "import", str(workbook), "--as", admin]
        assert cli_main(words) == 1
        errors = capsys.readouterr().err
        assert ("disk is full" if broken.code == "disk_full" else "read-only") in errors
        assert "Traceback" not in errors
    assert {c.claim_no for c in case_list.list_cases(engine)} == claims
    assert verify_audit(engine).entries == entries
    _intact(broken.path)


def test_the_save_goes_through_once_the_problem_is_fixed(broken: BrokenStorage) -> None:
    if broken.how == "mode=ro":
        pytest.skip("a database opened read-only by the driver stays read-only")
    engine = broken.engine
    before = _draft(engine)
    changed = _grown(before)
    with pytest.raises(estimate_store.StorageError):
        estimate_store.replace_lines(engine, before.id, changed, _assessor(engine))
    broken.heal()
    estimate_store.replace_lines(engine, before.id, changed, _assessor(engine))
    assert estimate_store.load_estimate(engine, before.id).estimate.lines == tuple(changed)
    assert verify_audit(engine).ok
    _intact(broken.path)


def test_the_editor_shows_a_refused_save_keeps_the_edit_and_saves_it_again(
    broken: BrokenStorage, qtbot: QtBot, tmp_path: Path
) -> None:
    if broken.how == "mode=ro":
        pytest.skip("a database opened read-only by the driver stays read-only")
    engine = broken.engine
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(engine, _assessor(engine), settings=settings)
    qtbot.addWidget(main)
    main.show()
    editor = main.editor
    saved = _draft(engine)
    editor.open(saved.id)
    steps = editor.undo_stack.count()
    wanted = _grown(saved)
    editor.undo_stack.push(
        SetLinesCommand(
            editor, editor.state(), LinesState(tuple(wanted), (*saved.line_keys, None)), "grow"
        )
    )
    reason = "disk is full" if broken.code == "disk_full" else "read-only"
    assert reason in editor.message.text() and "Not saved" in editor.message.text()
    assert editor.retry_button.isVisible()
    assert editor.undo_stack.count() == steps  # the refused step is not an undo step
    assert editor.lines.rowCount() >= len(wanted)  # the edit is on screen (then paint rows)
    assert editor.state().lines == tuple(wanted)
    assert estimate_store.load_estimate(engine, saved.id).estimate.lines == saved.estimate.lines

    broken.heal()
    qtbot.mouseClick(editor.retry_button, Qt.MouseButton.LeftButton)
    assert estimate_store.load_estimate(engine, saved.id).estimate.lines == tuple(wanted)
    assert not editor.retry_button.isVisible() and "Not saved" not in editor.message.text()
    assert editor.undo_stack.count() == steps + 1
    editor.undo_stack.undo()
    assert estimate_store.load_estimate(engine, saved.id).estimate.lines == saved.estimate.lines
    assert verify_audit(engine).ok

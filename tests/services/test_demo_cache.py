"""The demo's pristine database in the cache: built once per key, copied fresh for each
launch, rebuilt when the key changes or the file is damaged, timestamps moved to now."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

import pytest

from estimator.services import demo, demo_cache
from estimator.services.demo_cache import DEMO_USERS, demo_key, fresh_demo_database

_RECORDED = "2026-01-01 08:00:00.000000"


def _small_build(path: Path) -> Path:
    """A stand-in for the real build: the schema's revision, a working table with a
    timestamp, and an append-only one (refusing updates, as the audit trail does)."""
    connection = sqlite3.connect(path)
    connection.executescript(
        f"""
        CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);
        INSERT INTO alembic_version VALUES ('{demo_cache.HEAD}');
        CREATE TABLE case_events (id INTEGER PRIMARY KEY, at DATETIME, note TEXT);
        INSERT INTO case_events (at, note) VALUES ('{_RECORDED}', 'survey');
        INSERT INTO case_events (at, note) VALUES (NULL, 'no time');
        CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, at DATETIME);
        INSERT INTO audit_log (at) VALUES ('{_RECORDED}');
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'append-only'); END;
        """
    )
    connection.commit()
    connection.close()
    return path


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each build of the pristine database (small stand-ins, recorded)."""
    made: list[Path] = []

    def build(path: Path, *, history: bool = False, replay: bool = True) -> Path:
        assert history  # what ``estimator --demo`` opens holds the three months of history
        made.append(path)
        return _small_build(path)

    monkeypatch.setattr(demo, "build_demo_database", build)
    return made


def _pristine_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("demo-pristine-*.sqlite3"))


def _age(cache: Path, by: dt.timedelta) -> Path:
    """Name the pristine database as if built ``by`` earlier than it was."""
    (pristine,) = _pristine_files(cache)
    _, _, key, built = pristine.stem.split("-")
    aged = pristine.with_name(
        f"demo-pristine-{key}-{int(built) - int(by.total_seconds() * 1e6):020d}.sqlite3"
    )
    return pristine.rename(aged)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_built_once_then_copied_for_each_launch(tmp_path: Path, builds: list[Path]) -> None:
    cache = tmp_path / "cache"
    first = fresh_demo_database(tmp_path / "one.sqlite3", cache_dir=cache)
    (pristine,) = _pristine_files(cache)
    second = fresh_demo_database(tmp_path / "two.sqlite3", cache_dir=cache)
    assert len(builds) == 1
    assert _pristine_files(cache) == [pristine]
    assert _rows(first, "SELECT note FROM case_events") == [("survey",), ("no time",)]
    assert _rows(second, "SELECT note FROM case_events") == [("survey",), ("no time",)]
    assert not list(cache.glob(".*"))  # no temporary file left behind


def test_edits_in_one_launch_do_not_reach_the_next(tmp_path: Path, builds: list[Path]) -> None:
    cache = tmp_path / "cache"
    target = tmp_path / "demo.sqlite3"
    fresh_demo_database(target, cache_dir=cache)
    connection = sqlite3.connect(target)
    connection.execute("DELETE FROM case_events")
    connection.execute("INSERT INTO case_events (note) VALUES ('typed by the user')")
    connection.commit()
    connection.close()
    (pristine,) = _pristine_files(cache)
    assert _rows(pristine, "SELECT note FROM case_events") == [("survey",), ("no time",)]
    fresh_demo_database(target, cache_dir=cache)
    assert _rows(target, "SELECT note FROM case_events") == [("survey",), ("no time",)]
    assert len(builds) == 1


def test_a_new_key_builds_a_new_pristine_database_and_drops_the_old(
    tmp_path: Path, builds: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    (old,) = _pristine_files(cache)
    monkeypatch.setattr(demo_cache, "DEMO_DATA_VERSION", demo_cache.DEMO_DATA_VERSION + 1)
    fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    (new,) = _pristine_files(cache)
    assert len(builds) == 2
    assert new != old and not old.exists()


def test_the_key_follows_the_day_the_schema_the_version_and_the_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = dt.date(2026, 11, 25)
    key = demo_key(today)
    assert demo_key(today) == key
    assert demo_key(today + dt.timedelta(days=1)) != key  # estimates are priced "today"
    with monkeypatch.context() as patch:
        patch.setattr(demo_cache, "HEAD", "9999")
        assert demo_key(today) != key
    with monkeypatch.context() as patch:
        patch.setattr(demo_cache, "DEMO_DATA_VERSION", demo_cache.DEMO_DATA_VERSION + 1)
        assert demo_key(today) != key
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "loader.py").write_text("CASES = 5\n")
    monkeypatch.setattr(demo_cache, "_source_folders", lambda: [sources])
    before = demo_key(today)
    (sources / "loader.py").write_text("CASES = 6\n")
    assert demo_key(today) != before


@pytest.mark.parametrize("damage", [b"not a database at all", b""])
def test_a_damaged_pristine_database_is_built_again(
    tmp_path: Path, builds: list[Path], damage: bytes
) -> None:
    cache = tmp_path / "cache"
    fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    (pristine,) = _pristine_files(cache)
    pristine.write_bytes(damage)
    target = fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    assert len(builds) == 2
    assert _rows(target, "SELECT note FROM case_events") == [("survey",), ("no time",)]
    assert len(_pristine_files(cache)) == 1


def test_a_pristine_database_at_another_revision_is_built_again(
    tmp_path: Path, builds: list[Path]
) -> None:
    cache = tmp_path / "cache"
    fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    (pristine,) = _pristine_files(cache)
    connection = sqlite3.connect(pristine)
    connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.commit()
    connection.close()
    fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    assert len(builds) == 2


def test_working_timestamps_move_to_now_and_the_audit_trail_keeps_its_own(
    tmp_path: Path, builds: list[Path]
) -> None:
    cache = tmp_path / "cache"
    fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    aged = _age(cache, dt.timedelta(hours=5))
    target = fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    (survey, no_time) = _rows(target, "SELECT at FROM case_events ORDER BY id")
    moved = dt.datetime.fromisoformat(str(survey[0])) - dt.datetime.fromisoformat(_RECORDED)
    assert abs(moved - dt.timedelta(hours=5)) < dt.timedelta(minutes=1)
    assert no_time == (None,)
    assert _rows(target, "SELECT at FROM audit_log") == [(_RECORDED,)]
    assert _rows(aged, "SELECT at FROM case_events WHERE at IS NOT NULL") == [(_RECORDED,)]


def test_two_launches_racing_on_an_empty_cache_both_get_a_sound_copy(
    tmp_path: Path, builds: list[Path]
) -> None:
    cache = tmp_path / "cache"
    made: dict[str, Path] = {}
    failures: list[BaseException] = []

    def launch(name: str) -> None:
        try:
            made[name] = fresh_demo_database(tmp_path / f"{name}.sqlite3", cache_dir=cache)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)

    threads = [threading.Thread(target=launch, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for path in made.values():
        assert _rows(path, "PRAGMA quick_check") == [("ok",)]
        assert _rows(path, "SELECT note FROM case_events") == [("survey",), ("no time",)]
    assert len(_pristine_files(cache)) == 1


def test_the_real_demo_database_from_the_cache_signs_in_without_new_hashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services import demo_history
    from estimator.services.case_list import list_cases
    from estimator.services.users import authenticate

    monkeypatch.setattr(demo_history, "CASE_COUNT", 6)  # the history's size: its own tests
    cache = tmp_path / "cache"
    first = fresh_demo_database(tmp_path / "first.sqlite3", cache_dir=cache)
    _age(cache, dt.timedelta(hours=5))  # the pristine database made five hours ago
    second = fresh_demo_database(tmp_path / "second.sqlite3", cache_dir=cache)
    hashes = "SELECT username, password_hash FROM users ORDER BY username"
    assert _rows(first, hashes) == _rows(second, hashes)  # copied, not hashed again
    engine = create_database_engine(sqlite_url(second))
    try:
        for name, _display, _roles, password in DEMO_USERS:
            assert authenticate(engine, name, password).username == name
            # today's five, the three settlement cases (demo_settled) and the history's
            assert len(list_cases(engine)) == 5 + 3 + 6
    finally:
        engine.dispose()
    # The newest survey of today's five cases was an hour before the demo was made, so an
    # hour before the copy; a copy of a pristine database made five hours earlier has its
    # times moved five hours.
    surveys = (
        "SELECT e.at FROM case_events e JOIN cases c ON c.id = e.case_id"
        " WHERE e.kind = 'survey' AND c.claim_no LIKE 'RDAA2026330100000%' ORDER BY e.at"
    )
    newest = dt.datetime.fromisoformat(str(_rows(first, surveys)[-1][0]))
    ago = dt.datetime.now(dt.UTC) - newest.replace(tzinfo=dt.UTC)
    assert dt.timedelta(minutes=59) < ago < dt.timedelta(minutes=62)
    every = "SELECT at FROM case_events ORDER BY id"
    for (before,), (after,) in zip(_rows(first, every), _rows(second, every), strict=True):
        moved = dt.datetime.fromisoformat(str(after)) - dt.datetime.fromisoformat(str(before))
        assert abs(moved - dt.timedelta(hours=5)) < dt.timedelta(minutes=1)


def test_estimator_demo_opens_a_fresh_copy_signed_in_as_the_assessor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builds: list[Path]
) -> None:
    """``estimator --demo``: the pristine database of the user's cache folder, copied to the
    demo path, and the window opened signed in (the window itself is left out here)."""
    import estimator.cli.main as cli

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    signed_in: list[str] = []

    def sign_in(_engine: object, name: str, _password: str) -> None:
        signed_in.append(name)

    monkeypatch.setattr("estimator.gui.app.authenticate_while_loading", sign_in)
    pending: list[object] = []

    def open_window(
        _engine: object, _user: object, _shot: object = None, behind: object = None
    ) -> int:
        pending.append(behind)
        return 0

    monkeypatch.setattr(cli, "open_window", open_window)
    target = tmp_path / "demo.sqlite3"
    # The first launch of the day: today's cases, the history handed to the window.
    assert cli.main(["--demo", "--demo-path", str(target)]) == 0
    assert builds == [target] and getattr(pending[0], "path", None) == target
    # Once the pristine file is there (the replay keeps it), a launch copies it.
    fresh_demo_database(tmp_path / "other.sqlite3")
    assert cli.main(["--demo", "--demo-path", str(target)]) == 0
    assert signed_in == ["wang", "wang"]
    assert len(builds) == 2 and pending[1] is None
    assert len(_pristine_files(tmp_path / "xdg-cache" / "Estimator")) == 1
    # --demo-user: the claims manager (or a history assessor); a name the demo lacks is said.
    assert cli.main(["--demo", "--demo-path", str(target), "--demo-user", "zhou"]) == 0
    assert cli.main(["--demo", "--demo-path", str(target), "--demo-user", "zhao"]) == 0
    assert signed_in[2:] == ["zhou", "zhao"]
    assert cli.main(["--demo", "--demo-path", str(target), "--demo-user", "nobody"]) == 2


def test_without_a_usable_cache_folder_the_demo_is_built_in_place(
    tmp_path: Path, builds: list[Path]
) -> None:
    cache = tmp_path / "not-a-folder"
    cache.write_text("a file where the cache folder would be")
    target = fresh_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    assert builds == [target]
    assert _rows(target, "SELECT note FROM case_events") == [("survey",), ("no time",)]


def test_the_demo_keeps_exactly_the_timestamps_the_binding_holds() -> None:
    from estimator.persistence.binding import bound_timestamps

    assert bound_timestamps() == demo_cache.BOUND_TIMESTAMPS

"""SQLite ``file:`` URLs are URIs (issue #25): no ``file:`` folder tree in the current folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.sqlite_file import database_file, sqlite_file_path
from estimator.services.workstation import claim_database


@pytest.mark.parametrize("scheme", ["sqlite", "sqlite+pysqlite"])
@pytest.mark.parametrize("uri_flag", ["&uri=true", ""])
def test_a_file_uri_opens_the_named_file_and_makes_no_file_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, scheme: str, uri_flag: str
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    target = tmp_path / "data" / "claims.sqlite3"
    target.parent.mkdir()
    engine = create_database_engine(f"{scheme}:///file:{target}?mode=rwc{uri_flag}")
    try:
        lock = claim_database(engine)
        assert lock is not None
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM users")).scalar() == 0
        assert database_file(engine) == target
        lock.release()
    finally:
        engine.dispose()
    assert target.is_file()
    assert list(cwd.iterdir()) == []


def test_a_read_only_uri_of_an_existing_database_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "claims.sqlite3"
    create_database_engine(sqlite_url(target)).dispose()
    engine = create_database_engine("sqlite:///file:claims.sqlite3?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM users")).scalar() == 0
    finally:
        engine.dispose()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("file")) == []


@pytest.mark.parametrize(
    ("database", "query", "expected"),
    [
        ("/srv/a.db", {}, Path("/srv/a.db")),
        ("file:/srv/a.db", {"mode": "ro"}, Path("/srv/a.db")),
        ("file:///srv/a%20b.db", {}, Path("/srv/a b.db")),
        ("file:rel.db", {}, Path("rel.db")),
        ("file:mem", {"mode": "memory"}, None),
        (":memory:", {}, None),
    ],
)
def test_the_file_of_an_sqlite_url(
    database: str, query: dict[str, str], expected: Path | None
) -> None:
    assert sqlite_file_path(database, query) == expected

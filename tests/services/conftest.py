"""A database with the small test catalog and labor standard imported."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, text

from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.services.catalog import import_catalog
from estimator.services.labor import import_labor_standard
from estimator.services.users import User, create_user
from tests.actors import MAINTAINER
from tests.conftest import database_copy, migrated_copy, write_workbook
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PARTS

if TYPE_CHECKING:
    from benchmarks.pg_server import PgServer


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every services test runs on SQLite and on PostgreSQL. A test that asks for
    ``priced_db`` gets a copy of a database the test catalog and labor standard were imported
    into once per session (importing them for each of ~900 tests took a good part of them)."""
    priced = "priced_db" in request.fixturenames
    if request.param == "sqlite":
        template = request.getfixturevalue("priced_sqlite" if priced else "sqlite_template")
        return migrated_copy(template, tmp_path / "test.sqlite3")
    if not priced:
        url: str = request.getfixturevalue("pg_url")
        return url
    return database_copy(request, request.getfixturevalue("priced_postgresql"), tmp_path)


@pytest.fixture(scope="session")
def priced_sqlite(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite database with the test catalog and labor standard, for copies."""
    folder = tmp_path_factory.mktemp("priced")
    engine = create_database_engine(migrated_copy(sqlite_template, folder / "priced.sqlite3"))
    try:
        import_test_data(engine, folder)
        with engine.connect() as connection:  # one self-contained file: the log folded in
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return folder / "priced.sqlite3"


@pytest.fixture(scope="session")
def priced_postgresql(
    pg_server: PgServer, pg_admin: Engine, pg_template: str, priced_sqlite: Path
) -> str:
    """The URL of a PostgreSQL database with the test catalog and labor standard (a template:
    nobody stays connected to it), imported from the very workbooks of ``priced_sqlite``."""
    with pg_admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE estimator_priced TEMPLATE {pg_template}"))
    url = pg_server.url("estimator_priced")
    engine = create_database_engine(url)
    try:
        folder = priced_sqlite.parent
        assert import_catalog(engine, folder / "c.xlsx", actor=MAINTAINER).ok
        assert import_labor_standard(engine, folder / "l.xlsx", actor=MAINTAINER).ok
    finally:
        engine.dispose()
    return url


def import_test_data(engine: Engine, folder: Path) -> Engine:
    """Import the small test catalog and labor standard into ``engine``."""
    assert import_catalog(
        engine,
        write_workbook(folder / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS}),
        actor=MAINTAINER,
    ).ok
    assert import_labor_standard(
        engine, write_workbook(folder / "l.xlsx", labor_rows.sheets()), actor=MAINTAINER
    ).ok
    return engine


def make_team(engine: Engine, **people: set[Role]) -> dict[str, User]:
    """Users by name with the given roles (password: "password-" + name)."""
    return {
        name: create_user(engine, name, "password-" + name, roles, actor="setup")
        for name, roles in people.items()
    }


@pytest.fixture
def priced_db(engine: Engine, priced_sqlite: Path, tmp_path: Path) -> Engine:
    """The test's database with the test catalog and labor standard (see ``db_url``); the
    two workbooks imported are in ``tmp_path`` (c.xlsx and l.xlsx), as if imported from there."""
    for name in ("c.xlsx", "l.xlsx"):
        shutil.copyfile(priced_sqlite.parent / name, tmp_path / name)
    return engine


@pytest.fixture
def second(priced_db: Engine) -> Iterator[Engine]:
    """The same database through a second, independent connection pool (another machine)."""
    other = create_database_engine(priced_db.url)
    yield other
    other.dispose()


def laptop_database(sqlite_template: Path, tmp_path: Path, name: str) -> Iterator[Engine]:
    """A laptop's fresh migrated SQLite database ``name`` (offline work, sync.md)."""
    engine = create_database_engine(migrated_copy(sqlite_template, tmp_path / f"{name}.sqlite3"))
    yield engine
    engine.dispose()


@pytest.fixture
def laptop(sqlite_template: Path, tmp_path: Path) -> Iterator[Engine]:
    """A fresh migrated SQLite database of the laptop."""
    yield from laptop_database(sqlite_template, tmp_path, "laptop")

"""reference_copy: a laptop's first copy of a 100,000-part catalog's reference data from the
server (services/sync_reference.py), and a second copy with nothing new (what every later
check-out costs when the catalog has not changed). The server is the synthetic catalog of
catalog_search (SQLite, cached), or the same catalog stored on a throwaway PostgreSQL server.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, create_engine

from benchmarks.catalog_search import build_catalog, store_synthetic
from benchmarks.harness import Result
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.sync_reference import COPIED_TABLES
from estimator.services.sync_reference import copy_reference
from estimator.services.users import create_user

PARTS = 100_000
USER = "bench"


def _floor(server: Engine, folder: Path) -> float:
    """The least a copy could cost: every row of the copied tables read through the server's
    own driver and written into untyped tables of a scratch SQLite file with ``executemany``
    (no types, no keys, no search entries, one transaction)."""
    sqlite3.register_adapter(Decimal, str)
    names = [t for t in COPIED_TABLES if t not in {"users", "signer_certificates"}]
    target = sqlite3.connect(folder / "floor.sqlite3")
    raw = server.raw_connection()
    try:
        start = time.perf_counter()
        reading = raw.cursor()
        for name in names:
            reading.execute(f"SELECT * FROM {name}")
            columns = [d[0] for d in reading.description or ()]
            target.execute(f"CREATE TABLE {name} ({', '.join(columns)})")
            marks = ", ".join("?" * len(columns))
            while batch := reading.fetchmany(5000):
                target.executemany(f"INSERT INTO {name} VALUES ({marks})", batch)
        target.commit()
        return time.perf_counter() - start
    finally:
        raw.close()
        target.close()


def _copies(server: Engine, folder: Path, engine_name: str, parts: int) -> list[Result]:
    create_user(server, USER, "bench-password-1", {Role.ASSESSOR}, actor="bench")
    floor = _floor(server, folder)
    laptop = create_database_engine(sqlite_url(folder / "laptop.sqlite3"))
    try:
        start = time.perf_counter()
        first = copy_reference(server, laptop, USER)
        first_seconds = time.perf_counter() - start
        start = time.perf_counter()
        again = copy_reference(server, laptop, USER)
        again_seconds = time.perf_counter() - start
    finally:
        laptop.dispose()
    assert not again.changed
    rows = f"{first.total:,} rows ({first.counts['parts']:,} parts)"
    return [
        Result(
            f"reference_copy_first_{engine_name}",
            round(first_seconds, 2),
            "s",
            round(floor, 2),
            round(first_seconds / floor, 2),
            detail=f"{parts:,}-part catalog, {rows}",
        ),
        Result(
            f"reference_copy_unchanged_{engine_name}",
            round(again_seconds, 3),
            "s",
            None,
            None,
            detail="nothing new: 0 rows written",
        ),
    ]


def run(parts: int = PARTS) -> list[Result]:
    """The two copies from an SQLite server (a copy of the cached synthetic catalog)."""
    source, _built = build_catalog(parts)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        shutil.copyfile(source, folder / "server.sqlite3")
        server = create_database_engine(sqlite_url(folder / "server.sqlite3"))
        try:
            return _copies(server, folder, "sqlite", parts)
        finally:
            server.dispose()


def run_postgresql(parts: int = PARTS) -> list[Result]:
    """The two copies from a throwaway PostgreSQL server holding the synthetic catalog."""
    from benchmarks.pg_server import PgServer

    pg = PgServer().start()
    try:
        admin = create_engine(pg.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql("CREATE DATABASE reference_copy")
        admin.dispose()
        server = create_database_engine(pg.url("reference_copy"))
        store_synthetic(server, parts)
        try:
            with tempfile.TemporaryDirectory() as name:
                return _copies(server, Path(name), "postgresql", parts)
        finally:
            server.dispose()
    finally:
        pg.remove()

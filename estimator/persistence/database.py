"""Opening the database: default location, SQLite settings, migrations on first use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

APP_NAME = "Estimator"
APP_AUTHOR = "Estimator"
DB_ENV = "ESTIMATOR_DB"
DEFAULT_FILE = "estimator.sqlite3"


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why."""


def default_data_dir() -> Path:
    """The user's data folder for the application (platform-specific)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_url() -> str:
    """ESTIMATOR_DB if set, else an SQLite file in the user's data folder."""
    chosen = os.environ.get(DB_ENV)
    if chosen:
        return chosen
    return sqlite_url(default_data_dir() / DEFAULT_FILE)


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of an SQLite file."""
    return f"sqlite+pysqlite:///{path}"


def _configure_sqlite(engine: Engine) -> None:
    # WAL for concurrent readers; synchronous=FULL so a power cut loses nothing acknowledged
    # (reliability.md); foreign keys are off by default in SQLite. The driver's own implicit
    # transactions are turned off and BEGIN is issued explicitly (SQLAlchemy's recipe), so
    # a transaction's reads are consistent and writers can take the lock up front.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


def create_database_engine(url: str | URL | None = None, *, migrate: bool = True) -> Engine:
    """An engine for ``url`` (default: the user's SQLite file), migrated to the latest schema."""
    parsed = make_url(url or default_url())
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        path = Path(parsed.database or "")
        from estimator.persistence.sqlite_file import refuse_network_path

        refuse_network_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(f"cannot create the data folder {path.parent}: {error}") from None
    try:
        engine = create_engine(parsed)
    except Exception as error:  # noqa: BLE001 - a bad URL or a missing driver, told plainly
        raise DatabaseError(
            f"cannot open {parsed.render_as_string(hide_password=True)}: {error}"
        ) from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    if migrate:
        from estimator.persistence.migrations import upgrade_to_head

        upgrade_to_head(engine)
    return engine

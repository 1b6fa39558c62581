"""Opening the database: default location, SQLite settings, migrations on first use.

SQLAlchemy is imported where an engine is made, not with this module: the ``estimator``
command reads DB_ENV and DatabaseError from here before its first window paints.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir

from estimator.persistence.errors import DatabaseError as DatabaseError
from estimator.persistence.errors import DatabaseUnavailable as DatabaseUnavailable

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL, ExceptionContext

APP_NAME = "Estimator"
APP_AUTHOR = "Estimator"
DB_ENV = "ESTIMATOR_DB"
DEFAULT_FILE = "estimator.sqlite3"


# PostgreSQL SQLSTATEs that mean the server went away or will not serve now: class 08
# (connection exception) and the operator's shutdowns and "starting up". Others in the
# driver's OperationalError family (disk full 53100, lock not available 55P03, a cancelled
# statement 57014) are answers from a working server and keep their own meaning.
_GONE_SQLSTATES = frozenset({"57P01", "57P02", "57P03"})


def _server_gone(
    dbapi: Any, error: BaseException | None, *, dialect_says: bool, connected: bool
) -> bool:
    """Whether the driver's ``error`` means the server is out of reach: the dialect found a
    disconnect, the SQLSTATE says so, or an operational error came without one (the driver's
    own "connection refused", "server closed the connection"); before a connection exists,
    any operational error (the server refused or never answered)."""
    if dialect_says:
        return True
    if not isinstance(error, dbapi.OperationalError):
        return False
    sqlstate = str(getattr(error, "sqlstate", "") or "")
    return not sqlstate or not connected or sqlstate[:2] == "08" or sqlstate in _GONE_SQLSTATES


def is_disconnect(engine: Engine, error: BaseException) -> bool:
    """Whether ``error`` means the server is out of reach (server engines only: SQLite's
    operational errors are about the file, and are reported as they are)."""
    from sqlalchemy.exc import DBAPIError

    if isinstance(error, DatabaseUnavailable):
        return True
    if engine.dialect.name == "sqlite" or not isinstance(error, DBAPIError):
        return False
    return _server_gone(
        engine.dialect.loaded_dbapi,
        error.orig,
        dialect_says=error.connection_invalidated,
        connected=True,
    )


def unavailable(engine: Engine, error: BaseException) -> DatabaseUnavailable:
    """The plain error for a lost or refused connection to ``engine``'s server."""
    if isinstance(error, DatabaseUnavailable):
        return error
    where = engine.url.render_as_string(hide_password=True)
    cause = getattr(error, "orig", None) or error
    first_line = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
    return DatabaseUnavailable(f"the database server cannot be reached ({where}): {first_line}")


def _report_unavailability(engine: Engine) -> None:
    """Every lost or refused connection to ``engine``'s server leaves as
    :class:`DatabaseUnavailable`, whoever asked (a unit of work, a plain read, a migration):
    one place, SQLAlchemy's ``handle_error``, which sees every driver error including those
    raised while connecting. The connection is marked dead, so the pool discards it (and the
    connections taken before it) and the next use after the server is back reconnects.
    The pool's own pre-ping is left alone: a failed ping is how the pool learns to
    reconnect, not an error for anyone."""
    from sqlalchemy import event

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> None:
        error = context.original_exception
        dbapi = engine.dialect.loaded_dbapi
        if context.is_pre_ping or not isinstance(error, dbapi.Error):
            return
        if _server_gone(
            dbapi,
            error,
            dialect_says=context.is_disconnect,
            connected=context.connection is not None,
        ):
            if context.connection is not None:
                context.is_disconnect = True
            raise unavailable(engine, error)


def default_data_dir() -> Path:
    """The user's data folder for the application (platform-specific)."""
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


def _as_url(url: str | URL | None) -> str | URL:
    """``url``, or the default; a plain file path (no "://", as users type it after --db)
    names an SQLite file."""
    if isinstance(url, str) and url.strip() and "://" not in url:
        return sqlite_url(Path(url).expanduser().absolute())
    return url or default_url()


def _configure_sqlite(engine: Engine) -> None:
    from sqlalchemy import event

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


#: Seconds PostgreSQL's driver waits for the server before giving up (libpq waits forever:
#: a workstation or laptop asking an unreachable server would hang).
CONNECT_TIMEOUT_S = 10


def with_connect_timeout(url: str) -> str:
    """``url`` with a connect timeout for PostgreSQL unless it names one already."""
    if not url.startswith("postgresql") or "connect_timeout=" in url:
        return url
    return f"{url}{'&' if '?' in url else '?'}connect_timeout={CONNECT_TIMEOUT_S}"


def shown_url(url: str) -> str:
    """A database URL as shown to people: its password left out."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not a URL: shown as typed, it holds no parsed password
        return url


def create_database_engine(url: str | URL | None = None, *, migrate: bool = True) -> Engine:
    """An engine for ``url`` (default: the user's SQLite file), migrated to the latest schema."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(_as_url(url))
    except Exception as error:  # noqa: BLE001 - a malformed URL, told plainly
        raise DatabaseError(f"not a database URL: {url!r} ({error})") from None
    if parsed.get_backend_name() == "sqlite" and (parsed.database or "").startswith("file:"):
        # "file:…" is an SQLite URI (file:x.db?mode=ro): without uri=true the driver would
        # take it for a relative file name and we would make a "file:" folder tree here.
        parsed = parsed.update_query_dict({"uri": "true"})
    if parsed.get_backend_name() == "sqlite":
        _prepare_sqlite_file(parsed)
    if parsed.get_backend_name() == "postgresql":
        parsed = make_url(with_connect_timeout(parsed.render_as_string(hide_password=False)))
    # A server's connections can die under the pool (restart, network): check each one as
    # it is taken, so the first use after the server is back reconnects instead of failing.
    options: dict[str, Any] = (
        {} if parsed.get_backend_name() == "sqlite" else {"pool_pre_ping": True}
    )
    try:
        engine = create_engine(parsed, **options)
    except Exception as error:  # noqa: BLE001 - a bad URL or a missing driver, told plainly
        raise DatabaseError(
            f"cannot open {parsed.render_as_string(hide_password=True)}: {error}"
        ) from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    else:
        _report_unavailability(engine)
    if migrate:
        migrate_database(engine)
    return engine


_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def _prepare_sqlite_file(parsed: URL) -> None:
    """Refuse a network share; make the folder of a plain path (a URI names its folder as is:
    SQLite creates no folders, and neither do we for it)."""
    from estimator.persistence.sqlite_file import refuse_network_path, sqlite_file_path

    path = sqlite_file_path(parsed.database, dict(parsed.query))
    if path is None:
        return
    refuse_network_path(path)
    if parsed.query.get("uri") == "true":
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(f"cannot create the data folder {path.parent}: {error}") from None


def migrate_database(engine: Engine) -> None:
    """Bring ``engine``'s database to the newest schema; a lost server is DatabaseUnavailable, a
    role without the right to change the schema is told to run ``estimator db upgrade``."""
    from sqlalchemy.exc import DBAPIError

    from estimator.persistence.migrations import upgrade_to_head

    try:
        upgrade_to_head(engine)
    except DBAPIError as error:
        if is_disconnect(engine, error):
            raise unavailable(engine, error) from None
        if engine.dialect.name == "sqlite":
            code = getattr(error.orig, "sqlite_errorcode", 0) & 0xFF
            if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
                raise DatabaseError(
                    f"{engine.url.database} is not a database, or is damaged ({error.orig}): "
                    "restore it from a backup (estimator db backup makes them)"
                ) from None
            raise
        raise DatabaseError(
            f"cannot bring {engine.url.render_as_string(hide_password=True)} to the newest "
            f"schema: {error.orig} (run 'estimator db upgrade' as the database's owner)"
        ) from None

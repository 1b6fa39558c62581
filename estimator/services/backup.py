"""Backing up an SQLite database and checking a backup (reliability.md, promise 12).

A backup is ``VACUUM INTO`` a new file: a consistent snapshot taken while the workstation and
the command line keep working. It is then opened read-only and checked like any database to
be restored: ``PRAGMA integrity_check``, the audit chain, and the schema revision. Restoring
is pointing ``--db`` at a checked backup (or copying it into place while no workstation has
the database open). A PostgreSQL database is backed up with ``pg_dump``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, inspect, text

from estimator.domain.errors import DomainError
from estimator.persistence import audit
from estimator.persistence.audit import AuditCheck
from estimator.persistence.migrations import HEAD
from estimator.persistence.sqlite_file import database_file
from estimator.services.binding import BindingCheck, check_in


@dataclass(frozen=True)
class DatabaseCheck:
    """What checking a database file found."""

    path: Path
    integrity: str
    audit: AuditCheck
    revision: str | None
    #: The frozen versions re-hashed against the trail (promise 13); None when the file's
    #: schema is too old to be read for it.
    content: BindingCheck | None = None

    @property
    def current(self) -> bool:
        """Whether the schema is at this version's newest revision."""
        return self.revision == HEAD

    @property
    def ok(self) -> bool:
        """Intact pages, an intact audit chain, unaltered frozen versions, and a schema this
        version knows."""
        return (
            self.integrity == "ok"
            and self.audit.ok
            and (self.content is None or self.content.ok)
            and self.revision is not None
        )


def _sqlite_only() -> DomainError:
    return DomainError("sqlite_only")


def refuse_server_database(url: str | None) -> None:
    """Raise the pg_dump advice for a server database's URL, before connecting to it."""
    from sqlalchemy.engine import make_url

    from estimator.persistence.database import default_url

    try:
        backend = make_url(url or default_url()).get_backend_name()
    except Exception:  # noqa: BLE001 - a malformed URL is reported when the database opens
        return
    if backend != "sqlite":
        raise _sqlite_only()


def verify_database(path: Path) -> DatabaseCheck:
    """Open an SQLite file read-only and check its pages, audit chain and revision."""
    if not path.is_file():
        raise DomainError("no_file:backup", path=path)
    # Read-only, so that checking a backup never changes it (nor creates a missing file).
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    engine = create_engine("sqlite+pysqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    try:
        with engine.connect() as connection:
            integrity = "; ".join(
                str(r[0]) for r in connection.exec_driver_sql("PRAGMA integrity_check")
            )
            tables = set(inspect(connection).get_table_names())
            if "audit_log" not in tables or "alembic_version" not in tables:
                raise DomainError("not_a_database", path=path)
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            chain = audit.verify(connection)
            content = _content_check(connection, revision)
    except DomainError:
        raise
    except Exception as error:  # noqa: BLE001 - not SQLite at all, or unreadable: say so
        raise DomainError("unreadable_database", path=path, error=error) from None
    finally:
        engine.dispose()
    return DatabaseCheck(path, integrity, chain, revision, content)


def _content_check(connection: Connection, revision: str | None) -> BindingCheck | None:
    """The frozen versions re-hashed, when the file's schema has every column they hash."""
    if revision != HEAD:
        return None
    return check_in(connection)


def backup_database(engine: Engine, target: Path) -> DatabaseCheck:
    """Write a snapshot of the database to a new file ``target`` and check it.

    An existing file is never overwritten. A backup that fails its check is kept (a copy of
    a damaged or tampered database is evidence too); the check says what is wrong.
    """
    if database_file(engine) is None:
        raise _sqlite_only()
    if target.exists():
        raise DomainError("target_exists", target=target)
    raw = engine.raw_connection()
    try:
        # Outside any transaction (the driver's own are turned off): VACUUM needs that.
        cursor = raw.cursor()
        cursor.execute("VACUUM INTO ?", (str(target),))
        cursor.close()
    except Exception as error:  # noqa: BLE001 - disk full, no permission …: said plainly
        with contextlib.suppress(OSError):
            target.unlink()
        raise DomainError("backup_failed", error=error) from None
    finally:
        raw.close()
    return verify_database(target)

"""Opening a database for the workstation: one workstation per SQLite file (reliability.md).

Command-line commands do not take this lock: SQLite's own locking with ``BEGIN IMMEDIATE``
and the busy timeout queue their writes behind the workstation's, and optimistic version
columns refuse an edit of a version that changed meanwhile.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from estimator.domain.errors import DomainError
from estimator.persistence.database import (
    DatabaseError,
    create_database_engine,
    migrate_database,
)
from estimator.persistence.sqlite_file import DatabaseInUse, database_file
from estimator.persistence.sqlite_file import InstanceLock as InstanceLock  # returned to callers
from kernel.problems import Worded


class DatabaseBusy(DomainError):
    """The workstation cannot hold the database: another one does, or no lock can be made."""


class DatabaseRefused(DomainError):
    """The database cannot be opened: on a network share, a bad URL, a server out of reach."""


def open_database(url: str | None) -> tuple[Engine, InstanceLock | None]:
    """The workstation's database (``url``, else the default): refused on a network share
    before anything is written, claimed for this workstation (claim_database), then brought
    to the newest schema, so a newer workstation never upgrades a file another one holds.
    Raises DatabaseRefused or DatabaseBusy, saying why."""
    try:
        engine = create_database_engine(url, migrate=False)
    except DatabaseError as refused:
        raise _refused(refused) from None
    try:
        lock = claim_database(engine)
    except DatabaseBusy:
        engine.dispose()
        raise
    try:
        migrate_database(engine)
    except BaseException as error:
        if lock is not None:
            lock.release()
        engine.dispose()
        if isinstance(error, DatabaseError):
            raise _refused(error) from None
        if isinstance(error, SQLAlchemyError):  # not a database file, a damaged one …
            first = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            where = engine.url.render_as_string(hide_password=True)
            raise DatabaseRefused("cannot_open", where=where, detail=first) from None
        raise
    return engine, lock


def _refused(refused: DatabaseError) -> DatabaseRefused:
    return DatabaseRefused("cannot_open:refused", reason=_worded(refused))


def _worded(refused: DatabaseError) -> Worded:
    """A refusal's words: both languages when it has them, else its (English) text."""
    return Worded(
        getattr(refused, "message_zh", str(refused)), getattr(refused, "message_en", str(refused))
    )


def claim_database(engine: Engine) -> InstanceLock | None:
    """Take the workstation's lock on an SQLite database file (None for a server database),
    or raise DatabaseBusy naming the process, user, machine and time that hold it."""
    path = database_file(engine)
    if path is None:
        return None
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except DatabaseInUse as busy:
        raise DatabaseBusy("database_in_use:busy", reason=_worded(busy)) from None
    except DatabaseError as refused:
        raise DatabaseBusy("no_lock", reason=_worded(refused)) from None
    return lock

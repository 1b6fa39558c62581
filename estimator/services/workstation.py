"""Opening a database for the workstation: one workstation per SQLite file (reliability.md).

Command-line commands do not take this lock: SQLite's own locking with ``BEGIN IMMEDIATE``
and the busy timeout queue their writes behind the workstation's, and optimistic version
columns refuse an edit of a version that changed meanwhile.
"""

from __future__ import annotations

from sqlalchemy import Engine

from estimator.domain.workflow import DomainError
from estimator.persistence.database import DatabaseError
from estimator.persistence.sqlite_file import DatabaseInUse, InstanceLock, database_file


class DatabaseBusy(DomainError):
    """The workstation cannot hold the database: another one does, or no lock can be made."""


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
        raise DatabaseBusy("database_in_use", busy.message_zh, busy.message_en) from None
    except DatabaseError as refused:
        raise DatabaseBusy(
            "no_lock", getattr(refused, "message_zh", str(refused)), str(refused)
        ) from None
    return lock

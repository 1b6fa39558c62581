"""The database as the entry points name and open it: the variable naming it, the errors of
opening or losing it, opening (and migrating) it, its schema revision.

Light on purpose: importing it loads nothing of SQLAlchemy (the ``estimator`` command reads
DB_ENV for its help before the sign-in dialog paints).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from estimator.persistence.database import DB_ENV as DB_ENV
from estimator.persistence.database import create_database_engine
from estimator.persistence.database import shown_url as shown_url
from estimator.persistence.database import sqlite_url as sqlite_url
from estimator.persistence.errors import DatabaseError as DatabaseError

if TYPE_CHECKING:
    from typing import TypeAlias

    from sqlalchemy import Engine

    #: The opened database the services take: the entry points hold it and pass it on, and
    #: name it so, never importing SQLAlchemy (an import-linter contract keeps them apart).
    Database: TypeAlias = Engine


def open_engine(url: str | None = None) -> Engine:
    """The database at ``url`` (default: ESTIMATOR_DB, else the user's SQLite file), migrated
    to the newest schema; a DatabaseError says why it cannot be."""
    return create_database_engine(url)


def schema_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None before the first migration)."""
    from estimator.persistence.migrations import current_revision

    return current_revision(engine)

"""Why the database cannot serve: the errors of opening it and of losing it.

A module of its own so that opening the database (``database``) and guarding its file
(``sqlite_file``) both raise them without importing each other.
"""

from __future__ import annotations


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why."""


class DatabaseUnavailable(DatabaseError):
    """The database server cannot be reached (refused, or the connection was lost).

    Nothing of the interrupted transaction was kept; the caller still holds what it was
    saving and may try again (the pool reconnects once the server is back)."""

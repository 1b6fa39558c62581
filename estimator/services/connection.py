"""The database connection as the user sees it: whether the server can be reached."""

from __future__ import annotations

from sqlalchemy import Engine, text

from estimator.persistence.database import DatabaseUnavailable, is_disconnect

__all__ = ["DatabaseUnavailable", "server_reachable"]


def server_reachable(engine: Engine) -> bool:
    """Whether the database answers now (a round trip; SQLite always does)."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to answer is checked below
        if is_disconnect(engine, error):
            return False
        raise
    return True

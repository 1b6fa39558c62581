"""Transaction-scoped locks that make writers of one kind take turns."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def advisory_lock(session: Session, key: int) -> None:
    """Take PostgreSQL's transaction advisory lock ``key`` (held until commit or rollback):
    writers of one kind take turns. Nothing on SQLite, whose writers are already one at a
    time from BEGIN IMMEDIATE."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

"""The demo's three months of history, replayed behind the open window on a first launch.

A first ``--demo`` launch of the day has no pristine demo database to copy (demo_cache), and
replaying the history through the services takes about 20 s on a 2-core machine. So the
launch builds today's cases only (a few seconds), opens the window on them, and hands the
replay to a ``PendingHistory``, which the workstation runs in a thread of its own: each
history case goes in in its own transactions (SQLite's WAL lets the window read, and
writers queue on the busy timeout), with its progress shown in the status bar.

When the replay is complete, the database is copied into the cache as the pristine file
that later launches copy (in a second or so), unless the person at the window changed
something meanwhile: the copy would carry that change into every later demo. Whatever the
person does goes to the demo database itself, which nothing replaces, so nothing is lost;
their change is told from the replay's by its audit entry (every change has one): the
replay stamps its entries with the history's moments, all before the replay began, and a
person's entries carry the time they were made.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.rows import AuditRow
from estimator.services.demo_history import load_history
from estimator.services.users import list_users

__all__ = ["HistoryOutcome", "PendingHistory", "changed_beside_the_replay"]


@dataclass(frozen=True)
class HistoryOutcome:
    """What a replay came to: the cases replayed, whether it ran to the end, and whether its
    database became the pristine one later launches copy."""

    cases: int
    complete: bool
    cached: bool


@dataclass(frozen=True)
class PendingHistory:
    """The history still to be replayed into the demo database at ``path``, which was built
    up to audit entry ``before`` by ``now`` (the history ends then); ``cache`` and ``key``
    say where its pristine copy goes once it is complete (demo_cache)."""

    path: Path
    cache: Path
    key: str
    before: int
    now: dt.datetime

    def run(
        self,
        progress: Callable[[int, int], None] | None = None,
        stopped: Callable[[], bool] | None = None,
    ) -> HistoryOutcome:
        """Replay the history through the services, on an engine of its own (call it from
        any thread); ``progress`` and ``stopped`` as in demo_history.load_history. Then keep
        the pristine copy."""
        engine = create_database_engine(sqlite_url(self.path))
        try:
            users = {user.username: user for user in list_users(engine)}
            cases = load_history(engine, users, self.now, progress=progress, stopped=stopped)
            complete = not (stopped is not None and stopped())
        finally:
            engine.dispose()
        cached = complete and self._keep_pristine()
        return HistoryOutcome(cases, complete, cached)

    def _keep_pristine(self) -> bool:
        """Copy the demo database into the cache as the pristine one (named by ``now``, when
        its clocks stood) unless someone changed it beside the replay."""
        temporary = self.cache / f".demo-pristine-{uuid.uuid4().hex}.building"
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            source = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            copy = sqlite3.connect(temporary, isolation_level=None)
            try:
                source.backup(copy)  # one consistent snapshot, whatever is written meanwhile
                if changed_beside_the_replay(copy, self.before, self.now):
                    return False
                copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                source.close()
                copy.close()
            micros = int(self.now.timestamp() * 1e6)
            final = self.cache / f"demo-pristine-{self.key}-{micros:020d}.sqlite3"
            os.replace(temporary, final)
        except (OSError, sqlite3.Error):
            return False  # no cache this time: the next launch replays again
        finally:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(OSError):  # no such folder: nothing to remove
                    Path(f"{temporary}{suffix}").unlink(missing_ok=True)
        for old in self.cache.glob("demo-pristine-*.sqlite3"):
            if old != final:
                with contextlib.suppress(OSError):  # in use (Windows): removed next time
                    old.unlink()
        return True


def changed_beside_the_replay(
    connection: sqlite3.Connection, before: int, now: dt.datetime
) -> bool:
    """Whether an audit entry after ``before`` was made after ``now``: a change by someone
    at the window, not by the replay (whose entries all lie at or before ``now``)."""
    rows = connection.execute(f"SELECT at FROM {AuditRow.__tablename__} WHERE seq > ?", (before,))
    return any(_aware(at) > now for (at,) in rows)


def _aware(stored: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(stored)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)

"""A fresh demo database in a fraction of the time it takes to build one.

Building the demo database (migrations, the sample catalog, labor standard and partner
shops, Argon2id hashes of the demo users, the cases, three months of history replayed
through the services) takes up to a minute. The first ``--demo``
launch builds a *pristine* copy in the user's cache folder; every launch gets its own copy
of it, so a demo always starts fresh: the user's edits go to the copy, never to the
pristine file.

The pristine file is keyed by everything that shapes it: the schema's HEAD, the sources of
the code that loads the data and the sample files (a hash), DEMO_DATA_VERSION, and the day
(estimates are priced "today"; certificates are numbered by year). A different key builds
a new one. Its build time is in its name: the copy's working timestamps (survey, teardown,
created, signed) are moved forward by the time since then, so the deadline clocks read as
on a freshly built demo. Append-only tables (the audit trail, chained by hash, and the
flood versions, both refusing UPDATE by trigger) keep the times they were recorded at.

Safe when two launches race (each builds into its own temporary file, renamed into place
atomically; the newest complete one is used) and when the cache is damaged (a file that
fails SQLite's check is deleted and built again). SQLAlchemy's core comes in with the schema
revision; its ORM, the demo builder and Argon2id only when a build is needed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.util
import os
import sqlite3
import uuid
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_cache_dir

from estimator.persistence.database import APP_AUTHOR, APP_NAME, default_data_dir
from estimator.persistence.migrations import HEAD as HEAD  # the key's schema revision
from estimator.services.demo_users import DEMO_FILE as DEMO_FILE
from estimator.services.demo_users import DEMO_USERS as DEMO_USERS

if TYPE_CHECKING:
    from estimator.services.demo_pending import PendingHistory

#: Raised by hand when the demo data changes in a way the hashed sources do not show.
DEMO_DATA_VERSION = 4
#: The packages whose sources shape the demo database (hashed into the key), besides the
#: sample data.
_SOURCES = (
    "estimator.domain",
    "estimator.persistence",
    "estimator.services",
    "kernel",
    "parts_catalog",
    "labor_standards",
)
_PRISTINE = "demo-pristine"


def demo_cache_dir() -> Path:
    """Where the pristine demo database is kept (the user's cache folder)."""
    return Path(user_cache_dir(APP_NAME, APP_AUTHOR))


def demo_key(today: dt.date | None = None) -> str:
    """What the pristine demo database is built from, as a short hash."""
    digest = hashlib.sha256(
        f"{DEMO_DATA_VERSION}|{HEAD}|{(today or dt.date.today()).isoformat()}".encode()
    )
    for folder in _source_folders():
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".json", ".xlsx", ".csv") and path.is_file():
                digest.update(path.relative_to(folder.parent).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def _source_folders() -> list[Path]:
    folders: list[Path] = []
    for package in _SOURCES:
        spec = importlib.util.find_spec(package)  # the package's folder, not executed
        locations = spec.submodule_search_locations if spec is not None else None
        folders.extend(Path(location) for location in locations or ())
    sample = resources.files("estimator.resources").joinpath("sample_data")
    return [*folders, Path(str(sample))]


def fresh_demo_database(path: Path | None = None, *, cache_dir: Path | None = None) -> Path:
    """A fresh demo database at ``path`` (default: the user's data folder), copied from the
    pristine one (built first if it is missing, out of date or damaged); whatever was at
    ``path`` before is replaced. Without a usable cache folder (not writable, or what is
    built there cannot be read back) the demo database is built in place, as before."""
    target = path or default_data_dir() / DEMO_FILE
    folder = cache_dir or demo_cache_dir()
    key = demo_key()
    for _attempt in range(2):
        try:
            pristine = _pristine(folder, key) or _build_pristine(folder, key)
        except OSError:
            break
        try:
            _copy(pristine, target)
        except (sqlite3.DatabaseError, ValueError):  # damaged or misnamed: build it again
            pristine.unlink(missing_ok=True)
            continue
        return target
    from estimator.services.demo import build_demo_database

    return build_demo_database(target, history=True)


@dataclass(frozen=True)
class DemoLaunch:
    """A demo database ready to open, and the history still to be replayed into it behind
    the window (None when it was copied whole from the pristine one)."""

    path: Path
    pending: PendingHistory | None = None


def launch_demo_database(path: Path | None = None, *, cache_dir: Path | None = None) -> DemoLaunch:
    """A fresh demo database at ``path`` (default: the user's data folder), as
    ``fresh_demo_database`` makes it, but quick on a first launch: without a pristine file to
    copy, only today's cases and the people are built (a few seconds), and the three months
    of history come back as ``pending``, for the workstation to replay behind its window
    (services/demo_pending.py, which keeps the pristine file once it is complete)."""
    target = path or default_data_dir() / DEMO_FILE
    folder = cache_dir or demo_cache_dir()
    key = demo_key()
    pristine = _pristine(folder, key)
    if pristine is not None:
        try:
            _copy(pristine, target)
        except (sqlite3.DatabaseError, ValueError):  # damaged or misnamed: built again
            pristine.unlink(missing_ok=True)
        else:
            return DemoLaunch(target)
    from estimator.services.demo import build_demo_database
    from estimator.services.demo_pending import PendingHistory

    build_demo_database(target, history=True, replay=False)
    now = dt.datetime.now(dt.UTC)  # the history ends here: after every entry of the build
    connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        (before,) = connection.execute("SELECT MAX(seq) FROM audit_log").fetchone()
    finally:
        connection.close()
    return DemoLaunch(target, PendingHistory(target, folder, key, before or 0, now))


def _pristine(folder: Path, key: str) -> Path | None:
    """The newest complete pristine file for ``key`` (None if there is none)."""
    found = sorted(folder.glob(f"{_PRISTINE}-{key}-*.sqlite3"))
    return found[-1] if found else None


def _built_at(pristine: Path) -> dt.datetime:
    micros = int(pristine.stem.rsplit("-", 1)[1])
    return dt.datetime.fromtimestamp(micros / 1e6, dt.UTC)


def _build_pristine(folder: Path, key: str) -> Path:
    """Build the demo database into a temporary file of ``folder``, then rename it into
    place under its key and build time (an atomic rename: a racing launch sees either no
    file or a complete one); older pristine files are removed."""
    from estimator.services.demo import build_demo_database

    folder.mkdir(parents=True, exist_ok=True)
    started = dt.datetime.now(dt.UTC)
    micros = int(started.timestamp() * 1e6)
    temporary = folder / f".{_PRISTINE}-{uuid.uuid4().hex}.building"
    try:
        build_demo_database(temporary, history=True)
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:  # one self-contained file: the log folded in, no -wal beside it
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.execute("PRAGMA journal_mode = DELETE")
        finally:
            connection.close()
        final = folder / f"{_PRISTINE}-{key}-{micros:020d}.sqlite3"
        os.replace(temporary, final)
    finally:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
    for old in folder.glob(f"{_PRISTINE}-*.sqlite3"):
        if old != final:  # out of date, or a racing launch's twin of this one
            with contextlib.suppress(OSError):  # in use (Windows): removed next time
                old.unlink()
    return final


def _copy(pristine: Path, target: Path) -> None:
    """Copy ``pristine`` to ``target`` (checked, its working timestamps moved to now) through
    a temporary file renamed into place; raises sqlite3.DatabaseError if it is damaged."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.copying")
    try:
        source = sqlite3.connect(f"file:{pristine}?mode=ro", uri=True)
        copy = sqlite3.connect(temporary, isolation_level=None)
        copy.execute("PRAGMA synchronous = OFF")  # a temporary file: made again if lost
        try:
            if source.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise sqlite3.DatabaseError(f"{pristine} is damaged")
            source.backup(copy)
            (revision,) = copy.execute("SELECT version_num FROM alembic_version").fetchone()
            if revision != HEAD:
                raise sqlite3.DatabaseError(f"{pristine} is at {revision}, not {HEAD}")
            _move_timestamps(copy, dt.datetime.now(dt.UTC) - _built_at(pristine))
            copy.execute("PRAGMA journal_mode = WAL")
        finally:
            source.close()
            copy.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, target)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


#: The timestamps a version's content binding holds (persistence.binding.bound_timestamps,
#: named here so that copying the demo loads no ORM; a test keeps the two equal).
BOUND_TIMESTAMPS = frozenset(
    {("estimates", "customer_signed_at"), ("guarantee_certificates", "issued_at")}
)

#: How SQLAlchemy keeps a DateTime in SQLite.
_STORED = "%Y-%m-%d %H:%M:%S.%f"


def _move_timestamps(connection: sqlite3.Connection, by: dt.timedelta) -> None:
    """Move every timestamp (DATETIME column) forward ``by``, except in the tables whose
    triggers refuse updates (append-only: the audit trail, the flood versions) and those a
    version's content binding holds (the customer's signature time, a certificate's issue):
    the trail keeps them as they were, as it keeps its own times."""

    def moved(stored: str | None) -> str | None:
        if stored is None:
            return None
        return (dt.datetime.fromisoformat(stored) + by).strftime(_STORED)

    connection.create_function("demo_moved", 1, moved, deterministic=True)
    kept = BOUND_TIMESTAMPS
    append_only = {
        table
        for (table,) in connection.execute(
            "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%no_update'"
        )
    }
    tables = [
        name
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        if name not in append_only
    ]
    connection.execute("BEGIN")
    for table in tables:
        columns = [
            name
            for _cid, name, kind, *_rest in connection.execute(
                f'SELECT * FROM pragma_table_info("{table}")'
            )
            if str(kind).upper() == "DATETIME" and (table, name) not in kept
        ]
        if columns:
            assignments = ", ".join(f'"{c}" = demo_moved("{c}")' for c in columns)
            connection.execute(f'UPDATE "{table}" SET {assignments}')
    connection.execute("COMMIT")

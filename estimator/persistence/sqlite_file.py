"""Where an SQLite database file may live, and who may hold it (reliability.md, promise 3).

SQLite in WAL mode needs a local disk: its shared-memory index does not work across
machines, so a database on a network share is refused (team mode uses PostgreSQL).
One workstation per database file: the workstation holds an operating-system lock on
``<database>.lock`` while it runs. The system drops the lock when the process ends, however
it ends (a SIGKILL or a power cut included), so a stale lock never blocks the next start;
the file only tells who holds the lock now.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from estimator.persistence.errors import DatabaseError
from kernel.problems import Problem, render

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlalchemy import Engine

#: File system types of network shares (Linux /proc/mounts names).
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "sshfs",
        "fuse.sshfs",
        "fuse.glusterfs",
        "fuse.cephfs",
        "fuse.davfs2",
        "fuse.rclone",
        "fuse.s3fs",
        "fuse.gcsfuse",
        "fuse.smbnetfs",
    }
)

MOUNTS = Path("/proc/mounts")


class _Refused(DatabaseError):
    """A refusal that says why in Chinese and in English, worded by its message code."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code, self.params = code, params
        self.message_zh, self.message_en = render(code, params, "zh"), render(code, params, "en")
        super().__init__(self.message_en)


class NetworkDatabaseRefused(_Refused):
    """An SQLite database on a network share; the message suggests team mode."""

    def __init__(self, path: Path, filesystem: str) -> None:
        super().__init__("network_database", path=path, filesystem=filesystem)
        self.path, self.filesystem = path, filesystem


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _is_under(path: str, mount_point: str) -> bool:
    return mount_point == "/" or path == mount_point or path.startswith(mount_point + "/")


def network_filesystem(path: Path, mounts: str | None = None) -> str | None:
    """The kind of network share holding ``path`` (``nfs4``, ``cifs``, ``unc`` …), or None.

    ``mounts`` is the text of /proc/mounts (read when not given); on Windows a UNC path or a
    mapped network drive counts. Other systems are not checked.
    """
    text = str(path)
    if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")):
        return "unc"
    if sys.platform == "win32":
        return _windows_network_drive(path)
    if mounts is None:
        try:
            mounts = MOUNTS.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    real = os.path.realpath(path)
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = _unescape_mount(fields[1]).rstrip("/") or "/"
        if _is_under(real, mount_point) and len(mount_point) >= len(best):
            best, kind = mount_point, fields[2]
    if kind in NETWORK_FILESYSTEMS or kind.startswith(("nfs", "smb", "cifs")):
        return kind
    return None


def _windows_network_drive(path: Path) -> str | None:
    if sys.platform != "win32":  # for mypy: the branch below exists on Windows only
        return None
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(path))[0]
    if drive.startswith("\\\\"):
        return "unc"
    drive_remote = 4  # GetDriveTypeW's DRIVE_REMOTE
    if drive and ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote:
        return "network drive"
    return None


def refuse_network_path(path: Path, mounts: str | None = None) -> None:
    """Raise NetworkDatabaseRefused when ``path`` is on a network share."""
    kind = network_filesystem(path, mounts)
    if kind is not None:
        raise NetworkDatabaseRefused(path, kind)


# --- one workstation per database ---------------------------------------------------------


@dataclass(frozen=True)
class LockHolder:
    """Who holds a database: process, user, machine and since when."""

    pid: int
    user: str
    host: str
    since: str

    def described(self) -> Problem:
        """The holder in words (a message parameter)."""
        params: dict[str, object] = {
            "pid": self.pid,
            "user": self.user,
            "host": self.host,
            "since": self.since,
        }
        return Problem("lock_holder", params=params)


class DatabaseInUse(_Refused):
    """Another workstation holds the database; the message says which and since when."""

    def __init__(self, database: Path, holder: LockHolder | None) -> None:
        who = holder.described() if holder else Problem("another_process")
        super().__init__("database_in_use", database=database, holder=who)
        self.database, self.holder = database, holder


def lock_path(database: Path) -> Path:
    """The lock file next to a database file."""
    return database.with_name(database.name + ".lock")


# The holder's details start after the first byte: Windows locks that byte, and a locked
# region cannot be read by anyone else there.
_LOCKED_BYTES = 1


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, _LOCKED_BYTES)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, _LOCKED_BYTES)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


def read_holder(path: Path) -> LockHolder | None:
    """Who last took the lock at ``path`` (whether or not they still hold it)."""
    try:
        with path.open("rb") as file:
            file.seek(_LOCKED_BYTES)
            data = json.loads(file.read().decode("utf-8"))
        return LockHolder(int(data["pid"]), str(data["user"]), str(data["host"]), data["since"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


class InstanceLock:
    """An exclusive lock on one database file for the life of a workstation process."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = lock_path(database)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise DatabaseInUse naming who holds it."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise _Refused("no_lock_file", path=self.path, error=error) from None
        if not _try_lock(fd):
            os.close(fd)
            raise DatabaseInUse(self.database, read_holder(self.path))
        try:
            user = getpass.getuser()
        except (OSError, KeyError):  # no user name in the environment or the password file
            user = "?"
        holder = {
            "pid": os.getpid(),
            "user": user,
            "host": socket.gethostname(),
            "since": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }
        os.lseek(fd, _LOCKED_BYTES, os.SEEK_SET)
        os.write(fd, json.dumps(holder, ensure_ascii=False).encode("utf-8"))
        os.ftruncate(fd, os.lseek(fd, 0, os.SEEK_CUR))
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (the file stays; it is taken again on the next start)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def database_file(engine: Engine) -> Path | None:
    """The file of an SQLite database (None for a server database or an in-memory one)."""
    if engine.dialect.name != "sqlite":
        return None
    return sqlite_file_path(engine.url.database, dict(engine.url.query))


def sqlite_file_path(database: str | None, query: Mapping[str, object]) -> Path | None:
    """The file an SQLite URL's database part names: a plain path, or the path inside a
    ``file:`` URI (``file:x.db``, ``file:///abs/x.db``, percent-decoded); None in memory."""
    if database in (None, "", ":memory:"):
        return None
    assert database is not None
    if not database.startswith("file:"):
        return Path(database)
    if query.get("mode") == "memory":
        return None
    path = unquote(urlsplit(database).path)
    return Path(path) if path not in ("", ":memory:") else None

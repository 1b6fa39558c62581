"""A throwaway PostgreSQL cluster on loopback for the tests and the benchmark.

``initdb`` and ``postgres`` refuse to run as root, so as root the cluster belongs to the
``postgres`` system user (``runuser``); otherwise it runs as the current user. The cluster
lives in a temporary folder, listens on 127.0.0.1 on a free port, trusts local connections
and is removed by ``remove()``. It does not fsync (test data only, and the machine does not
crash mid-test), but every commit is written before it is acknowledged, so stopping the
server at once (``stop()``, as a crash would) loses no acknowledged commit.

Run as a script to try it: ``python -m benchmarks.pg_server`` starts, prints the URL and stops.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "postgres"
PREFIX = "estimator-pg-"


class PgServerError(RuntimeError):
    """The test server could not be started; the message says why."""


def _bin_dir() -> Path:
    chosen = os.environ.get("ESTIMATOR_PG_BIN")  # a PostgreSQL of one's choice (bin folder)
    if chosen:
        if not (Path(chosen) / "pg_ctl").exists():
            raise PgServerError(f"no pg_ctl in ESTIMATOR_PG_BIN={chosen}")
        return Path(chosen)
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    if not candidates:
        raise PgServerError("PostgreSQL is not installed (no pg_ctl; apt-get install postgresql)")
    return Path(candidates[-1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PgServer:
    """One cluster: ``start()``, ``url(database)``, ``stop()``/``start()`` again, ``remove()``."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.port = _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX))
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, USER)
        self._initialised = False

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", USER, "--", *command]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PgServerError(f"{args[0]} failed: {error}") from None
        if done.returncode != 0:
            raise PgServerError(f"{args[0]} failed ({done.returncode}): {done.stderr.strip()}")

    def start(self) -> PgServer:
        """Create the cluster (first time) and start it; returns self."""
        if not self._initialised:
            self._run(
                "initdb", "-D", str(self.data), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
            )  # fmt: skip
            self._initialised = True
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            "-c fsync=off -c full_page_writes=off "
            "-c max_connections=200"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w", "-t", "60",
            "-o", options, "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        """Stop the server at once (the data folder stays, so ``start()`` brings it back)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        """Stop the server if it runs and delete the cluster."""
        if self.data.exists():
            with contextlib.suppress(PgServerError):  # not running
                self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"


if __name__ == "__main__":  # pragma: no cover - a manual check
    server = PgServer().start()
    try:
        print(server.url())
    finally:
        server.remove()

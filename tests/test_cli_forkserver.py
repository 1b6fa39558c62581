"""The tests' fork server for `estimator` commands (tests/cli_forkserver.py): a command whose
client is killed (a test's timeout) ends with it, as a process of its own would."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from tests.cli_forkserver import command_server


def _forks_of(server_marker: str) -> list[int]:
    """The processes started from the server's program (the server and its children)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if server_marker in command:
            found.append(int(entry.name))
    return found


def test_a_command_whose_client_is_killed_ends_too(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="cli-"))
    try:
        _kill_a_client_in_the_middle(folder, tmp_path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _kill_a_client_in_the_middle(folder: Path, cwd: Path) -> None:
    with command_server(os.environ, cwd, folder / "bin") as estimator:
        marker = str(folder / "bin.socket")
        server_only = _forks_of(marker)
        assert len(server_only) == 1, server_only
        # Reading the signed sheet from a pipe nobody closes: the command waits for ever.
        client = subprocess.Popen(
            [str(estimator), "pdf", "verify", "/dev/stdin"], stdin=subprocess.PIPE
        )
        deadline = time.monotonic() + 10
        while len(_forks_of(marker)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(_forks_of(marker)) == 2, "the command did not start"
        client.kill()
        client.wait()
        deadline = time.monotonic() + 10
        while len(_forks_of(marker)) > 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _forks_of(marker) == server_only
        assert client.stdin is not None
        client.stdin.close()

"""``estimator … | head``: a reader that goes away ends the command quietly, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line is written
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "estimator",
                "--db",
                f"sqlite:///{tmp_path / 'e.db'}",
                "settings",
                "list",
            ],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            check=False,
            cwd=tmp_path,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in done.stderr.decode(errors="replace")
    assert done.returncode == 0

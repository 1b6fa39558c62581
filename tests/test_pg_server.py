"""In CI a PostgreSQL server that does not start fails the run; elsewhere it is skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
def test_needs_the_server(pg_server):
    assert pg_server.url()
"""


def _run(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    folder = tmp_path / "probe"
    folder.mkdir()
    (folder / "test_probe.py").write_text(PROBE, encoding="utf-8")
    (folder / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n")
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "ESTIMATOR_REQUIRE_PG")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**clean, "ESTIMATOR_PG_BIN": str(tmp_path / "nowhere"), **env},
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("env", [{"CI": "true"}, {"ESTIMATOR_REQUIRE_PG": "1"}])
def test_a_server_that_cannot_start_fails_the_run_in_ci(
    tmp_path: Path, env: dict[str, str]
) -> None:
    done = _run(tmp_path, **env)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "PostgreSQL did not start" in done.stdout and "1 error" in done.stdout


def test_elsewhere_it_is_skipped(tmp_path: Path) -> None:
    done = _run(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout

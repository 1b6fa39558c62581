"""`make test` runs the static checks beside pytest (Makefile): it still fails when either
fails, and shows the checks' output. Run with stand-ins for the tools in a virtual
environment of the test's own (``VENV=…``), so only the Makefile's logic is exercised."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ("ruff", "mypy", "lint-imports", "pytest", "python")
STAND_IN = '#!/bin/sh\necho "{name} ran"\nexit ${{FAIL_{var}:-0}}\n'

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make_test(venv: Path, failing: str | None) -> subprocess.CompletedProcess[str]:
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    for name in TOOLS:
        tool = venv / "bin" / name
        tool.write_text(STAND_IN.format(name=name, var=name.replace("-", "_")))
        tool.chmod(0o755)
    for stamp in (".installed-run", ".installed"):  # set up already: nothing is installed
        (venv / stamp).touch()
    env = {"PATH": "/usr/bin:/bin"}
    if failing:
        env[f"FAIL_{failing.replace('-', '_')}"] = "1"
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "test", f"VENV={venv}"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_every_check_and_the_tests_run_and_pass_together(tmp_path: Path) -> None:
    done = _make_test(tmp_path / "venv", None)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("ruff", "mypy", "lint-imports", "pytest"):
        assert f"{name} ran" in done.stdout


@pytest.mark.parametrize("failing", ["ruff", "mypy", "lint-imports", "pytest"])
def test_any_failing_check_or_the_tests_fail_make_test(tmp_path: Path, failing: str) -> None:
    done = _make_test(tmp_path / "venv", failing)
    assert done.returncode != 0, done.stdout + done.stderr
    assert f"{failing} ran" in done.stdout
    if failing != "pytest":
        assert "the static checks failed" in done.stderr

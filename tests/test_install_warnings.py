"""A user's commands print no warning: each command family run as a user runs it (the console
script, in a process of its own) with every warning shown (PYTHONWARNINGS=default), and
nothing on stderr is a Python warning. The cryptography deprecation that pyHanko's import gave
every flood, sheet and signing command is filtered at the entry point (estimator.cli.main)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from estimator.persistence.database import sqlite_url
from estimator.services.demo import sample_file
from tests.conftest import demo_copy

#: The console script beside this Python (what `make demo` puts in .venv/bin).
ESTIMATOR = Path(sys.executable).with_name("estimator")


def estimator(*args: str, cwd: Path, password: str | None = None) -> str:
    """Run ``estimator ARGS`` with every warning shown; its stdout. Fails the test when it
    fails or when stderr holds a warning."""
    env = {**os.environ, "PYTHONWARNINGS": "default", "ESTIMATOR_LANG": "en"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if password is not None:
        env["ESTIMATOR_PASSWORD"] = password
    env["P12_PASSPHRASE"] = "wang's key"
    done = subprocess.run(
        [str(ESTIMATOR), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    assert "Warning" not in done.stderr, (args, done.stderr)
    return done.stdout


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> str:
    """A copy of the demo database (its people sign in with their demo passwords)."""
    return sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))


def test_the_console_script_is_installed() -> None:
    assert ESTIMATOR.is_file()


def test_help_warns_of_nothing(tmp_path: Path) -> None:
    assert "catalog" in estimator("--help", cwd=tmp_path)


def test_catalog_import_and_search_warn_of_nothing(demo: str, tmp_path: Path) -> None:
    catalog = str(sample_file("demo_catalog.xlsx"))
    admin = ("--db", demo, "--as", "admin")
    estimator("catalog", "import", catalog, *admin, cwd=tmp_path, password="demo-admin-1")
    assert estimator("catalog", "search", "bumper", "--db", demo, cwd=tmp_path)


def test_flood_assessment_warns_of_nothing(tmp_path: Path) -> None:
    """The flood report imports pyHanko (its signing): the warning users saw came here."""
    inventory = str(sample_file("demo_flood_inventory.xlsx"))
    rules = str(sample_file("demo_flood_rules.xlsx"))
    report = tmp_path / "flood.pdf"
    estimator(
        "flood", "assess", inventory, "--rules", rules, "--depth", "30", "-o", str(report),
        cwd=tmp_path,
    )  # fmt: skip
    assert report.read_bytes().startswith(b"%PDF")


def test_sheet_signing_and_verifying_warn_of_nothing(demo: str, tmp_path: Path) -> None:
    as_wang = ("--db", demo, "--as", "wang")
    estimate_file = str(sample_file("demo_estimate.json"))
    out = estimator(
        "estimate", "import", estimate_file, *as_wang, cwd=tmp_path, password="demo-wang-1"
    )
    estimate_id = out.split()[-1]
    key = tmp_path / "wang.p12"
    estimator(
        "cert", "create", "wang", "-o", str(key), "--passphrase-env", "P12_PASSPHRASE",
        "--db", demo, "--as", "admin", cwd=tmp_path, password="demo-admin-1",
    )  # fmt: skip
    signed = tmp_path / "sheet.pdf"
    estimator(
        "estimate", "export", estimate_id, "--format", "pdf", "-o", str(signed),
        "--sign-with", str(key), "--passphrase-env", "P12_PASSPHRASE", "--db", demo,
        cwd=tmp_path,
    )  # fmt: skip
    assert signed.read_bytes().startswith(b"%PDF")
    assert "trusted" in estimator("pdf", "verify", str(signed), "--db", demo, cwd=tmp_path)

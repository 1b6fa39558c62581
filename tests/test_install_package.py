"""What an installation holds and does: `make demo` installs the runtime only and `make test`
adds the tools on top; nothing the application imports is a development tool; a wheel built
from the tree holds every data file the application reads and no build warning."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("estimator", "kernel", "parts_catalog", "labor_standards")
#: The top-level modules of the `dev` extra (and what they bring).
DEV_MODULES = {
    "pytest", "_pytest", "pytestqt", "xdist", "execnet", "hypothesis", "ruff", "mypy",
    "mypyc", "importlinter", "grimp",
}  # fmt: skip


#: Modules that run when imported: the command, and the migrations' environment (alembic's).
SCRIPTS = {"estimator.__main__", "estimator.persistence.migrations.env"}


def _dev_requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["optional-dependencies"]["dev"])


def test_the_runtime_dependencies_name_no_development_tool() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {name.split("[")[0].split(">")[0].lower() for name in project["dependencies"]}
    tools = {name.split("[")[0].split(">")[0].lower() for name in _dev_requirements()}
    assert {"pytest", "ruff", "mypy"} <= tools
    assert not runtime & tools


def test_the_application_imports_no_development_tool() -> None:
    """Every module of ours (the GUI's too) imported in a fresh process: none brings in a
    tool of the `dev` extra (`make demo` does not install them)."""
    script = f"""
import importlib, pkgutil, sys
for top in {PACKAGES!r}:
    package = importlib.import_module(top)
    for found in pkgutil.walk_packages(package.__path__, top + "."):
        if found.name not in {SCRIPTS!r}:
            importlib.import_module(found.name)
print(" ".join(sorted({{name.split(".")[0] for name in sys.modules}})))
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    imported = set(done.stdout.split())
    assert {"estimator", "PySide6", "sqlalchemy", "pyhanko"} <= imported  # it did look
    assert not imported & DEV_MODULES


def _make(venv: Path, target: str) -> str:
    """What ``make TARGET`` would run with its environment at ``venv`` (make -n)."""
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "-C", str(ROOT), f"VENV={venv}", target],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    later = time.time() + 60  # newer than pyproject.toml, whenever it was checked out
    os.utime(path, (later, later))


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_installs_the_runtime_and_make_test_adds_only_the_tools(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    fresh = _make(venv, "demo")
    assert "-m venv --without-pip" in fresh
    # uv when the environment has it (put there by pip), pip otherwise: the same packages.
    assert "install --quiet --no-compile --disable-pip-version-check uv " in fresh
    assert f"if [ -x {venv}/bin/uv ]; then " in fresh
    assert "uv pip install --quiet" in fresh and "-m pip install --quiet" in fresh
    assert fresh.count(" -e .;") == 2  # the project, by either
    assert "dev" not in fresh.replace("/dev/", "")  # neither the extra nor its list
    assert fresh.rstrip().endswith("estimator --demo")

    _touch(venv / "bin" / "python")
    _touch(venv / ".installed-run")  # after `make demo`
    tools = _make(venv, "setup")
    assert "-m venv" not in tools and " -e ." not in tools  # the project is not built again
    assert "-r " in tools and "dev-requirements.txt pip;" in tools
    # The suite's modules compiled once, by a collection (a failing one fails no setup).
    assert "-m pytest --collect-only -q" in tools

    _touch(venv / ".installed")  # after `make test`
    assert _make(venv, "demo").strip().splitlines() == [f"{venv}/bin/estimator --demo"]
    assert "pip" not in _make(venv, "setup")


def _copy_of_the_tree(target: Path) -> Path:
    """The files a build reads, without what builds and runs left behind (an old egg-info's
    file list would add files the configuration leaves out)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc", "build")
    for name in (*PACKAGES, "resources"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    return target


def test_a_wheel_holds_every_data_file_and_builds_without_a_warning(tmp_path: Path) -> None:
    tree = _copy_of_the_tree(tmp_path / "tree")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-v",
         "--disable-pip-version-check", "-w", str(tmp_path / "wheel"), str(tree)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # pip builds without byte-compiling (it compiles when it installs): not a defect.
    warnings = [
        line
        for line in output.splitlines()
        if "warn" in line.lower() and "byte-compiling is disabled" not in line
    ]
    assert warnings == []
    (wheel,) = (tmp_path / "wheel").glob("estimator-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    needed = {
        f"estimator/resources/{path.relative_to(ROOT / 'resources').as_posix()}"
        for path in (ROOT / "resources").rglob("*")
        if path.is_file() and path.suffix not in (".ts", ".md") and "__pycache__" not in path.parts
    }
    assert {
        "estimator/resources/fonts/wqy-microhei.ttc",
        "estimator/resources/translations/estimator_zh_CN.qm",
        "estimator/resources/sample_data/demo_catalog.xlsx",
        "estimator/resources/calendars/CN-2026.json",
    } <= needed
    migrations = ROOT / "estimator" / "persistence" / "migrations"
    needed |= {
        path.relative_to(ROOT).as_posix() for path in (migrations / "versions").glob("*.py")
    } | {"estimator/persistence/migrations/script.py.mako"}
    needed |= {
        path.relative_to(ROOT).as_posix()
        for top in PACKAGES
        for path in (ROOT / top).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert needed - names == set()
    # What running does not need stays out: translation sources, the packages' READMEs.
    assert not {name for name in names if name.endswith((".ts", "README.md"))}

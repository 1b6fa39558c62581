"""The installable project: every package listed, resources shipped, one console command."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _project() -> dict:  # type: ignore[type-arg]
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_in_the_tree_is_listed_for_installation() -> None:
    listed = set(_project()["tool"]["setuptools"]["packages"])
    found = set()
    for top in ("kernel", "parts_catalog", "labor_standards", "estimator"):
        for init in (ROOT / top).rglob("__init__.py"):
            found.add(".".join(init.parent.relative_to(ROOT).parts))
    # The data folders are listed too (setuptools warns about an unlisted one).
    found.add("estimator.resources")
    found.update(
        f"estimator.resources.{folder.name}"
        for folder in (ROOT / "resources").iterdir()
        if folder.is_dir() and folder.name != "__pycache__"
    )
    found.add("estimator.persistence.migrations.versions")
    assert found == listed


def test_resources_install_as_estimator_resources() -> None:
    from importlib import resources

    root = resources.files("estimator.resources")
    assert root.joinpath("sample_data", "demo_catalog.xlsx").is_file()


def test_one_console_command() -> None:
    assert _project()["project"]["scripts"] == {"estimator": "estimator.cli.main:main"}


def test_the_known_head_revision_is_the_newest_migration() -> None:
    from estimator.persistence.migrations import HEAD, head_revision

    assert head_revision() == HEAD

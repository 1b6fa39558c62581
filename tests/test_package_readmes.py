"""Every package says in its README.md what lives there: each of its modules is named, and
no module it names is gone (so the READMEs stay current as files move)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (
    "kernel",
    "parts_catalog",
    "labor_standards",
    "estimator/cli",
    "estimator/documents",
    "estimator/domain",
    "estimator/gui",
    "estimator/persistence",
    "estimator/services",
)
#: A file named in backticks: `name.py` (a path with a slash points elsewhere).
NAMED_FILE = re.compile(r"`([A-Za-z_][A-Za-z0-9_]*\.py)`")


def modules(package: Path) -> list[str]:
    """The modules of a package (``__init__`` aside) and its sub-packages, as ``x.py``/``x/``."""
    files = [p.name for p in sorted(package.glob("*.py")) if p.name != "__init__.py"]
    folders = [f"{p.name}/" for p in sorted(package.iterdir()) if (p / "__init__.py").exists()]
    return files + folders


def unnamed(readme: str, names: list[str]) -> list[str]:
    """The names the README does not mention: a module as `x.py` or `x`, a folder as `x/`."""
    missing = []
    for name in names:
        stem = name.removesuffix(".py").removesuffix("/")
        if not re.search(rf"`{re.escape(stem)}(\.py|/)?`", readme):
            missing.append(name)
    return missing


def stale(readme: str, names: list[str]) -> list[str]:
    """Files the README names that the package does not have."""
    return sorted({name for name in NAMED_FILE.findall(readme) if name not in names})


def test_every_listed_package_is_a_package() -> None:
    assert all((ROOT / package / "__init__.py").exists() for package in PACKAGES)


@pytest.mark.parametrize("package", PACKAGES)
def test_the_readme_names_every_module_of_its_package(package: str) -> None:
    readme = ROOT / package / "README.md"
    assert readme.exists(), f"{package} has no README.md"
    text = readme.read_text(encoding="utf-8")
    names = modules(ROOT / package)
    assert unnamed(text, names) == [], f"{package}/README.md does not name these modules"
    assert stale(text, names) == [], f"{package}/README.md names files that are gone"


@pytest.mark.parametrize("package", PACKAGES)
def test_the_readme_says_what_the_package_may_import(package: str) -> None:
    text = (ROOT / package / "README.md").read_text(encoding="utf-8")
    assert "## What it may import" in text


def test_a_missing_or_a_stale_module_is_found() -> None:
    readme = (
        "| values | `model.py` |\n| demo data | `synthetic.py` |\n| `store` and `migrations/` |"
    )
    names = ["model.py", "sample.py", "store.py", "migrations/"]
    assert unnamed(readme, names) == ["sample.py"]
    assert stale(readme, names) == ["synthetic.py"]

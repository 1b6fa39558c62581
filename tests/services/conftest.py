"""A database with the small test catalog and labor standard imported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.services.catalog import import_catalog
from estimator.services.labor import import_labor_standard
from estimator.services.users import User, create_user
from tests.actors import MAINTAINER
from tests.conftest import write_workbook
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PARTS


@pytest.fixture
def db_url(both_engines_url: str) -> str:
    """Every services test runs on SQLite and on PostgreSQL."""
    return both_engines_url


def import_test_data(engine: Engine, folder: Path) -> Engine:
    """Import the small test catalog and labor standard into ``engine``."""
    assert import_catalog(
        engine,
        write_workbook(folder / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS}),
        actor=MAINTAINER,
    ).ok
    assert import_labor_standard(
        engine, write_workbook(folder / "l.xlsx", labor_rows.sheets()), actor=MAINTAINER
    ).ok
    return engine


def make_team(engine: Engine, **people: set[Role]) -> dict[str, User]:
    """Users by name with the given roles (password: "password-" + name)."""
    return {
        name: create_user(engine, name, "password-" + name, roles, actor="setup")
        for name, roles in people.items()
    }


@pytest.fixture
def priced_db(engine: Engine, tmp_path: Path) -> Engine:
    return import_test_data(engine, tmp_path)


@pytest.fixture
def second(priced_db: Engine) -> Iterator[Engine]:
    """The same database through a second, independent connection pool (another machine)."""
    other = create_database_engine(priced_db.url)
    yield other
    other.dispose()

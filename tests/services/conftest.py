"""A database with the small test catalog and labor standard imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.services.catalog import import_catalog
from estimator.services.labor import import_labor_standard
from tests.conftest import write_workbook
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PARTS


@pytest.fixture
def db_url(both_engines_url: str) -> str:
    """Every services test runs on SQLite and on PostgreSQL."""
    return both_engines_url


@pytest.fixture
def priced_db(engine: Engine, tmp_path: Path) -> Engine:
    assert import_catalog(
        engine, write_workbook(tmp_path / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
    ).ok
    assert import_labor_standard(
        engine, write_workbook(tmp_path / "l.xlsx", labor_rows.sheets())
    ).ok
    return engine

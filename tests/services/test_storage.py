"""The storage itself, on both engines: migrations, schema, exact money, the audit guard."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from estimator.persistence.migrations import (
    HEAD,
    alembic_config,
    current_revision,
    head_revision,
    include_object,
)
from estimator.persistence.rows import CaseRow
from estimator.persistence.tables import metadata
from estimator.persistence.uow import UnitOfWork
from kernel.clock import utcnow
from tests.actors import MAINTAINER


def test_a_new_database_is_migrated_to_the_newest_revision(engine: Engine) -> None:
    assert current_revision(engine) == HEAD == head_revision()


def test_the_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, metadata) == []


def test_every_migration_goes_down_and_up_again(engine: Engine) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert not inspect(engine).has_table("parts")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert current_revision(engine) == HEAD


@pytest.mark.parametrize("amount", ["0.01", "1234567.89", "9999999999999.99", "-42.10"])
def test_money_round_trips_exactly(engine: Engine, amount: str) -> None:
    with UnitOfWork(engine, write=True) as uow:
        case = CaseRow(created_by="wang", created_at=utcnow(), first_total=Decimal(amount))
        uow.session.add(case)
        uow.commit()
    with UnitOfWork(engine) as uow:
        stored = uow.session.get(CaseRow, case.id)
        assert stored is not None and stored.first_total == Decimal(amount)
        assert str(stored.first_total) == amount


def test_catalog_row_versions_migrate_down_and_up_keeping_the_catalog(
    engine: Engine, tmp_path: Path
) -> None:
    """0014 adds ``row_version`` to parts and models (existing rows start at 1) and takes it
    away again in place: no prices or fitments lost with it (batch mode's table copy would
    cascade-delete them on SQLite)."""
    from estimator.services.catalog import import_catalog
    from tests.conftest import write_workbook
    from tests.parts_catalog.catalog_rows import MODELS, PARTS

    sheets = {"vehicle_models": MODELS, "parts": PARTS}
    assert import_catalog(engine, write_workbook(tmp_path / "c.xlsx", sheets), actor=MAINTAINER).ok
    counts = {t: _count(engine, t) for t in ("parts", "vehicle_models", "part_prices")}
    counts["part_fitments"] = _count(engine, "part_fitments")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0013")
    assert current_revision(engine) == "0013"
    for table in ("parts", "vehicle_models"):
        assert "row_version" not in {c["name"] for c in inspect(engine).get_columns(table)}
    assert {t: _count(engine, t) for t in counts} == counts
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0014")
    assert {t: _count(engine, t) for t in counts} == counts
    with engine.connect() as connection:
        for table in ("parts", "vehicle_models"):
            versions = connection.execute(text(f"SELECT DISTINCT row_version FROM {table}"))
            assert versions.scalars().all() == [1]


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())

"""Opening the workstation's database: the claim comes before the schema upgrade."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.migrations import HEAD, alembic_config
from estimator.persistence.sqlite_file import InstanceLock
from estimator.services.workstation import DatabaseBusy, open_database


def _revision(database: Path) -> str:
    engine = create_database_engine(sqlite_url(database), migrate=False)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar())
    finally:
        engine.dispose()


def test_a_held_database_is_not_upgraded_by_the_workstation_refused_on_it(tmp_path: Path) -> None:
    database = tmp_path / "estimator.sqlite3"
    old = create_database_engine(sqlite_url(database), migrate=False)
    config = alembic_config()
    with old.begin() as connection:  # written by an older workstation, which still holds it
        config.attributes["connection"] = connection
        command.upgrade(config, "0012")
    old.dispose()
    with InstanceLock(database):
        with pytest.raises(DatabaseBusy):
            open_database(sqlite_url(database))
        assert _revision(database) == "0012"
    engine, lock = open_database(sqlite_url(database))  # once it is free: claimed, then upgraded
    try:
        assert lock is not None and lock.held
        assert _revision(database) == HEAD
    finally:
        lock.release()
        engine.dispose()

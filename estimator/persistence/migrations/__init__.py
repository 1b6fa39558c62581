"""Alembic migrations, applied automatically when the database is opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HERE = Path(__file__).resolve().parent
#: The newest revision; a test checks it against the scripts. Knowing it here lets an
#: up-to-date database open without importing Alembic (a fifth of the start-up time).
HEAD = "0033"


#: Partial indexes made by a migration only: describing them on the models would load the
#: PostgreSQL dialect with the models (``postgresql_where``), which the start-up must not.
MIGRATION_ONLY_INDEXES = frozenset({"ix_estimates_review_queue"})  # the review queue's


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """What autogenerate compares: not the search structures made by raw SQL (SQLite's
    full-text tables from 0001, PostgreSQL's trigram and "C"-collation indexes and gram
    table from 0011), nor the partial indexes of MIGRATION_ONLY_INDEXES, which the models
    do not describe."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith("part_search_")
    if type_ == "index":
        return not (
            name.endswith(("_trgm", "_c"))
            or name.startswith("ix_part_search_")
            or name in MIGRATION_ONLY_INDEXES
        )
    return True


def alembic_config() -> Config:
    """The Alembic configuration pointing at this package's scripts."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(HERE))
    return config


def head_revision() -> str | None:
    """The newest revision in the scripts."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest schema (no-op when it already is)."""
    if current_revision(engine) == HEAD:
        return
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

"""Alembic environment: runs on the connection handed over by upgrade_to_head."""

from __future__ import annotations

from alembic import context

from estimator.persistence.migrations import include_object
from estimator.persistence.tables import metadata

config = context.config


connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the alembic command line lacks it
    from estimator.persistence.database import create_database_engine

    engine = create_database_engine(migrate=False)
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=True,
            include_object=include_object,
        )
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()

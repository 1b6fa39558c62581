"""Optimistic locking on catalog rows: a ``row_version`` on parts and vehicle models, moved
by every import that changes a row and by a maintainer's correction (issue #10).

Existing rows start at version 1 (server default). SQLite adds the column in place (a plain
ADD COLUMN in batch mode, no table copy).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

TABLES = ("parts", "vehicle_models")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("row_version", sa.Integer(), nullable=False, server_default="1")
            )


def downgrade() -> None:
    for table in TABLES:
        # In place (SQLite 3.35+, PostgreSQL). Batch mode would copy the table and drop the
        # original, and with foreign keys on, that drop deletes the parts' prices and
        # fitments (ON DELETE CASCADE).
        op.drop_column(table, "row_version")

"""Imported flooded-vehicle guides (issue #20; settlement.md: the guide as importable data): a
table ``flood_guides``, a row per import (who, when, the file's name and SHA-256, the guide as
a JSON document); the newest is the guide in force. Existing databases have none: the guide
shipped with the product stays in force until one is imported.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table referring to nothing: plain CREATE TABLE, nothing rebuilt.
    op.create_table(
        "flood_guides",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("imported_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=60), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("guide", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flood_guides")),
    )


def downgrade() -> None:
    op.drop_table("flood_guides")

"""The server's history of a checked-out case on a laptop (issue #22, sync.md: the audit
entries travel down with the case): a table ``sync_history``, the server's entries about
each case the laptop holds, shown in the case's history beside the laptop's own.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_history",
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=60), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "seq", name=op.f("pk_sync_history")),
    )


def downgrade() -> None:
    op.drop_table("sync_history")

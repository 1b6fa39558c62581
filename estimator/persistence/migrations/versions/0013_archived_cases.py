"""Archived cases (retention: closed cases are archived, never deleted early).

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "archived_cases",
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("archived_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("archived_by", sa.String(length=60), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_archived_cases_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_archived_cases")),
    )


def downgrade() -> None:
    op.drop_table("archived_cases")

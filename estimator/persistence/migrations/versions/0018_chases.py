"""Chases (issue #19): a row per chase of a case (who chased, through whom, when, who
recorded it, a note).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_chases",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("by_party", sa.String(length=20), nullable=False),
        sa.Column("via", sa.String(length=20), nullable=False),
        sa.Column("at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_chases_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_chases")),
    )
    with op.batch_alter_table("case_chases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_chases_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_chases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_chases_case_id"))
    op.drop_table("case_chases")

"""Submission reasons (issue #26): the assessor's reason for each warning open when a version
was submitted, one row per finding (rule, line), shown to the reviewer.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "submission_reasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("estimate_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("rule", sa.String(length=10), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("written_by", sa.String(length=60), nullable=False),
        sa.Column("written_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["estimate_id"],
            ["estimates.id"],
            name=op.f("fk_submission_reasons_estimate_id_estimates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_reasons")),
    )
    with op.batch_alter_table("submission_reasons", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submission_reasons_estimate_id"), ["estimate_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("submission_reasons", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_reasons_estimate_id"))
    op.drop_table("submission_reasons")

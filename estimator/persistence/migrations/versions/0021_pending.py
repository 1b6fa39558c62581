"""The pending list and the imported calendar (issue #19): the assessor's reason per pending
case, the manager's reviews of an assessor's list, and the working-day calendar's days per year.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_reasons",
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("set_by", sa.String(length=60), nullable=False),
        sa.Column("set_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_pending_reasons_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_pending_reasons")),
    )
    op.create_table(
        "pending_reviews",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("assessor", sa.String(length=60), nullable=False),
        sa.Column("reviewed_by", sa.String(length=60), nullable=False),
        sa.Column("reviewed_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("cases", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_reviews")),
    )
    with op.batch_alter_table("pending_reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_reviews_assessor"), ["assessor"], unique=False)
    op.create_table(
        "calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_days")),
    )
    with op.batch_alter_table("calendar_days", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_days_year"), ["year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("calendar_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_days_year"))
    op.drop_table("calendar_days")
    with op.batch_alter_table("pending_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pending_reviews_assessor"))
    op.drop_table("pending_reviews")
    op.drop_table("pending_reasons")

"""On-site documents (issue #19 item 8): the case's procedure (simple | ordinary; existing
cases are ordinary) and a row per recorded state of a checklist item.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("procedure", sa.String(length=10), server_default="ordinary", nullable=False)
        )
    op.create_table(
        "case_documents",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("item", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_documents_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_documents")),
    )
    with op.batch_alter_table("case_documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_documents_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_documents_case_id"))
    op.drop_table("case_documents")
    # A plain DROP COLUMN (SQLite 3.35+ too): rebuilding the table as batch mode does would
    # drop ``cases`` under the estimates' foreign keys.
    op.drop_column("cases", "procedure")

"""The case's assigned assessor (issue #19, indicators.md, Groups and authority): the
large-case queue routes a case to a member of the large-case group, who takes it, or a manager
assigns it. Existing cases keep the assessor who opened them.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("assessor", sa.String(length=60), server_default="", nullable=False)
        )
    op.execute("UPDATE cases SET assessor = created_by")


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+ too): rebuilding the table as batch mode does would
    # drop ``cases`` under the estimates' foreign keys.
    op.drop_column("cases", "assessor")

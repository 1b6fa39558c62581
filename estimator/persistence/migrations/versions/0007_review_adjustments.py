"""The reviewer's amount (核损金额) on an estimate line, with the reason and the reviewer.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("estimate_lines") as batch_op:
        batch_op.add_column(sa.Column("reviewed_amount", kernel.orm.ScaledDecimal(2), nullable=True))
        batch_op.add_column(sa.Column("review_reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("reviewed_by", sa.String(length=60), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("estimate_lines") as batch_op:
        batch_op.drop_column("reviewed_by")
        batch_op.drop_column("review_reason")
        batch_op.drop_column("reviewed_amount")

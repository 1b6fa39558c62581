"""Users' group and authority (issue #19, indicators.md, Groups and authority): the large-case
or ordinary group, and the amount up to which an assessor approves their own on-site estimate.
Existing users are in the ordinary group with no authority.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("group_name", sa.String(length=10), server_default="ordinary", nullable=False)
        )
        batch.add_column(
            sa.Column("authority", kernel.orm.ScaledDecimal(2), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("authority")
        batch.drop_column("group_name")

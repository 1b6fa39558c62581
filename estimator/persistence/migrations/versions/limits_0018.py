"""The location class on the case (issue #19, indicators.md): city | suburban, which arrival
limit the case's clock uses; existing cases are city cases.

Revision ID: limits_0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "limits_0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(
            sa.Column("location_class", sa.String(length=10), server_default="city", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("location_class")

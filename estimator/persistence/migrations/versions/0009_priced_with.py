"""The catalog and labor standard versions an estimate version was submitted with.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("estimates") as batch_op:
        batch_op.add_column(sa.Column("catalog_version_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("labor_version_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("estimates") as batch_op:
        batch_op.drop_column("labor_version_id")
        batch_op.drop_column("catalog_version_id")

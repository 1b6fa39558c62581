"""The customer's drawn signature on an estimate version, and when it was given.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("estimates") as batch_op:
        batch_op.add_column(sa.Column("customer_signature", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("customer_signed_at", kernel.orm.UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("estimates") as batch_op:
        batch_op.drop_column("customer_signed_at")
        batch_op.drop_column("customer_signature")

"""Partner shops and numbered guarantee certificates.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner_shops",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("shop_class", sa.String(length=20), nullable=False),
        sa.Column("region", sa.String(length=20), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("price_types", sa.Text(), nullable=False),
        sa.Column("default_price_type", sa.String(length=20), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_shops")),
        sa.UniqueConstraint("name", name=op.f("uq_partner_shops_name")),
    )
    op.create_table(
        "guarantee_certificates",
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("estimate_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("issued_by", sa.String(length=60), nullable=False),
        sa.Column("issued_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["estimate_id"], ["estimates.id"],
                                name=op.f("fk_guarantee_certificates_estimate_id_estimates")),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_guarantee_certificates")),
    )
    with op.batch_alter_table("guarantee_certificates") as batch_op:
        batch_op.create_index(batch_op.f("ix_guarantee_certificates_estimate_id"), ["estimate_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("guarantee_certificates") as batch_op:
        batch_op.drop_index(batch_op.f("ix_guarantee_certificates_estimate_id"))
    op.drop_table("guarantee_certificates")
    op.drop_table("partner_shops")

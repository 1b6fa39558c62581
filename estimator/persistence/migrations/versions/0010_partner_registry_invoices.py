"""Partner registry imports, and stored invoice reconciliations.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.String(length=500), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("imported_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=100), nullable=False),
        sa.Column("shops_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_imports")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_partner_imports_content_hash")),
    )
    op.create_table(
        "invoice_reconciliations",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("estimate_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("certificate_number", sa.String(length=30), nullable=False),
        sa.Column("shop_name", sa.String(length=200), nullable=False),
        sa.Column("guarantee", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("estimate_total", kernel.orm.ScaledDecimal(2), nullable=False),
        sa.Column("invoice_total", kernel.orm.ScaledDecimal(2), nullable=False),
        sa.Column("reconciled_by", sa.String(length=60), nullable=False),
        sa.Column("reconciled_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["estimate_id"],
            ["estimates.id"],
            name=op.f("fk_invoice_reconciliations_estimate_id_estimates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_reconciliations")),
    )
    with op.batch_alter_table("invoice_reconciliations") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_reconciliations_estimate_id"), ["estimate_id"], unique=False
        )
    op.create_table(
        "invoice_reconciliation_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reconciliation_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("item", sa.String(length=200), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("estimate_amount", kernel.orm.ScaledDecimal(2), nullable=False),
        sa.Column("invoice_amount", kernel.orm.ScaledDecimal(2), nullable=False),
        sa.Column("borne_by", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["reconciliation_id"],
            ["invoice_reconciliations.id"],
            name=op.f("fk_invoice_reconciliation_lines_reconciliation_id_invoice_reconciliations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_reconciliation_lines")),
        sa.UniqueConstraint(
            "reconciliation_id",
            "position",
            name=op.f("uq_invoice_reconciliation_lines_reconciliation_id_position"),
        ),
    )
    with op.batch_alter_table("invoice_reconciliation_lines") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_reconciliation_lines_reconciliation_id"),
            ["reconciliation_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("invoice_reconciliation_lines") as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_reconciliation_lines_reconciliation_id"))
    op.drop_table("invoice_reconciliation_lines")
    with op.batch_alter_table("invoice_reconciliations") as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_reconciliations_estimate_id"))
    op.drop_table("invoice_reconciliations")
    op.drop_table("partner_imports")

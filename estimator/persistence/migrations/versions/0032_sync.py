"""Offline work (issue #22, sync.md): on the server ``case_checkouts`` (a case checked out to
a laptop), ``sync_devices`` (each laptop's place in its audit chain) and ``sync_batches`` (the
check-ins applied, answered again when resent); on a laptop ``sync_state`` (its identity and
progress) and ``sync_cases`` (each case as last exchanged: the base of the merge). New tables
only: nothing existing is rebuilt.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_checkouts",
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_name", sa.String(length=100), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("checked_out_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_checkouts_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_checkouts")),
    )
    op.create_index(
        op.f("ix_case_checkouts_device_id"), "case_checkouts", ["device_id"], unique=False
    )
    op.create_table(
        "sync_devices",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_name", sa.String(length=100), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        sa.Column("audit_hash", sa.String(length=64), nullable=False),
        sa.Column("last_checkin_at", kernel.orm.UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_devices")),
    )
    op.create_table(
        "sync_batches",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("batch_id", name=op.f("pk_sync_batches")),
    )
    op.create_index(op.f("ix_sync_batches_device_id"), "sync_batches", ["device_id"], unique=False)
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "sync_cases",
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("base_json", sa.Text(), nullable=False),
        sa.Column("checked_out", sa.Boolean(), nullable=False),
        sa.Column("synced_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_sync_cases")),
    )


def downgrade() -> None:
    op.drop_table("sync_cases")
    op.drop_table("sync_state")
    op.drop_index(op.f("ix_sync_batches_device_id"), table_name="sync_batches")
    op.drop_table("sync_batches")
    op.drop_table("sync_devices")
    op.drop_index(op.f("ix_case_checkouts_device_id"), table_name="case_checkouts")
    op.drop_table("case_checkouts")

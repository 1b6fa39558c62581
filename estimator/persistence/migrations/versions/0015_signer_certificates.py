"""Enrolled signing certificates (trusted signers, reliability.md promise 15): each user's
certificate by SHA-256 fingerprint with the enrolment's start and end, and the
organisation CA's.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signer_certificates",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("certificate", sa.LargeBinary(), nullable=False),
        sa.Column("enrolled_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.Column("enrolled_by", sa.String(length=60), nullable=False),
        sa.Column("ended_at", kernel.orm.UtcDateTime(), nullable=True),
        sa.Column("ended_how", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signer_certificates")),
    )
    with op.batch_alter_table("signer_certificates") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signer_certificates_fingerprint"), ["fingerprint"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_signer_certificates_username"), ["username"], unique=False
        )


def downgrade() -> None:
    op.drop_table("signer_certificates")

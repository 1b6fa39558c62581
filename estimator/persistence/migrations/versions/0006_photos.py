"""Photos of a case or of an estimate line, their bytes stored once by content hash.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "photo_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_photo_blobs")),
    )
    op.create_table(
        "photos",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("line_key", kernel.orm.UuidText(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=60), nullable=False),
        sa.Column("added_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_photos_case_id_cases")),
        sa.ForeignKeyConstraint(["sha256"], ["photo_blobs.sha256"],
                                name=op.f("fk_photos_sha256_photo_blobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photos")),
    )
    with op.batch_alter_table("photos") as batch_op:
        batch_op.create_index(batch_op.f("ix_photos_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("photos") as batch_op:
        batch_op.drop_index(batch_op.f("ix_photos_case_id"))
    op.drop_table("photos")
    op.drop_table("photo_blobs")

"""Flood inventory cases (#9): the case, its immutable saved versions, its photos.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flood_cases",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("claim_no", sa.String(length=60), nullable=False),
        sa.Column("insured_name", sa.String(length=200), nullable=False),
        sa.Column("site", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flood_cases")),
    )
    with op.batch_alter_table("flood_cases") as batch_op:
        batch_op.create_index(batch_op.f("ix_flood_cases_claim_no"), ["claim_no"], unique=False)
    op.create_table(
        "flood_versions",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("version_no", sa.Integer(), nullable=False),
        sa.Column("inputs_json", sa.Text(), nullable=False),
        sa.Column("loss", kernel.orm.ScaledDecimal(2), nullable=False),
        sa.Column("salvage", kernel.orm.ScaledDecimal(2), nullable=False),
        sa.Column("avoided", kernel.orm.ScaledDecimal(2), nullable=False),
        sa.Column("totals_json", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["flood_cases.id"],
                                name=op.f("fk_flood_versions_case_id_flood_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flood_versions")),
        sa.UniqueConstraint("case_id", "version_no", name=op.f("uq_flood_versions_case_id_version_no")),
    )
    with op.batch_alter_table("flood_versions") as batch_op:
        batch_op.create_index(batch_op.f("ix_flood_versions_case_id"), ["case_id"], unique=False)
    # Saved versions are immutable: the database itself refuses to change or remove one.
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER flood_versions_no_{verb.lower()} BEFORE {verb} ON flood_versions "
                "BEGIN SELECT RAISE(ABORT, 'flood versions are immutable'); END"
            )
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION flood_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'flood versions are immutable'; END $$"
        )
        op.execute(
            "CREATE TRIGGER flood_versions_immutable BEFORE UPDATE OR DELETE ON flood_versions "
            "FOR EACH ROW EXECUTE FUNCTION flood_versions_immutable()"
        )
    op.create_table(
        "flood_photos",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added_by", sa.String(length=60), nullable=False),
        sa.Column("added_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["flood_cases.id"],
                                name=op.f("fk_flood_photos_case_id_flood_cases")),
        sa.ForeignKeyConstraint(["sha256"], ["photo_blobs.sha256"],
                                name=op.f("fk_flood_photos_sha256_photo_blobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flood_photos")),
    )
    with op.batch_alter_table("flood_photos") as batch_op:
        batch_op.create_index(batch_op.f("ix_flood_photos_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("flood_photos") as batch_op:
        batch_op.drop_index(batch_op.f("ix_flood_photos_case_id"))
    op.drop_table("flood_photos")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER flood_versions_no_update")
        op.execute("DROP TRIGGER flood_versions_no_delete")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER flood_versions_immutable ON flood_versions")
        op.execute("DROP FUNCTION flood_versions_immutable()")
    with op.batch_alter_table("flood_versions") as batch_op:
        batch_op.drop_index(batch_op.f("ix_flood_versions_case_id"))
    op.drop_table("flood_versions")
    with op.batch_alter_table("flood_cases") as batch_op:
        batch_op.drop_index(batch_op.f("ix_flood_cases_claim_no"))
    op.drop_table("flood_cases")

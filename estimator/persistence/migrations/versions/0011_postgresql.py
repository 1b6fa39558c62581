"""Team server: who took a submitted estimate from the review queue (every engine), and
PostgreSQL's search indexes (pg_trgm, code-point ranges, 1–2 character grams).

SQLite keeps its FTS5 tables from 0001 and only gains the two queue columns.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import kernel.orm

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

#: Substring search (ILIKE '%…%', 3+ characters) on each searched column.
TRIGRAM_COLUMNS = ("name_zh", "initials", "pinyin", "part_no")
#: Prefix search as a range in code-point order, whatever the database's collation.
RANGE_COLUMNS = ("name_zh", "initials", "part_no")


def upgrade() -> None:
    with op.batch_alter_table("estimates") as batch_op:
        batch_op.add_column(
            sa.Column("review_taken_by", sa.String(length=60), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("review_taken_at", kernel.orm.UtcDateTime(), nullable=True))
    if op.get_bind().dialect.name != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in TRIGRAM_COLUMNS:
        op.execute(f"CREATE INDEX ix_parts_{column}_trgm ON parts USING gin ({column} gin_trgm_ops)")
    for column in RANGE_COLUMNS:
        op.execute(f'CREATE INDEX ix_parts_{column}_c ON parts ({column} COLLATE "C")')
    # 1–2 character queries (大灯, dd): the same grams as SQLite's part_search_gram.
    op.create_table(
        "part_search_grams",
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("grams", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.ForeignKeyConstraint(
            ["part_id"], ["parts.id"], name="fk_part_search_grams_part_id_parts", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("part_id", name="pk_part_search_grams"),
    )
    op.execute("CREATE INDEX ix_part_search_grams_grams ON part_search_grams USING gin (grams)")
    _index_existing_parts()


def _index_existing_parts() -> None:
    from parts_catalog.search_keys import name_grams

    bind = op.get_bind()
    grams = sa.table(
        "part_search_grams", sa.column("part_id"), sa.column("grams", postgresql.ARRAY(sa.Text()))
    )
    rows = bind.execute(sa.text("SELECT id, name_zh, initials FROM parts ORDER BY id")).all()
    for start in range(0, len(rows), 10_000):
        chunk = rows[start : start + 10_000]
        bind.execute(
            grams.insert(),
            [{"part_id": i, "grams": name_grams(name, initials).split()} for i, name, initials in chunk],
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_table("part_search_grams")
        for column in RANGE_COLUMNS:
            op.execute(f"DROP INDEX ix_parts_{column}_c")
        for column in TRIGRAM_COLUMNS:
            op.execute(f"DROP INDEX ix_parts_{column}_trgm")
    with op.batch_alter_table("estimates") as batch_op:
        batch_op.drop_column("review_taken_at")
        batch_op.drop_column("review_taken_by")

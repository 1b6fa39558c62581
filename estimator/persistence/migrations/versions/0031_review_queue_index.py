"""The review queue's index (issue #24, docs/team-load.md): a partial index on
``estimates (created_at, id) WHERE status = 'submitted'``, so that taking the next version
for review reads the queue instead of every version the server ever stored (at 100,000
versions the query went from a 59 ms sequential scan to 0.05 ms).

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

QUEUE = sa.text("status = 'submitted'")


def upgrade() -> None:
    op.create_index(
        "ix_estimates_review_queue",
        "estimates",
        ["created_at", "id"],
        unique=False,
        postgresql_where=QUEUE,
        sqlite_where=QUEUE,
    )


def downgrade() -> None:
    op.drop_index("ix_estimates_review_queue", table_name="estimates")

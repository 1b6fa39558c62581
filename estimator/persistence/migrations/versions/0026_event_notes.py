"""Field events keep a note (issue #19): the entrusted party of an entrusted survey (委托查勘)
and an optional remark, shown in the case's events and its history. Existing events have none.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: batch mode would rebuild ``case_events``, which SQLite refuses under
    # foreign keys once there are cases (see 0022_authority.py).
    op.add_column("case_events", sa.Column("note", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    op.drop_column("case_events", "note")

"""Approvals within the assessor's authority and their sampling (issue #19, indicators.md,
Groups and authority): whether a version was approved by its assessor within authority, whether
that approval was drawn for a later check (抽检), and the check's outcome, checker and note.
Existing versions were approved by reviewers: not within authority, not sampled.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: batch mode would rebuild ``estimates`` (its Boolean checks), which
    # SQLite refuses under the lines' foreign keys once there are versions.
    op.add_column(
        "estimates",
        sa.Column("within_authority", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "estimates", sa.Column("sampled", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.add_column(
        "estimates",
        sa.Column("sample_outcome", sa.String(length=10), server_default="", nullable=False),
    )
    op.add_column(
        "estimates",
        sa.Column("sample_checked_by", sa.String(length=60), server_default="", nullable=False),
    )
    op.add_column(
        "estimates", sa.Column("sample_note", sa.Text(), server_default="", nullable=False)
    )


def downgrade() -> None:
    # Plain DROP COLUMNs (SQLite 3.35+ too): rebuilding the table as batch mode does would
    # drop ``estimates`` under its lines' foreign keys.
    for column in (
        "sample_note",
        "sample_checked_by",
        "sample_outcome",
        "sampled",
        "within_authority",
    ):
        op.drop_column("estimates", column)

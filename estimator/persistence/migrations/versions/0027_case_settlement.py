"""The case's settlement data (issue #20): the insured vehicle's new price, registration and
depreciation class, the loss date, the policy, the liability both ways, the whole-vehicle
salvage and the flood record, one row per case. Existing cases have none (every column is
nullable: not given).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table referring to ``cases``: plain CREATE TABLE, nothing rebuilt.
    op.create_table(
        "case_settlement",
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("new_price", kernel.orm.ScaledDecimal(2), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("use_class", sa.String(length=40), nullable=True),
        sa.Column("loss_on", sa.Date(), nullable=True),
        sa.Column("vehicle_damage_sum_insured", kernel.orm.ScaledDecimal(2), nullable=True),
        sa.Column("third_party_limit", kernel.orm.ScaledDecimal(2), nullable=True),
        sa.Column("deductible", kernel.orm.ScaledDecimal(2), nullable=True),
        sa.Column("liability", sa.String(length=20), nullable=True),
        sa.Column("other_party_compulsory", sa.Boolean(), nullable=True),
        sa.Column("other_party_liability", sa.String(length=20), nullable=True),
        sa.Column("total_loss_salvage", kernel.orm.ScaledDecimal(2), nullable=True),
        sa.Column("water_level", sa.Integer(), nullable=True),
        sa.Column("immersion", sa.String(length=2), nullable=True),
        sa.Column("engine_restarted", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_case_settlement_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_settlement")),
    )


def downgrade() -> None:
    op.drop_table("case_settlement")

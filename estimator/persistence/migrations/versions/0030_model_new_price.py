"""The new-vehicle price on the catalog's models (issue #20; settlement.md: the new-vehicle
price from the model or entered): a nullable ``new_price`` on ``vehicle_models``, set by the
catalog workbook's optional ``new_price`` column; and ``vehicle_model_prices``, a row per
catalog version that set or changed a model's price, so that a version pinned to a catalog
version at submission keeps the price it was submitted with. Existing models have none until a
catalog giving prices is imported. SQLite adds the column in place (a plain ADD COLUMN).

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vehicle_models") as batch_op:
        batch_op.add_column(sa.Column("new_price", kernel.orm.ScaledDecimal(2), nullable=True))
    op.create_table(
        "vehicle_model_prices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("model_id", sa.Integer(), nullable=False),
        sa.Column("catalog_version_id", sa.Integer(), nullable=False),
        sa.Column("new_price", kernel.orm.ScaledDecimal(2), nullable=True),
        sa.ForeignKeyConstraint(
            ["catalog_version_id"],
            ["catalog_versions.id"],
            name=op.f("fk_vehicle_model_prices_catalog_version_id_catalog_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["model_id"],
            ["vehicle_models.id"],
            name=op.f("fk_vehicle_model_prices_model_id_vehicle_models"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_model_prices")),
        sa.UniqueConstraint(
            "model_id",
            "catalog_version_id",
            name=op.f("uq_vehicle_model_prices_model_id_catalog_version_id"),
        ),
    )


def downgrade() -> None:
    op.drop_table("vehicle_model_prices")
    # In place (SQLite 3.35+, PostgreSQL): batch mode would copy the table, and dropping the
    # original deletes the models' VIN prefixes and fitments (ON DELETE CASCADE).
    op.drop_column("vehicle_models", "new_price")

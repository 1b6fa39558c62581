"""The new-vehicle price on the catalog's models (issue #20; settlement.md: the new-vehicle
price from the model or entered): a nullable ``new_price`` on ``vehicle_models``, set by the
catalog workbook's optional ``new_price`` column. Existing models have none until a catalog
giving prices is imported. SQLite adds the column in place (a plain ADD COLUMN).

Revision ID: newprice_0030
Revises: 0029
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "newprice_0030"
down_revision = "0029"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vehicle_models") as batch_op:
        batch_op.add_column(sa.Column("new_price", kernel.orm.ScaledDecimal(2), nullable=True))


def downgrade() -> None:
    # In place (SQLite 3.35+, PostgreSQL): batch mode would copy the table, and dropping the
    # original deletes the models' VIN prefixes and fitments (ON DELETE CASCADE).
    op.drop_column("vehicle_models", "new_price")

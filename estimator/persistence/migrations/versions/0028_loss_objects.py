"""Loss objects (issue #20, item 1; settlement.md): a case holds the insured vehicle, any number
of third-party vehicles and third-party property items, each with its own estimate versions.

A table ``loss_objects`` (case, kind, index within the kind, a vehicle's plate, VIN, model and
shop, a property item's owner and description); every version points to its object and
version numbers count per object (the unique key moves from (case, version) to (object,
version)); a case event may name the object it is about. Existing cases get their insured
vehicle (index 0) and every existing version is attached to it: nothing else changes.

SQLite cannot drop a table's unique constraint in place, and rebuilding ``estimates`` the way
batch mode does (copy, drop, rename) is refused under its lines' foreign keys. Here the
foreign keys are deferred for the transaction and the versions are put back into the rebuilt
table *after* the old one is dropped: each row put back resolves the references it left
dangling, so the deferred check passes at commit and no line, certificate or reason is lost.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

import kernel.orm

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

_OLD_UNIQUE = "CONSTRAINT uq_estimates_case_id_version_no UNIQUE (case_id, version_no)"
_NEW_UNIQUE = (
    "CONSTRAINT fk_estimates_object_id_loss_objects FOREIGN KEY(object_id) "
    "REFERENCES loss_objects (id), \n\t"
    "CONSTRAINT uq_estimates_object_id_version_no UNIQUE (object_id, version_no)"
)
_CASE_COLUMN = "case_id VARCHAR(32) NOT NULL, "
_OBJECT_COLUMN = "object_id VARCHAR(32) NOT NULL, "


def upgrade() -> None:
    op.create_table(
        "loss_objects",
        sa.Column("id", kernel.orm.UuidText(), nullable=False),
        sa.Column("case_id", kernel.orm.UuidText(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("kind_index", sa.Integer(), nullable=False),
        sa.Column("plate", sa.String(length=20), nullable=False),
        sa.Column("vin", sa.String(length=17), nullable=False),
        sa.Column("model_code", sa.String(length=60), nullable=False),
        sa.Column("vehicle_class", sa.String(length=20), nullable=False),
        sa.Column("paint_type", sa.String(length=20), nullable=False),
        sa.Column("shop_name", sa.String(length=200), nullable=False),
        sa.Column("shop_class", sa.String(length=20), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("created_by", sa.String(length=60), nullable=False),
        sa.Column("created_at", kernel.orm.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_loss_objects_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loss_objects")),
        sa.UniqueConstraint(
            "case_id", "kind", "kind_index", name=op.f("uq_loss_objects_case_id_kind_kind_index")
        ),
    )
    op.create_index(op.f("ix_loss_objects_case_id"), "loss_objects", ["case_id"], unique=False)
    _insured_vehicles()
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(_to_objects, "o.id", "JOIN loss_objects o ON o.case_id = t.case_id")
    else:
        op.add_column("estimates", sa.Column("object_id", kernel.orm.UuidText(), nullable=True))
        op.execute(
            "UPDATE estimates SET object_id = (SELECT o.id FROM loss_objects o "
            "WHERE o.case_id = estimates.case_id AND o.kind = 'insured_vehicle')"
        )
        op.alter_column("estimates", "object_id", nullable=False)
        op.drop_constraint("uq_estimates_case_id_version_no", "estimates", type_="unique")
        op.create_unique_constraint(
            "uq_estimates_object_id_version_no", "estimates", ["object_id", "version_no"]
        )
        op.create_foreign_key(
            "fk_estimates_object_id_loss_objects",
            "estimates",
            "loss_objects",
            ["object_id"],
            ["id"],
        )
    op.create_index(op.f("ix_estimates_object_id"), "estimates", ["object_id"], unique=False)
    op.add_column("case_events", sa.Column("object_id", kernel.orm.UuidText(), nullable=True))
    op.create_index(op.f("ix_case_events_object_id"), "case_events", ["object_id"], unique=False)


def _insured_vehicles() -> None:
    """One insured vehicle (index 0) per existing case, named by the case's own vehicle."""
    bind = op.get_bind()
    cases = bind.execute(sa.text("SELECT id, created_by, created_at FROM cases")).all()
    rows = [
        {
            "id": uuid.uuid4().hex,
            "case_id": case_id,
            "kind": "insured_vehicle",
            "kind_index": 0,
            "created_by": created_by,
            "created_at": created_at,
            **dict.fromkeys(_BLANK, ""),
            "paint_type": "solid",
            "shop_class": "class1",
        }
        for case_id, created_by, created_at in cases
    ]
    if rows:
        # created_at as read (the stored text or timestamp), written back unchanged.
        plain = sa.table("loss_objects", *(sa.column(name) for name in rows[0]))
        bind.execute(plain.insert(), rows)


_BLANK = (
    "plate",
    "vin",
    "model_code",
    "vehicle_class",
    "paint_type",
    "shop_name",
    "shop_class",
    "owner",
    "description",
)


def _to_objects(sql: str) -> str:
    if _OLD_UNIQUE not in sql or _CASE_COLUMN not in sql:
        raise RuntimeError("estimates is not as migration 0027 left it")
    return sql.replace(_CASE_COLUMN, _CASE_COLUMN + _OBJECT_COLUMN, 1).replace(
        _OLD_UNIQUE, _NEW_UNIQUE
    )


def _to_cases(sql: str) -> str:
    if _NEW_UNIQUE not in sql or _OBJECT_COLUMN not in sql:
        raise RuntimeError("estimates is not as migration 0028 left it")
    return sql.replace(_OBJECT_COLUMN, "", 1).replace(_NEW_UNIQUE, _OLD_UNIQUE)


def _rebuild_sqlite(change: object, object_value: str, join: str) -> None:
    """Rebuild ``estimates`` with its CREATE statement changed by ``change``: the rows are
    kept aside, the table dropped and made anew, and the rows put back (see the module's
    docstring for why in this order)."""
    assert callable(change)
    bind = op.get_bind()
    bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # until this transaction ends
    old_sql = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'estimates'"
    ).scalar_one()
    columns = [row[1] for row in bind.exec_driver_sql("PRAGMA table_info(estimates)")]
    kept = [c for c in columns if c != "object_id"]
    bind.exec_driver_sql("CREATE TEMP TABLE _estimates_kept AS SELECT * FROM estimates")
    indexes = (
        bind.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'estimates' "
            "AND sql IS NOT NULL"
        )
        .scalars()
        .all()
    )
    for name in indexes:
        bind.exec_driver_sql(f"DROP INDEX {name}")
    bind.exec_driver_sql("DROP TABLE estimates")
    bind.exec_driver_sql(change(old_sql))
    listed = ", ".join(kept)
    from_kept = ", ".join(f"t.{c}" for c in kept)
    target = f"{listed}, object_id" if object_value else listed
    source = f"{from_kept}, {object_value}" if object_value else from_kept
    bind.exec_driver_sql(
        f"INSERT INTO estimates ({target}) SELECT {source} FROM temp._estimates_kept t {join}"
    )
    bind.exec_driver_sql("DROP TABLE temp._estimates_kept")
    bind.exec_driver_sql("CREATE INDEX ix_estimates_case_id ON estimates (case_id)")


def downgrade() -> None:
    bind = op.get_bind()
    others = bind.execute(
        sa.text("SELECT count(*) FROM loss_objects WHERE kind <> 'insured_vehicle'")
    ).scalar_one()
    if others:
        raise RuntimeError(
            f"{others} third-party loss objects would be lost: a database with them cannot go "
            "below 0028"
        )
    op.drop_index(op.f("ix_case_events_object_id"), table_name="case_events")
    op.drop_column("case_events", "object_id")
    op.drop_index(op.f("ix_estimates_object_id"), table_name="estimates")
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite(_to_cases, "", "")
    else:
        op.drop_constraint("fk_estimates_object_id_loss_objects", "estimates", type_="foreignkey")
        op.drop_constraint("uq_estimates_object_id_version_no", "estimates", type_="unique")
        op.create_unique_constraint(
            "uq_estimates_case_id_version_no", "estimates", ["case_id", "version_no"]
        )
        op.drop_column("estimates", "object_id")
    op.drop_index(op.f("ix_loss_objects_case_id"), table_name="loss_objects")
    op.drop_table("loss_objects")

"""Writing a validated labor standard as a new version, and loading the current one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.orm import Session

from kernel.clock import utcnow
from labor_standards.model import (
    LaborKey,
    LaborRate,
    LaborStandard,
    LaborTime,
    Operation,
    PaintDiscount,
    PaintPanels,
    PaintRate,
    PaintType,
    ShopClass,
)
from labor_standards.rows import (
    LaborRateRow,
    LaborTimeRow,
    LaborVersionRow,
    PaintDiscountRow,
    PaintPanelRow,
    PaintRateRow,
)
from labor_standards.workbook import ParsedStandard


def _table(row_class: type[Any]) -> Table:
    table = row_class.__table__
    assert isinstance(table, Table)
    return table


def find_version_by_hash(session: Session, content_hash: str) -> LaborVersionRow | None:
    """The labor standard version imported from content with this hash, if any."""
    return session.scalars(
        select(LaborVersionRow).where(LaborVersionRow.content_hash == content_hash)
    ).first()


_Batch = tuple[Any, list[dict[str, Any]]]


def _labor_batches(v: int, parsed: ParsedStandard) -> list[_Batch]:
    """The labor time and labor rate rows of version ``v``, ready to insert."""
    return [
        (
            LaborTimeRow,
            [
                {
                    "version_id": v,
                    "component_code": t.component_code,
                    "component_name": t.component_name,
                    "operation": t.operation.value,
                    "vehicle_class": t.vehicle_class,
                    "hours": t.hours,
                    "includes": ";".join(str(k) for k in t.includes),
                }
                for t in parsed.labor_times
            ],
        ),
        (
            LaborRateRow,
            [
                {
                    "version_id": v,
                    "region": r.region,
                    "shop_class": r.shop_class.value,
                    "labor_type": r.labor_type,
                    "rate": r.rate,
                }
                for r in parsed.labor_rates
            ],
        ),
    ]


def _paint_batches(v: int, parsed: ParsedStandard) -> list[_Batch]:
    """The paint panel, paint rate and paint discount rows of version ``v``, ready to insert."""
    return [
        (
            PaintPanelRow,
            [
                {"version_id": v, "component_code": p.component_code, "panels": p.panels}
                for p in parsed.paint_panels
            ],
        ),
        (
            PaintRateRow,
            [
                {
                    "version_id": v,
                    "region": p.region,
                    "vehicle_class": p.vehicle_class,
                    "paint_type": p.paint_type.value,
                    "price_per_panel": p.price_per_panel,
                    "full_vehicle_price": p.full_vehicle_price,
                }
                for p in parsed.paint_rates
            ],
        ),
        (
            PaintDiscountRow,
            [
                {
                    "version_id": v,
                    "region": d.region,
                    "min_panels": d.min_panels,
                    "factor": d.factor,
                }
                for d in parsed.paint_discounts
            ],
        ),
    ]


def store_standard(
    session: Session,
    parsed: ParsedStandard,
    *,
    source_name: str,
    content_hash: str,
    imported_by: str = "",
    imported_at: dt.datetime | None = None,
) -> int:
    """Store the standard as a new version (the current one from now on); returns its id."""
    version = LaborVersionRow(
        source_name=source_name,
        content_hash=content_hash,
        imported_by=imported_by,
        imported_at=imported_at or utcnow(),
        rejected_count=parsed.rows_rejected,
    )
    session.add(version)
    session.flush()
    connection = session.connection()
    v = version.id
    batches = [*_labor_batches(v, parsed), *_paint_batches(v, parsed)]
    for row_class, values in batches:
        if values:
            connection.execute(insert(_table(row_class)), values)
    version.rows_count = sum(len(values) for _, values in batches)
    session.flush()
    return v


def current_version(connection: Connection) -> tuple[int, str] | None:
    """(id, content hash) of the newest labor standard version, or None before the first."""
    row = connection.execute(
        select(LaborVersionRow.id, LaborVersionRow.content_hash).order_by(LaborVersionRow.id.desc())
    ).first()
    return None if row is None else (row.id, row.content_hash)


def _includes(text: str) -> tuple[LaborKey, ...]:
    keys = []
    for item in filter(None, text.split(";")):
        component, _, operation = item.partition(":")
        keys.append(LaborKey(component, Operation(operation)))
    return tuple(keys)


def load_standard(connection: Connection, version_id: int) -> LaborStandard:
    """A stored labor standard version as the domain's LaborStandard."""

    def rows(row_class: type[Any]) -> list[Any]:
        table = _table(row_class)
        return list(connection.execute(select(table).where(table.c.version_id == version_id)))

    return LaborStandard(
        version_id,
        [
            LaborTime(
                r.component_code,
                Operation(r.operation),
                r.vehicle_class,
                r.hours,
                _includes(r.includes),
                r.component_name,
            )
            for r in rows(LaborTimeRow)
        ],
        [
            LaborRate(r.region, ShopClass(r.shop_class), r.labor_type, r.rate)
            for r in rows(LaborRateRow)
        ],
        [PaintPanels(r.component_code, r.panels) for r in rows(PaintPanelRow)],
        [
            PaintRate(
                r.region,
                r.vehicle_class,
                PaintType(r.paint_type),
                r.price_per_panel,
                r.full_vehicle_price,
            )
            for r in rows(PaintRateRow)
        ],
        [PaintDiscount(r.region, r.min_panels, r.factor) for r in rows(PaintDiscountRow)],
    )

"""The reference data repository: what a new case offers to choose from, read from the
parts catalog's and the labor standards' tables (their own stores load whole versions).

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from labor_standards import store as labor_store
from labor_standards.rows import LaborRateRow, LaborVersionRow
from parts_catalog.rows import VehicleModelRow


class ReferenceRepository:
    """Catalog and labor standard lookups in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def vehicle_models(self) -> list[tuple[str, str, str]]:
        """(model code, brand, model name) of every catalog vehicle model, by code."""
        query = select(
            VehicleModelRow.model_code, VehicleModelRow.brand, VehicleModelRow.model_name
        ).order_by(VehicleModelRow.model_code)
        return [(code, brand, name) for code, brand, name in self.session.execute(query)]

    def newest_labor_import(self) -> tuple[str, dt.datetime] | None:
        """The workbook the newest labor standard was imported from, and when (None: none)."""
        found = self.session.execute(
            select(LaborVersionRow.source_name, LaborVersionRow.imported_at)
            .order_by(LaborVersionRow.id.desc())
            .limit(1)
        ).first()
        return None if found is None else (found.source_name, found.imported_at)

    def labor_rate_regions(self) -> set[str]:
        """The region codes the current labor standard has rates for (none without one)."""
        current = labor_store.current_version(self.session.connection())
        if current is None:
            return set()
        query = select(LaborRateRow.region).where(LaborRateRow.version_id == current[0])
        return set(self.session.scalars(query))

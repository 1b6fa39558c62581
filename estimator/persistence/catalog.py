"""The parts catalog repository as the application reads and corrects it: parts by number or
id, vehicle models by code or VIN prefix, prices in force, the imports (the ranked search
itself lives in ``parts_catalog.search``).

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from decimal import Decimal

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from parts_catalog.rows import (
    CatalogVersionRow,
    PartFitmentRow,
    PartPriceRow,
    PartRow,
    VehicleModelRow,
    VinPrefixRow,
)


class CatalogRepository:
    """Catalog rows in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def part(self, part_no: str, *, lock: bool = False) -> PartRow | None:
        """The part with this (normalised) number; ``lock``: read afresh and locked until
        commit."""
        query = select(PartRow).where(PartRow.part_no == part_no)
        if lock:
            query = query.with_for_update().execution_options(populate_existing=True)
        return self.session.scalar(query)

    def parts_by_id(self, ids: Collection[int]) -> list[PartRow]:
        """The parts with these ids."""
        return list(self.session.scalars(select(PartRow).where(PartRow.id.in_(list(ids)))))

    def model_id(self, model_code: str) -> int | None:
        """The id of the vehicle model with this (upper-case) code, or None."""
        query = select(VehicleModelRow.id).where(VehicleModelRow.model_code == model_code)
        return self.session.scalar(query)

    def parts_of_component(self, component_code: str, model_code: str) -> list[str]:
        """The numbers of the parts of a component that fit a vehicle model."""
        query = (
            select(PartRow.part_no)
            .join(PartFitmentRow, PartFitmentRow.part_id == PartRow.id)
            .join(VehicleModelRow, VehicleModelRow.id == PartFitmentRow.model_id)
            .where(PartRow.component_code == component_code)
            .where(VehicleModelRow.model_code == model_code)
        )
        return list(self.session.scalars(query))

    def categories(self, part_nos: Collection[str]) -> dict[str, str]:
        """The catalog category of each of these (normalised) part numbers it has."""
        query = select(PartRow.part_no, PartRow.category).where(PartRow.part_no.in_(list(part_nos)))
        return dict(self.session.execute(query).all())

    def models_by_vin_prefix(self, prefixes: Collection[str]) -> list[Row[str, str, str, str, str]]:
        """(prefix, model_code, brand, model_name, vehicle_class) of the models whose VIN
        prefix is one of ``prefixes``."""
        query = (
            select(
                VinPrefixRow.prefix,
                VehicleModelRow.model_code,
                VehicleModelRow.brand,
                VehicleModelRow.model_name,
                VehicleModelRow.vehicle_class,
            )
            .join(VehicleModelRow, VehicleModelRow.id == VinPrefixRow.model_id)
            .where(VinPrefixRow.prefix.in_(list(prefixes)))
        )
        return list(self.session.execute(query).all())

    def price_on(
        self, part_no: str, region: str, price_type: str, on: dt.date
    ) -> Row[Decimal, dt.date, int] | None:
        """(price, effective_date, catalog_version_id) in force on ``on``: the latest
        effective date not after it, the newest import first."""
        query = (
            select(PartPriceRow.price, PartPriceRow.effective_date, PartPriceRow.catalog_version_id)
            .join(PartRow, PartRow.id == PartPriceRow.part_id)
            .where(
                PartRow.part_no == part_no,
                PartPriceRow.region == region,
                PartPriceRow.price_type == price_type,
                PartPriceRow.effective_date <= on,
            )
            .order_by(PartPriceRow.effective_date.desc(), PartPriceRow.catalog_version_id.desc())
            .limit(1)
        )
        return self.session.execute(query).first()

    def version(self, version_id: int) -> CatalogVersionRow | None:
        """The catalog import with this id, or None."""
        return self.session.get(CatalogVersionRow, version_id)

    def counts(self) -> tuple[int, int]:
        """How many vehicle models and parts the catalog holds."""
        models = self.session.scalar(select(func.count()).select_from(VehicleModelRow))
        parts = self.session.scalar(select(func.count()).select_from(PartRow))
        return models or 0, parts or 0

    def has_parts(self) -> bool:
        """Whether the catalog holds any part (none before the first import)."""
        return self.session.scalar(select(PartRow.id).limit(1)) is not None

    def versions(self) -> list[CatalogVersionRow]:
        """Every catalog import, newest first."""
        query = select(CatalogVersionRow).order_by(CatalogVersionRow.id.desc())
        return list(self.session.scalars(query))

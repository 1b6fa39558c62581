"""Catalog use cases: import a workbook, search parts, find a model by VIN, look up prices."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from estimator.persistence.database import DatabaseError
from estimator.persistence.uow import UnitOfWork
from estimator.services.imports import ImportResult, run_import
from kernel.workbook import Progress
from parts_catalog import store
from parts_catalog.model import CatalogVersion, PartMatch, PriceType, normalize_part_no
from parts_catalog.rows import (
    CatalogVersionRow,
    PartPriceRow,
    PartRow,
    VehicleModelRow,
    VinPrefixRow,
)
from parts_catalog.search import search as run_search
from parts_catalog.vin import VinCheck, check_vin, vin_prefix_candidates
from parts_catalog.workbook import ParsedCatalog, read_catalog


def import_catalog(
    engine: Engine,
    path: Path,
    *,
    region: str | None = None,
    skip_invalid: bool = False,
    imported_by: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Import a catalog workbook as a new catalog version: atomic unless ``skip_invalid``.
    ``progress`` is told the rows read and may cancel (nothing is then written)."""

    def find(session: Session, content_hash: str) -> int | None:
        found = store.find_version_by_hash(session, content_hash)
        return None if found is None else found.id

    def read(session: Session) -> Callable[[], ParsedCatalog]:
        known = store.known_model_codes(session)
        return lambda: read_catalog(path, region=region, known_models=known, progress=progress)

    def write(
        session: Session, parsed: ParsedCatalog, content_hash: str
    ) -> tuple[int, dict[str, int]]:
        counts = store.store_catalog(
            session,
            source_name=path.name,
            content_hash=content_hash,
            models=parsed.models,
            parts=parsed.parts.values(),
            rejected_count=parsed.rows_rejected,
            imported_by=imported_by,
        )
        return counts.version_id, {
            "models": counts.models_added + counts.models_updated,
            "parts_added": counts.parts_added,
            "parts_updated": counts.parts_updated,
            "prices_added": counts.prices_added,
        }

    result = run_import(
        engine, path, skip_invalid=skip_invalid, find_existing=find, read=read, store=write
    )
    if result.status == "imported":
        refresh_search_statistics(engine)
    return result


#: The tables a part search reads.
SEARCH_TABLES = ("parts", "part_fitments", "part_search_grams", "vehicle_models")


def refresh_search_statistics(engine: Engine) -> None:
    """On PostgreSQL, VACUUM (ANALYZE) the tables a search reads once a catalog is stored:
    the planner then knows the new sizes and the index-only scans skip the heap at once,
    not a minute or more later when autovacuum comes round (until then a search filtered
    by model picks worse plans). Best effort: the import is already committed, and
    autovacuum does the same later. SQLite plans without such statistics."""
    if engine.dialect.name != "postgresql":
        return
    with contextlib.suppress(DBAPIError, DatabaseError), engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM (ANALYZE) " + ", ".join(SEARCH_TABLES)
        )


class UnknownModel(LookupError):
    """A model code that is not in the catalog."""


def search_parts(
    engine: Engine, text: str, *, model_code: str | None = None, limit: int = 50
) -> list[PartMatch]:
    """Ranked part search (see parts_catalog/search.py)."""
    with engine.connect() as connection:
        model_id = None
        if model_code:
            model_id = connection.execute(
                select(VehicleModelRow.id).where(VehicleModelRow.model_code == model_code.upper())
            ).scalar()
            if model_id is None:
                raise UnknownModel(model_code)
        driver = connection.connection.driver_connection
        return run_search(
            driver,  # type: ignore[arg-type]
            text,
            model_id,
            limit,
            connection.dialect.name,
        )


@dataclass(frozen=True)
class VinLookup:
    """A VIN's check and the model its longest registered prefix names (if any)."""

    check: VinCheck
    model_code: str | None
    model_name: str | None
    vehicle_class: str | None
    matched_prefix: str | None


def find_model_by_vin(engine: Engine, vin: str) -> VinLookup:
    """The model whose registered VIN prefix is the longest prefix of ``vin``."""
    check = check_vin(vin)
    candidates = vin_prefix_candidates(check.vin)
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                VinPrefixRow.prefix,
                VehicleModelRow.model_code,
                VehicleModelRow.brand,
                VehicleModelRow.model_name,
                VehicleModelRow.vehicle_class,
            )
            .join(VehicleModelRow, VehicleModelRow.id == VinPrefixRow.model_id)
            .where(VinPrefixRow.prefix.in_(candidates))
        ).all()
    if not rows:
        return VinLookup(check, None, None, None, None)
    best = max(rows, key=lambda r: (len(r.prefix), r.model_code))
    return VinLookup(
        check, best.model_code, f"{best.brand} {best.model_name}", best.vehicle_class, best.prefix
    )


@dataclass(frozen=True)
class PriceQuote:
    """A catalog price as of a date, and where it came from."""

    part_no: str
    region: str
    price_type: PriceType
    price: Decimal
    effective_date: dt.date
    catalog_version_id: int


def price_on(
    engine: Engine, part_no: str, region: str, price_type: PriceType, on: dt.date
) -> PriceQuote | None:
    """The price in force on ``on``: latest effective date not after it, newest import wins."""
    number = normalize_part_no(part_no)
    with engine.connect() as connection:
        row = connection.execute(
            select(PartPriceRow.price, PartPriceRow.effective_date, PartPriceRow.catalog_version_id)
            .join(PartRow, PartRow.id == PartPriceRow.part_id)
            .where(
                PartRow.part_no == number,
                PartPriceRow.region == region.upper(),
                PartPriceRow.price_type == price_type.value,
                PartPriceRow.effective_date <= on,
            )
            .order_by(PartPriceRow.effective_date.desc(), PartPriceRow.catalog_version_id.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    return PriceQuote(
        number, region.upper(), price_type, row.price, row.effective_date, row.catalog_version_id
    )


def catalog_versions(engine: Engine) -> list[CatalogVersion]:
    """Every catalog import, newest first."""
    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(CatalogVersionRow).order_by(CatalogVersionRow.id.desc()))
        return [
            CatalogVersion(
                r.id,
                r.source_name,
                r.content_hash,
                r.imported_at,
                r.imported_by,
                r.models_count,
                r.parts_count,
                r.prices_count,
                r.rejected_count,
            )
            for r in rows
        ]


def write_catalog_template(path: Path) -> None:
    """Write the empty catalog workbook template."""
    from parts_catalog.workbook import write_template

    write_template(path)

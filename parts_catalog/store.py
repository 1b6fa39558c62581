"""Writing a validated catalog into the database with the bulk paths, search index included.

An import runs inside the caller's transaction (the service's unit of work), so it is
atomic: if anything fails, nothing of it is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import (
    ARRAY,
    Column,
    Connection,
    Integer,
    MetaData,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from kernel.clock import utcnow
from parts_catalog.model import (
    CatalogEntry,
    CatalogPart,
    CatalogSnapshot,
    DatedPrice,
    PriceKey,
    PriceType,
    VehicleModel,
)
from parts_catalog.rows import (
    CatalogVersionRow,
    ModelNewPriceRow,
    PartFitmentRow,
    PartPriceRow,
    PartRow,
    VehicleModelRow,
    VinPrefixRow,
)
from parts_catalog.search_keys import name_grams, pinyin_keys

CHUNK = 20_000
T = TypeVar("T")

#: PostgreSQL's 1–2 character search grams (migration 0011): kept out of the ORM's metadata
#: like SQLite's full-text tables, since it exists on one engine only.
PG_SEARCH_GRAMS = Table(
    "part_search_grams",
    MetaData(),
    Column("part_id", Integer, primary_key=True),
    Column("grams", ARRAY(Text)),  # PostgreSQL's array (its dialect loaded only when used)
)


@dataclass(frozen=True)
class StoreCounts:
    """What one import changed."""

    version_id: int
    models_added: int
    models_updated: int
    parts_added: int
    parts_updated: int
    prices_added: int


def _table(row_class: type[Any]) -> Table:
    table = row_class.__table__
    assert isinstance(table, Table)
    return table


def find_version_by_hash(session: Session, content_hash: str) -> CatalogVersionRow | None:
    """The catalog version imported from content with this hash, if any."""
    return session.scalars(
        select(CatalogVersionRow).where(CatalogVersionRow.content_hash == content_hash)
    ).first()


def known_model_codes(session: Session) -> set[str]:
    """Every model code in the catalog."""
    return set(session.scalars(select(VehicleModelRow.model_code)))


def store_catalog(
    session: Session,
    *,
    source_name: str,
    content_hash: str,
    models: Sequence[VehicleModel],
    parts: Iterable[CatalogPart],
    rejected_count: int = 0,
    imported_by: str = "",
    imported_at: dt.datetime | None = None,
) -> StoreCounts:
    """Store models and parts as a new catalog version; returns the counts."""
    version = CatalogVersionRow(
        source_name=source_name,
        content_hash=content_hash,
        imported_at=imported_at or utcnow(),
        imported_by=imported_by,
        rejected_count=rejected_count,
    )
    session.add(version)
    session.flush()
    connection = session.connection()
    models_added, models_updated = _store_models(connection, version.id, models)
    parts_added = parts_updated = prices_added = 0
    for chunk in _chunks(parts, CHUNK):
        added, updated, prices = _store_parts(connection, version.id, chunk)
        parts_added += added
        parts_updated += updated
        prices_added += prices
    version.models_count = models_added + models_updated
    version.parts_count = parts_added + parts_updated
    version.prices_count = prices_added
    session.flush()
    return StoreCounts(
        version.id, models_added, models_updated, parts_added, parts_updated, prices_added
    )


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_MODEL_ATTRIBUTES = (
    "brand",
    "series",
    "model_name",
    "year_from",
    "year_to",
    "vehicle_class",
    "new_price",
)


def _store_models(
    connection: Connection, version_id: int, models: Sequence[VehicleModel]
) -> tuple[int, int]:
    """Add new models; update (moving ``row_version``) only those whose attributes or VIN
    prefixes differ; an unchanged model keeps its row and the version that imported it."""
    if not models:
        return 0, 0
    table = _table(VehicleModelRow)
    prefixes = _table(VinPrefixRow)
    existing = {
        row.model_code: row
        for row in connection.execute(
            select(table.c.id, table.c.model_code, *[table.c[a] for a in _MODEL_ATTRIBUTES])
        )
    }
    registered: dict[int, set[str]] = {}
    for prefix, model_id in connection.execute(select(prefixes.c.prefix, prefixes.c.model_id)):
        registered.setdefault(model_id, set()).add(prefix)
    values = {
        m.model_code: {
            "model_code": m.model_code,
            "brand": m.brand,
            "series": m.series,
            "model_name": m.model_name,
            "year_from": m.year_from,
            "year_to": m.year_to,
            "vehicle_class": m.vehicle_class,
            "new_price": m.new_price,
            "catalog_version_id": version_id,
        }
        for m in models
    }
    new = [v for code, v in values.items() if code not in existing]
    changed = [
        m
        for m in models
        if m.model_code in existing
        and (
            any(getattr(existing[m.model_code], a) != getattr(m, a) for a in _MODEL_ATTRIBUTES)
            or registered.get(existing[m.model_code].id, set()) != set(m.vin_prefixes)
        )
    ]
    if new:
        connection.execute(insert(table), new)
    if changed:
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(row_version=table.c.row_version + 1),
            [
                {
                    **{k: v for k, v in values[m.model_code].items() if k != "model_code"},
                    "b_id": existing[m.model_code].id,
                }
                for m in changed
            ],
        )
    ids = dict(connection.execute(select(table.c.model_code, table.c.id)).all())
    stored = [m for m in models if m.model_code not in existing] + changed
    if changed:
        connection.execute(
            delete(prefixes).where(prefixes.c.model_id.in_([ids[m.model_code] for m in changed]))
        )
    prefix_rows = [
        {"prefix": p, "model_id": ids[m.model_code]} for m in stored for p in m.vin_prefixes
    ]
    if prefix_rows:
        connection.execute(insert(prefixes), prefix_rows)
    _store_new_prices(connection, version_id, stored, existing, ids)
    return len(new), len(changed)


def _store_new_prices(
    connection: Connection,
    version_id: int,
    stored: Sequence[VehicleModel],
    existing: dict[str, Any],
    ids: dict[str, int],
) -> None:
    """The new-price history: a row where a new model has a price, or a change moved it
    (None when cleared), so that a version pinned to an older catalog keeps its price."""
    rows = [
        {"model_id": ids[m.model_code], "catalog_version_id": version_id, "new_price": m.new_price}
        for m in stored
        if (
            existing[m.model_code].new_price != m.new_price
            if m.model_code in existing
            else m.new_price is not None
        )
    ]
    if rows:
        connection.execute(insert(_table(ModelNewPriceRow)), rows)


def _part_values(part: CatalogPart, version_id: int) -> dict[str, Any]:
    full, initials = pinyin_keys(part.name_zh)
    return {
        "part_no": part.part_no,
        "name_zh": part.name_zh,
        "name_en": part.name_en,
        "component_code": part.component_code,
        "category": part.category,
        "recover_old_part": part.recover_old_part,
        "salvage_rate": part.salvage_rate,
        "pinyin": full,
        "initials": initials,
        "catalog_version_id": version_id,
    }


_ATTRIBUTES = (
    "name_zh",
    "name_en",
    "component_code",
    "category",
    "recover_old_part",
    "salvage_rate",
)


def _store_parts(
    connection: Connection, version_id: int, parts: list[CatalogPart]
) -> tuple[int, int, int]:
    table = _table(PartRow)
    numbers = [p.part_no for p in parts]
    existing = {
        row.part_no: row
        for row in connection.execute(
            select(table.c.id, *[table.c[a] for a in ("part_no", *_ATTRIBUTES)]).where(
                table.c.part_no.in_(numbers)
            )
        )
    }
    new = [_part_values(p, version_id) for p in parts if p.part_no not in existing]
    changed = [
        {**_part_values(p, version_id), "b_id": existing[p.part_no].id}
        for p in parts
        if p.part_no in existing and _differs(existing[p.part_no], p)
    ]
    if new:
        connection.execute(insert(table), new)
    if changed:
        # A changed part's version moves, so a correction made on what it was is refused.
        connection.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(row_version=table.c.row_version + 1),
            [{k: v for k, v in row.items() if k != "part_no"} for row in changed],
        )
    ids = dict(
        connection.execute(
            select(table.c.part_no, table.c.id).where(table.c.part_no.in_(numbers))
        ).all()
    )
    _index_for_search(connection, [*new, *changed], ids, replace=bool(changed))
    _store_fitments(connection, parts, ids)
    prices = _store_prices(connection, version_id, parts, ids, bool(existing))
    return len(new), len(changed), prices


def _differs(row: Any, part: CatalogPart) -> bool:
    return any(getattr(row, a) != getattr(part, a) for a in _ATTRIBUTES)


def _store_fitments(connection: Connection, parts: list[CatalogPart], ids: dict[str, int]) -> None:
    models = _table(VehicleModelRow)
    model_ids = dict(connection.execute(select(models.c.model_code, models.c.id)).all())
    rows = [{"part_id": ids[p.part_no], "model_id": model_ids[m]} for p in parts for m in p.models]
    if rows:
        connection.execute(_insert_ignore(connection, _table(PartFitmentRow)), rows)


def _insert_ignore(connection: Connection, table: Any) -> Any:
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def _store_prices(
    connection: Connection,
    version_id: int,
    parts: list[CatalogPart],
    ids: dict[str, int],
    may_exist: bool,
) -> int:
    table = _table(PartPriceRow)
    latest: dict[tuple[int, str, str, dt.date], Decimal] = {}
    if may_exist:
        query = (
            select(
                table.c.part_id,
                table.c.region,
                table.c.price_type,
                table.c.effective_date,
                table.c.price,
            )
            .where(table.c.part_id.in_(list(ids.values())))
            .order_by(table.c.catalog_version_id)
        )
        for part_id, region, price_type, effective, price in connection.execute(query):
            latest[(part_id, region, price_type, effective)] = price
    rows = []
    for part in parts:
        part_id = ids[part.part_no]
        for price in part.prices:
            key = (part_id, price.region, price.price_type.value, price.effective_date)
            if latest.get(key) == price.price:
                continue  # unchanged: history keeps one row per real change
            rows.append(
                {
                    "part_id": part_id,
                    "region": price.region,
                    "price_type": price.price_type.value,
                    "effective_date": price.effective_date,
                    "price": price.price,
                    "catalog_version_id": version_id,
                }
            )
    if rows:
        connection.execute(insert(table), rows)
    return len(rows)


def _index_for_search(
    connection: Connection, values: list[dict[str, Any]], ids: dict[str, int], *, replace: bool
) -> None:
    """Keep the search side tables in step with the parts: SQLite's full-text tables, or
    PostgreSQL's gram arrays (its trigram indexes sit on ``parts`` itself)."""
    if not values:
        return
    rows = [(ids[v["part_no"]], v) for v in values]
    if connection.dialect.name == "postgresql":
        statement = _upsert(PG_SEARCH_GRAMS, ["part_id"], ["grams"])
        connection.execute(
            statement,
            [
                {"part_id": i, "grams": name_grams(v["name_zh"], v["initials"]).split()}
                for i, v in rows
            ],
        )
        return
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    if replace:
        driver.executemany("DELETE FROM part_search_tri WHERE rowid = ?", [(i,) for i, _ in rows])
        driver.executemany("DELETE FROM part_search_gram WHERE rowid = ?", [(i,) for i, _ in rows])
    driver.executemany(
        "INSERT INTO part_search_tri(rowid, name_zh, initials, pinyin, part_no) VALUES (?,?,?,?,?)",
        [(i, v["name_zh"], v["initials"], v["pinyin"], v["part_no"]) for i, v in rows],
    )
    driver.executemany(
        "INSERT INTO part_search_gram(rowid, grams) VALUES (?, ?)",
        [(i, name_grams(v["name_zh"], v["initials"])) for i, v in rows],
    )


def index_parts(
    connection: Connection, parts: Sequence[Mapping[str, Any]], *, replace: bool
) -> None:
    """Enter parts copied as stored (each a row of ``parts`` as a mapping: ``id``,
    ``part_no``, ``name_zh``, ``pinyin``, ``initials``) into this database's search side
    tables, in the caller's transaction; ``replace`` first drops the entries they had."""
    values = [{k: p[k] for k in ("part_no", "name_zh", "pinyin", "initials")} for p in parts]
    _index_for_search(connection, values, {p["part_no"]: p["id"] for p in parts}, replace=replace)


def reindex_part(
    connection: Connection, part_id: int, part_no: str, name_zh: str, pinyin: str, initials: str
) -> None:
    """Replace one part's search index entries (after a correction of its name), in the
    caller's transaction: type-ahead then finds the part by its new name only."""
    values = {"part_no": part_no, "name_zh": name_zh, "pinyin": pinyin, "initials": initials}
    _index_for_search(connection, [values], {part_no: part_id}, replace=True)


def _upsert(table: Table, keys: list[str], columns: list[str]) -> Any:
    from sqlalchemy.dialects import postgresql

    statement = postgresql.insert(table)
    return statement.on_conflict_do_update(
        index_elements=keys, set_={c: statement.excluded[c] for c in columns}
    )


def load_snapshot(
    connection: Connection, part_nos: Iterable[str], region: str, up_to_version: int | None = None
) -> CatalogSnapshot:
    """The parts ``part_nos`` with their fitment and every price of ``region``, for pricing;
    with ``up_to_version``, only prices imported by that catalog version or earlier (so a
    submitted estimate prices as it did when it was submitted)."""
    numbers = sorted(set(part_nos))
    parts = _table(PartRow)
    prices = _table(PartPriceRow)
    fitments = _table(PartFitmentRow)
    models = _table(VehicleModelRow)
    rows = connection.execute(
        select(
            parts.c.id,
            parts.c.part_no,
            parts.c.name_zh,
            parts.c.component_code,
            parts.c.category,
            parts.c.salvage_rate,
            parts.c.recover_old_part,
        ).where(parts.c.part_no.in_(numbers))
    ).all()
    ids = {row.id: row.part_no for row in rows}
    fits: dict[int, list[str]] = {i: [] for i in ids}
    for part_id, code in connection.execute(
        select(fitments.c.part_id, models.c.model_code)
        .join(models, models.c.id == fitments.c.model_id)
        .where(fitments.c.part_id.in_(list(ids)))
    ):
        fits[part_id].append(code)
    found: dict[PriceKey, list[DatedPrice]] = {}
    query = select(
        prices.c.part_id,
        prices.c.price_type,
        prices.c.effective_date,
        prices.c.catalog_version_id,
        prices.c.price,
    ).where(prices.c.part_id.in_(list(ids)), prices.c.region == region)
    if up_to_version is not None:
        query = query.where(prices.c.catalog_version_id <= up_to_version)
    for part_id, price_type, effective, version, price in connection.execute(query):
        key = (ids[part_id], region, PriceType(price_type))
        found.setdefault(key, []).append(DatedPrice(effective, version, price))
    entries = [
        CatalogEntry(
            r.part_no,
            r.name_zh,
            r.component_code,
            r.category,
            r.salvage_rate,
            r.recover_old_part,
            tuple(sorted(fits[r.id])),
        )
        for r in rows
    ]
    return CatalogSnapshot(entries, found)


def newest_version_id(connection: Connection) -> int | None:
    """The newest catalog version's id (None before the first import)."""
    table = _table(CatalogVersionRow)
    return connection.execute(select(func.max(table.c.id))).scalar()


def model_new_price(
    connection: Connection, model_code: str, up_to_version: int | None = None
) -> Decimal | None:
    """A model's new-vehicle price as the newest catalog version up to ``up_to_version``
    (any, when None) that set it left it; None when none did, or it was cleared."""
    models, prices = _table(VehicleModelRow), _table(ModelNewPriceRow)
    query = (
        select(prices.c.new_price)
        .join(models, models.c.id == prices.c.model_id)
        .where(models.c.model_code == model_code)
        .order_by(prices.c.catalog_version_id.desc())
        .limit(1)
    )
    if up_to_version is not None:
        query = query.where(prices.c.catalog_version_id <= up_to_version)
    price: Decimal | None = connection.execute(query).scalar()
    return price


def model_by_code(connection: Connection, model_code: str) -> VehicleModel | None:
    """A vehicle model by its code."""
    models = _table(VehicleModelRow)
    row = connection.execute(select(models).where(models.c.model_code == model_code)).first()
    if row is None:
        return None
    return VehicleModel(
        row.model_code,
        row.brand,
        row.model_name,
        row.series,
        row.year_from,
        row.year_to,
        (),
        row.vehicle_class,
        row.new_price,
    )

"""The table-level half of a laptop's reference copy (sync.md "What travels / Down";
services/sync_reference.py holds the rules): what the assessor prices with, the registries
and the user's own account, read from the server's connection and written into the
laptop's, only what the laptop lacks or what changed since its last copy.

The incremental rule follows how the server writes each table:

- Catalog and labor versions are written whole by one import's transaction and never
  changed afterwards (integer keys, kept identical on the laptop so that an estimate's
  version ids resolve). A version the laptop lacks brings every row that names it: its
  prices (``part_prices``, ``vehicle_model_prices``) and, for a labor standard, all its
  tables. The laptop's copy is one transaction too, so a version there is there whole.
- ``parts`` and ``vehicle_models`` hold one row per part or model, moved on by imports and
  by maintainers' corrections; each change moves ``row_version``. A row the laptop lacks,
  or holds at another ``row_version``, is copied (a model's VIN prefixes with it, a part's
  search entries with it).
- ``part_fitments`` only grow, and only with an import: compared key by key when a new
  catalog version arrives.
- The registries (partner shops and imports, settings, the calendar, flood guides) are
  small and edited in place: mirrored row by row, inserts, updates and deletions.
- ``users``: the one account (never anyone else's password hash), without the laptop's own
  sign-in counters; ``signer_certificates``: that user's enrolments and the organisation CA's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    or_,
    select,
    update,
)

from estimator.persistence.flood_guides import FloodGuideRow
from estimator.persistence.pending import CalendarDayRow
from estimator.persistence.rows import PartnerImportRow, PartnerShopRow, UserRow
from estimator.persistence.settings import SettingRow
from estimator.persistence.signer_certificates import CA, USER, SignerCertificateRow
from labor_standards.rows import (
    LaborRateRow,
    LaborTimeRow,
    LaborVersionRow,
    PaintDiscountRow,
    PaintPanelRow,
    PaintRateRow,
)
from parts_catalog import store as catalog_store
from parts_catalog.rows import (
    CatalogVersionRow,
    ModelNewPriceRow,
    PartFitmentRow,
    PartPriceRow,
    PartRow,
    VehicleModelRow,
    VinPrefixRow,
)

#: Rows per statement, read and written (and ids per ``IN`` list).
BATCH = 1000


def _table(row_class: type[Any]) -> Table:
    table = row_class.__table__
    assert isinstance(table, Table)
    return table


CATALOG_VERSIONS = _table(CatalogVersionRow)
MODELS = _table(VehicleModelRow)
MODEL_PRICES = _table(ModelNewPriceRow)
VIN_PREFIXES = _table(VinPrefixRow)
PARTS = _table(PartRow)
PART_PRICES = _table(PartPriceRow)
FITMENTS = _table(PartFitmentRow)
LABOR_VERSIONS = _table(LaborVersionRow)
#: A labor standard's tables, each row naming its version in ``version_id``.
LABOR_TABLES = tuple(
    _table(row)
    for row in (LaborTimeRow, LaborRateRow, PaintPanelRow, PaintRateRow, PaintDiscountRow)
)
#: Small tables edited in place on the server, mirrored whole.
REGISTRIES = tuple(
    _table(row)
    for row in (PartnerImportRow, PartnerShopRow, SettingRow, CalendarDayRow, FloodGuideRow)
)
USERS = _table(UserRow)
#: The account as the server keeps it; the laptop keeps its own failed sign-ins and lock.
ACCOUNT_COLUMNS = tuple(
    c for c in USERS.columns if c.name not in ("failed_attempts", "locked_until")
)
CERTIFICATES = _table(SignerCertificateRow)

#: Every table a copy counts, in the order it writes them (parents before children).
COPIED_TABLES = (
    CATALOG_VERSIONS.name,
    MODELS.name,
    VIN_PREFIXES.name,
    MODEL_PRICES.name,
    PARTS.name,
    PART_PRICES.name,
    FITMENTS.name,
    LABOR_VERSIONS.name,
    *(t.name for t in LABOR_TABLES),
    *(t.name for t in REGISTRIES),
    USERS.name,
    CERTIFICATES.name,
)


def foreign_versions(reading: Connection, writing: Connection) -> list[str]:
    """The version tables (``catalog_versions``, ``labor_versions``) where the laptop holds a
    version the server does not, or another under the same id: a database that was not
    filled from this server (its integer keys would mean other rows), which no copy mends."""
    found = []
    for table in (CATALOG_VERSIONS, LABOR_VERSIONS):
        query = select(table.c.id, table.c.content_hash)
        server = dict(reading.execute(query).all())
        if any(server.get(key) != digest for key, digest in writing.execute(query)):
            found.append(table.name)
    return found


def copy_reference_tables(
    reading: Connection, writing: Connection, username: str
) -> dict[str, int]:
    """Copy into ``writing`` (the laptop's transaction) what it lacks of the reference data
    ``reading`` (the server's snapshot) holds, for ``username``; rows written per table
    (inserted, updated or deleted)."""
    counts = dict.fromkeys(COPIED_TABLES, 0)
    counts |= _copy_catalog(reading, writing)
    counts |= _copy_labor(reading, writing)
    for table in REGISTRIES:
        counts[table.name] = _mirror(reading, writing, table)
    counts[USERS.name] = _mirror(
        reading, writing, USERS, USERS.c.username == username, ACCOUNT_COLUMNS, remove=False
    )
    own = or_(
        and_(CERTIFICATES.c.kind == USER, CERTIFICATES.c.username == username),
        CERTIFICATES.c.kind == CA,
    )
    counts[CERTIFICATES.name] = _mirror(reading, writing, CERTIFICATES, own)
    return counts


def _copy_catalog(reading: Connection, writing: Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    versions = _missing_keys(reading, writing, CATALOG_VERSIONS.c.id)
    counts[CATALOG_VERSIONS.name] = _insert_rows(
        writing, CATALOG_VERSIONS, _rows_by_keys(reading, CATALOG_VERSIONS.c.id, versions)
    )
    new, changed = _versioned_changes(reading, writing, MODELS)
    counts[MODELS.name] = _insert_rows(
        writing, MODELS, _rows_by_keys(reading, MODELS.c.id, new)
    ) + _update_rows(writing, MODELS, _rows_by_keys(reading, MODELS.c.id, changed))
    # An import that changes a model replaces its VIN prefixes.
    removed = _delete_keys(writing, VIN_PREFIXES.c.model_id, changed)
    added = _insert_rows(
        writing, VIN_PREFIXES, _rows_by_keys(reading, VIN_PREFIXES.c.model_id, new + changed)
    )
    counts[VIN_PREFIXES.name] = removed + added
    counts[MODEL_PRICES.name] = _insert_rows(
        writing, MODEL_PRICES, _rows_by_keys(reading, MODEL_PRICES.c.catalog_version_id, versions)
    )
    counts[PARTS.name] = _copy_parts(reading, writing)
    counts[PART_PRICES.name] = _insert_rows(
        writing, PART_PRICES, _rows_by_keys(reading, PART_PRICES.c.catalog_version_id, versions)
    )
    counts[FITMENTS.name] = _copy_fitments(reading, writing) if versions else 0
    return counts


def _copy_parts(reading: Connection, writing: Connection) -> int:
    """New and changed parts, their search entries with them (the laptop's own full-text
    tables: the server's may be another engine's)."""
    new, changed = _versioned_changes(reading, writing, PARTS)
    copied = 0
    for batch in _batches(_rows_by_keys(reading, PARTS.c.id, new)):
        copied += _insert_rows(writing, PARTS, batch)
        catalog_store.index_parts(writing, batch, replace=False)
    for batch in _batches(_rows_by_keys(reading, PARTS.c.id, changed)):
        copied += _update_rows(writing, PARTS, batch)
        catalog_store.index_parts(writing, batch, replace=True)
    return copied


def _copy_fitments(reading: Connection, writing: Connection) -> int:
    columns = (FITMENTS.c.part_id, FITMENTS.c.model_id)
    held = {(part, model) for part, model in writing.execute(select(*columns))}
    if not held:
        return _insert_rows(writing, FITMENTS, _stream(reading, select(FITMENTS)))
    missing = (
        {"part_id": part, "model_id": model}
        for part, model in reading.execute(select(*columns))
        if (part, model) not in held
    )
    return _insert_rows(writing, FITMENTS, missing)


def _copy_labor(reading: Connection, writing: Connection) -> dict[str, int]:
    versions = _missing_keys(reading, writing, LABOR_VERSIONS.c.id)
    counts = {
        LABOR_VERSIONS.name: _insert_rows(
            writing, LABOR_VERSIONS, _rows_by_keys(reading, LABOR_VERSIONS.c.id, versions)
        )
    }
    for table in LABOR_TABLES:
        counts[table.name] = _insert_rows(
            writing, table, _rows_by_keys(reading, table.c.version_id, versions)
        )
    return counts


def _missing_keys(reading: Connection, writing: Connection, key: Any) -> list[Any]:
    """The keys the server holds and the laptop does not, in order."""
    held = set(writing.execute(select(key)).scalars())
    return sorted(k for k in reading.execute(select(key)).scalars() if k not in held)


def _versioned_changes(
    reading: Connection, writing: Connection, table: Table
) -> tuple[list[int], list[int]]:
    """Ids of ``table`` the laptop lacks, and those it holds at another ``row_version``."""
    query = select(table.c.id, table.c.row_version)
    held = dict(writing.execute(query).all())
    new: list[int] = []
    changed: list[int] = []
    for key, version in reading.execute(query):
        if key not in held:
            new.append(key)
        elif held[key] != version:
            changed.append(key)
    return new, changed


def _rows_by_keys(
    reading: Connection, column: Any, keys: Sequence[Any]
) -> Iterator[dict[str, Any]]:
    """The server's rows whose ``column`` is one of ``keys``, a batch of keys per query."""
    for start in range(0, len(keys), BATCH):
        chosen = keys[start : start + BATCH]
        yield from _stream(reading, select(column.table).where(column.in_(chosen)))


def _stream(reading: Connection, query: Any) -> Iterator[dict[str, Any]]:
    result = reading.execute(query.execution_options(yield_per=BATCH))
    for partition in result.partitions():
        yield from (row._asdict() for row in partition)


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert_rows(writing: Connection, table: Table, rows: Iterable[dict[str, Any]]) -> int:
    written = 0
    for batch in _batches(rows):
        writing.execute(insert(table), batch)
        written += len(batch)
    return written


def _update_rows(writing: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> int:
    """Rewrite rows by their single-column key with the values given."""
    (key,) = table.primary_key.columns
    written = 0
    for batch in _batches(dict(row) for row in rows):
        names = [name for name in batch[0] if name != key.name]
        statement = (
            update(table)
            .where(key == bindparam("b_key"))
            .values({name: bindparam(f"b_{name}") for name in names})
        )
        writing.execute(
            statement,
            [{"b_key": row[key.name], **{f"b_{n}": row[n] for n in names}} for row in batch],
        )
        written += len(batch)
    return written


def _delete_keys(writing: Connection, column: Any, keys: Collection[Any]) -> int:
    ordered = list(keys)
    deleted = 0
    for start in range(0, len(ordered), BATCH):
        chosen = ordered[start : start + BATCH]
        deleted += writing.execute(delete(column.table).where(column.in_(chosen))).rowcount
    return deleted


def _mirror(
    reading: Connection,
    writing: Connection,
    table: Table,
    where: ColumnElement[bool] | None = None,
    columns: Sequence[Any] | None = None,
    *,
    remove: bool = True,
) -> int:
    """Make the laptop's rows of ``table`` (those ``where`` selects) equal the server's:
    deletions (``remove``), then updates, then inserts; rows written."""
    (key,) = table.primary_key.columns
    query = select(*(columns or table.columns))
    if where is not None:
        query = query.where(where)

    def rows(connection: Connection) -> dict[Any, dict[str, Any]]:
        return {row[key.name]: dict(row) for row in connection.execute(query).mappings()}

    server, laptop = rows(reading), rows(writing)
    gone = [k for k in laptop if k not in server] if remove else []
    changed = [row for k, row in server.items() if k in laptop and laptop[k] != row]
    new = [row for k, row in server.items() if k not in laptop]
    return (
        _delete_keys(writing, key, gone)
        + _update_rows(writing, table, changed)
        + _insert_rows(writing, table, new)
    )

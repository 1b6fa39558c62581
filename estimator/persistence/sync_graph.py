"""A case as rows (sync.md): every row of the tables a case owns, read into a graph of
JSON-plain values keyed by table and key, and written back with Core statements (the
read-only guard watches ORM flushes; the check-in is the one writer allowed past it).

Values are encoded the same way on SQLite and PostgreSQL (a money column at its scale, times
in UTC to the microsecond), so a row unchanged on the server compares equal to the laptop's
copy of it. Rows whose table numbers its keys per database (``submission_reasons``) are keyed
by what they are about instead, and written without their number.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from collections.abc import Collection, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, Date, LargeBinary, Table, delete, insert, select, update
from sqlalchemy.sql.elements import ColumnElement

from estimator.domain.sync_merge import Graph, Key, Row, Value
from estimator.persistence import chases, onsite_documents, tables
from estimator.persistence.rows import EstimateRow, PhotoBlobRow
from kernel.orm import Base, ScaledDecimal, UtcDateTime, UuidText

# The tables registered where they are kept (not all are on ``tables``' import list).
_REGISTERED = (tables, chases, onsite_documents)

#: Every table of a case (the invoice reconciliations are the server's: they follow the final
#: invoice, not the assessor's visit).
_CASE_OWNED = frozenset(
    {
        "cases",
        "case_settlement",
        "case_editors",
        "case_events",
        "case_documents",
        "case_chases",
        "pending_reasons",
        "loss_objects",
        "photos",
        "estimates",
        "estimate_lines",
        "submission_reasons",
        "guarantee_certificates",
    }
)
#: Every table of a case, parents before children.
CASE_TABLES: tuple[Table, ...] = tuple(
    t for t in Base.metadata.sorted_tables if t.name in _CASE_OWNED
)
#: Tables numbering their keys per database: the columns that say what a row is about.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {"submission_reasons": ("estimate_id", "rule", "line")}
_BY_NAME = {t.name: t for t in CASE_TABLES}
#: Cases read per query (a bound list well within either engine's limits).
_BATCH = 200
#: Rows saved as a whole set per version (each save replaces them): merged as one.
GROUPS: dict[str, str] = {"estimate_lines": "estimate_id", "submission_reasons": "estimate_id"}


def _key_columns(table: Table) -> list[Column[Any]]:
    natural = NATURAL_KEYS.get(table.name)
    if natural:
        return [table.c[name] for name in natural]
    return list(table.primary_key.columns)


def _stored_columns(table: Table) -> list[Column[Any]]:
    skip = set(table.primary_key.columns) if table.name in NATURAL_KEYS else set()
    return [c for c in table.columns if c not in skip]


def encode(column: Column[Any], value: object) -> Value:
    """A column's value as plain JSON, the same from either engine."""
    kind = column.type
    if value is None:
        return None
    if isinstance(kind, ScaledDecimal):
        assert isinstance(value, Decimal)
        return str(value.quantize(Decimal(1).scaleb(-kind.scale)))
    if isinstance(kind, UtcDateTime):
        assert isinstance(value, dt.datetime)
        moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(kind, Date):
        assert isinstance(value, dt.date)
        return value.isoformat()
    if isinstance(kind, LargeBinary):
        assert isinstance(value, bytes)
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, bool | int | str):
        return value
    raise TypeError(f"{column.table.name}.{column.name}: {type(value).__name__}")


def decode(column: Column[Any], value: Value) -> object:
    """The Python value of an encoded one, for a statement."""
    kind = column.type
    if value is None:
        return None
    if isinstance(kind, UuidText):
        return uuid.UUID(str(value))
    if isinstance(kind, ScaledDecimal):
        return Decimal(str(value))
    if isinstance(kind, UtcDateTime):
        return dt.datetime.fromisoformat(str(value))
    if isinstance(kind, Date):
        return dt.date.fromisoformat(str(value))
    if isinstance(kind, LargeBinary):
        return base64.b64decode(str(value))
    return value


def _key_text(table: Table, row: Row) -> str:
    values = [row[c.name] for c in _key_columns(table)]
    return str(values[0]) if len(values) == 1 else json.dumps(values, ensure_ascii=False)


def read_case(connection: Connection, case_id: uuid.UUID) -> dict[Key, Row]:
    """Every row of the case, encoded, by (table, key)."""
    return read_cases(connection, [case_id])[case_id]


def read_cases(
    connection: Connection, case_ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, dict[Key, Row]]:
    """Every row of each case, by case: one query per table for a batch of cases."""
    graphs: dict[uuid.UUID, dict[Key, Row]] = {case_id: {} for case_id in case_ids}
    wanted = sorted(graphs, key=str)
    for start in range(0, len(wanted), _BATCH):
        _read_batch(connection, wanted[start : start + _BATCH], graphs)
    return graphs


def _read_batch(
    connection: Connection, batch: list[uuid.UUID], graphs: dict[uuid.UUID, dict[Key, Row]]
) -> None:
    owner_of_version: dict[Value, uuid.UUID] = {}
    versions = select(EstimateRow.id).where(EstimateRow.case_id.in_(batch))
    for table in CASE_TABLES:
        columns = _stored_columns(table)
        if table.name == "cases":
            condition, owner = table.c.id.in_(batch), "id"
        elif "case_id" in table.c:
            condition, owner = table.c.case_id.in_(batch), "case_id"
        else:
            condition, owner = table.c.estimate_id.in_(versions), "estimate_id"
        for found in connection.execute(select(*columns).where(condition)):
            row = {c.name: encode(c, v) for c, v in zip(columns, found, strict=True)}
            if owner == "estimate_id":
                of = owner_of_version[row[owner]]
            else:
                of = uuid.UUID(str(row[owner]))
            graphs[of][(table.name, _key_text(table, row))] = row
            if table.name == "estimates":
                owner_of_version[row["id"]] = of


def _where(table: Table, row: Row) -> ColumnElement[bool]:
    clauses = [
        c == decode(c, row[c.name]) if row[c.name] is not None else c.is_(None)
        for c in _key_columns(table)
    ]
    condition = clauses[0]
    for clause in clauses[1:]:
        condition = condition & clause
    return condition


def write(
    connection: Connection, writes: dict[Key, Row | None], known: Graph | None = None
) -> None:
    """Do ``writes`` (a row to store, None to delete) on the database, children's deletes
    first and parents' stores first; ``known`` (the rows there now) saves a lookup per row."""
    ordered = list(CASE_TABLES)
    rank = {t.name: i for i, t in enumerate(ordered)}
    gone = sorted((k for k, v in writes.items() if v is None), key=lambda k: -rank[k[0]])
    for table_name, key in gone:
        table = _BY_NAME[table_name]
        row = (known or {}).get((table_name, key)) or _key_row(table, key)
        connection.execute(delete(table).where(_where(table, row)))
    stored = sorted((k for k, v in writes.items() if v is not None), key=lambda k: rank[k[0]])
    for table_name, key in stored:
        table, given = _BY_NAME[table_name], writes[(table_name, key)]
        assert given is not None
        row = given
        values = {c.name: decode(c, row.get(c.name)) for c in _stored_columns(table)}
        exists = (
            (table_name, key) in known if known is not None else _exists(connection, table, row)
        )
        if exists:
            connection.execute(update(table).where(_where(table, row)).values(values))
        else:
            connection.execute(insert(table).values(values))


def _key_row(table: Table, key: str) -> Row:
    columns = _key_columns(table)
    values = [key] if len(columns) == 1 else json.loads(key)
    return {c.name: v for c, v in zip(columns, values, strict=True)}


def _exists(connection: Connection, table: Table, row: Row) -> bool:
    return (
        connection.execute(select(1).select_from(table).where(_where(table, row))).first()
        is not None
    )


def replace_cases(
    connection: Connection, graphs: Mapping[uuid.UUID, Graph]
) -> dict[uuid.UUID, dict[Key, Row]]:
    """Make the database's copy of each case exactly its graph; the cases as now stored."""
    before = read_cases(connection, list(graphs))
    for case_id, graph in graphs.items():
        here = before[case_id]
        writes: dict[Key, Row | None] = {k: None for k in here if k not in graph}
        writes.update({k: v for k, v in graph.items() if here.get(k) != v})
        write(connection, writes, here)
    return read_cases(connection, list(graphs))


def photo_hashes(graph: Graph) -> set[str]:
    """The photos' content hashes a case refers to."""
    return {str(row["sha256"]) for (table, _), row in graph.items() if table == "photos"}


def missing_blobs(connection: Connection, hashes: Iterable[str]) -> set[str]:
    """Which of ``hashes`` the database has no bytes for."""
    wanted = set(hashes)
    if not wanted:
        return set()
    have = connection.scalars(select(PhotoBlobRow.sha256).where(PhotoBlobRow.sha256.in_(wanted)))
    return wanted - set(have)


def read_blobs(connection: Connection, hashes: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """The bytes of each photo named."""
    wanted = sorted(set(hashes))
    for start in range(0, len(wanted), 200):
        query = select(PhotoBlobRow.sha256, PhotoBlobRow.data)
        chunk = wanted[start : start + 200]
        for row in connection.execute(query.where(PhotoBlobRow.sha256.in_(chunk))):
            yield row[0], row[1]


def write_blobs(connection: Connection, blobs: Iterable[tuple[str, bytes]]) -> int:
    """Store the photos' bytes the database lacks; how many were new."""
    given = dict(blobs)
    new = missing_blobs(connection, given)
    for sha in sorted(new):
        connection.execute(insert(PhotoBlobRow).values(sha256=sha, data=given[sha]))
    return len(new)

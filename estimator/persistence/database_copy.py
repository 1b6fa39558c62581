"""The table-level half of ``estimator db copy`` (services/database_copy.py holds the rules):
emptiness, every text value with its column's width, and the copy itself through the column
types, parents before children, with PostgreSQL's serial sequences moved on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, Integer, String, Table, func, insert, select, text

from estimator.persistence import tables

_BATCH = 1000


def ordered_tables() -> list[Table]:
    """Every mapped table, parents before children."""
    return list(tables.metadata.sorted_tables)


def first_table_with_rows(engine: Engine) -> str | None:
    """The name of the first mapped table holding a row (None: the database is empty)."""
    with engine.connect() as connection:
        for table in ordered_tables():
            if connection.execute(select(func.count()).select_from(table)).scalar():
                return table.name
    return None


def text_values(engine: Engine) -> Iterator[tuple[str, str, int | None]]:
    """Each text value stored: where (``table.column [key]``), the value, the column's width."""
    with engine.connect() as connection:
        for table in ordered_tables():
            columns = [c for c in table.columns if isinstance(c.type, String)]
            if not columns:
                continue
            widths = [c.type.length for c in columns if isinstance(c.type, String)]
            keys = list(table.primary_key.columns)
            for row in connection.execute(select(*keys, *columns)):
                values = row[len(keys) :]
                for column, width, value in zip(columns, widths, values, strict=True):
                    if isinstance(value, str):
                        key = ", ".join(str(v) for v in row[: len(keys)])
                        yield f"{table.name}.{column.name} [{key}]", value, width


def copy_tables(source: Engine, target: Engine) -> dict[str, int]:
    """Copy every mapped table's rows in one transaction on the target; rows per table."""
    counts: dict[str, int] = {}
    ordered = ordered_tables()
    with source.connect() as reading, target.begin() as writing:
        for table in ordered:
            counts[table.name] = _copy_table(reading, writing, table)
        if writing.dialect.name == "postgresql":
            _advance_sequences(writing, ordered)
    return counts


def _copy_table(reading: Any, writing: Any, table: Table) -> int:
    rows = reading.execute(select(table)).mappings()
    copied = 0
    while batch := rows.fetchmany(_BATCH):
        writing.execute(insert(table), [dict(row) for row in batch])
        copied += len(batch)
    return copied


def _advance_sequences(writing: Any, ordered: list[Table]) -> None:
    """Set each serial key's sequence past the ids copied, so new rows do not collide (a
    key without a sequence gets NULL from ``pg_get_serial_sequence``, and setval skips it)."""
    for table in ordered:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, Integer):
            continue
        name = keys[0].name
        writing.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE(MAX({name}), 1), MAX({name}) IS NOT NULL) FROM {table.name}"
            ),
            {"table": table.name, "column": name},
        )

"""The declarative base shared by every package's tables, and exact column types."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Dialect, MetaData, Numeric, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

from kernel.money import from_scaled_int, to_scaled_int

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base: one metadata for all tables, so one Alembic history covers them."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ScaledDecimal(TypeDecorator[Decimal]):
    """An exact decimal: integer of 10^-scale units on SQLite, NUMERIC on PostgreSQL.

    SQLite keeps ``Numeric`` as floating point without a warning (reliability.md), so there
    the value is stored as an integer count of the smallest unit (fen for money).
    """

    impl = BigInteger
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale

    def __repr__(self) -> str:  # what Alembic's autogenerate writes into migrations
        return f"ScaledDecimal({self.scale})"

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(30, self.scale, asdecimal=True))
        return dialect.type_descriptor(BigInteger())

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"money columns take Decimal, not {type(value).__name__}")
        if dialect.name == "postgresql":
            to_scaled_int(value, self.scale)  # refuses over-precise values the same way
            return value
        return to_scaled_int(value, self.scale)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "postgresql":
            return Decimal(value).quantize(Decimal(1).scaleb(-self.scale))
        return from_scaled_int(int(value), self.scale)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on every engine (SQLite has no time zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def __repr__(self) -> str:
        return "UtcDateTime()"

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        moment: dt.datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)


class UuidText(TypeDecorator[uuid.UUID]):
    """A UUID kept as 32 hex characters: user data keyed so laptops can sync without clashes."""

    impl = String(32)
    cache_ok = True

    def __repr__(self) -> str:
        return "UuidText()"

    def process_bind_param(self, value: uuid.UUID | None, dialect: Dialect) -> Any:
        return None if value is None else value.hex

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        return None if value is None else uuid.UUID(value)

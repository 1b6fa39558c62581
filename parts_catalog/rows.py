"""Catalog tables (SQLAlchemy 2 typed rows). Search indexes are created by the migration."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kernel.orm import Base, ScaledDecimal, UtcDateTime

#: Prices carry up to 4 decimal places (a per-piece price from a pack); rates 0–1 likewise.
PRICE_SCALE = 4


class CatalogVersionRow(Base):
    """One import of a catalog workbook: source, content hash, date and counts."""

    __tablename__ = "catalog_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_name: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    imported_by: Mapped[str] = mapped_column(String(100), default="")
    models_count: Mapped[int] = mapped_column(Integer, default=0)
    parts_count: Mapped[int] = mapped_column(Integer, default=0)
    prices_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)


class VehicleModelRow(Base):
    """A vehicle model (车型)."""

    __tablename__ = "vehicle_models"

    id: Mapped[int] = mapped_column(primary_key=True)
    model_code: Mapped[str] = mapped_column(String(60), unique=True)
    brand: Mapped[str] = mapped_column(String(100))
    series: Mapped[str] = mapped_column(String(100), default="")
    model_name: Mapped[str] = mapped_column(String(200))
    year_from: Mapped[int | None] = mapped_column(Integer)
    year_to: Mapped[int | None] = mapped_column(Integer)
    vehicle_class: Mapped[str] = mapped_column(String(20), default="")
    #: The new-vehicle purchase price (新车购置价), optional (migration 0030).
    new_price: Mapped[Decimal | None] = mapped_column(ScaledDecimal(2))
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"))
    #: Moved by every import that changes the row (migration 0014): an edit based on an
    #: older version is refused.
    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 - SQLAlchemy's API


class ModelNewPriceRow(Base):
    """A model's new-vehicle price as one catalog version set it (None: that version cleared
    it). Never updated: a version pinned at submission reads the price it was submitted with."""

    __tablename__ = "vehicle_model_prices"
    __table_args__ = (UniqueConstraint("model_id", "catalog_version_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    model_id: Mapped[int] = mapped_column(ForeignKey("vehicle_models.id", ondelete="CASCADE"))
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"))
    new_price: Mapped[Decimal | None] = mapped_column(ScaledDecimal(2))


class VinPrefixRow(Base):
    """A VIN prefix (6–11 characters) registered for a model; the longest match wins."""

    __tablename__ = "vin_prefixes"

    prefix: Mapped[str] = mapped_column(String(11), primary_key=True)
    model_id: Mapped[int] = mapped_column(
        ForeignKey("vehicle_models.id", ondelete="CASCADE"), primary_key=True
    )


class PartRow(Base):
    """A part (配件) with its search keys, computed at import (and on a correction)."""

    __tablename__ = "parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    part_no: Mapped[str] = mapped_column(String(60), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200), index=True)
    name_en: Mapped[str] = mapped_column(String(200), default="")
    component_code: Mapped[str] = mapped_column(String(60), default="", index=True)
    category: Mapped[str] = mapped_column(String(60), default="")
    recover_old_part: Mapped[bool] = mapped_column(default=False)
    salvage_rate: Mapped[Decimal | None] = mapped_column(ScaledDecimal(PRICE_SCALE))
    pinyin: Mapped[str] = mapped_column(String(600), default="")
    initials: Mapped[str] = mapped_column(String(200), default="", index=True)
    #: The import that last changed the part (a maintainer's correction leaves it as it is).
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"))
    #: Moved by every import that changes the row and by every correction (migration 0014):
    #: a correction based on an older version is refused.
    row_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 - SQLAlchemy's API


class PartFitmentRow(Base):
    """A part fits a vehicle model (适用车型)."""

    __tablename__ = "part_fitments"
    __table_args__ = (Index("ix_part_fitments_model_id", "model_id", "part_id"),)

    part_id: Mapped[int] = mapped_column(
        ForeignKey("parts.id", ondelete="CASCADE"), primary_key=True
    )
    model_id: Mapped[int] = mapped_column(
        ForeignKey("vehicle_models.id", ondelete="CASCADE"), primary_key=True
    )


class PartPriceRow(Base):
    """A dated regional price of one price type. Never updated: history stays queryable."""

    __tablename__ = "part_prices"
    __table_args__ = (
        UniqueConstraint("part_id", "region", "price_type", "effective_date", "catalog_version_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    part_id: Mapped[int] = mapped_column(ForeignKey("parts.id", ondelete="CASCADE"))
    region: Mapped[str] = mapped_column(String(20))
    price_type: Mapped[str] = mapped_column(String(20))
    effective_date: Mapped[dt.date] = mapped_column(Date)
    price: Mapped[Decimal] = mapped_column(ScaledDecimal(PRICE_SCALE))
    catalog_version_id: Mapped[int] = mapped_column(ForeignKey("catalog_versions.id"))

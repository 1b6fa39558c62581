"""Labor standard tables: every import is a complete, versioned standard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kernel.orm import Base, ScaledDecimal, UtcDateTime

HOURS_SCALE = 2
RATE_SCALE = 4


class LaborVersionRow(Base):
    """One import of a labor standards workbook."""

    __tablename__ = "labor_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_name: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    imported_by: Mapped[str] = mapped_column(String(100), default="")
    rows_count: Mapped[int] = mapped_column(Integer, default=0)
    rejected_count: Mapped[int] = mapped_column(Integer, default=0)


class LaborTimeRow(Base):
    """Standard hours of a (component, operation, vehicle class) in one version."""

    __tablename__ = "labor_times"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("labor_versions.id"), index=True)
    component_code: Mapped[str] = mapped_column(String(60))
    component_name: Mapped[str] = mapped_column(String(100), default="")
    operation: Mapped[str] = mapped_column(String(20))
    vehicle_class: Mapped[str] = mapped_column(String(20))
    hours: Mapped[Decimal] = mapped_column(ScaledDecimal(HOURS_SCALE))
    includes: Mapped[str] = mapped_column(Text, default="")


class LaborRateRow(Base):
    """Yuan per hour for (region, shop class, labor type) in one version."""

    __tablename__ = "labor_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("labor_versions.id"), index=True)
    region: Mapped[str] = mapped_column(String(20))
    shop_class: Mapped[str] = mapped_column(String(20))
    labor_type: Mapped[str] = mapped_column(String(20))
    rate: Mapped[Decimal] = mapped_column(ScaledDecimal(RATE_SCALE))


class PaintPanelRow(Base):
    """Paint panel count of a component in one version."""

    __tablename__ = "paint_panels"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("labor_versions.id"), index=True)
    component_code: Mapped[str] = mapped_column(String(60))
    panels: Mapped[Decimal] = mapped_column(ScaledDecimal(HOURS_SCALE))


class PaintRateRow(Base):
    """Paint prices for (region, vehicle class, paint type) in one version."""

    __tablename__ = "paint_rates"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("labor_versions.id"), index=True)
    region: Mapped[str] = mapped_column(String(20))
    vehicle_class: Mapped[str] = mapped_column(String(20))
    paint_type: Mapped[str] = mapped_column(String(20))
    price_per_panel: Mapped[Decimal] = mapped_column(ScaledDecimal(RATE_SCALE))
    full_vehicle_price: Mapped[Decimal] = mapped_column(ScaledDecimal(RATE_SCALE))


class PaintDiscountRow(Base):
    """A multi-panel discount step of a region in one version."""

    __tablename__ = "paint_discounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("labor_versions.id"), index=True)
    region: Mapped[str] = mapped_column(String(20))
    min_panels: Mapped[Decimal] = mapped_column(ScaledDecimal(HOURS_SCALE))
    factor: Mapped[Decimal] = mapped_column(ScaledDecimal(RATE_SCALE))

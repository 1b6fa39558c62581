"""Catalog domain values: price types, part numbers, vehicle models and parts. Pure Python."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class PriceType(StrEnum):
    """The industry's part types, original parts priced two ways (estimating-rules.md)."""

    OEM_4S = "oem_4s"
    OEM_MARKET = "oem_market"
    BRAND = "brand"
    AFTERMARKET = "aftermarket"
    REMAN = "reman"
    USED = "used"

    @property
    def label_zh(self) -> str:
        """Chinese label used on screens and sheets."""
        return _PRICE_TYPE_ZH[self]


_PRICE_TYPE_ZH = {
    PriceType.OEM_4S: "4S店价",
    PriceType.OEM_MARKET: "市场价",
    PriceType.BRAND: "品牌件",
    PriceType.AFTERMARKET: "副厂件",
    PriceType.REMAN: "再制造件",
    PriceType.USED: "回用件",
}

_PART_NO_SEPARATORS = re.compile(r"[\s\-_./\\·—–]+")
_PART_NO_VALID = re.compile(r"^[0-9A-Z]+$")


def normalize_part_no(text: str) -> str:
    """Part number as stored and looked up: half-width, upper-case, no spaces or hyphens."""
    text = unicodedata.normalize("NFKC", text)
    return _PART_NO_SEPARATORS.sub("", text).upper()


def is_valid_part_no(normalized: str) -> bool:
    """Whether a normalised part number holds only letters and digits."""
    return bool(_PART_NO_VALID.match(normalized))


@dataclass(frozen=True, slots=True)
class VehicleModel:
    """A vehicle model (车型) as imported."""

    model_code: str
    brand: str
    model_name: str
    series: str = ""
    year_from: int | None = None
    year_to: int | None = None
    vin_prefixes: tuple[str, ...] = ()
    vehicle_class: str = ""


@dataclass(frozen=True, slots=True)
class PartPrice:
    """One price of a part: region, price type, effective date."""

    region: str
    price_type: PriceType
    effective_date: dt.date
    price: Decimal


@dataclass(frozen=True, slots=True)
class CatalogPart:
    """A part row as imported: the part, its fitment and the prices on this row."""

    part_no: str
    name_zh: str
    name_en: str = ""
    component_code: str = ""
    category: str = ""
    models: tuple[str, ...] = ()
    prices: tuple[PartPrice, ...] = ()
    recover_old_part: bool = False
    salvage_rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PartMatch:
    """A part found by search, with what ranked it."""

    part_id: int
    part_no: str
    name_zh: str
    name_en: str
    component_code: str
    category: str
    models: tuple[str, ...]
    fits_model: bool
    exact_part_no: bool
    match_quality: int


@dataclass(frozen=True, slots=True)
class CatalogVersion:
    """One import of a catalog workbook."""

    id: int
    source_name: str
    content_hash: str
    imported_at: dt.datetime
    imported_by: str
    models_count: int
    parts_count: int
    prices_count: int
    rejected_count: int

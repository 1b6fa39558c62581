"""Catalog domain values: price types, part numbers, vehicle models and parts. Pure Python."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kernel.lookup import Found


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
    #: The new-vehicle purchase price (新车购置价), when the catalog gives one.
    new_price: Decimal | None = None


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


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """What pricing needs to know of a part."""

    part_no: str
    name_zh: str
    component_code: str = ""
    category: str = ""
    salvage_rate: Decimal | None = None
    recover_old_part: bool = False
    models: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DatedPrice:
    """A stored price: from which date, from which catalog version."""

    effective_date: dt.date
    catalog_version_id: int
    price: Decimal


PriceKey = tuple[str, str, PriceType]


class CatalogSnapshot:
    """The slice of the catalog an estimate needs, held in memory for pricing. Pure."""

    def __init__(
        self,
        entries: Iterable[CatalogEntry] = (),
        prices: Mapping[PriceKey, Sequence[DatedPrice]] | None = None,
    ) -> None:
        self._entries = {e.part_no: e for e in entries}
        self._prices = dict(prices or {})

    def part(self, part_no: str) -> CatalogEntry | None:
        """The part, by normalised part number."""
        return self._entries.get(part_no)

    def price(
        self, part_no: str, region: str, price_type: PriceType, on: dt.date
    ) -> Found[Decimal] | None:
        """The price in force on ``on``: latest effective date not after it, newest version wins."""
        rows = [
            r for r in self._prices.get((part_no, region, price_type), ()) if r.effective_date <= on
        ]
        if not rows:
            return None
        best = max(rows, key=lambda r: (r.effective_date, r.catalog_version_id))
        source = (
            f"配件目录 v{best.catalog_version_id} {part_no} {region} {price_type.value} "
            f"{best.effective_date.isoformat()}"
        )
        return Found(best.price, source, best.effective_date)

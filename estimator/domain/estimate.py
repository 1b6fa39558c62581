"""An estimate (估损单) as the assessor builds it: header values and lines. Pure values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from labor_standards.model import Operation, PaintType, ShopClass
from parts_catalog.model import PriceType


class LineKind(StrEnum):
    """Line kinds (项目类型) of estimating-rules.md."""

    PART = "part"
    LABOR = "labor"
    PAINT = "paint"
    MATERIAL = "material"
    SUBLET = "sublet"
    TOWING = "towing"


LINE_KIND_ZH = {
    LineKind.PART: "换件项目",
    LineKind.LABOR: "工时项目",
    LineKind.PAINT: "喷漆项目",
    LineKind.MATERIAL: "辅料",
    LineKind.SUBLET: "外修",
    LineKind.TOWING: "施救费",
}


class Tier(StrEnum):
    """Assessment tiers (定损时限档)."""

    ON_SITE = "on_site"
    STANDARD = "standard"
    TEARDOWN = "teardown"


#: The tiers in words on sheets and workbooks (the screens word them through Qt).
TIER_ZH: dict[str, str] = {
    Tier.ON_SITE: "现场定损",
    Tier.STANDARD: "一般定损",
    Tier.TEARDOWN: "拆解定损",
}


ON_SITE_LIMIT = Decimal("2000.00")
STANDARD_LIMIT = Decimal("10000.00")


def tier_for(total: Decimal, needs_teardown: bool) -> Tier:
    """on_site ≤ 2,000 < standard ≤ 10,000 < teardown; "needs teardown" is teardown at any total."""
    if needs_teardown or total > STANDARD_LIMIT:
        return Tier.TEARDOWN
    if total > ON_SITE_LIMIT:
        return Tier.STANDARD
    return Tier.ON_SITE


@dataclass(frozen=True, slots=True)
class EstimateLine:
    """One line as entered. Looked-up values are filled by pricing; a value given here for
    a looked-up field (unit_price of a part, hours, rate, panels, price_per_panel) is an
    override and needs ``override_reason``."""

    kind: LineKind
    part_no: str = ""
    qty: Decimal = Decimal(1)
    price_type: PriceType | None = None
    unit_price: Decimal | None = None
    component_code: str = ""
    operation: Operation | None = None
    hours: Decimal | None = None
    rate: Decimal | None = None
    panels: Decimal | None = None
    price_per_panel: Decimal | None = None
    description: str = ""
    amount: Decimal | None = None
    override_reason: str = ""


@dataclass(frozen=True)
class Estimate:
    """What pricing needs of an estimate: where, when, which vehicle and shop, and the lines."""

    priced_on: dt.date
    region: str
    shop_class: ShopClass
    vehicle_class: str
    paint_type: PaintType
    price_type: PriceType
    lines: tuple[EstimateLine, ...] = ()
    parts_management_fee_rate: Decimal = Decimal(0)
    salvage: Decimal | None = None
    needs_teardown: bool = False
    claim_no: str = ""
    shop_name: str = ""
    partner: bool = False
    vin: str = ""
    model_code: str = ""
    plate: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False)

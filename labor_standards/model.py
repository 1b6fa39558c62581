"""Labor standard values: operations, labor types, shop classes, paint types and rows. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kernel.lookup import Found

ANY = "*"


class LaborType(StrEnum):
    """The trade whose rate applies (工种)."""

    RI = "ri"
    SHEET_METAL = "sheet_metal"
    MECH = "mech"
    ELEC = "elec"


class Operation(StrEnum):
    """Labor operations (作业) of estimating-rules.md."""

    RI = "ri"
    REPLACE = "replace"
    REPAIR_LIGHT = "repair_light"
    REPAIR_MEDIUM = "repair_medium"
    REPAIR_HEAVY = "repair_heavy"
    MECH = "mech"
    ELEC = "elec"

    @property
    def labor_type(self) -> LaborType:
        """The labor type whose rate prices this operation."""
        return _LABOR_TYPE[self]

    @property
    def is_repair(self) -> bool:
        """Sheet-metal repair of any severity."""
        return self in (Operation.REPAIR_LIGHT, Operation.REPAIR_MEDIUM, Operation.REPAIR_HEAVY)

    @property
    def label_zh(self) -> str:
        """Chinese label."""
        return OPERATION_ZH[self]


_LABOR_TYPE = {
    Operation.RI: LaborType.RI,
    Operation.REPLACE: LaborType.RI,
    Operation.REPAIR_LIGHT: LaborType.SHEET_METAL,
    Operation.REPAIR_MEDIUM: LaborType.SHEET_METAL,
    Operation.REPAIR_HEAVY: LaborType.SHEET_METAL,
    Operation.MECH: LaborType.MECH,
    Operation.ELEC: LaborType.ELEC,
}

OPERATION_ZH = {
    Operation.RI: "拆装",
    Operation.REPLACE: "更换",
    Operation.REPAIR_LIGHT: "钣金轻",
    Operation.REPAIR_MEDIUM: "钣金中",
    Operation.REPAIR_HEAVY: "钣金重",
    Operation.MECH: "机修",
    Operation.ELEC: "电工",
}


class ShopClass(StrEnum):
    """Repair shop classes (修理厂类别)."""

    FOUR_S = "4s"
    CLASS1 = "class1"
    CLASS2 = "class2"
    CLASS3 = "class3"


SHOP_CLASS_ZH = {
    ShopClass.FOUR_S: "4S店",
    ShopClass.CLASS1: "一类",
    ShopClass.CLASS2: "二类",
    ShopClass.CLASS3: "三类",
}


class PaintType(StrEnum):
    """Paint types (漆种)."""

    SOLID = "solid"
    METALLIC = "metallic"
    PEARL = "pearl"


PAINT_TYPE_ZH = {PaintType.SOLID: "素色漆", PaintType.METALLIC: "金属漆", PaintType.PEARL: "珍珠漆"}


@dataclass(frozen=True, slots=True)
class LaborKey:
    """A (component, operation) pair: what a labor line does and what a standard includes."""

    component_code: str
    operation: Operation

    def __str__(self) -> str:
        return f"{self.component_code}:{self.operation.value}"


@dataclass(frozen=True, slots=True)
class LaborTime:
    """Standard hours for a component and operation in a vehicle class (or ``*``)."""

    component_code: str
    operation: Operation
    vehicle_class: str
    hours: Decimal
    includes: tuple[LaborKey, ...] = ()
    component_name: str = ""

    @property
    def key(self) -> LaborKey:
        """The (component, operation) this row prices."""
        return LaborKey(self.component_code, self.operation)


@dataclass(frozen=True, slots=True)
class LaborRate:
    """Yuan per hour for a region, shop class and labor type (or ``*``)."""

    region: str
    shop_class: ShopClass
    labor_type: str  # a LaborType value or "*"
    rate: Decimal


@dataclass(frozen=True, slots=True)
class PaintPanels:
    """How many paint panels (喷漆幅) a component counts as."""

    component_code: str
    panels: Decimal


@dataclass(frozen=True, slots=True)
class PaintRate:
    """Price per panel and full-vehicle price for a region, vehicle class and paint type."""

    region: str
    vehicle_class: str
    paint_type: PaintType
    price_per_panel: Decimal
    full_vehicle_price: Decimal


@dataclass(frozen=True, slots=True)
class PaintDiscount:
    """Multi-panel discount: from ``min_panels`` panels the paint total is multiplied by ``factor``."""

    region: str
    min_panels: Decimal
    factor: Decimal


class LaborStandard:
    """One version of the labor standards, with the "most specific row wins" lookups."""

    def __init__(
        self,
        version_id: int,
        labor_times: Iterable[LaborTime] = (),
        labor_rates: Iterable[LaborRate] = (),
        paint_panels: Iterable[PaintPanels] = (),
        paint_rates: Iterable[PaintRate] = (),
        paint_discounts: Iterable[PaintDiscount] = (),
    ) -> None:
        self.version_id = version_id
        self._times = {(r.component_code, r.operation, r.vehicle_class): r for r in labor_times}
        self._rates = {(r.region, r.shop_class, r.labor_type): r for r in labor_rates}
        self._panels = {p.component_code: p for p in paint_panels}
        self._paint = {(p.region, p.vehicle_class, p.paint_type): p for p in paint_rates}
        self._discounts = tuple(paint_discounts)
        self._names = {
            r.component_code: r.component_name for r in self._times.values() if r.component_name
        }

    def component_name(self, component_code: str) -> str:
        """The component's name as the standard gives it, else its code."""
        return self._names.get(component_code, component_code)

    def labor_time(
        self, component_code: str, operation: Operation, vehicle_class: str
    ) -> Found[LaborTime] | None:
        """Hours for the exact vehicle class, else the ``*`` row."""
        for cls in (vehicle_class, ANY):
            row = self._times.get((component_code, operation, cls))
            if row is not None:
                source = f"工时标准 v{self.version_id} {component_code}:{operation.value}/{cls}"
                return Found(row, source)
        return None

    def labor_rate(
        self, region: str, shop_class: ShopClass, labor_type: LaborType
    ) -> Found[Decimal] | None:
        """The rate for the exact labor type, else the region and shop class's ``*`` row."""
        for kind in (labor_type.value, ANY):
            row = self._rates.get((region, shop_class, kind))
            if row is not None:
                source = f"工时单价 v{self.version_id} {region}/{shop_class.value}/{kind}"
                return Found(row.rate, source)
        return None

    def panels(self, component_code: str) -> Found[Decimal] | None:
        """The component's paint panel count."""
        row = self._panels.get(component_code)
        if row is None:
            return None
        return Found(row.panels, f"喷漆幅数 v{self.version_id} {component_code}")

    def paint_rate(
        self, region: str, vehicle_class: str, paint_type: PaintType
    ) -> Found[PaintRate] | None:
        """Paint prices for the exact vehicle class, else the ``*`` row."""
        for cls in (vehicle_class, ANY):
            row = self._paint.get((region, cls, paint_type))
            if row is not None:
                source = f"喷漆单价 v{self.version_id} {region}/{cls}/{paint_type.value}"
                return Found(row, source)
        return None

    def discount_for(self, region: str, total_panels: Decimal) -> PaintDiscount | None:
        """The region's discount row with the largest minimum not above ``total_panels``."""
        rows = [d for d in self._discounts if d.region == region and d.min_panels <= total_panels]
        return max(rows, key=lambda d: d.min_panels, default=None)

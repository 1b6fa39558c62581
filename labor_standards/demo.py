"""The demo labor standard: every component of the demo catalog, two regions, four shop
classes, three paint types; written as a workbook in the data-formats.md layout."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from labor_standards.model import (
    LaborKey,
    LaborRate,
    LaborTime,
    LaborType,
    Operation,
    PaintDiscount,
    PaintPanels,
    PaintRate,
    PaintType,
    ShopClass,
)
from parts_catalog.sample import DEMO_COMPONENTS

REGIONS = ("ZJ", "SH")
VEHICLE_CLASSES = ("A", "B", "C", "D", "E")
#: Heavier vehicle classes take longer (a larger car, more trim to remove).
CLASS_FACTOR = {"D": Decimal("1.2"), "E": Decimal("1.4")}
#: Base hourly rate of a class-1 shop in ZJ by labor type; other shops and SH scale it.
BASE_RATE = {
    LaborType.RI: Decimal("60"),
    LaborType.SHEET_METAL: Decimal("80"),
    LaborType.MECH: Decimal("90"),
    LaborType.ELEC: Decimal("90"),
}
SHOP_FACTOR = {
    ShopClass.FOUR_S: Decimal("1.30"),
    ShopClass.CLASS1: Decimal("1.00"),
    ShopClass.CLASS2: Decimal("0.85"),
    ShopClass.CLASS3: Decimal("0.70"),
}
REGION_FACTOR = {"ZJ": Decimal("1.00"), "SH": Decimal("1.15")}
PAINT_PER_PANEL = {
    PaintType.SOLID: Decimal("300"),
    PaintType.METALLIC: Decimal("380"),
    PaintType.PEARL: Decimal("460"),
}
CLASS_PAINT_FACTOR = {
    "A": Decimal("0.85"),
    "B": Decimal("0.95"),
    "C": Decimal("1.00"),
    "D": Decimal("1.20"),
    "E": Decimal("1.50"),
}

#: Operations a component's replacement includes (e.g. the bumper's fog lamps come off with it).
REPLACE_INCLUDES: dict[str, tuple[str, ...]] = {
    "FBUMPER": ("FOGLAMP_L:ri", "FOGLAMP_R:ri", "GRILLE:ri"),
    "RBUMPER": ("TAILLAMP_L:ri", "TAILLAMP_R:ri"),
    "FDOOR_L": ("MIRROR_L:ri",),
    "FDOOR_R": ("MIRROR_R:ri",),
    "HOOD": ("GRILLE:ri",),
    "FBUMPER_BEAM": ("FBUMPER:ri",),
    "RADIATOR": ("FBUMPER:ri", "CONDENSER:ri"),
}


def _q(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places))


def demo_labor_times(components: Iterable[Any]) -> list[LaborTime]:
    """Labor times for every component: ri and replace for all, repairs for painted panels,
    mech or elec by category; a ``*`` row and heavier rows for classes D and E."""
    rows: list[LaborTime] = []
    for c in components:
        painted = c.paint_panels is not None and c.paint_panels > 0
        base = Decimal("0.5") + (c.paint_panels or Decimal("0.5")) * Decimal("0.6")
        operations: dict[Operation, tuple[Decimal, tuple[LaborKey, ...]]] = {
            Operation.RI: (_q(base * Decimal("0.6")), ()),
            Operation.REPLACE: (
                _q(base),
                tuple(
                    LaborKey(i.split(":")[0], Operation(i.split(":")[1]))
                    for i in REPLACE_INCLUDES.get(c.code, ())
                ),
            ),
        }
        if painted:
            ri = (LaborKey(c.code, Operation.RI),)  # sheet-metal repair includes remove/refit
            operations[Operation.REPAIR_LIGHT] = (_q(base * Decimal("0.8")), ri)
            operations[Operation.REPAIR_MEDIUM] = (_q(base * Decimal("1.6")), ri)
            operations[Operation.REPAIR_HEAVY] = (_q(base * Decimal("2.6")), ri)
        if c.category == "机械件":
            operations[Operation.MECH] = (_q(base * Decimal("1.5")), ())
        if c.category in ("电器件", "灯具", "安全件"):
            operations[Operation.ELEC] = (_q(base * Decimal("0.8")), ())
        for operation, (hours, includes) in operations.items():
            rows.append(LaborTime(c.code, operation, "*", hours, includes, c.name_zh))
            for cls, factor in CLASS_FACTOR.items():
                rows.append(
                    LaborTime(c.code, operation, cls, _q(hours * factor), includes, c.name_zh)
                )
    return rows


def demo_labor_rates() -> list[LaborRate]:
    """Rates by region, shop class and labor type."""
    return [
        LaborRate(region, shop, kind.value, _q(rate * SHOP_FACTOR[shop] * REGION_FACTOR[region]))
        for region in REGIONS
        for shop in ShopClass
        for kind, rate in BASE_RATE.items()
    ]


def demo_paint(
    components: Iterable[Any],
) -> tuple[list[PaintPanels], list[PaintRate], list[PaintDiscount]]:
    """Panels of the painted components, paint rates and the ZJ discount schedule."""
    panels = [PaintPanels(c.code, c.paint_panels) for c in components if c.paint_panels]
    rates = [
        PaintRate(
            region,
            cls,
            paint,
            _q(per_panel * CLASS_PAINT_FACTOR[cls] * REGION_FACTOR[region]),
            _q(per_panel * CLASS_PAINT_FACTOR[cls] * REGION_FACTOR[region] * 12),
        )
        for region in REGIONS
        for cls in VEHICLE_CLASSES
        for paint, per_panel in PAINT_PER_PANEL.items()
    ]
    discounts = [
        PaintDiscount("ZJ", Decimal(n), f)
        for n, f in ((3, Decimal("0.90")), (5, Decimal("0.85")), (7, Decimal("0.80")))
    ]
    return panels, rates, discounts


def write_standard_workbook(path: Path, components: Sequence[Any]) -> None:
    """Write the demo labor standard as a workbook with the Chinese headers."""
    import openpyxl

    times = demo_labor_times(components)
    panels, rates, discounts = demo_paint(components)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("工时定额")
    sheet.append(["部件编码", "部件名称", "作业", "车型级别", "工时", "包含作业"])
    for t in times:
        sheet.append(
            [
                t.component_code,
                t.component_name,
                t.operation.label_zh,
                t.vehicle_class,
                str(t.hours),
                ";".join(str(k) for k in t.includes),
            ]
        )
    sheet = book.create_sheet("工时单价")
    sheet.append(["地区", "修理厂类别", "工种", "元/工时"])
    for rate in demo_labor_rates():
        sheet.append([rate.region, rate.shop_class.value, rate.labor_type, str(rate.rate)])
    sheet = book.create_sheet("喷漆幅数")
    sheet.append(["部件编码", "幅数"])
    for p in panels:
        sheet.append([p.component_code, str(p.panels)])
    sheet = book.create_sheet("喷漆单价")
    sheet.append(["地区", "车型级别", "漆种", "每幅单价", "全车喷漆价"])
    for r in rates:
        sheet.append(
            [
                r.region,
                r.vehicle_class,
                r.paint_type.value,
                str(r.price_per_panel),
                str(r.full_vehicle_price),
            ]
        )
    sheet = book.create_sheet("多幅折扣")
    sheet.append(["地区", "起算幅数", "折扣系数"])
    for d in discounts:
        sheet.append([d.region, str(d.min_panels), str(d.factor)])
    book.save(path)


def main(argv: list[str] | None = None) -> int:
    """``python -m labor_standards.demo -o FILE.xlsx``: write the demo labor standard."""
    parser = argparse.ArgumentParser(prog="python -m labor_standards.demo")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    write_standard_workbook(Path(args.output), DEMO_COMPONENTS)
    print(f"demo labor standard written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

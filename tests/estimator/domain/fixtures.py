"""A small hand-made catalog slice and labor standard with round numbers for worked examples."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

from estimator.domain.estimate import Estimate, EstimateLine, LineKind
from labor_standards.model import (
    LaborKey,
    LaborRate,
    LaborStandard,
    LaborTime,
    Operation,
    PaintDiscount,
    PaintPanels,
    PaintRate,
    PaintType,
    ShopClass,
)
from parts_catalog.model import CatalogEntry, CatalogSnapshot, DatedPrice, PriceType

OCT = dt.date(2026, 10, 1)
NOV = dt.date(2026, 11, 1)

CATALOG = CatalogSnapshot(
    [
        CatalogEntry("521190K280", "前保险杠皮", "FBUMPER", "外观件", D("0.05")),
        CatalogEntry("8113006B30", "左前大灯总成", "HEADLAMP_L", "灯具", None, True),
        CatalogEntry("CLIP", "卡扣", "FBUMPER", "外观件"),
        CatalogEntry("ODD", "单价奇数件", "FBUMPER", "外观件", D("0.10")),
    ],
    {
        ("521190K280", "ZJ", PriceType.OEM_4S): [
            DatedPrice(OCT, 1, D("1850.00")),
            DatedPrice(NOV, 2, D("1880.00")),
        ],
        ("521190K280", "ZJ", PriceType.BRAND): [DatedPrice(OCT, 1, D("980.00"))],
        ("521190K280", "SH", PriceType.OEM_4S): [DatedPrice(OCT, 1, D("1900.00"))],
        ("8113006B30", "ZJ", PriceType.OEM_4S): [DatedPrice(OCT, 1, D("4200.00"))],
        ("CLIP", "ZJ", PriceType.OEM_4S): [DatedPrice(OCT, 1, D("1.115"))],
        ("ODD", "ZJ", PriceType.OEM_4S): [DatedPrice(OCT, 1, D("2.675"))],
    },
)


def _time(
    component: str, operation: Operation, hours: str, *includes: str, cls: str = "*"
) -> LaborTime:
    keys = tuple(LaborKey(c, Operation(o)) for c, o in (i.split(":") for i in includes))
    return LaborTime(component, operation, cls, D(hours), keys, component)


STANDARD = LaborStandard(
    version_id=3,
    labor_times=[
        _time("FBUMPER", Operation.REPLACE, "1.50", "FOGLAMP_L:ri", "FOGLAMP_R:ri"),
        _time("FBUMPER", Operation.REPLACE, "2.00", "FOGLAMP_L:ri", "FOGLAMP_R:ri", cls="C"),
        _time("FBUMPER", Operation.REPAIR_MEDIUM, "3.00", "FBUMPER:ri"),
        _time("FBUMPER", Operation.RI, "1.00"),
        _time("FOGLAMP_L", Operation.RI, "0.30"),
        _time("FOGLAMP_R", Operation.RI, "0.30"),
        _time("FENDER_L", Operation.REPAIR_MEDIUM, "3.00", "FENDER_L:ri"),
        _time("FENDER_L", Operation.RI, "0.80"),
        _time("HOOD", Operation.REPLACE, "1.20", "HOOD_HINGE:ri"),
        _time("HOOD_HINGE", Operation.RI, "0.50", "HOOD_SEAL:ri"),
        _time("HOOD_SEAL", Operation.RI, "0.20"),
        _time("CYCLE_A", Operation.RI, "1.00", "CYCLE_B:ri"),
        _time("CYCLE_B", Operation.RI, "0.50", "CYCLE_A:ri"),
        _time("ENGINE", Operation.MECH, "4.00"),
    ],
    labor_rates=[
        LaborRate("ZJ", ShopClass.CLASS1, "ri", D("60.00")),
        LaborRate("ZJ", ShopClass.CLASS1, "sheet_metal", D("80.00")),
        LaborRate("ZJ", ShopClass.CLASS1, "*", D("70.00")),
        LaborRate("SH", ShopClass.CLASS3, "ri", D("50.00")),
        LaborRate("ZJ", ShopClass.FOUR_S, "*", D("90.00")),
    ],
    paint_panels=[
        PaintPanels("FBUMPER", D("1.5")),
        PaintPanels("FENDER_L", D("1")),
        PaintPanels("HOOD", D("2")),
        PaintPanels("ROOF", D("2.5")),
        PaintPanels("FDOOR_L", D("1")),
        PaintPanels("FDOOR_R", D("1")),
        PaintPanels("RDOOR_L", D("1")),
        PaintPanels("RDOOR_R", D("1")),
        PaintPanels("TRUNK", D("1.5")),
        PaintPanels("QUARTER_L", D("1.5")),
        PaintPanels("QUARTER_R", D("1.5")),
    ],
    paint_rates=[
        PaintRate("ZJ", "C", PaintType.METALLIC, D("400.00"), D("4500.00")),
        PaintRate("ZJ", "*", PaintType.SOLID, D("300.00"), D("4000.00")),
    ],
    paint_discounts=[
        PaintDiscount("ZJ", D("3"), D("0.90")),
        PaintDiscount("ZJ", D("5"), D("0.80")),
    ],
)


def estimate(*lines: EstimateLine, **header: object) -> Estimate:
    values: dict[str, object] = {
        "priced_on": dt.date(2026, 11, 20),
        "region": "ZJ",
        "shop_class": ShopClass.CLASS1,
        "vehicle_class": "C",
        "paint_type": PaintType.METALLIC,
        "price_type": PriceType.OEM_4S,
    }
    values.update(header)
    return Estimate(lines=tuple(lines), **values)  # type: ignore[arg-type]


def part(part_no: str, qty: str = "1", **more: object) -> EstimateLine:
    return EstimateLine(LineKind.PART, part_no=part_no, qty=D(qty), **more)  # type: ignore[arg-type]


def labor(component: str, operation: str, **more: object) -> EstimateLine:
    return EstimateLine(
        LineKind.LABOR, component_code=component, operation=Operation(operation), **more
    )  # type: ignore[arg-type]


def paint(component: str, **more: object) -> EstimateLine:
    return EstimateLine(LineKind.PAINT, component_code=component, **more)  # type: ignore[arg-type]

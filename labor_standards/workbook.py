"""The labor standards workbook (data-formats.md): sheets, columns, row validation, template."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kernel.money import HOURS_PLACES, MONEY_PLACES, RATE_PLACES, limit
from kernel.problems import Problem, register_messages
from kernel.workbook import (
    MAX_ROWS,
    CellError,
    ColumnSpec,
    ParsedWorkbook,
    Progress,
    RawRow,
    RejectedSheet,
    RowChecker,
    SheetSpec,
    Workbook,
    cell_decimal,
    cell_text,
    choice,
)
from kernel.workbook import write_template as write_workbook_template
from labor_standards.model import (
    ANY,
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

register_messages(
    {
        "includes_itself": (
            "该作业包含它自己 ({cycle})：作业不能是自身的一部分",
            "the operation includes itself ({cycle}): an operation cannot be part of itself",
        )
    }
)

LABOR_TIMES = SheetSpec(
    "labor_times",
    ("工时定额",),
    (
        ColumnSpec("component_code", ("部件编码",), required=True),
        ColumnSpec("component_name", ("部件名称",)),
        ColumnSpec("operation", ("作业",), required=True),
        ColumnSpec("vehicle_class", ("车型级别",), required=True),
        ColumnSpec("hours", ("工时",), required=True),
        ColumnSpec("includes", ("包含作业",)),
    ),
)
LABOR_RATES = SheetSpec(
    "labor_rates",
    ("工时单价",),
    (
        ColumnSpec("region", ("地区",), required=True),
        ColumnSpec("shop_class", ("修理厂类别",), required=True),
        ColumnSpec("labor_type", ("工种",), required=True),
        ColumnSpec("rate", ("元/工时", "工时费率"), required=True),
    ),
)
PAINT_PANELS = SheetSpec(
    "paint_panels",
    ("喷漆幅数",),
    (
        ColumnSpec("component_code", ("部件编码",), required=True),
        ColumnSpec("panels", ("幅数",), required=True),
    ),
)
PAINT_RATES = SheetSpec(
    "paint_rates",
    ("喷漆单价",),
    (
        ColumnSpec("region", ("地区",), required=True),
        ColumnSpec("vehicle_class", ("车型级别",), required=True),
        ColumnSpec("paint_type", ("漆种",), required=True),
        ColumnSpec("price_per_panel", ("每幅单价",), required=True),
        ColumnSpec("full_vehicle_price", ("全车喷漆价",), required=True),
    ),
)
PAINT_DISCOUNTS = SheetSpec(
    "paint_discounts",
    ("多幅折扣",),
    (
        ColumnSpec("region", ("地区",), required=True),
        ColumnSpec("min_panels", ("起算幅数",), required=True),
        ColumnSpec("factor", ("折扣系数",), required=True),
    ),
    required=False,
)
SHEETS = (LABOR_TIMES, LABOR_RATES, PAINT_PANELS, PAINT_RATES, PAINT_DISCOUNTS)

_OPERATION_ALIASES = {
    **{op.value: op for op in Operation},
    "拆装": Operation.RI,
    "更换": Operation.REPLACE,
    "钣金轻": Operation.REPAIR_LIGHT,
    "钣金中": Operation.REPAIR_MEDIUM,
    "钣金重": Operation.REPAIR_HEAVY,
    "机修": Operation.MECH,
    "电工": Operation.ELEC,
}
SHOP_CLASS_ALIASES = {
    **{c.value: c for c in ShopClass},
    "4s店": ShopClass.FOUR_S,
    "一类": ShopClass.CLASS1,
    "二类": ShopClass.CLASS2,
    "三类": ShopClass.CLASS3,
}
_LABOR_TYPE_ALIASES = {
    **{t.value: t.value for t in LaborType},
    ANY: ANY,
    "拆装": LaborType.RI.value,
    "钣金": LaborType.SHEET_METAL.value,
    "机修": LaborType.MECH.value,
    "电工": LaborType.ELEC.value,
}
_PAINT_TYPE_ALIASES = {
    **{t.value: t for t in PaintType},
    "素色漆": PaintType.SOLID,
    "金属漆": PaintType.METALLIC,
    "珍珠漆": PaintType.PEARL,
}


def _code(value: object) -> str:
    return cell_text(value, limit=60).upper()


def _includes(value: object) -> tuple[LaborKey, ...]:
    keys = []
    for item in cell_text(value, limit=2000).replace("；", ";").split(";"):
        if not item.strip():
            continue
        component, _, operation = item.replace("：", ":").partition(":")
        found = _OPERATION_ALIASES.get(operation.strip().casefold())
        if not component.strip() or found is None:
            raise CellError("bad_include", item=item.strip())
        keys.append(LaborKey(component.strip().upper(), found))
    return tuple(dict.fromkeys(keys))


@dataclass
class ParsedStandard(ParsedWorkbook):
    """A labor standards workbook once validated."""

    labor_times: list[LaborTime] = field(default_factory=list)
    labor_rates: list[LaborRate] = field(default_factory=list)
    paint_panels: list[PaintPanels] = field(default_factory=list)
    paint_rates: list[PaintRate] = field(default_factory=list)
    paint_discounts: list[PaintDiscount] = field(default_factory=list)


def _labor_time(check: RowChecker) -> tuple[tuple[object, ...], LaborTime] | None:
    component = check.get("component_code", _code, required=True)
    name = check.get("component_name", cell_text, limit=100) or ""
    operation = check.get("operation", choice(_OPERATION_ALIASES), required=True)
    vehicle_class = check.get("vehicle_class", _code, required=True)
    hours = check.get(
        "hours", cell_decimal, required=True, places=HOURS_PLACES, minimum=0, maximum=limit("hours")
    )
    includes = check.get("includes", _includes) or ()
    if check.problems:
        return None
    row = LaborTime(component, operation, vehicle_class, hours, includes, name)
    return (component, operation, vehicle_class), row


def _labor_rate(check: RowChecker) -> tuple[tuple[object, ...], LaborRate] | None:
    region = check.get("region", _code, required=True)
    shop_class = check.get("shop_class", choice(SHOP_CLASS_ALIASES), required=True)
    labor_type = check.get("labor_type", choice(_LABOR_TYPE_ALIASES), required=True)
    rate = check.get(
        "rate",
        cell_decimal,
        required=True,
        places=RATE_PLACES,
        minimum=0,
        maximum=limit("unit_price"),
    )
    if check.problems:
        return None
    return (region, shop_class, labor_type), LaborRate(region, shop_class, labor_type, rate)


def _paint_panels(check: RowChecker) -> tuple[tuple[object, ...], PaintPanels] | None:
    component = check.get("component_code", _code, required=True)
    panels = check.get(
        "panels",
        cell_decimal,
        required=True,
        places=HOURS_PLACES,
        minimum=0,
        maximum=limit("hours"),
    )
    if check.problems:
        return None
    return (component,), PaintPanels(component, panels)


def _paint_rate(check: RowChecker) -> tuple[tuple[object, ...], PaintRate] | None:
    region = check.get("region", _code, required=True)
    vehicle_class = check.get("vehicle_class", _code, required=True)
    paint_type = check.get("paint_type", choice(_PAINT_TYPE_ALIASES), required=True)
    per_panel = check.get(
        "price_per_panel",
        cell_decimal,
        required=True,
        places=RATE_PLACES,
        minimum=0,
        maximum=limit("unit_price"),
    )
    full = check.get(
        "full_vehicle_price",
        cell_decimal,
        required=True,
        places=MONEY_PLACES,
        minimum=0,
        maximum=limit("unit_price"),
    )
    if check.problems:
        return None
    key = (region, vehicle_class, paint_type)
    return key, PaintRate(region, vehicle_class, paint_type, per_panel, full)


def _paint_discount(check: RowChecker) -> tuple[tuple[object, ...], PaintDiscount] | None:
    region = check.get("region", _code, required=True)
    minimum = check.get(
        "min_panels",
        cell_decimal,
        required=True,
        places=HOURS_PLACES,
        minimum=0,
        maximum=limit("hours"),
    )
    factor = check.get(
        "factor", cell_decimal, required=True, places=RATE_PLACES, minimum=0, maximum=1
    )
    if check.problems:
        return None
    return (region, minimum), PaintDiscount(region, minimum, factor)


_READERS: dict[str, Any] = {
    "labor_times": _labor_time,
    "labor_rates": _labor_rate,
    "paint_panels": _paint_panels,
    "paint_rates": _paint_rate,
    "paint_discounts": _paint_discount,
}


def read_standard(
    path: Path, *, max_rows: int | None = None, progress: Progress | None = None
) -> ParsedStandard:
    """Read and validate a labor standards workbook. Raises WorkbookRefused for bad files."""
    parsed = ParsedStandard()
    with Workbook(path, max_rows=max_rows or MAX_ROWS, progress=progress) as book:
        readers = []
        for spec in SHEETS:
            reader, problems = book.sheet(spec)
            parsed.problems.extend(problems)
            readers.append((spec, reader))
        if parsed.errors:
            return parsed
        for spec, reader in readers:
            if reader is None:
                continue
            rejected = RejectedSheet(reader.title, reader.header)
            seen: dict[tuple[object, ...], int] = {}
            target: list[Any] = getattr(parsed, spec.key)
            kept: list[tuple[RawRow, Any]] = []
            for row in reader:
                parsed.rows_read += 1
                problems, value = _read_row(spec.key, reader.title, row, seen)
                parsed.keep(rejected, row, problems)
                if value is not None:
                    kept.append((row, value))
            if spec.key == "labor_times":
                kept = _without_inclusion_cycles(parsed, rejected, reader.title, kept)
            target.extend(value for _row, value in kept)
            parsed.rejected.append(rejected)
    return parsed


def _without_inclusion_cycles(
    parsed: ParsedStandard,
    rejected: RejectedSheet,
    title: str,
    kept: list[tuple[RawRow, LaborTime]],
) -> list[tuple[RawRow, LaborTime]]:
    """Reject every labor time that includes itself, directly or through others of its vehicle
    class (A includes B, B includes A), naming the cycle: an operation cannot be part of itself,
    and the engine's inclusion would never settle on which line pays."""
    rows = {(t.vehicle_class, t.component_code, t.operation): (row, t) for row, t in kept}
    in_cycle: dict[tuple[str, str, Operation], list[tuple[str, str, Operation]]] = {}
    for start in rows:
        if start in in_cycle:
            continue
        cycle = _cycle_through(start, rows)
        ring = cycle[:-1]
        for at, node in enumerate(ring):  # each row's cycle told from its own operation
            in_cycle.setdefault(node, [*ring[at:], *ring[:at], node])
    if not in_cycle:
        return kept
    for node, cycle in in_cycle.items():
        row, _time = rows[node]
        words = " → ".join(f"{component}:{operation.value}" for _c, component, operation in cycle)
        problem = Problem("includes_itself", title, row.number, "includes", None, {"cycle": words})
        parsed.keep(rejected, row, [problem])
    return [
        (row, t)
        for row, t in kept
        if (t.vehicle_class, t.component_code, t.operation) not in in_cycle
    ]


def _cycle_through(
    start: tuple[str, str, Operation],
    rows: dict[tuple[str, str, Operation], tuple[RawRow, LaborTime]],
) -> list[tuple[str, str, Operation]]:
    """The inclusion path from ``start`` back to it ([] when there is none), iteratively."""
    vehicle_class = start[0]
    stack: list[tuple[tuple[str, str, Operation], list[tuple[str, str, Operation]]]] = [
        (start, [start])
    ]
    visited: set[tuple[str, str, Operation]] = set()
    while stack:
        node, path = stack.pop()
        for key in rows[node][1].includes:
            following = (vehicle_class, key.component_code, key.operation)
            if following == start:
                return [*path, start]
            if following in rows and following not in visited:
                visited.add(following)
                stack.append((following, [*path, following]))
    return []


def _read_row(
    sheet_key: str, title: str, row: RawRow, seen: dict[tuple[object, ...], int]
) -> tuple[list[Any], Any]:
    check = RowChecker(title, row)
    result = _READERS[sheet_key](check)
    if result is None:
        return check.problems, None
    key, value = result
    if key in seen:
        first_column = next(iter(row.values), None)
        check.fail(
            "duplicate_key", first_column, row.values.get(first_column or ""), other_row=seen[key]
        )
        return check.problems, None
    seen[key] = row.number
    return [], value


def write_template(path: Path) -> None:
    """Write the empty labor standards workbook with its explanation sheet."""
    write_workbook_template(path, SHEETS, _EXPLANATIONS)


_EXPLANATIONS = {
    "component_code": "部件编码，与配件目录一致 / component code, as in the parts catalog",
    "component_name": "部件名称 / component name",
    "operation": "ri/replace/repair_light/repair_medium/repair_heavy/mech/elec 或 拆装/更换/钣金轻/钣金中/钣金重/机修/电工",
    "vehicle_class": "车型级别，* 表示全部 / vehicle class, * for all",
    "hours": "≥ 0，最多 2 位小数 / ≥ 0, at most 2 decimal places",
    "includes": "包含的作业，用 ; 分隔的 部件编码:作业 / ;-separated component:operation pairs",
    "region": "地区编码 / region code",
    "shop_class": "4s/class1/class2/class3 或 4S店/一类/二类/三类",
    "labor_type": "ri/sheet_metal/mech/elec/* 或 拆装/钣金/机修/电工",
    "rate": "元/工时，≥ 0 / yuan per hour, ≥ 0",
    "panels": "幅数，≥ 0 / panel count, ≥ 0",
    "paint_type": "solid/metallic/pearl 或 素色漆/金属漆/珍珠漆",
    "price_per_panel": "每幅单价 / price per panel",
    "full_vehicle_price": "全车喷漆价 (封顶) / full-vehicle paint price (the cap)",
    "min_panels": "起算幅数 / from this many panels",
    "factor": "折扣系数 0–1 / factor 0–1",
}

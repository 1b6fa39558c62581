"""The flooded-vehicle guide workbook (水淹车指南, settlement.md): a sheet ``items`` (a row per
item and span of water levels and immersion grades: code, words, action, and the component,
operation and hours of a labor item or the part number and reference price of a replacement)
and a sheet ``ratios`` (the loss-ratio range of the actual value for every level and grade).
Read with every bad row named; a guide only when the whole file is good (an import is atomic).
Also its empty template and the demo guide shipped with the product (resources/flood_vehicle/).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

from estimator.domain.flood_vehicle import (
    GRADES,
    LABOR_ACTIONS,
    LEVELS,
    FloodAction,
    FloodGuide,
    GuideEntry,
    GuideItem,
    LossRatio,
    Span,
    parse_span,
)
from kernel.problems import Problem
from kernel.workbook import (
    MAX_ROWS,
    CellError,
    ColumnSpec,
    ParsedWorkbook,
    RowChecker,
    SheetSpec,
    Workbook,
    cell_decimal,
    cell_text,
    choice,
)
from kernel.workbook import write_template as write_workbook_template
from labor_standards.model import Operation

#: A guide of a few hundred rows; a file of far more is not a guide.
GUIDE_MAX_ROWS = 5000
#: The demo guide, inside the installed resources.
SHIPPED_GUIDE = ("flood_vehicle", "flood_vehicle_guide_demo.xlsx")
#: Hours above 100 or a reference price above 1 million yuan are typing slips.
MAX_HOURS = Decimal(100)
MAX_PRICE = Decimal(1_000_000)

ITEMS = SheetSpec(
    "items",
    ("项目", "水淹车项目", "检查项目"),
    (
        ColumnSpec("levels", ("水淹高度", "水淹等级"), required=True),
        ColumnSpec("grades", ("水淹时间", "浸泡时间"), required=True),
        ColumnSpec("code", ("项目编码",), required=True),
        ColumnSpec("name_zh", ("项目名称",), required=True),
        ColumnSpec("name_en", ("英文名称",)),
        ColumnSpec("action", ("处理", "处理方式"), required=True),
        ColumnSpec("component_code", ("部件编码",)),
        ColumnSpec("operation", ("作业",)),
        ColumnSpec("hours", ("工时",)),
        ColumnSpec("part_no", ("配件编码",)),
        ColumnSpec("unit_price", ("参考单价", "单价")),
    ),
)
RATIOS = SheetSpec(
    "ratios",
    ("损失率", "损失率范围"),
    (
        ColumnSpec("levels", ("水淹高度", "水淹等级"), required=True),
        ColumnSpec("grades", ("水淹时间", "浸泡时间"), required=True),
        ColumnSpec("ratio_low", ("损失率下限",), required=True),
        ColumnSpec("ratio_high", ("损失率上限",), required=True),
    ),
)

ACTION_ALIASES: dict[str, FloodAction] = {
    **{a.value: a for a in FloodAction},
    "检查": FloodAction.INSPECT,
    "清洗": FloodAction.CLEAN,
    "烘干": FloodAction.DRY,
    "干燥": FloodAction.DRY,
    "更换": FloodAction.REPLACE,
}
OPERATION_ALIASES: dict[str, Operation] = {
    **{op.value: op for op in Operation},
    "拆装": Operation.RI,
    "机修": Operation.MECH,
    "电工": Operation.ELEC,
}

EXPLANATIONS = {
    "levels": "水淹高度 1–6，或范围如 3-6 / water level 1 to 6, or a span such as 3-6",
    "grades": "水淹时间 H1–H6，或范围如 H1-H3 / immersion grade H1 to H6, or a span such as H1-H3",
    "code": "项目编码，如 CARPET_CLEAN / the item's code, e.g. CARPET_CLEAN",
    "name_zh": "项目名称 / the item's name in Chinese",
    "name_en": "英文名称 / the item's name in English",
    "action": (
        "inspect（检查）、clean（清洗）、dry（烘干）或 replace（更换） / inspect, clean, dry or replace"
    ),
    "component_code": "部件编码（清洗、烘干必填；更换可填） / the component (clean, dry; or replace)",
    "operation": "作业：mech（机修）、elec（电工）或 ri（拆装） / the operation: mech, elec or ri",
    "hours": "工时（清洗、烘干必填） / hours (clean and dry)",
    "part_no": "配件编码（更换，可不填） / the catalog part number (replace, optional)",
    "unit_price": "参考单价，元（更换必填） / the reference price in yuan (replace)",
    "ratio_low": "损失率下限：0.15 或 15% / the loss ratio's low end: 0.15 or 15%",
    "ratio_high": "损失率上限：0.30 或 30% / the loss ratio's high end: 0.30 or 30%",
}


@dataclass
class ParsedFloodGuide(ParsedWorkbook):
    """A guide workbook once validated: the guide when every row is good."""

    guide: FloodGuide | None = None


def _span(value: object, *, grades: bool) -> Span:
    span = parse_span(cell_text(value, limit=20), grades=grades)
    if span is None:
        raise CellError("flood_vehicle.bad_grades" if grades else "flood_vehicle.bad_levels")
    return span


def ratio(value: object) -> Decimal:
    """A ratio cell: a fraction (0.15, or a cell formatted 15 %) or text with a percent sign."""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        number: Decimal = cell_decimal(value.strip()[:-1], places=2, minimum=0, maximum=100)
        return number / 100
    fraction: Decimal = cell_decimal(value, places=4, minimum=0, maximum=1)
    return fraction


def _cells(span_levels: Span, span_grades: Span) -> list[tuple[int, str]]:
    return [
        (level, GRADES[g - 1])
        for level in range(span_levels.low, span_levels.high + 1)
        for g in range(span_grades.low, span_grades.high + 1)
    ]


def _item(check: RowChecker) -> GuideItem | None:
    """The item of an ``items`` row, its figures checked against its action."""
    code = check.get("code", cell_text, required=True, limit=60)
    name_zh = check.get("name_zh", cell_text, required=True, limit=100)
    name_en = check.get("name_en", cell_text, limit=100) or ""
    action = check.get("action", choice(ACTION_ALIASES), required=True)
    component = check.get("component_code", cell_text, limit=60) or ""
    operation = check.get("operation", choice(OPERATION_ALIASES))
    hours = check.get("hours", cell_decimal, places=2, minimum=Decimal("0.01"), maximum=MAX_HOURS)
    part_no = check.get("part_no", cell_text, limit=60) or ""
    price = check.get("unit_price", cell_decimal, places=2, minimum=0, maximum=MAX_PRICE)
    if action in LABOR_ACTIONS and (not component or operation is None or hours is None):
        check.fail("flood_vehicle.needs_labor", "hours", check.row.values.get("hours"))
    elif action is FloodAction.REPLACE and (price is None or not (part_no or component)):
        check.fail("flood_vehicle.needs_part", "unit_price", check.row.values.get("unit_price"))
    elif action is FloodAction.INSPECT and (hours is not None or price is not None):
        check.fail("flood_vehicle.inspect_priced", "hours", check.row.values.get("hours"))
    if check.problems or code is None or name_zh is None or action is None:
        return None
    return GuideItem(
        code.upper(), name_zh, name_en, action, component.upper(), operation, hours, part_no, price
    )


def _read_items(book: Workbook, parsed: ParsedFloodGuide) -> list[GuideEntry]:
    reader, problems = book.sheet(ITEMS)
    parsed.problems.extend(problems)
    if reader is None:
        return []
    entries: list[GuideEntry] = []
    first_row: dict[tuple[str, int, str], int] = {}
    for row in reader:
        parsed.rows_read += 1
        check = RowChecker(reader.title, row)
        levels = check.get("levels", _span, required=True, grades=False)
        grades = check.get("grades", _span, required=True, grades=True)
        item = _item(check)
        if item is not None and levels is not None and grades is not None:
            for level, grade in _cells(levels, grades):
                key = (item.code, level, grade)
                if key in first_row:
                    check.fail(
                        "flood_vehicle.item_twice",
                        "code",
                        item.code,
                        item=item.code,
                        level=level,
                        grade=grade,
                        other_row=first_row[key],
                    )
                    break
                first_row[key] = row.number
        if check.problems:
            parsed.problems.extend(check.problems)
            parsed.rows_rejected += 1
            continue
        assert item is not None
        assert levels is not None
        assert grades is not None
        entries.append(GuideEntry(levels, grades, item))
    return entries


def _read_ratios(book: Workbook, parsed: ParsedFloodGuide) -> dict[tuple[int, str], LossRatio]:
    reader, problems = book.sheet(RATIOS)
    parsed.problems.extend(problems)
    if reader is None:
        return {}
    ratios: dict[tuple[int, str], LossRatio] = {}
    first_row: dict[tuple[int, str], int] = {}
    for row in reader:
        parsed.rows_read += 1
        check = RowChecker(reader.title, row)
        levels = check.get("levels", _span, required=True, grades=False)
        grades = check.get("grades", _span, required=True, grades=True)
        low = check.get("ratio_low", ratio, required=True)
        high = check.get("ratio_high", ratio, required=True)
        if low is not None and high is not None and low > high:
            check.fail("flood_vehicle.bad_ratio", "ratio_high", row.values.get("ratio_high"))
        cells = _cells(levels, grades) if levels is not None and grades is not None else []
        for level, grade in cells:
            if (level, grade) in first_row:
                check.fail(
                    "flood_vehicle.ratio_overlap",
                    "levels",
                    row.values.get("levels"),
                    level=level,
                    grade=grade,
                    other_row=first_row[(level, grade)],
                )
                break
            first_row[(level, grade)] = row.number
        if check.problems:
            parsed.problems.extend(check.problems)
            parsed.rows_rejected += 1
            continue
        for cell in cells:
            ratios[cell] = LossRatio(low, high)
    for level in LEVELS:
        for grade in GRADES:
            if (level, grade) not in first_row and reader is not None:
                parsed.problems.append(
                    Problem(
                        "flood_vehicle.ratio_missing",
                        sheet=reader.title,
                        params={"level": level, "grade": grade},
                    )
                )
    return ratios


def read_flood_guide(path: Path, *, max_rows: int = GUIDE_MAX_ROWS) -> ParsedFloodGuide:
    """Read and validate a guide workbook. Raises WorkbookRefused for bad files."""
    parsed = ParsedFloodGuide()
    with Workbook(path, max_rows=min(max_rows, MAX_ROWS)) as book:
        entries = _read_items(book, parsed)
        ratios = _read_ratios(book, parsed)
    if not parsed.errors:
        parsed.guide = FloodGuide(tuple(entries), ratios)
    return parsed


def write_template(path: Path) -> None:
    """The empty guide workbook with its explanation sheet."""
    write_workbook_template(path, [ITEMS, RATIOS], EXPLANATIONS)


def shipped_guide_path() -> Path:
    """The demo guide shipped with the product."""
    return Path(str(resources.files("estimator.resources").joinpath(*SHIPPED_GUIDE)))

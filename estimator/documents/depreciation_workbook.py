"""The depreciation workbook (折旧率表, settlement.md): a sheet ``rates`` with a row per use class
and vehicle kind and its monthly rate, read with every bad row named (an unknown class, a rate
that is not a number or is too high, a class twice) and every missing class said; a table only
when the whole file is good. Also its empty template and the table shipped with the product
(resources/depreciation/, the 2020 commercial model clauses' rates)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from pathlib import Path

from estimator.domain.depreciation import (
    ALL_CLASSES,
    DepreciationClass,
    DepreciationTable,
    UseClass,
    VehicleKind,
)
from estimator.domain.settlement_messages import worded
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

#: The table has 15 rows; a file of far more is not a depreciation table.
DEPRECIATION_MAX_ROWS = 1000
#: A monthly rate above 5 % (a vehicle worth nothing after 20 months) is a typing slip: 0.6
#: typed for 0.60 %.
MAX_MONTHLY_RATE = Decimal("0.05")
#: The shipped table, inside the installed resources.
SHIPPED_TABLE = ("depreciation", "depreciation_2020.xlsx")

RATES = SheetSpec(
    "rates",
    ("折旧率", "折旧率表", "月折旧率"),
    (
        ColumnSpec("use_class", ("使用性质",), required=True),
        ColumnSpec("vehicle_kind", ("车辆种类", "车辆类型"), required=True),
        ColumnSpec("monthly_rate", ("月折旧率",), required=True),
        ColumnSpec("note", ("备注", "依据")),
    ),
)

#: The words accepted for each use class and vehicle kind (codes, and the clauses' names).
USE_ALIASES: dict[str, UseClass] = {
    "private": UseClass.PRIVATE,
    "家庭自用": UseClass.PRIVATE,
    "非营业": UseClass.PRIVATE,
    "家庭自用及非营业": UseClass.PRIVATE,
    "家庭自用、非营业": UseClass.PRIVATE,
    "rental_taxi": UseClass.RENTAL_TAXI,
    "出租": UseClass.RENTAL_TAXI,
    "租赁": UseClass.RENTAL_TAXI,
    "出租、租赁": UseClass.RENTAL_TAXI,
    "出租租赁": UseClass.RENTAL_TAXI,
    "commercial": UseClass.COMMERCIAL,
    "营业": UseClass.COMMERCIAL,
    "其他营业": UseClass.COMMERCIAL,
}
KIND_ALIASES: dict[str, VehicleKind] = {
    "passenger_9": VehicleKind.PASSENGER_9,
    "9座以下客车": VehicleKind.PASSENGER_9,
    "9座及以下客车": VehicleKind.PASSENGER_9,
    "passenger_10": VehicleKind.PASSENGER_10,
    "10座以上客车": VehicleKind.PASSENGER_10,
    "10座及以上客车": VehicleKind.PASSENGER_10,
    "mini_truck": VehicleKind.MINI_TRUCK,
    "微型载货汽车": VehicleKind.MINI_TRUCK,
    "带拖挂的载货汽车": VehicleKind.MINI_TRUCK,
    "微型载货汽车及带拖挂的载货汽车": VehicleKind.MINI_TRUCK,
    "low_speed": VehicleKind.LOW_SPEED,
    "低速货车和三轮汽车": VehicleKind.LOW_SPEED,
    "低速货车": VehicleKind.LOW_SPEED,
    "三轮汽车": VehicleKind.LOW_SPEED,
    "other": VehicleKind.OTHER,
    "其他车辆": VehicleKind.OTHER,
}

EXPLANATIONS = {
    "use_class": (
        "private（家庭自用及非营业）、rental_taxi（出租、租赁）或 commercial（其他营业） / "
        "private (or non-commercial), rental_taxi or commercial"
    ),
    "vehicle_kind": (
        "passenger_9（9座以下客车）、passenger_10（10座以上客车）、mini_truck（微型载货汽车及"
        "带拖挂的载货汽车）、low_speed（低速货车和三轮汽车）或 other（其他车辆） / "
        "passenger_9, passenger_10, mini_truck, low_speed or other"
    ),
    "monthly_rate": (
        "月折旧率：0.006 或 0.60%，不超过 5%；每种使用性质与车辆种类各一行，共 15 行 / the "
        "monthly rate as 0.006 or 0.60%, at most 5 %; one row for each of the 15 classes"
    ),
    "note": "依据，如 2020 版商业险示范条款 / the source, e.g. the 2020 model clauses",
}


@dataclass
class ParsedDepreciation(ParsedWorkbook):
    """A depreciation workbook once validated: the table when every row and class is good."""

    rates: dict[DepreciationClass, Decimal] = field(default_factory=dict)
    table: DepreciationTable | None = None


def monthly_rate(value: object) -> Decimal:
    """A monthly rate cell: a fraction (0.006, or a cell formatted 0.60 %) or text with a
    percent sign (``0.60%``); at most ``MAX_MONTHLY_RATE``."""
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        number = cell_decimal(value.strip()[:-1], places=4, minimum=0)
        rate: Decimal = number / 100
    else:
        rate = cell_decimal(value, places=6, minimum=0)
    if rate > MAX_MONTHLY_RATE:
        raise CellError("depreciation.rate_too_high", maximum="5%")
    return rate


def read_depreciation(path: Path, *, max_rows: int = DEPRECIATION_MAX_ROWS) -> ParsedDepreciation:
    """Read and validate a depreciation workbook. Raises WorkbookRefused for bad files."""
    parsed = ParsedDepreciation()
    with Workbook(path, max_rows=min(max_rows, MAX_ROWS)) as book:
        reader, problems = book.sheet(RATES)
        parsed.problems.extend(problems)
        if parsed.errors or reader is None:
            return parsed
        first_row: dict[DepreciationClass, int] = {}
        for row in reader:
            parsed.rows_read += 1
            check = RowChecker(reader.title, row)
            use = check.get("use_class", choice(USE_ALIASES), required=True)
            kind = check.get("vehicle_kind", choice(KIND_ALIASES), required=True)
            rate = check.get("monthly_rate", monthly_rate, required=True)
            check.get("note", cell_text, limit=200)
            key = DepreciationClass(use, kind) if use is not None and kind is not None else None
            if key is not None and key in first_row:
                check.fail(
                    "duplicate_key",
                    "vehicle_kind",
                    row.values.get("vehicle_kind"),
                    other_row=first_row[key],
                )
            elif key is not None:
                first_row[key] = row.number
            if check.problems:
                parsed.problems.extend(check.problems)
                parsed.rows_rejected += 1
                continue
            assert key is not None
            assert rate is not None
            parsed.rates[key] = rate
        _complete(parsed, reader.title, first_row)
    if not parsed.errors:
        parsed.table = DepreciationTable(dict(parsed.rates))
    return parsed


def _complete(parsed: ParsedDepreciation, sheet: str, seen: dict[DepreciationClass, int]) -> None:
    """Say each class the sheet holds no row for (a rejected row's class is not missing)."""
    for missing in (c for c in ALL_CLASSES if c not in seen):
        parsed.problems.append(
            Problem(
                "depreciation.missing_rate",
                sheet=sheet,
                params={
                    "use": worded(f"settlement.use.{missing.use.value}"),
                    "kind": worded(f"settlement.kind.{missing.kind.value}"),
                },
            )
        )


def write_template(path: Path) -> None:
    """The empty depreciation workbook with its explanation sheet."""
    write_workbook_template(path, [RATES], EXPLANATIONS)


def shipped_table_path() -> Path:
    """The depreciation workbook shipped with the product (the 2020 model clauses' rates)."""
    return Path(str(resources.files("estimator.resources").joinpath(*SHIPPED_TABLE)))

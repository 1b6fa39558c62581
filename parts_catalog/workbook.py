"""The parts catalog workbook (data-formats.md): sheet and column specs, row validation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from kernel.money import UNIT_PRICE_PLACES, limit
from kernel.problems import Problem, register_messages
from kernel.workbook import (
    MAX_ROWS,
    ColumnSpec,
    ParsedWorkbook,
    Progress,
    RawRow,
    RejectedSheet,
    RowChecker,
    SheetSpec,
    Workbook,
    cell_date,
    cell_decimal,
    cell_int,
    cell_text,
    cell_yes_no,
)
from kernel.workbook import write_template as write_workbook_template
from parts_catalog.model import (
    CatalogPart,
    PartPrice,
    PriceType,
    VehicleModel,
    is_valid_part_no,
    normalize_part_no,
)
from parts_catalog.vin import is_valid_prefix

MODELS_SHEET = SheetSpec(
    "vehicle_models",
    ("车型",),
    (
        ColumnSpec("model_code", ("车型编码",), required=True),
        ColumnSpec("brand", ("品牌",), required=True),
        ColumnSpec("series", ("车系",)),
        ColumnSpec("model_name", ("车型名称",), required=True),
        ColumnSpec("year_from", ("起始年款",)),
        ColumnSpec("year_to", ("终止年款",)),
        ColumnSpec("vin_prefixes", ("VIN前缀",)),
        ColumnSpec("vehicle_class", ("车型级别",)),
        ColumnSpec("new_price", ("新车购置价",)),
    ),
    required=False,
)

PRICE_COLUMNS: dict[str, PriceType] = {
    "price_oem_4s": PriceType.OEM_4S,
    "price_oem_market": PriceType.OEM_MARKET,
    "price_brand": PriceType.BRAND,
    "price_aftermarket": PriceType.AFTERMARKET,
    "price_reman": PriceType.REMAN,
    "price_used": PriceType.USED,
}

PARTS_SHEET = SheetSpec(
    "parts",
    ("配件",),
    (
        ColumnSpec("part_no", ("配件编码", "零件号", "OE号"), required=True),
        ColumnSpec("name_zh", ("配件名称",), required=True),
        ColumnSpec("name_en", ("英文名称",)),
        ColumnSpec("component_code", ("部件编码",)),
        ColumnSpec("category", ("配件分类",)),
        ColumnSpec("models", ("适用车型",)),
        ColumnSpec("region", ("地区",)),
        ColumnSpec("price_oem_4s", ("4S店价", "厂方指导价")),
        ColumnSpec("price_oem_market", ("市场价",)),
        ColumnSpec("price_brand", ("品牌件价", "同质品牌件价")),
        ColumnSpec("price_aftermarket", ("副厂件价",)),
        ColumnSpec("price_reman", ("再制造件价",)),
        ColumnSpec("price_used", ("回用件价", "拆车件价")),
        ColumnSpec("recover_old_part", ("旧件回收",)),
        ColumnSpec("salvage_rate", ("残值率",)),
        ColumnSpec("effective_date", ("生效日期",), required=True),
    ),
)

SHEETS = (MODELS_SHEET, PARTS_SHEET)

register_messages({"not_editable": ("此项不能在此修改", "this attribute cannot be changed here")})
NAME_LIMIT = 200
#: A new-vehicle price: to the fen, above zero, at most the policy amounts' bound.
NEW_PRICE_MINIMUM = Decimal("0.01")
NEW_PRICE_MAXIMUM = Decimal("100000000")
CODE_LIMIT = 60


@dataclass
class ParsedCatalog(ParsedWorkbook):
    """What a catalog workbook holds once validated: good rows, problems, rejected rows."""

    models: list[VehicleModel] = field(default_factory=list)
    parts: dict[str, CatalogPart] = field(default_factory=dict)


def read_catalog(
    path: Path,
    *,
    region: str | None = None,
    known_models: Iterable[str] = (),
    max_rows: int | None = None,
    progress: Progress | None = None,
) -> ParsedCatalog:
    """Read and validate a catalog workbook. Raises WorkbookRefused for unreadable files."""
    parsed = ParsedCatalog()
    with Workbook(path, max_rows=max_rows or MAX_ROWS, progress=progress) as book:
        models_reader, problems = book.sheet(MODELS_SHEET)
        parsed.problems.extend(problems)
        parts_reader, problems = book.sheet(PARTS_SHEET)
        parsed.problems.extend(problems)
        if parsed.errors:
            return parsed
        model_codes = set(known_models)
        if models_reader is not None:
            rejected = RejectedSheet(models_reader.title, models_reader.header)
            seen: dict[str, int] = {}
            for row in models_reader:
                parsed.rows_read += 1
                model, row_problems = _model_from_row(models_reader.title, row, seen)
                parsed.keep(rejected, row, row_problems)
                if model is not None and not row_problems:
                    parsed.models.append(model)
                    model_codes.add(model.model_code)
            parsed.rejected.append(rejected)
        assert parts_reader is not None
        rejected = RejectedSheet(parts_reader.title, parts_reader.header)
        seen_prices: dict[tuple[str, str, dt.date], int] = {}
        default_region = region.strip().upper() if region else None
        for row in parts_reader:
            parsed.rows_read += 1
            part, row_problems = _part_from_row(
                parts_reader.title, row, default_region, model_codes, seen_prices
            )
            parsed.keep(rejected, row, row_problems)
            if part is not None and not row_problems:
                _merge_part(parsed.parts, part)
        parsed.rejected.append(rejected)
    return parsed


def _code(value: object) -> str:
    return cell_text(value, limit=CODE_LIMIT).upper()


def _name(value: object) -> str:
    return cell_text(value, limit=NAME_LIMIT)


#: How the attributes a maintainer may correct are read and checked (converter, options), by
#: the import and by a correction alike.
PART_ATTRIBUTE_CHECKS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
    "name_zh": (_name, {"required": True}),
    "name_en": (_name, {}),
    "category": (_name, {}),
    "recover_old_part": (cell_yes_no, {}),
    "salvage_rate": (
        cell_decimal,
        {"places": UNIT_PRICE_PLACES, "minimum": 0, "maximum": 1},
    ),
}
#: What a blank attribute is stored as.
_PART_ATTRIBUTE_BLANK: dict[str, Any] = {
    "name_en": "",
    "category": "",
    "recover_old_part": False,
    "salvage_rate": None,
}


def _part_attribute(check: RowChecker, key: str) -> Any:
    convert, options = PART_ATTRIBUTE_CHECKS[key]
    value = check.get(key, convert, **options)
    return _PART_ATTRIBUTE_BLANK.get(key) if value is None else value


def check_part_changes(changes: Mapping[str, object]) -> tuple[dict[str, Any], list[Problem]]:
    """A maintainer's corrected attributes checked as the import checks them: the values as
    they are stored (blank text is "", a blank rate None, a blank recovery "no") and the
    problems, each naming its attribute. Attributes not in ``PART_ATTRIBUTE_CHECKS`` are
    refused (``not_editable``)."""
    check = RowChecker(PARTS_SHEET.key, RawRow(0, dict(changes), ()))
    values = {key: _part_attribute(check, key) for key in changes if key in PART_ATTRIBUTE_CHECKS}
    for key in changes:
        if key not in PART_ATTRIBUTE_CHECKS:
            check.fail("not_editable", key, changes[key])
    return values, [replace(p, sheet=None, row=None) for p in check.problems]


def _model_from_row(
    sheet: str, row: RawRow, seen: dict[str, int]
) -> tuple[VehicleModel | None, list[Problem]]:
    check = RowChecker(sheet, row)
    code = check.get("model_code", _code, required=True)
    brand = check.get("brand", _name, required=True)
    name = check.get("model_name", _name, required=True)
    series = check.get("series", _name) or ""
    year_from = check.get("year_from", cell_int, minimum=1900, maximum=2100)
    year_to = check.get("year_to", cell_int, minimum=1900, maximum=2100)
    if year_from is not None and year_to is not None and year_from > year_to:
        check.fail("year_range", "year_to", row.values.get("year_to"))
    prefixes_text = check.get("vin_prefixes", cell_text, limit=2000) or ""
    prefixes = tuple(
        dict.fromkeys(
            p.strip().upper() for p in prefixes_text.replace("；", ";").split(";") if p.strip()
        )
    )
    for prefix in prefixes:
        if not is_valid_prefix(prefix):
            check.fail("vin_prefix", "vin_prefixes", prefix)
    vehicle_class = check.get("vehicle_class", _code) or ""
    new_price = check.get(
        "new_price",
        cell_decimal,
        places=2,
        minimum=NEW_PRICE_MINIMUM,
        maximum=NEW_PRICE_MAXIMUM,
    )
    if code is not None:
        if code in seen:
            check.fail("duplicate_key", "model_code", code, other_row=seen[code])
        else:
            seen[code] = row.number
    if check.problems or code is None or brand is None or name is None:
        return None, check.problems
    model = VehicleModel(
        code, brand, name, series, year_from, year_to, prefixes, vehicle_class, new_price
    )
    return model, []


def _part_from_row(
    sheet: str,
    row: RawRow,
    default_region: str | None,
    model_codes: set[str],
    seen: dict[tuple[str, str, dt.date], int],
) -> tuple[CatalogPart | None, list[Problem]]:
    check = RowChecker(sheet, row)
    raw_no = check.get("part_no", cell_text, required=True, limit=CODE_LIMIT)
    part_no = normalize_part_no(raw_no) if raw_no else None
    if part_no is not None and not is_valid_part_no(part_no):
        check.fail("bad_part_no", "part_no", raw_no)
        part_no = None
    name_zh = _part_attribute(check, "name_zh")
    name_en = _part_attribute(check, "name_en")
    component = check.get("component_code", _code) or ""
    category = _part_attribute(check, "category")
    models_text = check.get("models", cell_text, limit=5000) or ""
    models = tuple(
        dict.fromkeys(
            m.strip().upper() for m in models_text.replace("；", ";").split(";") if m.strip()
        )
    )
    for model in models:
        if model not in model_codes:
            check.fail("unknown_model", "models", model, model=model)
    region = check.get("region", _code) or default_region
    if region is None:
        check.fail("no_region", "region", None)
    effective = check.get("effective_date", cell_date, required=True)
    prices: list[tuple[PriceType, Decimal]] = []
    for key, price_type in PRICE_COLUMNS.items():
        price = check.get(
            key, cell_decimal, places=UNIT_PRICE_PLACES, minimum=0, maximum=limit("unit_price")
        )
        if price is not None:
            prices.append((price_type, price))
    if not prices and not any(p.column in PRICE_COLUMNS for p in check.problems):
        check.fail("no_price", None, None)
    recover = _part_attribute(check, "recover_old_part")
    salvage = _part_attribute(check, "salvage_rate")
    if part_no is not None and region is not None and effective is not None:
        price_key = (part_no, region, effective)
        if price_key in seen:
            check.fail("duplicate_key", "part_no", raw_no, other_row=seen[price_key])
        else:
            seen[price_key] = row.number
    if check.problems:
        return None, check.problems
    assert part_no is not None
    assert name_zh is not None
    assert region is not None
    assert effective is not None
    part = CatalogPart(
        part_no=part_no,
        name_zh=name_zh,
        name_en=name_en,
        component_code=component,
        category=category,
        models=models,
        prices=tuple(PartPrice(region, t, effective, p) for t, p in prices),
        recover_old_part=recover,
        salvage_rate=salvage,
    )
    return part, []


def _merge_part(parts: dict[str, CatalogPart], part: CatalogPart) -> None:
    """Rows of one part (other regions or dates) merge: latest attributes, all prices."""
    earlier = parts.get(part.part_no)
    if earlier is None:
        parts[part.part_no] = part
        return
    parts[part.part_no] = CatalogPart(
        part_no=part.part_no,
        name_zh=part.name_zh,
        name_en=part.name_en or earlier.name_en,
        component_code=part.component_code or earlier.component_code,
        category=part.category or earlier.category,
        models=tuple(dict.fromkeys((*earlier.models, *part.models))),
        prices=earlier.prices + part.prices,
        recover_old_part=part.recover_old_part,
        salvage_rate=part.salvage_rate if part.salvage_rate is not None else earlier.salvage_rate,
    )


def write_template(path: Path) -> None:
    """Write an empty catalog workbook with both header rows explained on a second sheet."""
    write_workbook_template(path, SHEETS, _EXPLANATIONS)


_EXPLANATIONS: dict[str, str] = {
    "model_code": "必填，唯一 / required, unique",
    "brand": "必填 / required",
    "model_name": "必填 / required",
    "year_from": "整数年份 / a year",
    "year_to": "整数年份，不早于起始年款 / a year, not before year_from",
    "vin_prefixes": "用 ; 分隔，每个 6–11 位 VIN 字符 / ;-separated, 6–11 VIN characters each",
    "vehicle_class": "工时、喷漆标准使用的车型级别 (如 A–E) / class used by labor and paint standards",
    "new_price": "新车购置价，元，两位小数，大于 0，可空 / new-vehicle price in yuan, 2 places, > 0, "
    "or blank",
    "part_no": "必填；保存为大写、去掉空格和连字符 / required; stored upper-case without spaces or hyphens",
    "name_zh": "必填 / required",
    "component_code": "关联工时和喷漆标准 / links the part to labor and paint standards",
    "category": "如 外观件、灯具、玻璃、机械件、电器件 / e.g. body, lamps, glass, mechanical, electrical",
    "models": "用 ; 分隔的车型编码 / ;-separated model codes",
    "region": "价格地区编码，也可用 --region 统一指定 / price region; or --region once",
    "price_oem_4s": "≥ 0，可空；至少填一个价格 / ≥ 0 or blank; at least one price per row",
    "recover_old_part": "是/否，空为否 / yes/no, blank = no",
    "salvage_rate": "0–1 的小数 / a decimal 0–1",
    "effective_date": "必填，价格自该日起生效 / required; prices apply from this date",
}

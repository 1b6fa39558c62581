"""The partner registry workbook (合作修理厂): shops with their agreements, read with every bad
row reported, written back for export, and its empty template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.partners import PartnerShop
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
    SheetReader,
    SheetSpec,
    Workbook,
    cell_date,
    cell_text,
    choice,
)
from kernel.workbook import write_template as write_workbook_template
from labor_standards.model import ShopClass
from labor_standards.workbook import SHOP_CLASS_ALIASES
from parts_catalog.model import PriceType

register_messages(
    {
        "date_order": ("起始日期晚于终止日期", "valid_from is after valid_to"),
        "unknown_shop": (
            "修理厂 {shop} 不在本工作簿的 partner_shops 表中",
            "the shop {shop} is not in this workbook's partner_shops sheet",
        ),
        "shop_rejected": ("该修理厂的行被拒绝", "this shop's row was rejected"),
        "shop_types_rejected": (
            "该修理厂的协议价格类型有被拒绝的行",
            "some of this shop's agreed price types were rejected",
        ),
    }
)

PARTNER_SHOPS = SheetSpec(
    "partner_shops",
    ("合作修理厂",),
    (
        ColumnSpec("name", ("修理厂名称", "修理厂"), required=True),
        ColumnSpec("shop_class", ("修理厂类别",), required=True),
        ColumnSpec("region", ("地区",), required=True),
        ColumnSpec("contact", ("联系人", "联系方式")),
        ColumnSpec("default_price_type", ("默认价格类型",)),
        ColumnSpec("valid_from", ("协议起始日期", "起始日期"), required=True),
        ColumnSpec("valid_to", ("协议终止日期", "终止日期"), required=True),
    ),
)
AGREED_PRICE_TYPES = SheetSpec(
    "agreed_price_types",
    ("协议价格类型",),
    (
        ColumnSpec("shop", ("修理厂名称", "修理厂"), required=True),
        ColumnSpec("category", ("配件分类",), required=True),
        ColumnSpec("price_type", ("价格类型",), required=True),
    ),
    required=False,
)
SHEETS = (PARTNER_SHOPS, AGREED_PRICE_TYPES)

_PRICE_TYPE_ALIASES = {
    **{t.value: t for t in PriceType},
    **{t.label_zh.casefold(): t for t in PriceType},
    "厂方指导价": PriceType.OEM_4S,
    "品牌件价": PriceType.BRAND,
    "同质品牌件": PriceType.BRAND,
    "副厂件价": PriceType.AFTERMARKET,
    "再制造件价": PriceType.REMAN,
    "回用件价": PriceType.USED,
    "拆车件": PriceType.USED,
}


@dataclass
class ParsedPartners(ParsedWorkbook):
    """A partner registry workbook once validated."""

    shops: list[PartnerShop] = field(default_factory=list)


@dataclass
class _ShopRow:
    row: RawRow
    problems: list[Problem]
    values: tuple[str, ShopClass, str, str, PriceType, dt.date, dt.date] | None


def _shop_row(check: RowChecker) -> _ShopRow:
    name = check.get("name", cell_text, required=True, limit=200)
    shop_class = check.get("shop_class", choice(SHOP_CLASS_ALIASES), required=True)
    region = check.get("region", cell_text, required=True, limit=20)
    contact = check.get("contact", cell_text, limit=200) or ""
    default = check.get("default_price_type", choice(_PRICE_TYPE_ALIASES)) or (
        PartnerAgreement.default_price_type
    )
    valid_from = check.get("valid_from", cell_date, required=True)
    valid_to = check.get("valid_to", cell_date, required=True)
    if valid_from and valid_to and valid_from > valid_to:
        check.fail("date_order", "valid_to", check.row.values.get("valid_to"))
    if check.problems:
        return _ShopRow(check.row, check.problems, None)
    values = (name, shop_class, region.upper(), contact, default, valid_from, valid_to)
    return _ShopRow(check.row, [], values)


def _name(row: RawRow) -> str:
    try:
        return cell_text(row.values.get("name"), limit=200)
    except CellError:
        return ""


def _read_price_types(
    parsed: ParsedPartners,
    types_reader: SheetReader,
    all_names: set[str],
    valid_names: set[str],
) -> tuple[dict[str, dict[str, PriceType]], set[str]]:
    """The agreed price types by shop and category, and the shops with a rejected type row."""
    types: dict[str, dict[str, PriceType]] = {}
    bad_shops: set[str] = set()
    rejected_types = RejectedSheet(types_reader.title, types_reader.header)
    seen: dict[tuple[str, str], int] = {}
    for row in types_reader:
        parsed.rows_read += 1
        check = RowChecker(types_reader.title, row)
        shop = check.get("shop", cell_text, required=True, limit=200)
        category = check.get("category", cell_text, required=True, limit=60)
        price_type = check.get("price_type", choice(_PRICE_TYPE_ALIASES), required=True)
        if shop and shop not in all_names:
            check.fail("unknown_shop", "shop", shop, shop=shop)
        elif shop and shop not in valid_names:
            check.fail("shop_rejected", "shop", shop)
        elif shop and category and (shop, category) in seen:
            check.fail("duplicate_key", "category", category, other_row=seen[(shop, category)])
        if check.problems:
            if shop:
                bad_shops.add(shop)
        elif shop and category:
            seen[(shop, category)] = row.number
            types.setdefault(shop, {})[category] = price_type
        parsed.keep(rejected_types, row, check.problems)
    parsed.rejected.append(rejected_types)
    return types, bad_shops


def read_partners(
    path: Path, *, max_rows: int | None = None, progress: Progress | None = None
) -> ParsedPartners:
    """Read and validate a partner registry workbook. Raises WorkbookRefused for bad files.

    A shop is rejected with any of its agreed price types, so that no shop is imported
    with part of its agreement silently missing."""
    parsed = ParsedPartners()
    with Workbook(path, max_rows=max_rows or MAX_ROWS, progress=progress) as book:
        shops_reader, problems = book.sheet(PARTNER_SHOPS)
        parsed.problems.extend(problems)
        types_reader, problems = book.sheet(AGREED_PRICE_TYPES)
        parsed.problems.extend(problems)
        if parsed.errors or shops_reader is None:
            return parsed
        shop_rows: list[_ShopRow] = []
        first_row: dict[str, int] = {}
        for row in shops_reader:
            parsed.rows_read += 1
            read = _shop_row(RowChecker(shops_reader.title, row))
            if read.values is not None:
                name = read.values[0]
                if name in first_row:
                    read.problems.append(
                        Problem(
                            "duplicate_key",
                            shops_reader.title,
                            row.number,
                            "name",
                            name,
                            {"other_row": first_row[name]},
                        )
                    )
                    read.values = None
                else:
                    first_row[name] = row.number
            shop_rows.append(read)
        valid_names = {r.values[0] for r in shop_rows if r.values is not None}
        all_names = {_name(r.row) for r in shop_rows}
        types: dict[str, dict[str, PriceType]] = {}
        bad_shops: set[str] = set()
        if types_reader is not None:
            types, bad_shops = _read_price_types(parsed, types_reader, all_names, valid_names)
        rejected_shops = RejectedSheet(shops_reader.title, shops_reader.header)
        for read in shop_rows:
            if read.values is not None and read.values[0] in bad_shops:
                read.problems.append(
                    Problem(
                        "shop_types_rejected",
                        shops_reader.title,
                        read.row.number,
                        "name",
                        read.values[0],
                    )
                )
                read.values = None
            parsed.keep(rejected_shops, read.row, read.problems)
            if read.values is not None:
                name, shop_class, region, contact, default, valid_from, valid_to = read.values
                agreement = PartnerAgreement(
                    name, valid_from, valid_to, types.get(name, {}), default
                )
                parsed.shops.append(PartnerShop(agreement, shop_class, region, contact))
        parsed.rejected.insert(0, rejected_shops)
    return parsed


def write_partners(path: Path, shops: Sequence[PartnerShop]) -> None:
    """Write the registry in the import format (re-importing it changes nothing)."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    bold = Font(bold=True)
    sheet = book.create_sheet(PARTNER_SHOPS.key)
    sheet.append([c.key for c in PARTNER_SHOPS.columns])
    for shop in shops:
        a = shop.agreement
        sheet.append(
            [
                a.shop_name,
                shop.shop_class.value,
                shop.region,
                shop.contact,
                a.default_price_type.value,
                a.valid_from,
                a.valid_to,
            ]
        )
    types = book.create_sheet(AGREED_PRICE_TYPES.key)
    types.append([c.key for c in AGREED_PRICE_TYPES.columns])
    for shop in shops:
        for category, price_type in sorted(shop.agreement.price_types.items()):
            types.append([shop.name, category, price_type.value])
    for target, widths in ((sheet, (28, 12, 10, 24, 20, 14, 14)), (types, (28, 16, 14))):
        for cell in target[1]:
            cell.font = bold
        for index, width in enumerate(widths):
            target.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = "yyyy-mm-dd"
    book.save(path)


def write_template(path: Path) -> None:
    """Write the empty partner registry workbook with its explanation sheet."""
    write_workbook_template(path, SHEETS, _EXPLANATIONS)


_PRICE_TYPES = (
    "oem_4s/oem_market/brand/aftermarket/reman/used 或 4S店价/市场价/品牌件/副厂件/再制造件/回用件"
)
_EXPLANATIONS = {
    "name": "修理厂名称，唯一；与案件中的修理厂名称一致 / shop name, unique; as on the cases",
    "shop_class": "4s/class1/class2/class3 或 4S店/一类/二类/三类",
    "region": "地区编码 / region code",
    "contact": "联系人及电话 / contact person and phone",
    "default_price_type": "未列出的配件分类按此价格类型；空白 = oem_market / for categories not "
    "listed; blank = oem_market. " + _PRICE_TYPES,
    "valid_from": "协议起始日期 YYYY-MM-DD / agreement valid from",
    "valid_to": "协议终止日期，不早于起始日期 / agreement valid to, not before valid_from",
    "shop": "修理厂名称，须在 partner_shops 表中 / a shop of the partner_shops sheet",
    "category": "配件分类，与配件目录一致 (外观件、灯具、玻璃…) / part category, as in the catalog",
    "price_type": "该分类的协议价格类型 / the agreed price type. " + _PRICE_TYPES,
}

"""``estimator catalog``: import a parts catalog, search it, find a VIN's model, price a part."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from estimator.cli.common import (
    OK,
    REJECTED,
    Rejected,
    UsageError,
    actor_argument,
    command,
    group,
    open_engine,
    report_import,
    report_rejected_file,
    signed_in,
    skip_invalid_argument,
    t,
)
from estimator.domain.workflow import Role
from kernel.money import format_price
from parts_catalog.model import PriceType


def add_parser(sub: Any) -> None:
    """``catalog import|search|vin|price|versions``."""
    catalog = group(sub, "catalog", t("配件目录", "parts catalog"))
    p = command(
        catalog,
        "import",
        t(
            "导入配件目录工作簿 (数据维护或管理员)",
            "import a parts catalog workbook (maintainers or administrators)",
        ),
        cmd_catalog_import,
        "catalog import",
    )
    p.add_argument("file")
    p.add_argument(
        "--region",
        help=t("工作簿未含地区列时的价格地区", "price region when the workbook has none"),
    )
    skip_invalid_argument(p)
    actor_argument(p)
    p = command(
        catalog,
        "search",
        t(
            "搜索配件：中文、拼音首字母或配件编码",
            "search parts: Chinese, pinyin initials or part number",
        ),
        cmd_catalog_search,
        "catalog search",
    )
    p.add_argument("text")
    p.add_argument(
        "--model", help=t("按车型编码排序适配件", "rank parts fitting this model code first")
    )
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p = command(
        catalog,
        "vin",
        t("按 VIN 查车型并校验", "find the model of a VIN and check it"),
        cmd_catalog_vin,
        "catalog vin",
    )
    p.add_argument("vin")
    p = command(
        catalog,
        "price",
        t("查询某日的配件价格", "a part's price on a date"),
        cmd_catalog_price,
        "catalog price",
    )
    p.add_argument("part_no")
    p.add_argument("--region", required=True)
    p.add_argument(
        "--type", default="oem_4s", help="oem_4s|oem_market|brand|aftermarket|reman|used"
    )
    p.add_argument("--on", help="YYYY-MM-DD")
    command(
        catalog,
        "versions",
        t("目录版本列表", "list catalog versions"),
        cmd_catalog_versions,
        "catalog versions",
    )


def cmd_catalog_import(args: argparse.Namespace) -> int:
    """Import a parts catalog workbook as a maintainer or an administrator (audited)."""
    from estimator.services.catalog import import_catalog

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.MAINTAINER, Role.ADMIN})
    result = import_catalog(
        engine,
        Path(args.file),
        region=args.region,
        skip_invalid=args.skip_invalid,
        actor=user,
    )
    if not report_import(result):
        return REJECTED
    if result.status == "imported":
        c = result.counts
        print(
            t(
                f"已导入目录版本 {result.version_id}：读取 {result.rows_read} 行，车型 {c['models']}，"
                f"新增配件 {c['parts_added']}，更新配件 {c['parts_updated']}，新增价格 {c['prices_added']}，"
                f"拒绝 {result.rows_rejected} 行",
                f"imported catalog version {result.version_id}: {result.rows_read} rows read, "
                f"{c['models']} models, {c['parts_added']} parts added, {c['parts_updated']} updated, "
                f"{c['prices_added']} prices added, {result.rows_rejected} rows rejected",
            )
        )
        report_rejected_file(result)
    return OK


def cmd_catalog_search(args: argparse.Namespace) -> int:
    from estimator.services.catalog import UnknownModel, search_parts

    if args.limit < 1:
        raise UsageError(t("--limit 必须大于 0", "--limit must be at least 1"))
    try:
        matches = search_parts(
            open_engine(args), args.text, model_code=args.model, limit=args.limit
        )
    except UnknownModel:
        raise Rejected(
            t(f"目录中没有车型 {args.model}", f"no model {args.model} in the catalog")
        ) from None
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "part_no": m.part_no,
                        "name_zh": m.name_zh,
                        "name_en": m.name_en,
                        "component_code": m.component_code,
                        "category": m.category,
                        "models": list(m.models),
                        "fits_model": m.fits_model,
                    }
                    for m in matches
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return OK
    if not matches:
        print(t("没有找到配件", "no parts found"))
        return OK
    for m in matches:
        fit = "✓" if m.fits_model else " "
        models = ";".join(m.models[:4]) + ("…" if len(m.models) > 4 else "")
        print(f"{fit} {m.part_no:<16} {m.name_zh}\t{m.component_code}\t{m.category}\t{models}")
    return OK


def cmd_catalog_vin(args: argparse.Namespace) -> int:
    from estimator.services.catalog import find_model_by_vin

    found = find_model_by_vin(open_engine(args), args.vin)
    if found.check.warning:
        print(t("警告: ", "warning: ") + found.check.warning, file=sys.stderr)
    if found.model_code is None:
        print(t("目录中没有与该 VIN 匹配的车型", "no model in the catalog matches this VIN"))
        return REJECTED
    print(
        f"{found.model_code}\t{found.model_name}\t{found.vehicle_class}\t"
        f"({t('前缀', 'prefix')} {found.matched_prefix})"
    )
    return OK


def cmd_catalog_price(args: argparse.Namespace) -> int:

    from estimator.services.catalog import price_on

    try:
        on = dt.date.fromisoformat(args.on) if args.on else dt.date.today()
        price_type = PriceType(args.type)
    except ValueError as error:
        raise UsageError(str(error)) from None
    quote = price_on(open_engine(args), args.part_no, args.region, price_type, on)
    if quote is None:
        print(
            t(
                f"没有 {args.part_no} 在地区 {args.region.upper()}、{price_type.value} 于 {on} 的价格",
                f"no {price_type.value} price for {args.part_no} in region {args.region.upper()} on {on}",
            ),
            file=sys.stderr,
        )
        return REJECTED
    print(
        f"{quote.part_no}\t{quote.region}\t{quote.price_type.value}\t{format_price(quote.price)}\t"
        f"{t('生效', 'effective')} {quote.effective_date}\t{t('目录版本', 'catalog version')} "
        f"{quote.catalog_version_id}"
    )
    return OK


def cmd_catalog_versions(args: argparse.Namespace) -> int:
    from estimator.services.catalog import catalog_versions

    for v in catalog_versions(open_engine(args)):
        print(
            f"{v.id}\t{v.imported_at:%Y-%m-%d %H:%M}\t{v.source_name}\t{v.content_hash[:12]}\t"
            f"models={v.models_count} parts={v.parts_count} prices={v.prices_count} "
            f"rejected={v.rejected_count}"
        )
    return OK

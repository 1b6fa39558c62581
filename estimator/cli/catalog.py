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
    say,
    signed_in,
    skip_invalid_argument,
)
from estimator.domain.workflow import Role
from kernel.money import format_price
from parts_catalog.model import PriceType


def add_parser(sub: Any) -> None:
    """``catalog import|search|vin|price|versions``."""
    catalog = group(sub, "catalog", say("catalog.parts_catalog"))
    p = command(
        catalog,
        "import",
        say("catalog.import_parts_catalog_workbook"),
        cmd_catalog_import,
        "catalog import",
    )
    p.add_argument("file")
    p.add_argument(
        "--region",
        help=say("help.catalog.price_region_when_workbook"),
    )
    skip_invalid_argument(p)
    actor_argument(p)
    p = command(
        catalog,
        "search",
        say("catalog.search_parts_chinese_pinyin"),
        cmd_catalog_search,
        "catalog search",
    )
    p.add_argument("text")
    p.add_argument("--model", help=say("help.catalog.rank_parts_fitting_model"))
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p = command(
        catalog,
        "vin",
        say("catalog.find_model_vin_check"),
        cmd_catalog_vin,
        "catalog vin",
    )
    p.add_argument("vin")
    p = command(
        catalog,
        "price",
        say("catalog.part_s_price_date"),
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
        say("catalog.list_catalog_versions"),
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
            say(
                "catalog.imported",
                version_id=result.version_id,
                rows_read=result.rows_read,
                models=c["models"],
                parts_added=c["parts_added"],
                parts_updated=c["parts_updated"],
                prices_added=c["prices_added"],
                rows_rejected=result.rows_rejected,
            )
        )
        report_rejected_file(result)
    return OK


def cmd_catalog_search(args: argparse.Namespace) -> int:
    from estimator.services.catalog import UnknownModel, catalog_is_empty, search_parts

    if args.limit < 1:
        raise UsageError(say("catalog.limit_must_least_1"))
    engine = open_engine(args)
    try:
        matches = search_parts(engine, args.text, model_code=args.model, limit=args.limit)
    except UnknownModel:
        if catalog_is_empty(engine):
            raise Rejected(say("catalog.nothing_imported")) from None
        raise Rejected(say("catalog.no_model_catalog", model=args.model)) from None
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
        empty = catalog_is_empty(engine)
        print(say("catalog.nothing_imported" if empty else "catalog.no_parts_found"))
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
        print(say("catalog.warning") + found.check.warning, file=sys.stderr)
    if found.model_code is None:
        print(say("catalog.no_model_catalog_matches"))
        return REJECTED
    print(
        f"{found.model_code}\t{found.model_name}\t{found.vehicle_class}\t"
        f"({say('catalog.prefix')} {found.matched_prefix})"
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
            say(
                "catalog.no_price",
                part_no=args.part_no,
                region=args.region.upper(),
                price_type=price_type.value,
                on=on,
            ),
            file=sys.stderr,
        )
        return REJECTED
    print(
        f"{quote.part_no}\t{quote.region}\t{quote.price_type.value}\t{format_price(quote.price)}\t"
        f"{say('catalog.effective')} {quote.effective_date}\t{say('catalog.catalog_version')} "
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

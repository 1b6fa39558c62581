"""``estimator partner``: the registry of partner shops (import, export, list)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from estimator.cli.common import (
    OK,
    REJECTED,
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


def add_parser(sub: Any) -> None:
    """``partner import|export|list``."""
    partner = group(sub, "partner", say("partner.partner_shops"))
    p = command(
        partner,
        "import",
        say("partner.import_partner_shops_workbook"),
        cmd_partner_import,
        "partner import",
    )
    p.add_argument("file")
    skip_invalid_argument(p)
    actor_argument(p)
    p = command(
        partner,
        "export",
        say("partner.export_partner_shops_workbook"),
        cmd_partner_export,
        "partner export",
    )
    p.add_argument("-o", "--output", required=True)
    command(
        partner,
        "list",
        say("partner.list_partner_shops"),
        cmd_partner_list,
        "partner list",
    )


def cmd_partner_import(args: argparse.Namespace) -> int:
    """Import a partner shops workbook (maintainers)."""
    from estimator.services.partners import import_partners

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.MAINTAINER, Role.ADMIN})
    result = import_partners(engine, Path(args.file), skip_invalid=args.skip_invalid, actor=user)
    if not report_import(result):
        return REJECTED
    if result.status == "imported":
        print(
            say(
                "partner.imported",
                shops=result.counts["shops"],
                rows_read=result.rows_read,
                rows_rejected=result.rows_rejected,
            )
        )
        report_rejected_file(result)
    return OK


def cmd_partner_export(args: argparse.Namespace) -> int:
    """Write the partner shops as a workbook."""
    from estimator.services.partners import export_partners

    count = export_partners(open_engine(args), Path(args.output))
    print(say("partner.partner_shops_exported", count=count, output=args.output))
    return OK


def cmd_partner_list(args: argparse.Namespace) -> int:
    """Print the partner shops one a line."""
    from estimator.services.partners import partner_shops

    for shop in partner_shops(open_engine(args)):
        a = shop.agreement
        types = "; ".join(f"{k}:{v.value}" for k, v in sorted(a.price_types.items()))
        print(
            f"{shop.name}\t{shop.shop_class.value}\t{shop.region}\t{a.valid_from}\t"
            f"{a.valid_to}\t{a.default_price_type.value}\t{types}"
        )
    return OK

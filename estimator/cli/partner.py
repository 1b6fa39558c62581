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
    signed_in,
    skip_invalid_argument,
    t,
)
from estimator.domain.workflow import Role


def add_parser(sub: Any) -> None:
    """``partner import|export|list``."""
    partner = group(sub, "partner", t("合作修理厂", "partner shops"))
    p = command(
        partner,
        "import",
        t("导入合作修理厂工作簿 (数据维护)", "import a partner shops workbook (maintainers)"),
        cmd_partner_import,
        "partner import",
    )
    p.add_argument("file")
    skip_invalid_argument(p)
    actor_argument(p)
    p = command(
        partner,
        "export",
        t("导出合作修理厂工作簿", "export the partner shops as a workbook"),
        cmd_partner_export,
        "partner export",
    )
    p.add_argument("-o", "--output", required=True)
    command(
        partner,
        "list",
        t("合作修理厂列表", "list the partner shops"),
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
            t(
                f"已导入合作修理厂 {result.counts['shops']} 家：读取 {result.rows_read} 行，"
                f"拒绝 {result.rows_rejected} 行",
                f"imported {result.counts['shops']} partner shops: {result.rows_read} rows read, "
                f"{result.rows_rejected} rows rejected",
            )
        )
        report_rejected_file(result)
    return OK


def cmd_partner_export(args: argparse.Namespace) -> int:
    """Write the partner shops as a workbook."""
    from estimator.services.partners import export_partners

    count = export_partners(open_engine(args), Path(args.output))
    print(
        t(
            f"已导出合作修理厂 {count} 家到 {args.output}",
            f"{count} partner shops exported to {args.output}",
        )
    )
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

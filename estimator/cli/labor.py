"""``estimator labor``: import a labor standards workbook."""

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
    """``labor import``."""
    labor = group(sub, "labor", t("工时标准", "labor standards"))
    p = command(
        labor,
        "import",
        t(
            "导入工时标准工作簿 (数据维护或管理员)",
            "import a labor standards workbook (maintainers or administrators)",
        ),
        cmd_labor_import,
        "labor import",
    )
    p.add_argument("file")
    skip_invalid_argument(p)
    actor_argument(p)


def cmd_labor_import(args: argparse.Namespace) -> int:
    """Import a labor standards workbook as a maintainer or an administrator (audited)."""
    from estimator.services.labor import import_labor_standard

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.MAINTAINER, Role.ADMIN})
    result = import_labor_standard(
        engine, Path(args.file), skip_invalid=args.skip_invalid, actor=user
    )
    if not report_import(result):
        return REJECTED
    if result.status == "imported":
        c = result.counts
        print(
            t(
                f"已导入工时标准版本 {result.version_id}：工时定额 {c['labor_times']}，工时单价 "
                f"{c['labor_rates']}，喷漆幅数 {c['paint_panels']}，喷漆单价 {c['paint_rates']}，"
                f"多幅折扣 {c['paint_discounts']}，拒绝 {result.rows_rejected} 行",
                f"imported labor standard version {result.version_id}: {c['labor_times']} labor "
                f"times, {c['labor_rates']} labor rates, {c['paint_panels']} paint panels, "
                f"{c['paint_rates']} paint rates, {c['paint_discounts']} discounts, "
                f"{result.rows_rejected} rows rejected",
            )
        )
        report_rejected_file(result)
    return OK

"""``estimator labor``: import a labor standards workbook."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from estimator.cli.common import (
    OK,
    REJECTED,
    command,
    group,
    open_engine,
    report_import,
    report_rejected_file,
    t,
)


def add_parser(sub: Any) -> None:
    """``labor import``."""
    labor = group(sub, "labor", t("工时标准", "labor standards"))
    p = command(
        labor,
        "import",
        t("导入工时标准工作簿", "import a labor standards workbook"),
        cmd_labor_import,
        "labor import",
    )
    p.add_argument("file")
    p.add_argument("--skip-invalid", action="store_true")


def cmd_labor_import(args: argparse.Namespace) -> int:
    from estimator.services.labor import import_labor_standard

    result = import_labor_standard(
        open_engine(args), Path(args.file), skip_invalid=args.skip_invalid
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

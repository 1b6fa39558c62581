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
    say,
)


def add_parser(sub: Any) -> None:
    """``labor import``."""
    labor = group(sub, "labor", say("labor.labor_standards"))
    p = command(
        labor,
        "import",
        say("labor.import_labor_standards_workbook"),
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
            say(
                "labor.imported",
                version_id=result.version_id,
                labor_times=c["labor_times"],
                labor_rates=c["labor_rates"],
                paint_panels=c["paint_panels"],
                paint_rates=c["paint_rates"],
                paint_discounts=c["paint_discounts"],
                rows_rejected=result.rows_rejected,
            )
        )
        report_rejected_file(result)
    return OK

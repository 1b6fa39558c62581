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
    say,
    signed_in,
    skip_invalid_argument,
)
from estimator.domain.workflow import Role


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

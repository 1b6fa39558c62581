"""``estimator template``: empty workbooks to fill in (catalog, labor, inventory, …)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from estimator.cli.common import OK, command, not_yet, say


def add_parser(sub: Any) -> None:
    """``template KIND -o FILE``."""
    p = command(
        sub,
        "template",
        say("template.write_empty_workbook_template"),
        cmd_template,
        "template",
        database=False,
    )
    p.add_argument(
        "kind",
        choices=[
            "catalog",
            "labor",
            "inventory",
            "partners",
            "invoice",
            "calendar",
            "depreciation",
            "flood-vehicle-guide",
        ],
    )
    p.add_argument("-o", "--output", required=True)


def cmd_template(args: argparse.Namespace) -> int:
    """Write the empty workbook of ``kind`` (an unwritable file is said by ``main``)."""
    from estimator.documents.depreciation_workbook import (
        write_template as write_depreciation_template,
    )
    from estimator.documents.flood_vehicle_workbook import write_template as write_flood_template
    from estimator.services.calendars import write_calendar_template
    from estimator.services.catalog import write_catalog_template
    from estimator.services.flood import write_inventory_template
    from estimator.services.invoices import write_invoice_template
    from estimator.services.labor import write_labor_template
    from estimator.services.partners import write_partner_template

    writers: dict[str, Callable[[Path], None]] = {
        "catalog": write_catalog_template,
        "labor": write_labor_template,
        "partners": write_partner_template,
        "invoice": write_invoice_template,
        "inventory": write_inventory_template,
        "calendar": write_calendar_template,
        "depreciation": write_depreciation_template,
        "flood-vehicle-guide": write_flood_template,
    }
    writer = writers.get(args.kind)
    if writer is None:
        return not_yet(args)
    writer(Path(args.output))
    print(say("template.template_written", output=args.output))
    return OK

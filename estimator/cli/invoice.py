"""``estimator invoice reconcile``: the shop's final invoice against the approved estimate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from estimator.cli.common import (
    OK,
    REJECTED,
    actor_argument,
    command,
    group,
    open_engine,
    print_problems,
    say,
    signed_in,
)
from estimator.domain.workflow import Role


def add_parser(sub: Any) -> None:
    """``invoice reconcile ESTIMATE_ID INVOICE [--json] [--save --as USER]``."""
    invoice = group(sub, "invoice", say("invoice.shop_s_final_invoice"))
    p = command(
        invoice,
        "reconcile",
        say("invoice.reconcile_invoice_against_approved"),
        cmd_invoice_reconcile,
        "invoice reconcile",
    )
    p.add_argument("estimate_id")
    p.add_argument("invoice")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--save",
        action="store_true",
        help=say("help.invoice.store_reconciliation_report_needs"),
    )
    actor_argument(p)


def cmd_invoice_reconcile(args: argparse.Namespace) -> int:
    """Reconcile line by line; with --save, store the result for the guarantee report."""
    from estimator.services.invoices import reconcile_invoice, save_reconciliation

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.ASSESSOR, Role.REVIEWER}) if args.save else None
    result = reconcile_invoice(engine, args.estimate_id, Path(args.invoice))
    if result.problems:
        print_problems(result.problems, sys.stderr)
        return REJECTED
    if user is not None:
        save_reconciliation(
            engine, args.estimate_id, result, user.username, Path(args.invoice).name
        )
    _print_reconciliation(result, args.json)
    return OK


def _print_reconciliation(result: Any, as_json: bool) -> None:
    if as_json:
        print(
            json.dumps(
                {
                    "guarantee": result.guarantee,
                    "lines": [
                        {
                            "outcome": r.outcome.value,
                            "item": r.item,
                            "description": r.description,
                            "estimate": f"{r.estimate_amount:.2f}",
                            "invoice": f"{r.invoice_amount:.2f}",
                            "difference": f"{r.difference:.2f}",
                            "borne_by": r.borne_by,
                        }
                        for r in result.lines
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for r in result.lines:
        bearer = say(f"invoice.borne_by.{r.borne_by}") if r.borne_by else ""
        print(
            f"{say(f'invoice.outcome.{r.outcome.value}'):<16} {r.description:<20} "
            f"{r.estimate_amount:>10.2f} {r.invoice_amount:>10.2f} {r.difference:>+10.2f} {bearer}"
        )

"""``estimator flood assess``: the flood inventory assessment from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from estimator.cli.common import (
    OK,
    REJECTED,
    Rejected,
    UsageError,
    cannot_write,
    command,
    group,
    passphrase_from_env,
    print_problems,
    read_input,
    read_photo,
    say,
)
from estimator.cli.tables import pad
from estimator.domain.flood_json import assessment_document, cm
from kernel.money import NotExactError, limit, parse_decimal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from estimator.domain.flood import FloodAssessment
    from estimator.domain.flood_lots import LotAssessment
    from estimator.domain.flood_settlement import Settlement
    from estimator.services.flood import FloodOutcome


def _centimetres(text: str | None, option: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return parse_decimal(text, max_places=2, minimum=Decimal(0), maximum=limit("depth_cm"))
    except (NotExactError, TypeError):
        top = limit("depth_cm")
        raise UsageError(say("flood.bad_centimetres", option=option, text=text, top=top)) from None


def cmd_flood_assess(args: argparse.Namespace) -> int:
    """Assess, then print the summary or the JSON, and write the reports asked for."""
    from estimator.services.flood import assess_flood

    depth = _centimetres(args.depth, "--depth")
    proposed = _centimetres(args.raise_to, "--raise-to")
    outcome = assess_flood(
        Path(args.inventory),
        Path(args.rules),
        depth_cm=depth,
        zone_depths=None if args.zone_depths is None else Path(args.zone_depths),
        proposed_base_height_cm=proposed,
    )
    print_problems(outcome.problems, sys.stderr)
    if outcome.assessment is None:
        errors = sum(1 for p in outcome.problems if p.severity == "error")
        print(
            say("flood.cannot_assess_input_has", errors=errors),
            file=sys.stderr,
        )
        return REJECTED
    assessment = outcome.assessment
    _write_reports(args, assessment, outcome)
    if args.json:
        document = assessment_document(
            assessment, outcome.lots, outcome.settlement, book_check=outcome.book_check
        )
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        print(summary(assessment, outcome.settlement, outcome.lots))
    return OK


def _write_reports(
    args: argparse.Namespace,
    assessment: FloodAssessment,
    outcome: FloodOutcome,
) -> None:
    from estimator.documents.flood_report import ReportHeader
    from estimator.services.flood import write_flood_pdf, write_flood_workbook

    p12: bytes | None = None
    passphrase = ""
    if args.sign_with:
        if not args.output:
            raise UsageError(say("flood.signing_needs_o_report"))
        passphrase = passphrase_from_env(args.passphrase_env)
        p12 = read_input(args.sign_with)
    photos = tuple((read_photo(photo), Path(photo).name) for photo in args.photo or ())
    header = ReportHeader(
        claim_no=args.claim_no or "",
        insured_name=args.insured or "",
        site=args.site or "",
        assessor=args.assessor or "",
        surveyed_on=args.surveyed_on or "",
        photos=photos,
    )
    target = ""
    try:
        if args.xlsx:
            target = args.xlsx
            write_flood_workbook(
                assessment,
                Path(target),
                header,
                outcome.settlement,
                outcome.lots,
                outcome.book_check,
            )
            print(say("flood.written", target=target), file=sys.stderr)
        if args.output:
            target = args.output
            write_flood_pdf(
                assessment,
                Path(target),
                header,
                p12=p12,
                passphrase=passphrase.encode(),
                lot_results=outcome.lots,
                settlement=outcome.settlement,
                book_check=outcome.book_check,
            )
            print(say("flood.written", target=target), file=sys.stderr)
    except OSError as error:
        raise cannot_write(target, error) from None
    except ValueError as error:  # reportlab's refusal of a photo that is not an image
        raise Rejected(say("flood.cannot_make_report", error=error)) from None


def summary(
    a: FloodAssessment,
    settlement: Settlement | None = None,
    lot_results: Sequence[LotAssessment] = (),
) -> str:
    """Per category, the site totals, the prevention what-if, the lots (measured, disposal)
    and, with a policy, what the insurer pays, as a text table."""
    head = [say("flood.category"), say("flood.units"), say("flood.wet")]
    head += [say("flood.sample"), say("flood.loss"), say("flood.salvage"), say("flood.net")]
    widths = (16, 9, 9, 8, 16, 14, 16)
    rows = [head]
    for c in a.categories:
        rows.append(
            [
                c.category,
                str(c.units),
                str(c.wet_units),
                str(c.sample_size),
                f"{c.loss:.2f}",
                f"{c.salvage:.2f}",
                f"{c.net:.2f}",
            ]
        )
    totals = a.totals
    rows.append(
        [
            say("flood.total"),
            str(totals.units),
            str(totals.wet_units),
            "",
            f"{totals.loss:.2f}",
            f"{totals.salvage:.2f}",
            f"{totals.net:.2f}",
        ]
    )
    out = [
        " ".join(
            pad(cell, w, right=i > 0) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    ]
    if a.depth.zones:
        out.append("")
        for z in a.zones:
            depth = "" if z.depth_cm is None else cm(z.depth_cm)
            out.append(
                say(
                    "flood.zone_line", zone=z.zone or "—", depth=depth, stacks=z.stacks, loss=z.loss
                )
            )
    p = a.prevention
    height = cm(p.proposed_base_height_cm)
    out.append("")
    out.append(say("flood.prevention", height=height, loss=p.loss, avoided=p.avoided))
    if lot_results:
        out.append(_lots_line(lot_results))
    if settlement is not None:
        s = settlement
        out.append(
            say(
                "flood.settlement",
                insurable=s.insurable_value,
                ratio=s.shown_ratio,
                deductible=s.deductible,
                rescue=s.rescue,
                payable=s.payable,
            )
        )
    return "\n".join(out)


def _lots_line(lot_results: Sequence[LotAssessment]) -> str:
    """How many lots are measured and what is done with them."""
    chosen = [lot.disposal.chosen.value for lot in lot_results if lot.disposal is not None]
    return say(
        "flood.lots",
        lots=len(lot_results),
        measured=sum(1 for lot in lot_results if lot.result is not None),
        recondition=chosen.count("recondition"),
        sale=chosen.count("damaged_sale"),
        write_off=chosen.count("write_off"),
        differs=sum(
            1
            for lot in lot_results
            if lot.disposal and lot.disposal.chosen != lot.disposal.proposed
        ),
        net=sum((lot.net for lot in lot_results), Decimal(0)),
    )


def add_parser(sub: Any) -> None:
    """``flood assess``."""
    flood = group(sub, "flood", say("flood.flood_inventory_assessment"))
    p = command(
        flood,
        "assess",
        say("flood.assess_flood_damage_inventory"),
        cmd_flood_assess,
        "flood assess",
        database=False,
    )
    _add_arguments(p)


def _add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``flood assess``."""
    p.add_argument("inventory", help=say("help.flood.inventory_workbook"))
    p.add_argument("--rules", required=True, help=say("help.flood.loss_rules_workbook"))
    either = p.add_mutually_exclusive_group(required=True)
    either.add_argument("--depth", help=say("help.flood.water_depth_site_cm"))
    either.add_argument(
        "--zone-depths",
        help=say("help.flood.workbook_zone_depths_sheet"),
    )
    p.add_argument("--json", action="store_true", help=say("help.flood.print_json"))
    p.add_argument("-o", "--output", help=say("help.flood.write_pdf_report"))
    p.add_argument("--xlsx", help=say("help.flood.write_excel_report"))
    p.add_argument("--claim-no", help=say("help.flood.claim_number"))
    p.add_argument("--insured", help=say("help.flood.insured"))
    p.add_argument("--site", help=say("help.flood.site"))
    p.add_argument("--assessor", help=say("help.flood.assessor"))
    p.add_argument("--surveyed-on", help=say("help.flood.survey_date"))
    p.add_argument("--photo", action="append", help=say("help.flood.site_photo_repeatable"))
    p.add_argument("--sign-with", help=say("help.flood.sign_pdf_pkcs_12"))
    p.add_argument("--passphrase-env", help=say("help.flood.variable_holding_passphrase"))
    p.add_argument(
        "--raise-to",
        help=say("help.flood.base_height_prevention_what"),
    )

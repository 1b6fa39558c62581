"""Flood inventory assessment use cases (#9): read the workbooks, assess, write the reports.

No database: an assessment is computed from the adjuster's workbooks each time, so the same
files always give the same figures.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Literal

from estimator.documents.flood_book_sheet import read_book
from estimator.documents.flood_disposal_sheet import (
    read_discount_defaults,
    read_disposal,
)
from estimator.documents.flood_policy_sheet import read_policy
from estimator.documents.flood_report import ReportHeader
from estimator.documents.flood_workbook import (
    read_inventory,
    read_rules,
    read_tests,
    read_zone_depths,
)
from estimator.domain.errors import DomainError
from estimator.domain.flood import (
    CategoryRules,
    FloodAssessment,
    Stack,
    WaterDepth,
    assess,
    check,
)
from estimator.domain.flood_book import BookCheckLine, BookLine, book_check
from estimator.domain.flood_disposal import (
    DISPOSAL_SHEET,
    DisposalChoice,
    check_choices,
    dispose_lots,
    lots_net,
)
from estimator.domain.flood_lots import (
    TESTS_SHEET,
    LotAssessment,
    TestResult,
    assess_lots,
    check_results,
    lots,
)
from estimator.domain.flood_settlement import Policy, Settlement, counted_value, settle
from estimator.domain.flood_settlement import settlement_problems as policy_problems
from kernel.problems import Problem
from kernel.workbook import WorkbookRefused


@dataclass(frozen=True)
class FloodOutcome:
    """What an assessment run gives: the assessment, or why there is none.

    ``refused``: a file could not be read at all; ``rejected``: rows or inputs have errors
    (every one is in ``problems``); ``assessed``: ``assessment`` is set (``problems`` may hold
    notes), and ``settlement`` when the rules workbook has a policy sheet.
    """

    status: Literal["assessed", "rejected", "refused"]
    problems: list[Problem] = field(default_factory=list)
    assessment: FloodAssessment | None = None
    #: The lots per category, SKU and state, measured where the inputs have test results.
    lots: tuple[LotAssessment, ...] = ()
    settlement: Settlement | None = None
    #: Book against counted stock per SKU (账实核对) when the inventory has a book sheet.
    book_check: tuple[BookCheckLine, ...] | None = None


@dataclass(frozen=True)
class FloodInputs:
    """The validated workbooks of a site: read once, assessed at any depth (the GUI's slider)."""

    stacks: tuple[Stack, ...]
    rules: Mapping[str, CategoryRules]
    #: From the zone depths file, or empty.
    zone_depths: Mapping[str, Decimal] = field(default_factory=dict)
    #: The inventory sheet's title, for problems that point into it.
    inventory_sheet: str = "inventory"
    #: Per category, the cost per unit of testing and repacking a passed unit (rules).
    tested_ok: Mapping[str, Decimal] = field(default_factory=dict)
    #: Test results per lot (the inventory workbook's ``tests`` sheet), and that sheet's title.
    test_results: tuple[TestResult, ...] = ()
    tests_sheet: str = TESTS_SHEET
    #: The rules workbook's policy sheet (保单), or None: no settlement.
    policy: Policy | None = None
    #: The adjuster's disposal per lot (the inventory workbook's ``disposal`` sheet), and that
    #: sheet's title; a lot without a row gets the proposal (the cheapest option).
    disposal_choices: tuple[DisposalChoice, ...] = ()
    disposal_sheet: str = DISPOSAL_SHEET
    #: Per category, the default discount rate of a damaged sale (rules ``*`` row).
    damaged_discounts: Mapping[str, Decimal] = field(default_factory=dict)
    #: The inventory workbook's ``book`` sheet (账面库存, 账实核对), or empty.
    book: tuple[BookLine, ...] = ()


@dataclass(frozen=True)
class FloodRead:
    """The workbooks read: ``inputs`` when ``status`` is ``read`` (``problems`` may hold
    notes); else every problem, of a ``refused`` file or of ``rejected`` rows."""

    status: Literal["read", "rejected", "refused"]
    problems: list[Problem] = field(default_factory=list)
    inputs: FloodInputs | None = None


def read_flood_inputs(inventory: Path, rules: Path, zone_depths: Path | None = None) -> FloodRead:
    """Read and validate the inventory, the rules and (if given) the zone depths."""
    reading = inventory
    try:
        parsed_inventory = read_inventory(inventory)
        parsed_tests = read_tests(inventory)
        parsed_disposal = read_disposal(inventory)
        parsed_book = read_book(inventory)
        reading = rules
        parsed_rules = read_rules(rules)
        parsed_policy = read_policy(rules)
        parsed_discounts = read_discount_defaults(rules)
        depths: dict[str, Decimal] = {}
        zone_problems: list[Problem] = []
        if zone_depths is not None:
            reading = zone_depths
            parsed_zones = read_zone_depths(zone_depths)
            zone_problems, depths = parsed_zones.problems, parsed_zones.depths
    except WorkbookRefused as refusal:
        # The refusal is about a whole file: say which.
        return FloodRead("refused", [replace(refusal.problem, path=str(reading))])
    problems = (
        parsed_inventory.problems
        + parsed_tests.problems
        + parsed_disposal.problems
        + parsed_rules.problems
        + parsed_discounts.problems
        + parsed_book.problems
        + parsed_policy.problems
        + zone_problems
    )
    if any(p.severity == "error" for p in problems):
        return FloodRead("rejected", problems)
    inputs = FloodInputs(
        tuple(parsed_inventory.stacks),
        parsed_rules.rules,
        depths,
        parsed_inventory.title,
        parsed_rules.tested_ok,
        tuple(parsed_tests.results),
        parsed_tests.title,
        parsed_policy.policy,
        tuple(parsed_disposal.choices),
        parsed_disposal.title,
        parsed_discounts.discounts,
        tuple(parsed_book.lines),
    )
    return FloodRead("read", problems, inputs)


def assess_inputs(
    inputs: FloodInputs,
    *,
    depth_cm: Decimal | None = None,
    proposed_base_height_cm: Decimal | None = None,
    water: WaterDepth | None = None,
) -> FloodOutcome:
    """Check the inputs together (rules for every category, a depth for every stack) and
    assess: at ``water`` when given (the screen's site and zone depths), else at ``depth_cm``
    over the whole site, else at the inputs' zone depths; each lot measured where it has test
    results and disposed of (the choice, else the cheapest); with a policy, settle the lots' net
    loss under their disposal (分批核定)."""
    depth = WaterDepth(depth_cm, {} if depth_cm is not None else inputs.zone_depths)
    depth = depth if water is None else water
    problems = check(inputs.stacks, inputs.rules, depth, inputs.inventory_sheet)
    counted = counted_value((s.qty, s.unit_cost) for s in inputs.stacks)
    if inputs.policy is not None:
        problems += policy_problems(inputs.policy, counted)
    if any(p.severity == "error" for p in problems):
        return FloodOutcome("rejected", problems)
    result = assess(inputs.stacks, inputs.rules, depth, proposed_base_height_cm)
    # A result or a choice is checked against the lots of this depth: another depth may empty
    # its lot.
    found = lots(result, inputs.tested_ok)
    problems += check_results(found, inputs.test_results, inputs.tests_sheet)
    if any(p.severity == "error" for p in problems):
        return FloodOutcome("rejected", problems)
    measured = assess_lots(found, inputs.test_results)
    ratios = {name: r.salvage_ratio for name, r in inputs.rules.items()}
    choices, discounts = inputs.disposal_choices, inputs.damaged_discounts
    problems += check_choices(measured, ratios, choices, inputs.disposal_sheet, discounts)
    if any(p.severity == "error" for p in problems):
        return FloodOutcome("rejected", problems)
    disposed = dispose_lots(measured, ratios, choices, discounts)
    settlement = None
    if inputs.policy is not None:
        # Dry units lose nothing, so the lots hold the whole loss; the assumed net is printed
        # beside it.
        loss, salvage = lots_net(disposed)
        settlement = settle(
            inputs.policy,
            loss - salvage,
            counted,
            gross_loss=loss,
            salvage=salvage,
            assumed_net=result.totals.net,
        )
    checked = book_check(inputs.book, inputs.stacks) if inputs.book else None
    return FloodOutcome(
        "assessed", problems, result, lots=disposed, settlement=settlement, book_check=checked
    )


def assess_flood(
    inventory: Path,
    rules: Path,
    *,
    depth_cm: Decimal | None = None,
    zone_depths: Path | None = None,
    proposed_base_height_cm: Decimal | None = None,
) -> FloodOutcome:
    """Read the inventory, the rules and the depth (one for the site, or a file of zone
    depths), check them together and assess; every problem of every file is reported."""
    read = read_flood_inputs(inventory, rules, zone_depths)
    if read.status != "read" or read.inputs is None:
        return FloodOutcome("refused" if read.status == "refused" else "rejected", read.problems)
    outcome = assess_inputs(
        read.inputs, depth_cm=depth_cm, proposed_base_height_cm=proposed_base_height_cm
    )
    return replace(outcome, problems=read.problems + outcome.problems)


def write_flood_workbook(
    assessment: FloodAssessment,
    path: Path,
    header: ReportHeader | None = None,
    settlement: Settlement | None = None,
    lot_results: Sequence[LotAssessment] | None = None,
    book_check: Sequence[BookCheckLine] | None = None,
) -> None:
    """Write the assessment (its lots and their disposal, its settlement when a policy was
    given, 账实核对 with ``book_check``) as an Excel report; without ``lot_results`` every lot
    is shown as assumed."""
    from estimator.documents.flood_report import report_workbook

    book = report_workbook(
        assessment, header or ReportHeader(), settlement, lot_results, book_check
    )
    path.write_bytes(book)


def write_flood_pdf(
    assessment: FloodAssessment,
    path: Path,
    header: ReportHeader | None = None,
    *,
    p12: bytes | None = None,
    passphrase: bytes = b"",
    lot_results: Sequence[LotAssessment] | None = None,
    settlement: Settlement | None = None,
    book_check: Sequence[BookCheckLine] | None = None,
) -> None:
    """Write the PDF report (账实核对 with ``book_check``); with the assessor's own PKCS#12 key, digitally signed (PAdES
    B-B, or B-T with a timestamp authority in ESTIMATOR_TSA_URL) in the box kept for it."""
    from estimator.documents.flood_report import render_report
    from estimator.documents.signing import SigningError, http_timestamper, sign_pdf
    from estimator.services.documents import TSA_ENV

    pdf, spot = render_report(
        assessment,
        header or ReportHeader(),
        lot_results=lot_results,
        settlement=settlement,
        book_check=book_check,
    )
    if p12 is not None:
        url = os.environ.get(TSA_ENV)
        try:
            pdf = sign_pdf(
                pdf,
                p12,
                passphrase,
                reason="存货水浸定损报告确认",
                box=spot.box,
                page=spot.page,
                timestamper=http_timestamper(url) if url else None,
            )
        except SigningError as error:
            raise DomainError("cannot_sign", error=error) from None
    path.write_bytes(pdf)


def write_inventory_template(path: Path) -> None:
    """Write the empty flood workbook (inventory, rules and zone depths sheets)."""
    from estimator.documents.flood_workbook import write_template

    write_template(path)

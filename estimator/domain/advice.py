"""Repair or replace (修换): compare the two costs of a damaged component. Pure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from estimator.domain.estimate import Estimate, EstimateLine, LineKind
from estimator.domain.pricing import Catalog, price_estimate
from kernel.money import round_fen
from kernel.problems import Problem
from labor_standards.model import LaborStandard, Operation

#: A common insurer standard: replace when repair costs at least 80 % of replacement.
DEFAULT_THRESHOLD = Decimal("0.80")


class Choice(StrEnum):
    """What the advice suggests."""

    REPAIR = "repair"
    REPLACE = "replace"


@dataclass(frozen=True)
class RepairOrReplace:
    """Both costs, the share, and the suggestion; replacing against it needs a reason."""

    component_code: str
    repair_cost: Decimal
    replace_cost: Decimal
    threshold: Decimal
    suggestion: Choice

    @property
    def share(self) -> Decimal:
        """Repair cost as a share of replacement cost (rounded for display only)."""
        if self.replace_cost == 0:
            return Decimal("Infinity")
        return (self.repair_cost / self.replace_cost).quantize(Decimal("0.0001"))

    @property
    def replace_needs_reason(self) -> bool:
        """Replacing when repair is cheaper than the threshold share needs a written reason."""
        return self.suggestion is Choice.REPAIR


def suggest(
    repair_cost: Decimal, replace_cost: Decimal, threshold: Decimal = DEFAULT_THRESHOLD
) -> Choice:
    """Replace when repair costs at least ``threshold`` × replacement, else repair."""
    return Choice.REPLACE if repair_cost >= replace_cost * threshold else Choice.REPAIR


def repair_or_replace(
    estimate: Estimate,
    catalog: Catalog,
    standard: LaborStandard,
    *,
    component_code: str,
    part_no: str,
    repair: Operation = Operation.REPAIR_MEDIUM,
    painted: bool = True,
    threshold: Decimal = DEFAULT_THRESHOLD,
) -> tuple[RepairOrReplace | None, list[Problem]]:
    """Price repair (repair labor + paint) and replacement (part + replace labor + paint)
    for one component with the estimate's region, shop, vehicle and date."""
    paint = (EstimateLine(LineKind.PAINT, component_code=component_code),) if painted else ()
    repair_lines = (
        EstimateLine(LineKind.LABOR, component_code=component_code, operation=repair),
        *paint,
    )
    replace_lines = (
        EstimateLine(LineKind.PART, part_no=part_no),
        EstimateLine(LineKind.LABOR, component_code=component_code, operation=Operation.REPLACE),
        *paint,
    )
    costs = []
    problems: list[Problem] = []
    for lines in (repair_lines, replace_lines):
        priced = price_estimate(
            replace(estimate, lines=lines, salvage=None, parts_management_fee_rate=Decimal(0)),
            catalog,
            standard,
        )
        problems += priced.problems
        costs.append(sum((p.amount for p in (*priced.lines, *priced.adjustments)), Decimal(0)))
    if problems:
        return None, problems
    repair_cost, replace_cost = (round_fen(c) for c in costs)
    return RepairOrReplace(
        component_code,
        repair_cost,
        replace_cost,
        threshold,
        suggest(repair_cost, replace_cost, threshold),
    ), []

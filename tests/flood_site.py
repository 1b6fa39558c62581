"""A small flooded warehouse built in code: the domain tests' indoor and outdoor units, and
remote controls written off by a loss ratio, in two zones."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from estimator.domain.flood import CategoryRules, LayerState, Stack, StateRule, WaterDepth
from estimator.domain.flood_inputs import AssessmentInputs
from tests.estimator.domain.test_flood import INDOOR, OUTDOOR, stack

D = Decimal
WHOLE = StateRule(loss_ratio=D("1"))
RULES = {
    "indoor": INDOOR,
    "outdoor": OUTDOOR,
    "remote": CategoryRules(
        "remote",
        {LayerState.PARTIAL: WHOLE, LayerState.SUBMERGED: WHOLE},
        salvage_ratio=D("0.05"),
    ),
}


def stacks() -> tuple[Stack, ...]:
    """Eight stacks in zones A and B; some on 15 cm pallets, one on an 80 cm platform."""
    rows = [
        ("A-01", "A", "indoor", 40, 8, "25", "0", "1299.00"),
        ("A-02", "A", "indoor", 37, 8, "25", "15", "1299.00"),
        ("A-03", "A", "indoor", 24, 6, "32.5", "0", "1099.50"),
        ("A-04", "A", "remote", 500, 100, "12", "0", "18.33"),
        ("B-01", "B", "outdoor", 30, 5, "40", "0", "1899.00"),
        ("B-02", "B", "outdoor", 18, 6, "40", "15", "1899.00"),
        ("B-03", "B", "outdoor", 12, 4, "38", "0", "1599.00"),
        ("B-04", "B", "indoor", 16, 8, "25", "80", "1299.00"),
    ]
    return tuple(
        dataclasses.replace(
            stack(qty, per, height, base, category, cost, location, zone), source_row=i + 2
        )
        for i, (location, zone, category, qty, per, height, base, cost) in enumerate(rows)
    )


def site(depth: str = "70", proposed: str | None = None) -> AssessmentInputs:
    """The warehouse under ``depth`` cm of water everywhere."""
    return AssessmentInputs(
        stacks(),
        RULES,
        WaterDepth(D(depth)),
        None if proposed is None else D(proposed),
        {"inventory": "built in code"},
    )

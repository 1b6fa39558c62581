"""The test sample of a flood assessment (GB/T 2828.1, flood-assessment.md). Pure.

The wet units of a category form the lot; its sample size follows GB/T 2828.1 (ISO 2859-1)
general inspection level II, single sampling, normal inspection, and the sample is spread
over the category's wet stacks in proportion to their wet units.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from estimator.domain.flood import FloodAssessment

# GB/T 2828.1 (ISO 2859-1) general inspection level II, single sampling, normal inspection:
# (largest lot of the band, sample size). Code letters A to Q.
SAMPLE_SIZES: tuple[tuple[int, int], ...] = (
    (8, 2),
    (15, 3),
    (25, 5),
    (50, 8),
    (90, 13),
    (150, 20),
    (280, 32),
    (500, 50),
    (1_200, 80),
    (3_200, 125),
    (10_000, 200),
    (35_000, 315),
    (150_000, 500),
    (500_000, 800),
)
LARGEST_SAMPLE = 1_250


def sample_size(lot: int) -> int:
    """Units to test from a lot of ``lot`` wet units (GB/T 2828.1 level II), at most the lot."""
    if lot <= 0:
        return 0
    for largest, size in SAMPLE_SIZES:
        if lot <= largest:
            return min(size, lot)
    return LARGEST_SAMPLE


def sample_band(lot: int) -> tuple[int, int | None]:
    """The lot-size band of the table that ``lot`` falls in (None: no upper end)."""
    low = 2
    for largest, _size in SAMPLE_SIZES:
        if lot <= largest:
            return (low, largest) if lot >= 2 else (1, 1)
        low = largest + 1
    return low, None


@dataclass(frozen=True)
class SampleDraw:
    """How many of a category's sample to draw from one stack's wet units."""

    category: str
    location: str
    wet_units: int
    draw: int


def sampling_plan(assessment: FloodAssessment) -> tuple[SampleDraw, ...]:
    """Each category's sample spread over its stacks in proportion to their wet units
    (largest remainder, ties to the earlier stack), so every wet stack is fairly represented."""
    plan: list[SampleDraw] = []
    for category in assessment.categories:
        lot, sample = category.wet_units, category.sample_size
        stacks = [
            a for a in assessment.stacks if a.stack.category == category.category and a.wet_units
        ]
        shares = [divmod(sample * a.wet_units, lot) for a in stacks] if lot else []
        left = sample - sum(q for q, _ in shares)
        extra = set(sorted(range(len(stacks)), key=lambda i: -shares[i][1])[:left])
        for i, a in enumerate(stacks):
            draw = shares[i][0] + (1 if i in extra else 0)
            plan.append(SampleDraw(category.category, a.stack.location, a.wet_units, draw))
    return tuple(plan)

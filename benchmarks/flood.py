"""flood_100k: the flood assessment of 100,000 stacks (domain.flood.assess), with the
prevention what-if, the category, zone and site sums.

The floor is a bare loop over the same stacks computing each stack's layer counts (ceil,
divmod of the depth by the carton height), the least any assessment must do, so the ratio
shows what the states, money, rounding and sums cost on top."""

from __future__ import annotations

from decimal import Decimal

from benchmarks.harness import Result, percentile, timings
from estimator.documents.flood_sample import DEMO_DEPTH_CM, demo_rules, synthetic_stacks
from estimator.domain.flood import Stack, WaterDepth, assess


def _floor(stacks: list[Stack], depth: Decimal) -> int:
    wet = 0
    for s in stacks:
        layers = -(-s.qty // s.units_per_layer)
        above = depth - s.base_height_cm
        if layers and above > 0:
            whole, rest = divmod(above, s.carton_height_cm)
            wet += min(layers, int(whole) + (1 if rest else 0))
    return wet


def run(repeat: int, count: int = 100_000) -> list[Result]:
    """Median seconds to assess ``count`` stacks, next to the bare layer loop."""
    stacks = synthetic_stacks(count)
    rules = demo_rules()
    depth = WaterDepth(DEMO_DEPTH_CM)
    result = assess(stacks, rules, depth)
    assert len(result.stacks) == count
    product = timings(lambda: assess(stacks, rules, depth), repeat, warmup=1)
    floor = timings(lambda: _floor(stacks, DEMO_DEPTH_CM), repeat, warmup=1)
    p50, f50 = percentile(product, 0.5), percentile(floor, 0.5)
    return [
        Result(
            "flood_100k",
            round(p50, 3),
            "s",
            round(f50, 3),
            round(p50 / f50, 2),
            target="≤ 5 s",
            detail=f"{count:,} stacks, {result.totals.units:,} units, states + per-line "
            f"rounding + write-offs + samples + zone sums + the raised-base what-if; "
            f"p95 {percentile(product, 0.95):.3f} s",
        )
    ]

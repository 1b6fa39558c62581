"""Observed state (water mark, collapse) and the wicking allowance, worked by hand.

The stack: 20 units, 4 a layer, so 5 layers of 30 cm cartons on a 10 cm pallet; layer k
spans [10 + 30(k−1), 10 + 30k]: [10, 40], [40, 70], [70, 100], [100, 130], [130, 160].
Per unit: submerged 200, partial 100, collapsed 50 (unit cost 1,000, no salvage).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from estimator.domain.flood import (
    CategoryRules,
    LayerState,
    RepairItem,
    Stack,
    StateRule,
    WaterDepth,
    assess,
    assess_stack,
    check,
    layer_counts,
)

D = Decimal
DRY, PARTIAL, SUBMERGED, COLLAPSED = (
    LayerState.DRY,
    LayerState.PARTIAL,
    LayerState.SUBMERGED,
    LayerState.COLLAPSED,
)
BOXED = CategoryRules(
    "boxed",
    {
        SUBMERGED: StateRule((RepairItem("更换", D("200")),)),
        PARTIAL: StateRule((RepairItem("维修", D("100")),)),
        COLLAPSED: StateRule((RepairItem("检测", D("50")),)),
    },
)
SOFT = dataclasses.replace(BOXED, category="soft", softens=True)


def stack(**observed: object) -> Stack:
    return dataclasses.replace(
        Stack("A-01", "SKU", "boxed", 20, 4, D("30"), D("1000"), D("10")), **observed
    )


def units(s: Stack, depth: str, rules: CategoryRules = BOXED) -> dict[LayerState, int]:
    return {line.state: line.units for line in assess_stack(s, D(depth), rules).lines}


def loss(s: Stack, depth: str, rules: CategoryRules = BOXED) -> Decimal:
    return assess_stack(s, D(depth), rules).loss


def test_a_water_mark_above_the_site_depth_replaces_it() -> None:
    # Site 30: 20 cm above the base → layer 1 partial: 4 × 100 = 400.
    assert loss(stack(), "30") == D("400")
    # Mark 75: 65 cm above the base → 2 layers submerged, layer 3 partial (5 cm into it):
    # 8 × 200 + 4 × 100 = 2,000.
    marked = stack(water_mark_cm=D("75"))
    assert units(marked, "30") == {SUBMERGED: 8, PARTIAL: 4, DRY: 8}
    assert loss(marked, "30") == D("2000")
    assert assess_stack(marked, D("30"), BOXED).depth_cm == D("75")


def test_a_water_mark_below_the_site_depth_replaces_it() -> None:
    # Site 100: 90 cm above the base = 3 whole layers: 12 × 200 = 2,400.
    assert loss(stack(), "100") == D("2400")
    # Mark 25: 15 cm above the base → layer 1 partial: 4 × 100 = 400.
    assert loss(stack(water_mark_cm=D("25")), "100") == D("400")


def test_an_observed_collapse_brings_down_a_non_softening_stack() -> None:
    # Depth 55: 45 cm above the base → layer 1 submerged, layer 2 partial, 3 dry layers.
    assert units(stack(), "55") == {SUBMERGED: 4, PARTIAL: 4, DRY: 12}
    assert loss(stack(), "55") == D("1200")  # 4 × 200 + 4 × 100
    fell = stack(observed_collapse=True)
    assert units(fell, "55") == {SUBMERGED: 4, PARTIAL: 4, COLLAPSED: 12}
    assert loss(fell, "55") == D("1800")  # 1,200 + 12 × 50


def test_an_observed_collapse_with_nothing_wet_fells_all_but_the_bottom_layer() -> None:
    # Depth 5 is below the 10 cm pallet: nothing wet. The stack fell: layers 2–5 collapsed.
    fell = stack(observed_collapse=True)
    assert units(fell, "5") == {COLLAPSED: 16, DRY: 4}
    assert loss(fell, "5") == D("800")  # 16 × 50
    # 18 units: the top layer holds 2, so 4 stay dry at the bottom and 14 collapse.
    assert units(dataclasses.replace(fell, qty=18), "5") == {COLLAPSED: 14, DRY: 4}
    # One layer has nothing above it to fall.
    assert units(dataclasses.replace(fell, qty=4), "5") == {DRY: 4}
    counts = layer_counts(fell, D("5"), softens=False)
    assert counts.layers[COLLAPSED] == 4 and counts.layers[DRY] == 1


def test_an_observed_no_collapse_keeps_a_softening_stack_standing() -> None:
    soft = dataclasses.replace(stack(), category="soft")
    # Derived: the 3 dry layers above the wet ones collapse: 1,200 + 12 × 50 = 1,800.
    assert units(soft, "55", SOFT) == {SUBMERGED: 4, PARTIAL: 4, COLLAPSED: 12}
    standing = dataclasses.replace(soft, observed_collapse=False)
    assert units(standing, "55", SOFT) == {SUBMERGED: 4, PARTIAL: 4, DRY: 12}
    assert loss(standing, "55", SOFT) == D("1200")


def test_wicking_moves_a_layer_from_dry_to_partial() -> None:
    wicks = dataclasses.replace(BOXED, wicking_cm=D("5"))
    # Depth 40 is layer 1's top: layer 1 submerged, layer 2 dry (the water at its bottom).
    assert units(stack(), "40") == {SUBMERGED: 4, DRY: 16}
    # 40 + 5 wicking: layer 2's bottom 40 < 45 < its top 70 → partial: 800 + 400 = 1,200.
    assert units(stack(), "40", wicks) == {SUBMERGED: 4, PARTIAL: 4, DRY: 12}
    assert loss(stack(), "40", wicks) == D("1200")


def test_wicking_moves_a_layer_from_partial_to_submerged() -> None:
    wicks = dataclasses.replace(BOXED, wicking_cm=D("5"))
    # Depth 65: layer 2 partial (55 above the base = 1 layer and 25 cm): 800 + 400 = 1,200.
    assert units(stack(), "65") == {SUBMERGED: 4, PARTIAL: 4, DRY: 12}
    # 65 + 5 = 70 = layer 2's top → submerged: 8 × 200 = 1,600.
    assert units(stack(), "65", wicks) == {SUBMERGED: 8, DRY: 12}
    assert loss(stack(), "65", wicks) == D("1600")
    # A water mark is widened the same way: mark 35 + 5 = 40 → layer 1 submerged.
    assert units(stack(water_mark_cm=D("35")), "0", wicks) == {SUBMERGED: 4, DRY: 16}


def test_water_below_the_base_wets_nothing_however_far_cartons_wick() -> None:
    wicks = dataclasses.replace(BOXED, wicking_cm=D("5"))
    assert units(stack(), "8", wicks) == {DRY: 20}


def test_the_what_if_judges_a_raised_stack_against_its_own_mark() -> None:
    marked = stack(water_mark_cm=D("75"))
    result = assess([marked], {"boxed": BOXED}, WaterDepth(D("30")), D("50"))
    # Raised to 50: the mark 75 is 25 cm above it → layer 1 partial: 4 × 100 = 400.
    assert result.totals.loss == D("2000")
    assert result.prevention.loss == D("400")
    assert result.prevention.avoided == D("1600")
    # Without the mark the site's 30 cm is below the raised base: nothing lost.
    plain = assess([stack()], {"boxed": BOXED}, WaterDepth(D("30")), D("50"))
    assert plain.prevention.loss == D("0")


def test_the_what_if_does_not_fell_a_stack_it_keeps_dry() -> None:
    fell = stack(observed_collapse=True)
    result = assess([fell], {"boxed": BOXED}, WaterDepth(D("55")), D("60"))
    assert result.totals.loss == D("1800")
    assert result.prevention.loss == D("0")


def test_check_notes_a_missing_collapse_rule_when_a_collapse_was_observed() -> None:
    rules = {"boxed": dataclasses.replace(BOXED, states={SUBMERGED: BOXED.states[SUBMERGED]})}
    notes = check([stack()], rules, WaterDepth(D("55")))
    assert {p.params["state"] for p in notes} == {"partial"}
    notes = check([stack(observed_collapse=True)], rules, WaterDepth(D("55")))
    assert {p.params["state"] for p in notes} == {"partial", "collapsed"}
    assert all(p.severity == "note" for p in notes)


def test_layer_counts_take_the_wicking_and_the_stacks_observations() -> None:
    # Depth 40 + 5 wicking: layer 2 partial (see above); the mark 100 instead: 90 + 5 = 95
    # above the base → 3 layers submerged, the 4th partial (5 cm into it).
    counts = layer_counts(stack(), D("40"), softens=False, wicking_cm=D("5"))
    assert (counts.layers[SUBMERGED], counts.layers[PARTIAL], counts.layers[DRY]) == (1, 1, 3)
    counts = layer_counts(stack(water_mark_cm=D("100")), D("40"), False, D("5"))
    assert (counts.units[SUBMERGED], counts.units[PARTIAL], counts.units[DRY]) == (12, 4, 4)

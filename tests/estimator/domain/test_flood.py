"""The flood inventory model (flood-assessment.md), pinned with examples worked by hand."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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
    default_proposed_height,
    layer_counts,
    raise_bases,
    sample_band,
    sample_size,
    sampling_plan,
)

D = Decimal
DRY, PARTIAL, SUBMERGED, COLLAPSED = (
    LayerState.DRY,
    LayerState.PARTIAL,
    LayerState.SUBMERGED,
    LayerState.COLLAPSED,
)


def items(*pairs: tuple[str, str]) -> StateRule:
    return StateRule(tuple(RepairItem(name, D(cost)) for name, cost in pairs))


# Indoor units: partial 300 + 50 = 350; submerged 300 + 50 + 30 + 20 = 400; collapsed
# 20 + 30 = 50; cartons soften; 10 % salvage.
INDOOR = CategoryRules(
    "indoor",
    {
        PARTIAL: items(("更换控制板", "300"), ("更换滤网", "50")),
        SUBMERGED: items(
            ("更换控制板", "300"), ("更换滤网", "50"), ("更换包装", "30"), ("清洗检测", "20")
        ),
        COLLAPSED: items(("清洗检测", "20"), ("更换包装", "30")),
    },
    salvage_ratio=D("0.1"),
    softens=True,
)
# Outdoor units: sealed; same loss wet or not, cartons do not soften.
OUTDOOR = CategoryRules(
    "outdoor",
    {PARTIAL: items(("清洗检测", "20")), SUBMERGED: items(("清洗检测", "20"), ("更换包装", "30"))},
)
RULES = {"indoor": INDOOR, "outdoor": OUTDOOR}


def stack(
    qty: int = 20,
    per: int = 4,
    height: str = "40",
    base: str = "0",
    category: str = "indoor",
    cost: str = "2000",
    location: str = "A-01",
    zone: str | None = None,
) -> Stack:
    return Stack(
        location=location,
        sku="KFR-35GW",
        category=category,
        qty=qty,
        units_per_layer=per,
        carton_height_cm=D(height),
        unit_cost=D(cost),
        base_height_cm=D(base),
        zone=zone,
    )


def states(s: Stack, depth: str, softens: bool = False) -> dict[LayerState, tuple[int, int]]:
    """(layers, units) per state, leaving out the empty ones."""
    counts = layer_counts(s, D(depth), softens)
    return {st_: (counts.layers[st_], counts.units[st_]) for st_ in LayerState if counts.units[st_]}


# --- layers -----------------------------------------------------------------------------
# 20 units, 4 a layer, 40 cm cartons on the floor: 5 layers spanning
# [0,40] [40,80] [80,120] [120,160] [160,200].


def test_depth_inside_a_layer_makes_it_partial_and_those_below_submerged() -> None:
    # 70: layer 1 top 40 ≤ 70 submerged; layer 2 40 < 70 < 80 partial; 3–5 dry.
    assert states(stack(), "70") == {SUBMERGED: (1, 4), PARTIAL: (1, 4), DRY: (3, 12)}


def test_depth_equal_to_a_layers_top_submerges_it_and_leaves_the_next_dry() -> None:
    # 80 = top of layer 2 → 1 and 2 submerged (depth ≥ top); layer 3's bottom is 80 → dry.
    assert states(stack(), "80") == {SUBMERGED: (2, 8), DRY: (3, 12)}


def test_depth_equal_to_a_layers_bottom_leaves_it_dry() -> None:
    # 40 = bottom of layer 2 (depth ≤ bottom → dry) = top of layer 1 (submerged).
    assert states(stack(), "40") == {SUBMERGED: (1, 4), DRY: (4, 16)}


def test_no_water_or_water_at_the_floor_leaves_all_dry() -> None:
    assert states(stack(), "0") == {DRY: (5, 20)}
    # depth 0 equals layer 1's bottom: dry, and nothing wet means nothing collapses.
    assert states(stack(), "0", softens=True) == {DRY: (5, 20)}


def test_water_over_the_stack_submerges_every_layer() -> None:
    assert states(stack(), "200") == {SUBMERGED: (5, 20)}
    assert states(stack(), "250.5") == {SUBMERGED: (5, 20)}


def test_a_raised_base_counts_layers_from_the_base() -> None:
    # Base 30: layers [30,70] [70,110] …; depth 70 = top of layer 1 → submerged, rest dry.
    assert states(stack(base="30"), "70") == {SUBMERGED: (1, 4), DRY: (4, 16)}
    # Base 15 (a pallet): [15,55] submerged, [55,95] partial.
    assert states(stack(base="15"), "70") == {SUBMERGED: (1, 4), PARTIAL: (1, 4), DRY: (3, 12)}
    # Base above the water: all dry.
    assert states(stack(base="70"), "70") == {DRY: (5, 20)}
    assert states(stack(base="90"), "70") == {DRY: (5, 20)}


def test_a_partly_filled_top_layer_holds_the_rest() -> None:
    # 10 units, 4 a layer: 3 layers of 4, 4, 2; [0,40] [40,80] [80,120].
    # Depth 100: layers 1–2 submerged (8 units), layer 3 partial with its 2 units.
    assert stack(qty=10).layers == 3
    assert states(stack(qty=10), "100") == {SUBMERGED: (2, 8), PARTIAL: (1, 2)}
    # Depth 70: layer 1 submerged 4, layer 2 partial 4, the top layer (2 units) dry.
    assert states(stack(qty=10), "70") == {SUBMERGED: (1, 4), PARTIAL: (1, 4), DRY: (1, 2)}


def test_an_empty_stack_has_no_layers() -> None:
    assert stack(qty=0).layers == 0
    assert states(stack(qty=0), "70", softens=True) == {}


def test_decimal_heights_stay_exact() -> None:
    # 3 layers of 33.3 cm: tops 33.3, 66.6, 99.9. Depth 66.6 submerges exactly 2 layers.
    s = stack(qty=3, per=1, height="33.3")
    assert states(s, "66.6") == {SUBMERGED: (2, 2), DRY: (1, 1)}
    assert states(s, "66.61") == {SUBMERGED: (2, 2), PARTIAL: (1, 1)}


def test_dry_layers_above_wet_softened_cartons_collapse() -> None:
    # Depth 70: 1 submerged, 1 partial; the 3 dry layers above (12 units) collapsed.
    assert states(stack(), "70", softens=True) == {
        SUBMERGED: (1, 4),
        PARTIAL: (1, 4),
        COLLAPSED: (3, 12),
    }


def test_nothing_collapses_when_the_category_does_not_soften() -> None:
    assert states(stack(category="outdoor"), "70", softens=False)[DRY] == (3, 12)
    a = assess_stack(stack(category="outdoor"), D("70"), OUTDOOR)
    assert [line.state for line in a.lines] == [SUBMERGED, PARTIAL, DRY]


# --- money -------------------------------------------------------------------------------


def test_stack_loss_by_state_from_item_costs() -> None:
    # indoor, cost 2000, depth 70: submerged 4 × 400 = 1600.00; partial 4 × 350 = 1400.00;
    # collapsed 12 × 50 = 600.00; total 3600.00; nothing written off, so no salvage.
    a = assess_stack(stack(), D("70"), INDOOR)
    assert [(ln.state, ln.units, ln.unit_loss, ln.loss) for ln in a.lines] == [
        (SUBMERGED, 4, D("400"), D("1600.00")),
        (PARTIAL, 4, D("350"), D("1400.00")),
        (COLLAPSED, 12, D("50"), D("600.00")),
    ]
    assert (a.loss, a.salvage, a.net) == (D("3600.00"), D("0"), D("3600.00"))


def test_loss_is_capped_at_the_unit_cost_and_only_write_offs_yield_salvage() -> None:
    # Cost 360: submerged items 400 > 360 → 360 (written off); partial 350 < 360 stays;
    # collapsed 50. Salvage only on the 4 written-off units: 4 × 360 × 0.1 = 144.00.
    a = assess_stack(stack(cost="360"), D("70"), INDOOR)
    by = {ln.state: ln for ln in a.lines}
    assert by[SUBMERGED].unit_loss == D("360")
    assert by[SUBMERGED].loss == D("1440.00")
    assert by[SUBMERGED].written_off_units == 4
    assert by[SUBMERGED].salvage == D("144.00")
    assert by[PARTIAL].unit_loss == D("350")
    assert (by[PARTIAL].written_off_units, by[PARTIAL].salvage) == (0, D(0))
    assert (by[COLLAPSED].written_off_units, by[COLLAPSED].salvage) == (0, D(0))
    # 1440 + 4 × 350 + 12 × 50 = 1440 + 1400 + 600 = 3440; net 3440 − 144 = 3296.
    assert (a.loss, a.salvage, a.net) == (D("3440.00"), D("144.00"), D("3296.00"))


def test_loss_ratio_applies_to_the_unit_cost_and_rounds_per_line_half_up() -> None:
    ratio = CategoryRules(
        "tv", {SUBMERGED: StateRule(loss_ratio=D("0.35"))}, salvage_ratio=D("0.15")
    )
    # 1234.57 × 0.35 = 432.0995 a unit; 3 units = 1296.2985 → 1296.30 (the line rounds,
    # not the unit).
    a = assess_stack(stack(qty=3, per=3, cost="1234.57", category="tv"), D("50"), ratio)
    (line,) = [ln for ln in a.lines if ln.state is SUBMERGED]
    assert line.unit_loss == D("432.0995")
    assert line.loss == D("1296.30")
    assert line.salvage == 0
    # Half up, not half even: 0.05 × 0.5 = 0.025 → 0.03.
    half = CategoryRules("tv", {SUBMERGED: StateRule(loss_ratio=D("0.5"))})
    tiny = assess_stack(stack(qty=1, per=1, cost="0.05", category="tv"), D("50"), half)
    assert tiny.lines[0].loss == D("0.03")


def test_a_ratio_of_one_writes_off_and_salvage_rounds_half_up() -> None:
    total = CategoryRules("tv", {SUBMERGED: StateRule(loss_ratio=D("1"))}, salvage_ratio=D("0.15"))
    # 3 × 1234.57 = 3703.71 loss; salvage 3 × 1234.57 × 0.15 = 555.5565 → 555.56.
    a = assess_stack(stack(qty=3, per=3, cost="1234.57", category="tv"), D("50"), total)
    assert (a.loss, a.salvage, a.net) == (D("3703.71"), D("555.56"), D("3148.15"))


def test_a_state_without_a_rule_loses_nothing_and_is_noted() -> None:
    # outdoor has no collapsed rule but does not soften; a softening category without one:
    bare = CategoryRules("fan", {SUBMERGED: items(("清洗检测", "20"))}, softens=True)
    a = assess_stack(stack(category="fan"), D("70"), bare)
    assert {ln.state: ln.loss for ln in a.lines} == {
        SUBMERGED: D("80.00"),
        PARTIAL: D("0.00"),
        COLLAPSED: D("0.00"),
    }
    notes = check([stack(category="fan")], {"fan": bare}, WaterDepth(D("70")))
    assert {(p.code, p.params["state"], p.severity) for p in notes} == {
        ("flood_no_state_rule", "partial", "note"),
        ("flood_no_state_rule", "collapsed", "note"),
    }


# --- sampling ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lot", "sample"),
    [
        (0, 0),
        (1, 1),  # smaller than the table's first sample (2): the whole lot
        (2, 2),
        (8, 2),
        (9, 3),
        (15, 3),
        (16, 5),
        (25, 5),
        (26, 8),
        (50, 8),
        (51, 13),
        (90, 13),
        (91, 20),
        (150, 20),
        (151, 32),
        (280, 32),
        (281, 50),
        (500, 50),
        (501, 80),
        (1_200, 80),
        (1_201, 125),
        (3_200, 125),
        (3_201, 200),
        (10_000, 200),
        (10_001, 315),
        (35_000, 315),
        (35_001, 500),
        (150_000, 500),
        (150_001, 800),
        (500_000, 800),
        (500_001, 1_250),
        (10_000_000, 1_250),
    ],
)
def test_sample_size_follows_gb_t_2828_1_level_ii(lot: int, sample: int) -> None:
    assert sample_size(lot) == sample


@given(st.integers(min_value=0, max_value=2_000_000))
def test_a_sample_is_never_more_than_the_lot(lot: int) -> None:
    assert 0 <= sample_size(lot) <= lot


# --- the site -----------------------------------------------------------------------------


def site() -> list[Stack]:
    return [
        stack(location="A-01", zone="A"),  # indoor, depth 70 → 3600.00 (above)
        stack(location="A-02", zone="A", cost="360"),  # 3440.00, salvage 144.00 (above)
        stack(location="B-01", zone="B", category="outdoor", cost="1500"),
    ]


def test_site_totals_categories_and_samples() -> None:
    # B-01 outdoor at 70: submerged 4 × 50 = 200.00, partial 4 × 20 = 80.00, 12 dry.
    result = assess(site(), RULES, WaterDepth(D("70")))
    assert [a.loss for a in result.stacks] == [D("3600.00"), D("3440.00"), D("280.00")]
    indoor, outdoor = result.categories
    # indoor wet units: (4 + 4) × 2 = 16 → sample 5; collapsed 24 are not wet.
    assert (indoor.category, indoor.wet_units, indoor.collapsed_units) == ("indoor", 16, 24)
    assert (indoor.sample_size, indoor.written_off_units) == (5, 4)
    assert (indoor.loss, indoor.salvage, indoor.net) == (D("7040.00"), D("144.00"), D("6896.00"))
    assert (outdoor.wet_units, outdoor.sample_size, outdoor.loss) == (8, 2, D("280.00"))
    t = result.totals
    assert (t.units, t.wet_units) == (60, 24)
    assert (t.loss, t.salvage, t.net) == (D("7320.00"), D("144.00"), D("7176.00"))


def test_prevention_raises_every_base_to_depth_plus_10_by_default() -> None:
    result = assess(site(), RULES, WaterDepth(D("70")))
    # Bases at 80 > 70: nothing wet, nothing lost; the whole loss avoided.
    p = result.prevention
    assert p.proposed_base_height_cm == D("80")
    assert (p.loss, p.avoided) == (D("0"), D("7320.00"))


def test_prevention_with_a_proposed_height_below_the_water() -> None:
    # Bases raised to 50 with 70 cm of water: layer 1 [50,90] partial, the 4 above.
    # A-01 indoor: partial 4 × 350 = 1400 + collapsed 16 × 50 = 800 → 2200.
    # A-02 indoor at 360: the same 2200 (350 < 360 not capped).
    # B-01 outdoor: partial 4 × 20 = 80. Raised loss 4480; avoided 7320 − 4480 = 2840.
    result = assess(site(), RULES, WaterDepth(D("70")), proposed_base_height_cm=D("50"))
    assert (result.prevention.loss, result.prevention.avoided) == (D("4480.00"), D("2840.00"))


def test_zone_depths_and_the_proposed_height_above_the_deepest_zone() -> None:
    depth = WaterDepth(zones={"A": D("70"), "B": D("30")})
    assert default_proposed_height(depth) == D("80")
    result = assess(site(), RULES, depth)
    # B-01 at 30: layer 1 [0,40] partial: 4 × 20 = 80.00.
    assert result.stacks[2].loss == D("80.00")
    assert [(z.zone, z.depth_cm, z.stacks, z.loss) for z in result.zones] == [
        ("A", D("70"), 2, D("7040.00")),
        ("B", D("30"), 1, D("80.00")),
    ]
    assert result.prevention.avoided == D("7120.00")


def test_check_reports_missing_rules_zones_and_duplicate_locations() -> None:
    stacks = [
        stack(location="A-01", zone="A"),
        stack(location="A-01", zone="C", category="tv"),
    ]
    problems = check(stacks, RULES, WaterDepth(zones={"A": D("70")}))
    assert sorted(p.code for p in problems) == [
        "flood_duplicate_location",
        "flood_no_rules",
        "flood_no_zone_depth",
    ]
    assert all(p.sheet == "inventory" for p in problems)
    assert check(site(), RULES, WaterDepth(D("70"))) == []


# --- properties ----------------------------------------------------------------------------

costs = st.decimals(min_value=0, max_value=10**5, places=2, allow_nan=False, allow_infinity=False)
ratios = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False)
heights = st.decimals(
    min_value=D("0.1"), max_value=200, places=1, allow_nan=False, allow_infinity=False
)
depths = st.decimals(min_value=0, max_value=500, places=1, allow_nan=False, allow_infinity=False)
state_rules = st.one_of(
    st.builds(StateRule, loss_ratio=ratios),
    st.builds(
        lambda cs: StateRule(tuple(RepairItem(f"item{i}", c) for i, c in enumerate(cs))),
        st.lists(costs, max_size=3),
    ),
)
category_rules = st.builds(
    lambda name, rules, salvage, softens: CategoryRules(
        name, dict(zip(LayerState, rules, strict=False)), salvage, softens
    ),
    st.sampled_from(["c0", "c1", "c2"]),
    st.lists(state_rules, min_size=4, max_size=4),
    ratios,
    st.booleans(),
)
stacks_ = st.lists(
    st.builds(
        lambda i, qty, per, h, base, cat, cost: stack(
            qty=qty,
            per=per,
            height=str(h),
            base=str(base),
            category=cat,
            cost=str(cost),
            location=f"L{i}",
        ),
        st.integers(0, 10**6),
        st.integers(0, 500),
        st.integers(1, 40),
        heights,
        depths,
        st.sampled_from(["c0", "c1", "c2"]),
        costs,
    ),
    max_size=12,
    unique_by=lambda s: s.location,
)


def no_float(value: object) -> bool:
    if isinstance(value, float):
        return False
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(no_float(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, Mapping):
        return all(no_float(k) and no_float(v) for k, v in value.items())
    if isinstance(value, tuple | list):
        return all(no_float(v) for v in value)
    return True


@settings(max_examples=150, deadline=None)
@given(stacks_, st.lists(category_rules, min_size=3, max_size=3), depths)
def test_amounts_are_sums_of_rounded_lines_and_net_is_loss_less_salvage(
    stacks: list[Stack], rules_list: list[CategoryRules], depth: Decimal
) -> None:
    rules = {
        name: dataclasses.replace(r, category=name)
        for name, r in zip(["c0", "c1", "c2"], rules_list, strict=True)
    }
    result = assess(stacks, rules, WaterDepth(depth))
    lines = [ln for a in result.stacks for ln in a.lines]
    for ln in lines:
        assert ln.loss == ln.loss.quantize(D("0.01"))
        assert ln.salvage == ln.salvage.quantize(D("0.01"))
        assert ln.net == ln.loss - ln.salvage
        assert ln.written_off_units in (0, ln.units)
        if ln.salvage:
            assert ln.written_off_units
    for a in result.stacks:
        assert sum(ln.units for ln in a.lines) == a.stack.qty
        assert all(ln.unit_loss <= a.stack.unit_cost for ln in a.lines)
    t = result.totals
    assert t.loss == sum((ln.loss for ln in lines), D(0))
    assert t.salvage == sum((ln.salvage for ln in lines), D(0))
    assert t.net == t.loss - t.salvage
    assert t.loss == sum((c.loss for c in result.categories), D(0))
    assert t.salvage == sum((c.salvage for c in result.categories), D(0))
    assert t.loss == sum((z.loss for z in result.zones), D(0))
    assert all(c.net == c.loss - c.salvage for c in result.categories)
    assert all(c.sample_size <= c.wet_units for c in result.categories)
    assert result.prevention.avoided == t.loss - result.prevention.loss
    # The what-if's short path agrees with assessing the raised stacks in full.
    for proposed in (result.prevention.proposed_base_height_cm, depth / 2):
        what_if = assess(stacks, rules, WaterDepth(depth), proposed).prevention
        raised = assess(raise_bases(stacks, proposed), rules, WaterDepth(depth)).totals
        assert (what_if.loss, what_if.salvage) == (raised.loss, raised.salvage)
    plan = sampling_plan(result)
    for c in result.categories:
        draws = [d for d in plan if d.category == c.category]
        assert sum(d.draw for d in draws) == c.sample_size
        assert all(0 <= d.draw <= d.wet_units for d in draws)
    assert no_float(result)


def test_sample_band_names_the_table_row() -> None:
    assert sample_band(1) == (1, 1)
    assert sample_band(2) == (2, 8)
    assert sample_band(26) == (26, 50)
    assert sample_band(150_001) == (150_001, 500_000)
    assert sample_band(500_001) == (500_001, None)


def test_the_sample_is_spread_over_the_wet_stacks_in_proportion() -> None:
    # indoor: each 8 wet units, lot 16 → sample 5: 5·8/16 = 2.5 each; the
    # remainder unit goes to the earlier stack → 3 and 2. outdoor: lot 8 → 2, all from B-01.
    plan = sampling_plan(assess(site(), RULES, WaterDepth(D("70"))))
    assert [(d.category, d.location, d.wet_units, d.draw) for d in plan] == [
        ("indoor", "A-01", 8, 3),
        ("indoor", "A-02", 8, 2),
        ("outdoor", "B-01", 8, 2),
    ]


def literal_states(s: Stack, depth: Decimal, softens: bool) -> dict[LayerState, tuple[int, int]]:
    """flood-assessment.md read word for word, layer by layer: the reference for the
    closed-form counts."""
    layers: list[tuple[LayerState, int]] = []
    remaining = s.qty
    k = 1
    while remaining > 0:
        units = min(s.units_per_layer, remaining)
        bottom = s.base_height_cm + (k - 1) * s.carton_height_cm
        top = s.base_height_cm + k * s.carton_height_cm
        if depth <= bottom:
            state = DRY
        elif depth < top:
            state = PARTIAL
        else:
            state = SUBMERGED
        layers.append((state, units))
        remaining -= units
        k += 1
    if softens:
        wet_below = False
        for i, (state, units) in enumerate(layers):
            if state in (PARTIAL, SUBMERGED):
                wet_below = True
            elif wet_below:
                layers[i] = (COLLAPSED, units)
    out: dict[LayerState, tuple[int, int]] = {}
    for state, units in layers:
        n, u = out.get(state, (0, 0))
        out[state] = (n + 1, u + units)
    return out


@settings(max_examples=400, deadline=None)
@given(
    st.integers(0, 200),
    st.integers(1, 12),
    st.decimals(min_value=D("0.5"), max_value=120, places=1),
    st.decimals(min_value=0, max_value=60, places=1),
    st.decimals(min_value=0, max_value=400, places=2),
    st.booleans(),
)
@example(10, 4, D("33.3"), D("15"), D("81.6"), True)  # depth = base + 2h: a layer's top
@example(10, 4, D("33.3"), D("15"), D("15"), True)  # depth = base: the first layer's bottom
@example(10, 4, D("33.3"), D("15"), D("114.9"), True)  # depth = the stack's top
def test_closed_form_counts_match_the_layer_by_layer_reading(
    qty: int, per: int, height: Decimal, base: Decimal, depth: Decimal, softens: bool
) -> None:
    s = stack(qty=qty, per=per, height=str(height), base=str(base))
    assert states(s, str(depth), softens) == literal_states(s, depth, softens)

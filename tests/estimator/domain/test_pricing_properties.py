"""Hypothesis: totals are sums of rounded lines, order does not matter, no float reaches money."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.pricing import PricedEstimate, price_estimate
from kernel.money import round_fen
from tests.estimator.domain.fixtures import CATALOG, STANDARD, estimate, labor, paint, part

money = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False)
unit_price = st.decimals(
    min_value=0, max_value=10**5, places=4, allow_nan=False, allow_infinity=False
)
qty = st.decimals(
    min_value=Decimal("0.01"), max_value=1000, places=2, allow_nan=False, allow_infinity=False
)
hours = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)

lines = st.one_of(
    st.builds(lambda q: part("521190K280", str(q)), qty),
    st.builds(
        lambda q, p: part("ODD", str(q), unit_price=p, override_reason="negotiated"),
        qty,
        unit_price,
    ),
    st.builds(lambda q: part("CLIP", str(q)), qty),
    st.sampled_from(
        [
            labor("FBUMPER", "replace"),
            labor("FOGLAMP_L", "ri"),
            labor("FOGLAMP_R", "ri"),
            labor("HOOD", "replace"),
            labor("HOOD_HINGE", "ri"),
            labor("HOOD_SEAL", "ri"),
            labor("FENDER_L", "repair_medium"),
            labor("FENDER_L", "ri"),
            labor("CYCLE_A", "ri"),
            labor("CYCLE_B", "ri"),
            labor("ENGINE", "mech"),
        ]
    ),
    st.builds(lambda h: labor("ENGINE", "mech", hours=h, override_reason="seized bolts"), hours),
    st.sampled_from(
        [paint(c) for c in ("FBUMPER", "FENDER_L", "HOOD", "ROOF", "FDOOR_L", "TRUNK")]
    ),
    st.builds(
        lambda q, p: EstimateLine(LineKind.MATERIAL, description="辅料", qty=q, unit_price=p),
        qty,
        unit_price,
    ),
    st.builds(lambda a: EstimateLine(LineKind.SUBLET, description="外修", amount=a), money),
    st.builds(lambda a: EstimateLine(LineKind.TOWING, description="拖车", amount=a), money),
)

header = st.fixed_dictionaries(
    {
        "parts_management_fee_rate": st.decimals(
            min_value=0, max_value=Decimal("0.15"), places=4, allow_nan=False, allow_infinity=False
        ),
        "salvage": st.one_of(st.none(), money),
    }
)


def _price(entered: list[EstimateLine], head: dict[str, object]) -> PricedEstimate:
    result = price_estimate(estimate(*entered, **head), CATALOG, STANDARD)
    assert result.ok
    return result


@settings(max_examples=300, deadline=None)
@given(st.lists(lines, max_size=25), header)
def test_totals_equal_the_sum_of_rounded_lines(
    entered: list[EstimateLine], head: dict[str, object]
) -> None:
    result = _price(entered, head)
    totals = result.totals
    assert totals is not None
    every = [*result.lines, *result.adjustments]
    for line in every:
        assert line.amount == round_fen(line.amount)
    for kind, figure in [
        (LineKind.PART, totals.parts),
        (LineKind.LABOR, totals.labor),
        (LineKind.PAINT, totals.paint),
        (LineKind.MATERIAL, totals.material),
        (LineKind.SUBLET, totals.sublet),
        (LineKind.TOWING, totals.towing),
    ]:
        assert figure == sum((p.amount for p in every if p.kind is kind), Decimal(0))
    assert totals.management_fee == round_fen(totals.parts * head["parts_management_fee_rate"])  # type: ignore[operator]
    assert totals.total == (
        totals.parts
        + totals.management_fee
        + totals.labor
        + totals.paint
        + totals.material
        + totals.sublet
        + totals.towing
        - totals.salvage
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(lines, max_size=20), header, st.randoms(use_true_random=False))
def test_the_same_lines_in_any_order_give_the_same_totals(
    entered: list[EstimateLine], head: dict[str, object], rnd
) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(entered)
    rnd.shuffle(shuffled)
    first, second = _price(entered, head), _price(shuffled, head)
    assert first.totals == second.totals
    assert first.adjustments == second.adjustments
    key = lambda p: (p.kind, p.part_no, p.component_code, str(p.operation), p.amount)  # noqa: E731
    assert sorted(map(key, first.lines)) == sorted(map(key, second.lines))


def _no_float(value: object) -> None:
    assert not isinstance(value, float)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _no_float(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            _no_float(item)


@settings(max_examples=100, deadline=None)
@given(st.lists(lines, max_size=15), header)
def test_no_float_anywhere_in_a_priced_estimate(
    entered: list[EstimateLine], head: dict[str, object]
) -> None:
    result = _price(entered, head)
    _no_float(result.totals)
    for line in [*result.lines, *result.adjustments]:
        _no_float(line)
        assert isinstance(line.amount, Decimal)

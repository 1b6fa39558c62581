"""Lots per category, SKU and state and their test results, with figures worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from estimator.domain.flood import (
    CategoryRules,
    LayerState,
    RepairItem,
    Stack,
    StateRule,
    WaterDepth,
    assess,
)
from estimator.domain.flood_lots import (
    TestResult,
    assess_lots,
    check_results,
    lots,
    still_assumed,
)

D = Decimal
PARTIAL, SUBMERGED, COLLAPSED = LayerState.PARTIAL, LayerState.SUBMERGED, LayerState.COLLAPSED


def items(*pairs: tuple[str, str]) -> StateRule:
    return StateRule(tuple(RepairItem(name, D(cost)) for name, cost in pairs))


# Indoor units: partial 350, submerged 400, collapsed 50 per unit; cartons soften.
INDOOR = CategoryRules(
    "indoor",
    {
        PARTIAL: items(("更换控制板", "300"), ("更换滤网", "50")),
        SUBMERGED: items(("更换控制板", "300"), ("更换滤网", "50"), ("更换包装", "50")),
        COLLAPSED: items(("清洗检测", "20"), ("更换包装", "30")),
    },
    salvage_ratio=D("0.1"),
    softens=True,
)
# A passed unit is cleaned, tested and repacked: 20 + 30 = 50 per unit.
TESTED_OK = {"indoor": D("50")}


def stack(location: str, sku: str, qty: int, per: int, h: str, base: str, cost: str) -> Stack:
    return Stack(location, sku, "indoor", qty, per, D(h), D(cost), base_height_cm=D(base))


# At 70 cm of water:
# A-01 (KFR-35, 40 units, 8 a layer, 30 cm cartons on the floor): layers 1–2 submerged (16),
#   layer 3 partial (8, 60–90 cm), layers 4–5 collapsed (16).
# A-02 (KFR-35, 10 units, 5 a layer): layers 0–30 and 30–60 both submerged (10).
# B-01 (KFR-50, 6 units on a 50 cm platform, 40 cm cartons): layer 50–90 partial (6); its
#   350 partial loss is capped at the 300 unit cost, so written off.
STACKS = [
    stack("A-01", "KFR-35", 40, 8, "30", "0", "2000"),
    stack("A-02", "KFR-35", 10, 5, "30", "0", "2000"),
    stack("B-01", "KFR-50", 6, 6, "40", "50", "300"),
]


@pytest.fixture
def assessment():  # type: ignore[no-untyped-def]
    return assess(STACKS, {"indoor": INDOOR}, WaterDepth(site_cm=D("70")))


def by_key(assessed):  # type: ignore[no-untyped-def]
    return {(a.lot.sku, a.lot.state): a for a in assessed}


def test_lots_per_category_sku_and_state(assessment) -> None:  # type: ignore[no-untyped-def]
    found = lots(assessment, TESTED_OK)
    rows = [
        (x.sku, x.state, x.units, x.sample_size, x.assumed_loss, x.tested_ok_loss) for x in found
    ]
    assert rows == [
        # 16 + 10 submerged: lot 26 → sample 8 (26–50); 26 × 400; 26 × 50.
        ("KFR-35", SUBMERGED, 26, 8, D("10400.00"), D("1300.00")),
        ("KFR-35", PARTIAL, 8, 2, D("2800.00"), D("400.00")),
        ("KFR-35", COLLAPSED, 16, 5, D("800.00"), D("800.00")),
        # 6 × 300 (written off); 6 × 50.
        ("KFR-50", PARTIAL, 6, 2, D("1800.00"), D("300.00")),
    ]


def test_unmeasured_lots_add_up_to_the_assessment(assessment) -> None:  # type: ignore[no-untyped-def]
    assessed = assess_lots(lots(assessment, TESTED_OK))
    assert all(a.basis == "assumed" for a in assessed)
    assert sum(a.loss for a in assessed) == D("15800.00") == assessment.totals.loss
    assert len(still_assumed(assessed)) == 4


def test_measured_lot_uses_the_failure_rate(assessment) -> None:  # type: ignore[no-untyped-def]
    results = [
        # (10400 × 1 + 1300 × 2) / 3 = 13000 / 3 = 4333.333… → 4333.33
        TestResult("indoor", "KFR-35", "submerged", 3, 1),
        # none failed: every unit only tested and repacked, 400.00
        TestResult("indoor", "KFR-35", "partial", 2, 0),
        # all failed: the full (written-off) loss, 1800.00
        TestResult("indoor", "KFR-50", "partial", 2, 2),
    ]
    assessed = by_key(assess_lots(lots(assessment, TESTED_OK), results))
    assert assessed["KFR-35", SUBMERGED].loss == D("4333.33")
    assert assessed["KFR-35", PARTIAL].loss == D("400.00")
    assert assessed["KFR-50", PARTIAL].loss == D("1800.00")
    assumed = assessed["KFR-35", COLLAPSED]
    assert (assumed.basis, assumed.loss) == ("assumed", D("800.00"))
    assert [a.lot.key for a in still_assumed(list(assessed.values()))] == [
        ("indoor", "KFR-35", "collapsed")
    ]


def test_without_tested_ok_items_a_passed_unit_costs_nothing(assessment) -> None:  # type: ignore[no-untyped-def]
    result = TestResult("indoor", "KFR-35", "submerged", 8, 2)
    assessed = by_key(assess_lots(lots(assessment), [result]))
    # 10400 × 2 / 8 = 2600.00
    assert assessed["KFR-35", SUBMERGED].loss == D("2600.00")


def test_to_json_has_the_documented_keys(assessment) -> None:  # type: ignore[no-untyped-def]
    result = TestResult("indoor", "KFR-35", "submerged", 8, 2)
    assessed = by_key(assess_lots(lots(assessment, TESTED_OK), [result]))
    # (10400 × 2 + 1300 × 6) / 8 = 28600 / 8 = 3575.00
    assert assessed["KFR-35", SUBMERGED].to_json() == {
        "category": "indoor",
        "sku": "KFR-35",
        "state": "submerged",
        "units": 26,
        "sample_size": 8,
        "tested": 8,
        "failed": 2,
        "basis": "measured",
        "disposal": None,
        "loss": "3575.00",
        # Before the disposal step: no proposal, the lot's own (no written-off units) salvage.
        "proposed": None,
        "reason": None,
        "salvage": "0.00",
        "net": "3575.00",
    }
    assumed = assessed["KFR-35", COLLAPSED].to_json()
    assert (assumed["basis"], assumed["tested"], assumed["failed"], assumed["loss"]) == (
        "assumed",
        None,
        None,
        "800.00",
    )


def test_bad_results_are_refused_with_their_row(assessment) -> None:  # type: ignore[no-untyped-def]
    found = lots(assessment, TESTED_OK)
    results = [
        TestResult("indoor", "KFR-99", "submerged", 2, 0, source_row=2),
        TestResult("indoor", "KFR-35", "submerged", 3, 4, source_row=3),
        TestResult("indoor", "KFR-50", "partial", 7, 1, source_row=4),
        TestResult("indoor", "KFR-35", "partial", 0, 0, source_row=5),
        TestResult("indoor", "KFR-35", "submerged", 2, 1, source_row=6),
    ]
    problems = check_results(found, results)
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("flood_lot_unknown", 2, "sku"),
        ("flood_lot_failed_over_tested", 3, "failed"),
        ("flood_lot_tested_over_units", 4, "tested"),
        ("flood_lot_tested_zero", 5, "tested"),
        ("flood_lot_duplicate", 6, "sku"),
    ]
    assert problems[0].reason("zh") == "没有这个批次：品类 indoor、商品编码 KFR-99、状态“完全浸没”"
    assert problems[2].reason("en") == "7 tested is more than the lot's 6 units"
    with pytest.raises(ValueError, match="failed is more than"):
        assess_lots(found, results[1:2])

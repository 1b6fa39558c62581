"""Disposal per lot (recondition, damaged sale, write-off), with figures worked by hand."""

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
from estimator.domain.flood_disposal import (
    DisposalChoice,
    DisposalOption,
    check_choices,
    disposal_options,
    dispose,
    dispose_lots,
    lots_net,
    propose,
)
from estimator.domain.flood_lots import Lot, TestResult, assess_lots, lots

D = Decimal
RECONDITION, SALE, WRITE_OFF = (
    DisposalOption.RECONDITION,
    DisposalOption.DAMAGED_SALE,
    DisposalOption.WRITE_OFF,
)
PARTIAL, SUBMERGED = LayerState.PARTIAL, LayerState.SUBMERGED

# Indoor units cost 1,000: partial 300 a unit, submerged 950 (board, filter, carton); salvage
# 20 % of a written-off unit. Outdoor units cost 200 and are written off wet (ratio 1),
# salvage 10 %.
RULES = {
    "indoor": CategoryRules(
        "indoor",
        {
            PARTIAL: StateRule((RepairItem("更换控制板", D("300")),)),
            SUBMERGED: StateRule((RepairItem("更换控制板", D("900")), RepairItem("滤网", D("50")))),
        },
        salvage_ratio=D("0.2"),
    ),
    "outdoor": CategoryRules(
        "outdoor", {SUBMERGED: StateRule(loss_ratio=D("1"))}, salvage_ratio=D("0.1")
    ),
}
SALVAGE = {"indoor": D("0.2"), "outdoor": D("0.1")}
TESTED_OK = {"indoor": D("50"), "outdoor": D("10")}
# At 45 cm: I-01 (10 indoor, 5 a layer, 30 cm cartons) has layer 0–30 submerged (5) and
# 30–60 partial (5); O-01 (8 outdoor in one layer of 30 cm cartons on a 10 cm base) has its
# layer 10–40 submerged (8).
STACKS = [
    Stack("I-01", "KFR-35", "indoor", 10, 5, D("30"), D("1000")),
    Stack("O-01", "KFW-35", "outdoor", 8, 8, D("30"), D("200"), base_height_cm=D("10")),
]


def _lots() -> dict[tuple[str, str], Lot]:
    found = lots(assess(STACKS, RULES, WaterDepth(D("45"))), TESTED_OK)
    return {(lot.category, lot.state.value): lot for lot in found}


def nets(options: tuple[object, ...]) -> dict[str, Decimal]:
    return {o.option.value: o.net for o in options}  # type: ignore[attr-defined]


def test_lots_carry_their_value_and_rule_salvage() -> None:
    got = _lots()
    submerged, partial = got["indoor", "submerged"], got["indoor", "partial"]
    assert (submerged.units, submerged.assumed_loss, submerged.assumed_salvage) == (5, D("4750"), 0)
    assert submerged.value == D("5000.00")
    assert (partial.assumed_loss, partial.value) == (D("1500"), D("5000.00"))
    outdoor = got["outdoor", "submerged"]
    # Written off by the rules: loss 8 × 200 = 1,600, salvage 10 % = 160.
    assert (outdoor.assumed_loss, outdoor.assumed_salvage) == (D("1600.00"), D("160.00"))


def test_recondition_and_write_off_without_a_price() -> None:
    lot = _lots()["indoor", "partial"]
    options = disposal_options(lot, D("0.2"))
    # Recondition 1,500; write-off 5,000 − 20 % = 4,000; no sale without a price.
    assert nets(options) == {"recondition": D("1500"), "write_off": D("4000.00")}
    assert propose(options) is RECONDITION


def test_write_off_is_proposed_when_the_repair_costs_near_the_unit_cost() -> None:
    lot = _lots()["indoor", "submerged"]
    d = dispose(lot, D("0.2"))
    # Recondition 4,750 against write-off 5,000 − 1,000 = 4,000.
    assert nets(d.options) == {"recondition": D("4750"), "write_off": D("4000.00")}
    assert (d.proposed, d.chosen, d.loss, d.salvage, d.net) == (
        WRITE_OFF,
        WRITE_OFF,
        D("5000.00"),
        D("1000.00"),
        D("4000.00"),
    )


def test_damaged_sale_by_rate_and_by_quote() -> None:
    lot = _lots()["indoor", "submerged"]
    by_rate = disposal_options(lot, D("0.2"), discount_rate=D("0.3"))
    # 5,000 × 30 % = 1,500: the cheapest.
    assert nets(by_rate)["damaged_sale"] == D("1500.00")
    assert propose(by_rate) is SALE
    # A quote wins over a rate: 5,000 − 4,200 = 800.
    by_quote = disposal_options(lot, D("0.2"), discount_rate=D("0.3"), quote=D("4200"))
    assert nets(by_quote)["damaged_sale"] == D("800.00")
    # A quote above the value loses nothing, never a gain.
    assert nets(disposal_options(lot, D("0.2"), quote=D("6000")))["damaged_sale"] == 0


def test_ties_go_to_recondition_then_sale() -> None:
    got = _lots()
    # Partial: sale at 30 % = 1,500 = recondition's 1,500 → recondition.
    assert propose(
        disposal_options(got["indoor", "partial"], D("0.2"), discount_rate=D("0.3"))
    ) is (RECONDITION)
    # Submerged: sale at 80 % = 4,000 = write-off's 4,000, below recondition's 4,750 → sale.
    assert (
        propose(disposal_options(got["indoor", "submerged"], D("0.2"), discount_rate=D("0.8")))
        is SALE
    )
    # Written off by the rules: recondition = write-off = 1,600 − 160 → recondition.
    outdoor = disposal_options(got["outdoor", "submerged"], D("0.1"))
    assert nets(outdoor) == {"recondition": D("1440.00"), "write_off": D("1440.00")}
    assert propose(outdoor) is RECONDITION


def test_measured_lot_reconditions_at_its_failure_rate() -> None:
    got = _lots()
    # Indoor submerged, 5 tested, 1 failed: (4,750 × 1 + 5 × 50 × 4) / 5 = 1,150; now the
    # cheapest, where the assumed lot was written off.
    d = dispose(
        got["indoor", "submerged"], D("0.2"), TestResult("indoor", "KFR-35", "submerged", 5, 1)
    )
    assert (d.proposed, d.loss, d.salvage, d.net) == (RECONDITION, D("1150.00"), 0, D("1150.00"))
    # Outdoor, 8 tested, 2 failed: (1,600 × 2 + 80 × 6) / 8 = 460; salvage 160 × 2/8 = 40.
    d = dispose(
        got["outdoor", "submerged"], D("0.1"), TestResult("outdoor", "KFW-35", "submerged", 8, 2)
    )
    assert (d.loss, d.salvage, d.net) == (D("460.00"), D("40.00"), D("420.00"))


def test_choice_with_a_reason_applies_and_without_is_refused() -> None:
    assessed = assess_lots(tuple(_lots().values()))
    with_reason = DisposalChoice(
        "indoor", "KFR-35", "partial", WRITE_OFF, "客户拒收修复件", source_row=2
    )
    assert check_choices(assessed, SALVAGE, [with_reason]) == []
    disposed = {a.lot.key: a for a in dispose_lots(assessed, SALVAGE, [with_reason])}
    partial = disposed["indoor", "KFR-35", "partial"]
    assert partial.disposal is not None
    assert (partial.disposal.proposed, partial.disposal.chosen) == (RECONDITION, WRITE_OFF)
    assert (partial.settled_loss, partial.salvage, partial.net) == (
        D("5000.00"),
        D("1000.00"),
        D("4000.00"),
    )
    bare = DisposalChoice("indoor", "KFR-35", "partial", WRITE_OFF, " ", source_row=3)
    [problem] = check_choices(assessed, SALVAGE, [bare])
    assert (problem.code, problem.sheet, problem.row, problem.column) == (
        "flood_disposal_no_reason",
        "disposal",
        3,
        "reason",
    )
    assert "部分浸水" in problem.reason("zh") and "报废" in problem.reason("zh")
    with pytest.raises(ValueError, match="reason"):
        dispose_lots(assessed, SALVAGE, [bare])
    # Choosing the proposal needs no reason.
    same = DisposalChoice("indoor", "KFR-35", "partial", RECONDITION)
    assert check_choices(assessed, SALVAGE, [same]) == []


def test_choice_rows_refused() -> None:
    assessed = assess_lots(tuple(_lots().values()))
    rows = [
        DisposalChoice("indoor", "KFR-99", "partial", RECONDITION, source_row=2),
        DisposalChoice("indoor", "KFR-35", "collapsed", RECONDITION, source_row=3),
        DisposalChoice("indoor", "KFR-35", "partial", discount_rate=D("0.3"), source_row=4),
        DisposalChoice("indoor", "KFR-35", "partial", RECONDITION, source_row=5),
        DisposalChoice("indoor", "KFR-35", "submerged", SALE, "买方报价", source_row=6),
    ]
    problems = check_choices(assessed, SALVAGE, rows)
    assert [(p.code, p.row, p.column) for p in problems] == [
        ("flood_lot_unknown", 2, "sku"),
        ("flood_lot_unknown", 3, "sku"),
        ("flood_disposal_duplicate", 5, "sku"),
        ("flood_disposal_no_price", 6, "choice"),
    ]


def test_without_tests_or_choices_the_net_stays_when_recondition_is_proposed() -> None:
    # At 20 cm only partial layers: every lot is proposed recondition.
    a = assess(STACKS, RULES, WaterDepth(D("20")))
    disposed = dispose_lots(assess_lots(lots(a, TESTED_OK)), SALVAGE)
    assert {d.disposal.chosen for d in disposed if d.disposal} == {RECONDITION}
    loss, salvage = lots_net(disposed)
    assert (loss, salvage, loss - salvage) == (a.totals.loss, a.totals.salvage, a.totals.net)


def test_without_any_sheet_a_cheaper_write_off_lowers_the_net() -> None:
    a = assess(STACKS, RULES, WaterDepth(D("45")))
    loss, salvage = lots_net(dispose_lots(assess_lots(lots(a, TESTED_OK)), SALVAGE))
    # The indoor submerged lot written off: 4,750 − 0 becomes 5,000 − 1,000 (750 less).
    assert a.totals.net - (loss - salvage) == D("750.00")


def test_json_keys_of_a_disposed_lot() -> None:
    assessed = assess_lots(tuple(_lots().values()))
    document = dispose_lots(assessed, SALVAGE)[0].to_json()
    assert list(document)[:10] == [
        "category",
        "sku",
        "state",
        "units",
        "sample_size",
        "tested",
        "failed",
        "basis",
        "disposal",
        "loss",
    ]
    assert (document["disposal"], document["proposed"], document["reason"]) == (
        "write_off",
        "write_off",
        "",
    )
    assert (document["loss"], document["salvage"], document["net"]) == (
        "5000.00",
        "1000.00",
        "4000.00",
    )


def test_a_category_default_discount_prices_a_chosen_sale() -> None:
    assessed = assess_lots(tuple(_lots().values()))
    sale = DisposalChoice("indoor", "KFR-35", "partial", SALE, "买方已确认", source_row=2)
    [problem] = check_choices(assessed, SALVAGE, [sale])
    assert problem.code == "flood_disposal_no_price"
    assert check_choices(assessed, SALVAGE, [sale], discounts={"indoor": D("0.5")}) == []
    disposed = dispose_lots(assessed, SALVAGE, [sale], {"indoor": D("0.5")})
    partial = next(a for a in disposed if a.lot.key == ("indoor", "KFR-35", "partial"))
    # 5,000 × 50 % = 2,500, chosen over recondition's 1,500 with its reason.
    assert (partial.net, partial.disposal and partial.disposal.proposed) == (
        D("2500.00"),
        RECONDITION,
    )
    # The lot's own rate wins over the category's.
    own = DisposalChoice("indoor", "KFR-35", "partial", discount_rate=D("0.2"))
    d = dispose(partial.lot, D("0.2"), choice=own, default_discount=D("0.5"))
    assert (d.proposed, d.net) == (SALE, D("1000.00"))

"""The settlement from the lots: test results and disposal choices change what is paid."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor
from pathlib import Path

from estimator.services.flood import assess_flood
from tests.cli.test_flood_lots_cli import INVENTORY, RULES
from tests.conftest import write_workbook

# Stock 40 × 2,000 + 10 × 2,000 + 6 × 300 = 101,800, insured for 200,000 without deductible:
# ratio 1, so the payable is the lots' net.
POLICY = [["sum_insured", "vat_basis"], [200000, "included"]]
TESTS = [["category", "sku", "state", "tested", "failed"], ["indoor", "KFR-35", "submerged", 8, 2]]


def _assess(tmp_path: Path, **sheets: list[list[object]]):  # type: ignore[no-untyped-def]
    inventory = write_workbook(tmp_path / "i.xlsx", {"inventory": INVENTORY, **sheets})
    rules = write_workbook(tmp_path / "r.xlsx", {"rules": RULES, "policy": POLICY})
    return assess_flood(inventory, rules, depth_cm=D("70"))


def test_test_results_change_the_payable_by_the_measured_difference(tmp_path: Path) -> None:
    # Assumed at 70 cm: KFR-35 submerged 10,400, partial 2,800, collapsed 800; KFR-50 partial
    # written off 1,800 less 180 salvage (recondition = write-off: a tie, recondition).
    plain = _assess(tmp_path)
    assert plain.status == "assessed" and plain.settlement is not None
    assert plain.assessment is not None and plain.assessment.totals.net == D("15620.00")
    assert plain.settlement.net_loss == D("15620.00")
    assert plain.settlement.payable == D("15620.00")
    assert {lot.disposal.chosen.value for lot in plain.lots if lot.disposal} == {"recondition"}
    # KFR-35 submerged tested 8, failed 2: (10,400 × 2 + 26 × 50 × 6) / 8 = 3,575, so the
    # payable falls by 10,400 − 3,575 = 6,825.
    (tmp_path / "t").mkdir()
    measured = _assess(tmp_path / "t", tests=TESTS)
    assert measured.settlement is not None
    assert plain.settlement.payable - measured.settlement.payable == D("6825.00")
    assert measured.settlement.assumed_net == D("15620.00")
    assert (measured.settlement.gross_loss, measured.settlement.salvage) == (
        D("8975.00"),
        D("180.00"),
    )


def test_disposal_choices_settle_under_the_chosen_option(tmp_path: Path) -> None:
    disposal = [
        ["category", "sku", "state", "choice", "reason", "discount_rate", "quote"],
        # Value 8 × 2,000 = 16,000; a buyer quotes 14,000: loss 2,000 < recondition 2,800.
        ["indoor", "KFR-35", "partial", None, None, "0.5", 14000],
        # Written off against the proposal: 32,000 − 10 % = 28,800 instead of 800.
        ["indoor", "KFR-35", "collapsed", "报废", "纸箱压溃、客户拒收", None, None],
    ]
    outcome = _assess(tmp_path, tests=TESTS, disposal=disposal)
    assert outcome.status == "assessed" and outcome.settlement is not None
    lots = {lot.lot.key: lot for lot in outcome.lots}
    sale = lots["indoor", "KFR-35", "partial"]
    assert sale.disposal is not None and sale.disposal.chosen.value == "damaged_sale"
    assert (sale.settled_loss, sale.net) == (D("2000.00"), D("2000.00"))
    off = lots["indoor", "KFR-35", "collapsed"]
    assert off.disposal is not None
    assert (off.disposal.proposed.value, off.disposal.chosen.value) == ("recondition", "write_off")
    assert off.disposal.reason == "纸箱压溃、客户拒收"
    # 15,620 − 6,825 (measured) − 800 (sale) + 28,000 (write-off) = 35,995.
    assert outcome.settlement.payable == D("35995.00")


def test_a_choice_against_the_proposal_without_a_reason_rejects(tmp_path: Path) -> None:
    disposal = [
        ["category", "sku", "state", "choice"],
        ["indoor", "KFR-35", "collapsed", "write_off"],
        ["indoor", "KFR-99", "collapsed", "write_off"],
    ]
    outcome = _assess(tmp_path, disposal=disposal)
    assert outcome.status == "rejected"
    assert [(p.code, p.sheet, p.row, p.column) for p in outcome.problems] == [
        ("flood_disposal_no_reason", "disposal", 2, "reason"),
        ("flood_lot_unknown", "disposal", 3, "sku"),
    ]
    assert "KFR-35" in outcome.problems[0].reason("zh")


def test_a_category_default_discount_offers_the_sale_for_every_lot(tmp_path: Path) -> None:
    rules_rows = [[*RULES[0], "damaged_discount"], [*RULES[1], "0.1"]]
    rules_rows += [[*row, None] for row in RULES[2:]]
    inventory = write_workbook(tmp_path / "i.xlsx", {"inventory": INVENTORY})
    rules = write_workbook(tmp_path / "r.xlsx", {"rules": rules_rows, "policy": POLICY})
    outcome = assess_flood(inventory, rules, depth_cm=D("70"))
    assert outcome.status == "assessed" and outcome.settlement is not None
    # The rules reader's note about a column it does not know is not said: it is read.
    assert [p.code for p in outcome.problems] == []
    chosen = [
        (lot.lot.sku, lot.lot.state.value, lot.disposal.chosen.value)
        for lot in outcome.lots
        if lot.disposal
    ]
    # 10 % of each lot's value: submerged 52,000 → 5,200 < 10,400; partial 16,000 → 1,600 <
    # 2,800; collapsed 32,000 → 3,200 > 800; KFR-50 1,800 → 180 < 1,620.
    assert chosen == [
        ("KFR-35", "submerged", "damaged_sale"),
        ("KFR-35", "partial", "damaged_sale"),
        ("KFR-35", "collapsed", "recondition"),
        ("KFR-50", "partial", "damaged_sale"),
    ]
    assert outcome.settlement.payable == D("7780.00")

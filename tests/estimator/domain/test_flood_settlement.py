"""What the insurer pays for a flooded stock, pinned with figures worked by hand."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from estimator.domain.flood_settlement import (
    Policy,
    VatBasis,
    check_policy,
    counted_value,
    settle,
    settlement_problems,
)

D = Decimal


def test_a_measured_example_under_insured_every_step() -> None:
    # Stock counted at 1,000,000; insured for 800,000: ratio 0.8.
    # Net loss 123,456.78 × 0.8 = 98,765.424 → 98,765.42.
    # Deductible: max(5,000, 98,765.42 × 10 % = 9,876.542 → 9,876.54) = 9,876.54.
    # Loss payable 98,765.42 − 9,876.54 = 88,888.88; rescue 12,000 × 0.8 = 9,600;
    # debris 3,000 as incurred: 88,888.88 + 9,600 + 3,000 = 101,488.88.
    policy = Policy(
        sum_insured=D("800000"),
        deductible_amount=D("5000"),
        deductible_rate=D("0.10"),
        rescue_costs=D("12000"),
        debris_costs=D("3000"),
    )
    s = settle(policy, D("123456.78"), D("1000000.00"))
    assert s.under_insured
    assert s.average_ratio == D("0.8")
    assert s.adjusted_loss == D("98765.42")
    assert s.deductible == D("9876.54")
    assert s.loss_payable == D("88888.88")
    assert s.rescue == D("9600.00")
    assert s.debris == D("3000.00")
    assert s.payable == D("101488.88")
    assert s.to_json() == {
        "insurable_value": "1000000.00",
        "sum_insured": "800000.00",
        "average_ratio": "0.8000",
        "net_loss": "123456.78",
        "deductible": "9876.54",
        "rescue": "9600.00",
        "debris": "3000.00",
        "payable": "101488.88",
    }


def test_the_deductible_amount_wins_when_the_rate_gives_less() -> None:
    # 98,765.42 × 5 % = 4,938.271 → 4,938.27 < 5,000: the amount is deducted.
    policy = Policy(D("800000"), deductible_amount=D("5000"), deductible_rate=D("0.05"))
    s = settle(policy, D("123456.78"), D("1000000"))
    assert s.deductible == D("5000.00")
    assert s.loss_payable == D("93765.42")
    assert s.payable == D("93765.42")
    assert s.debris is None
    assert s.to_json()["debris"] is None


def test_the_rate_wins_when_it_gives_more_than_the_amount() -> None:
    # Fully insured: 60,000 × 10 % = 6,000 > 1,000; 60,000 − 6,000 = 54,000.
    policy = Policy(D("2000000"), deductible_amount=D("1000"), deductible_rate=D("0.1"))
    s = settle(policy, D("60000"), D("1500000"))
    assert not s.under_insured
    assert s.average_ratio == D("1")
    assert s.to_json()["average_ratio"] == "1.0000"
    assert s.deductible == D("6000.00")
    assert s.payable == D("54000.00")


def test_the_average_clause_uses_the_book_value_and_lists_the_difference() -> None:
    # Book 1,250,000 against 1,000,000 counted (账实核对: 250,000 more in the books).
    # Insured for 1,000,000: ratio 0.8 on the book value, not 1 on the count.
    policy = Policy(D("1000000"), book_value=D("1250000"))
    s = settle(policy, D("50000"), D("1000000"))
    assert s.insurable_value == D("1250000")
    assert s.book_difference == D("250000")
    assert s.average_ratio == D("0.8")
    assert s.payable == D("40000.00")


def test_an_inexact_ratio_multiplies_exactly_and_rounds_once() -> None:
    # 100,000 ÷ 300,000 = 1/3; 1,000 × 1/3 = 333.333… → 333.33, shown ratio 0.3333.
    s = settle(Policy(D("100000")), D("1000"), D("300000"))
    assert s.adjusted_loss == D("333.33")
    assert s.shown_ratio == "0.3333"


def test_rescue_costs_are_capped_separately_at_the_sum_insured() -> None:
    # Insured 10,000, stock 8,000 (no average). Loss 20,000 is capped at 10,000 and the
    # rescue costs 15,000 too, separately: 10,000 + 10,000 = 20,000 (> the sum insured).
    policy = Policy(D("10000"), rescue_costs=D("15000"))
    s = settle(policy, D("20000"), D("8000"))
    assert s.loss_payable == D("10000.00")
    assert s.rescue == D("10000.00")
    assert s.payable == D("20000.00")


def test_debris_is_paid_only_when_covered() -> None:
    covered = settle(Policy(D("500000"), debris_costs=D("2500.50")), D("1000"), D("400000"))
    assert covered.debris == D("2500.50")
    assert covered.payable == D("3500.50")
    not_covered = settle(Policy(D("500000")), D("1000"), D("400000"))
    assert not_covered.debris is None
    assert not_covered.payable == D("1000.00")


def test_the_payable_loss_is_never_below_zero() -> None:
    # 3,000 less a 5,000 deductible: nothing for the loss; the rescue costs still count.
    policy = Policy(D("100000"), deductible_amount=D("5000"), rescue_costs=D("800"))
    s = settle(policy, D("3000"), D("50000"))
    assert s.deductible == D("5000.00")
    assert s.loss_payable == D("0")
    assert s.payable == D("800.00")
    # A negative net loss (salvage above the loss) pays nothing either.
    assert settle(Policy(D("100000")), D("-10"), D("50000")).payable == D("0.00")


def test_counted_value_sums_qty_times_cost() -> None:
    # 20 × 2,300 + 7 × 1,799.99 = 46,000 + 12,599.93 = 58,599.93
    assert counted_value([(20, D("2300")), (7, D("1799.99"))]) == D("58599.93")


def test_check_policy_names_every_bad_cell() -> None:
    bad = Policy(
        sum_insured=D("0"),
        deductible_amount=D("-1"),
        deductible_rate=D("1.5"),
        rescue_costs=D("-2"),
        debris_costs=D("-3"),
        vat_basis=VatBasis.EXCLUDED,
        book_value=D("-4"),
    )
    problems = check_policy(bad)
    where = {(p.sheet, p.row, p.column, p.code) for p in problems}
    assert where == {
        ("policy", 2, "sum_insured", "flood_policy_no_sum_insured"),
        ("policy", 2, "deductible_rate", "flood_policy_rate_range"),
        ("policy", 2, "deductible_amount", "flood_policy_negative"),
        ("policy", 2, "rescue_costs", "flood_policy_negative"),
        ("policy", 2, "debris_costs", "flood_policy_negative"),
        ("policy", 2, "book_value", "flood_policy_negative"),
    }
    sum_insured = next(p for p in problems if p.column == "sum_insured")
    assert (
        sum_insured.describe("zh")
        == "工作表 policy, 第 2 行, 列 sum_insured [0]: 保险金额必须大于 0"
    )
    assert "sum insured" in sum_insured.describe("en")
    assert check_policy(Policy(D("1"), deductible_rate=D("1"))) == []


def test_no_insurable_value_is_a_problem_not_a_crash() -> None:
    problems = settlement_problems(Policy(D("1000")), D("0"))
    assert [p.code for p in problems] == ["flood_policy_no_value"]
    assert settlement_problems(Policy(D("1000"), book_value=D("10")), D("0")) == []


money = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
positive = st.decimals(min_value=D("0.01"), max_value=10**9, places=2, allow_nan=False)
rates = st.decimals(min_value=0, max_value=1, places=3, allow_nan=False)


@given(positive, positive, money, money, rates, money, money)
def test_payable_is_bounded_and_monotone_in_the_net_loss(
    si: Decimal,
    insurable: Decimal,
    net: Decimal,
    more: Decimal,
    rate: Decimal,
    amount: Decimal,
    rescue: Decimal,
) -> None:
    policy = Policy(si, deductible_amount=amount, deductible_rate=rate, rescue_costs=rescue)
    s = settle(policy, net, insurable)
    assert s.average_ratio <= 1
    assert D(0) <= s.loss_payable <= si
    assert D(0) <= s.rescue <= si
    assert s.payable <= 2 * si
    bigger = settle(policy, net + more, insurable)
    assert bigger.loss_payable >= s.loss_payable
    assert bigger.payable >= s.payable
    # The loss part never exceeds the net loss after the ratio, nor the ratio 1.
    assert s.loss_payable <= max(s.adjusted_loss, D(0))

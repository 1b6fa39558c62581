"""The payout estimate (赔款预估), every figure computed by hand in the comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.domain.depreciation import (
    ActualValue,
    DepreciationClass,
    DepreciationTable,
    UseClass,
    VehicleKind,
    actual_value,
)
from estimator.domain.errors import DomainError
from estimator.domain.settlement import TotalLossPolicy
from estimator.domain.settlement_payout import (
    LossObject,
    ObjectKind,
    OtherParty,
    Policy,
    estimate_payout,
    liability_share,
    share_limit,
)

INSURED = ObjectKind.INSURED_VEHICLE
THIRD_VEHICLE = ObjectKind.THIRD_PARTY_VEHICLE
PROPERTY = ObjectKind.THIRD_PARTY_PROPERTY
PRIVATE_9 = DepreciationClass(UseClass.PRIVATE, VehicleKind.PASSENGER_9)
POLICY = Policy(
    vehicle_damage_sum_insured=D("150000.00"),
    third_party_limit=D("1000000.00"),
    deductible=D("500.00"),
)


def valued(amount: str) -> ActualValue:
    """A vehicle whose actual value is ``amount`` (a new car, no month in use)."""
    day = dt.date(2026, 11, 1)
    return actual_value(DepreciationTable({PRIVATE_9: D("0.006")}), D(amount), PRIVATE_9, day, day)


def test_a_two_vehicle_case_at_70_percent() -> None:
    # A (insured, main liability 70 %) and B (minor, 30 %) collide. A's car: 11,200 of repair
    # and 800 of towing; its actual value 109,800 (180,000 at 0.60 % for 65 months): a repair.
    a_value = actual_value(
        DepreciationTable({PRIVATE_9: D("0.006")}),
        D("180000.00"),
        PRIVATE_9,
        dt.date(2021, 6, 15),
        dt.date(2026, 11, 20),
    )
    objects = [
        LossObject(INSURED, D("11200.00"), D("800.00"), value=a_value),
        LossObject(THIRD_VEHICLE, D("8000.00")),
    ]
    payout = estimate_payout(objects, POLICY, liability_share("main"), OtherParty(True, D("0.30")))
    a, b = payout.objects
    # A's car: loss 12,000; B is liable, so B's compulsory pays up to 2,000: 2,000.
    # (12,000 − 2,000) × 0.70 = 7,000.00, under the sum insured 150,000; less the deductible
    # 500: 6,500.00.
    assert (a.loss, a.actual_value, a.total_loss) == (D("12000.00"), D("109800.00"), False)
    assert (a.compulsory_paid, a.liable, a.cap, a.commercial_paid) == (
        D("2000.00"),
        D("7000.00"),
        D("150000.00"),
        D("7000.00"),
    )
    assert (a.deductible, a.payable) == (D("500.00"), D("6500.00"))
    # B's car: loss 8,000; A is liable, so A's compulsory pays 2,000; (8,000 − 2,000) × 0.70
    # = 4,200.00 under the third-party limit; no deductible on third parties.
    assert (b.loss, b.actual_value, b.compulsory_paid) == (D("8000.00"), None, D("2000.00"))
    assert (b.commercial_paid, b.deductible, b.payable) == (D("4200.00"), D("0.00"), D("4200.00"))
    # The case: 6,500 + 4,200 = 10,700.00 payable; 4,000 of compulsory shown beside it.
    assert (payout.payable, payout.compulsory_paid, payout.commercial_paid) == (
        D("10700.00"),
        D("4000.00"),
        D("11200.00"),
    )


def test_the_other_way_round_both_insurers_pay_every_loss_in_full() -> None:
    # B's insurer sees B (30 %) as its insured and A (70 %) as the other party. B's car: 8,000
    # − 2,000 from A's compulsory = 6,000 × 0.30 = 1,800.00; A's car: 12,000 − 2,000 from
    # B's compulsory = 10,000 × 0.30 = 3,000.00.
    no_deductible = Policy(third_party_limit=D("1000000.00"))
    seen_by_b = estimate_payout(
        [LossObject(INSURED, D("8000.00")), LossObject(THIRD_VEHICLE, D("12000.00"))],
        no_deductible,
        liability_share("minor"),
        OtherParty(True, liability_share("主责")),
    )
    b_own, a_car = seen_by_b.objects
    assert (b_own.compulsory_paid, b_own.payable) == (D("2000.00"), D("1800.00"))
    assert (a_car.compulsory_paid, a_car.payable) == (D("2000.00"), D("3000.00"))
    seen_by_a = estimate_payout(
        [LossObject(INSURED, D("12000.00")), LossObject(THIRD_VEHICLE, D("8000.00"))],
        no_deductible,
        D("0.70"),
        OtherParty(True),  # its share: what A does not bear, 30 %
    )
    a_own, b_car = seen_by_a.objects
    # Each car's loss is met exactly by its own insurer, the other's compulsory and the
    # other's commercial cover: A's 7,000 + 2,000 + 3,000 = 12,000; B's 1,800 + 2,000 + 4,200.
    assert a_own.payable + a_car.compulsory_paid + a_car.payable == D("12000.00")
    assert b_own.payable + b_car.compulsory_paid + b_car.payable == D("8000.00")


def test_a_deductible_never_takes_the_payout_below_zero() -> None:
    # A single-vehicle case (no other party): 1,200 of damage at full liability, deductible
    # 2,000: the commercial cover would pay 1,200, the deductible takes all of it.
    policy = Policy(deductible=D("2000.00"))
    (own,) = estimate_payout([LossObject(INSURED, D("1200.00"))], policy, D("1")).objects
    assert (own.compulsory_paid, own.commercial_paid) == (D("0.00"), D("1200.00"))
    assert (own.deductible, own.payable) == (D("1200.00"), D("0.00"))
    # 3,000 of damage: 3,000 − 2,000 = 1,000.00.
    (more,) = estimate_payout([LossObject(INSURED, D("3000.00"))], policy, D("1")).objects
    assert (more.deductible, more.payable) == (D("2000.00"), D("1000.00"))


def test_the_vehicle_damage_is_capped_at_the_sum_insured_or_the_actual_value() -> None:
    # 130,000 of damage, sum insured 100,000, full liability: 100,000.00.
    stated = Policy(vehicle_damage_sum_insured=D("100000.00"))
    (own,) = estimate_payout([LossObject(INSURED, D("130000.00"))], stated, D("1")).objects
    assert (own.liable, own.commercial_paid, own.payable) == (
        D("130000.00"),
        D("100000.00"),
        D("100000.00"),
    )
    # No sum insured stated: the actual value 30,000 caps it. With a 120 % threshold, 33,000
    # is only near a total loss (110 %), so the loss stays the repair: capped to 30,000.00.
    lenient = TotalLossPolicy(threshold=D("1.20"), warning=D("0.80"))
    (car,) = estimate_payout(
        [LossObject(INSURED, D("33000.00"), value=valued("30000.00"))],
        Policy(),
        D("1"),
        total_loss_policy=lenient,
    ).objects
    assert (car.total_loss, car.loss, car.cap, car.commercial_paid) == (
        False,
        D("33000.00"),
        D("30000.00"),
        D("30000.00"),
    )
    # Neither stated nor known: nothing caps it.
    (bare,) = estimate_payout([LossObject(INSURED, D("33000.00"))], Policy(), D("1")).objects
    assert (bare.cap, bare.commercial_paid) == (None, D("33000.00"))


def test_third_parties_share_the_compulsory_and_third_party_limits() -> None:
    # Full liability. B's car 60,000 and a shop front 22,000: A's compulsory 2,000 is shared
    # 60:22 → 1,463.414… and 536.585…: rounded down 1,463.41 and 536.58, the fen left over
    # to the larger remainder (0.00537 > 0.00463): 536.59.
    policy = Policy(third_party_limit=D("50000.00"))
    objects = [
        LossObject(INSURED, D("0.00")),
        LossObject(THIRD_VEHICLE, D("60000.00")),
        LossObject(PROPERTY, D("22000.00")),
    ]
    _, car, shop = estimate_payout(objects, policy, D("1.00")).objects
    assert (car.compulsory_paid, shop.compulsory_paid) == (D("1463.41"), D("536.59"))
    # Liable: 58,536.59 and 21,463.41 = 80,000 over the 50,000 limit: shared 36,585.368… and
    # 13,414.631…: 36,585.36 and 13,414.63, the fen left to the car (0.00875 > 0.00125).
    assert (car.liable, shop.liable) == (D("58536.59"), D("21463.41"))
    assert (car.commercial_paid, shop.commercial_paid) == (D("36585.37"), D("13414.63"))
    assert car.payable + shop.payable == D("50000.00")
    assert car.cap == D("50000.00")


def test_property_beside_a_third_party_car_at_70_percent() -> None:
    # A (main) hits B and a guard rail. A's compulsory 2,000 shared 8,000 : 3,000 = 1,454.545…
    # and 545.454…: 1,454.54 + 545.45 = 1,999.99, the fen to the car (0.00545 > 0.00454).
    objects = [
        LossObject(INSURED, D("0.00")),
        LossObject(THIRD_VEHICLE, D("8000.00")),
        LossObject(PROPERTY, D("3000.00")),
    ]
    payout = estimate_payout(objects, POLICY, D("0.70"), OtherParty(True))
    _, car, rail = payout.objects
    assert (car.compulsory_paid, rail.compulsory_paid) == (D("1454.55"), D("545.45"))
    # (8,000 − 1,454.55) × 0.70 = 4,581.815 → 4,581.82; (3,000 − 545.45) × 0.70 = 1,718.185
    # → 1,718.19 (half up).
    assert (car.payable, rail.payable) == (D("4581.82"), D("1718.19"))
    assert rail.actual_value is None and rail.assessment is None
    assert payout.payable == D("6300.01")


def test_no_liability_leaves_100_yuan_of_compulsory() -> None:
    # A bears none; B bears it all. A's compulsory pays B's car 100 only; A's commercial
    # covers nothing. B's compulsory pays A's car its 2,000 limit.
    objects = [LossObject(INSURED, D("3000.00")), LossObject(THIRD_VEHICLE, D("5000.00"))]
    payout = estimate_payout(objects, POLICY, liability_share("无责"), OtherParty(True))
    own, other = payout.objects
    assert (own.compulsory_paid, own.commercial_paid, own.payable) == (
        D("2000.00"),
        D("0.00"),
        D("0.00"),
    )
    assert (other.compulsory_paid, other.commercial_paid) == (D("100.00"), D("0.00"))
    assert payout.payable == D("0.00")
    # A loss under 100 is paid whole; an uninsured other party pays nothing.
    small = estimate_payout(
        [LossObject(INSURED, D("500.00")), LossObject(PROPERTY, D("80.00"))],
        POLICY,
        D("0"),
        OtherParty(compulsory=False, liability=D("1")),
    )
    assert [o.compulsory_paid for o in small.objects] == [D("0.00"), D("80.00")]


def test_a_total_loss_is_paid_on_its_settlement_and_printed_as_json() -> None:
    # 35,000 of repair on a car worth 30,000: a total loss. Entered salvage 2,000: settled at
    # 28,000; full liability, no sum insured (the actual value 30,000 caps, not reached);
    # deductible 1,000: 27,000.00 payable. Not approved yet: provisional.
    car = LossObject(
        INSURED, D("35000.00"), value=valued("30000.00"), total_loss_salvage=D("2000.00")
    )
    payout = estimate_payout([car], Policy(deductible=D("1000.00")), D("1"))
    (own,) = payout.objects
    assert own.total_loss and own.assessment is not None
    assert (own.loss, own.commercial_paid, own.payable) == (
        D("28000.00"),
        D("28000.00"),
        D("27000.00"),
    )
    assert payout.to_json() == {
        "objects": [
            {
                "kind": "insured_vehicle",
                "index": 0,
                "loss": "28000.00",
                "actual_value": "30000.00",
                "total_loss": True,
                "compulsory_paid": "0.00",
                "liability_share": "1.00",
                "commercial_paid": "28000.00",
                "deductible": "1000.00",
                "payable": "27000.00",
                "provisional": True,
            }
        ],
        "payable": "27000.00",
        "provisional": True,
    }


def test_a_payout_is_provisional_until_every_version_is_approved() -> None:
    approved = LossObject(INSURED, D("1000.00"), approved=True)
    pending = LossObject(PROPERTY, D("500.00"))
    mixed = estimate_payout([approved, pending], Policy(), D("1"))
    assert [o.provisional for o in mixed.objects] == [False, True]
    assert mixed.provisional and mixed.to_json()["provisional"] is True
    settled = estimate_payout([approved], Policy(), D("1"))
    assert not settled.provisional
    third = estimate_payout([approved], Policy(), D("0.333")).to_json()["objects"]
    assert third[0]["liability_share"] == "0.333"  # type: ignore[index]
    assert settled.to_json()["objects"] == [
        {
            "kind": "insured_vehicle",
            "index": 0,
            "loss": "1000.00",
            "actual_value": None,
            "total_loss": False,
            "compulsory_paid": "0.00",
            "liability_share": "1.00",
            "commercial_paid": "1000.00",
            "deductible": "0.00",
            "payable": "1000.00",
            "provisional": False,
        }
    ]


def test_a_provisional_payout_names_the_versions_not_approved_yet() -> None:
    """标的车第2版 approved, 三者车1第1版 and 三者物损1第3版 not: the two are named."""
    insured = LossObject(INSURED, D("1000.00"), approved=True, version_no=2)
    car = LossObject(THIRD_VEHICLE, D("800.00"), version_no=1)
    rail = LossObject(PROPERTY, D("500.00"), version_no=3)
    payout = estimate_payout([insured, car, rail], Policy(), D("1"))
    assert payout.unapproved_versions("zh") == "三者车1第1版、三者物损1第3版"
    assert payout.unapproved_versions("en") == (
        "third-party vehicle 1 version 1, third-party property 1 version 3"
    )


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("full", "1.00"),
        ("MAIN", "0.70"),
        ("同责", "0.50"),
        ("次要责任", "0.30"),
        ("none", "0.00"),
        ("0.6", "0.6"),
        ("0.333", "0.333"),
    ],
)
def test_liability_by_name_or_share(text: str, share: str) -> None:
    assert liability_share(text) == D(share)


@pytest.mark.parametrize("text", ["most", "1.2", "-0.1", "NaN", "0.12345", ""])
def test_a_bad_liability_is_refused(text: str) -> None:
    with pytest.raises(DomainError) as refused:
        liability_share(text)
    assert refused.value.code == "settlement.bad_liability"


def test_a_case_needs_one_insured_vehicle_and_distinct_objects() -> None:
    with pytest.raises(DomainError) as none:
        estimate_payout([LossObject(PROPERTY, D("10"))], Policy(), D("1"))
    assert none.value.message_zh == "案件应有且只有一个标的车 (有 0 个)"
    twice = [
        LossObject(INSURED, D("10")),
        LossObject(THIRD_VEHICLE, D("10"), index=1),
        LossObject(THIRD_VEHICLE, D("10"), index=1),
    ]
    with pytest.raises(DomainError) as duplicate:
        estimate_payout(twice, Policy(), D("1"))
    assert duplicate.value.message_zh == "损失标的 三者车 2 出现了两次"
    with pytest.raises(DomainError) as negative:
        estimate_payout([LossObject(INSURED, D("10"))], Policy(deductible=D("-1")), D("1"))
    assert negative.value.message_zh == "绝对免赔额不能为负数 (为 -1)"
    with pytest.raises(DomainError):
        estimate_payout([LossObject(INSURED, D("10"))], Policy(), D("1.5"))


def test_share_limit_adds_up_to_the_limit() -> None:
    assert share_limit([D("10"), D("20")], None) == [D("10"), D("20")]
    assert share_limit([D("10"), D("20")], D("30")) == [D("10"), D("20")]
    # 100 over three equal losses: 33.33 each, the fen left to the first.
    assert share_limit([D("50"), D("50"), D("50")], D("100.00")) == [
        D("33.34"),
        D("33.33"),
        D("33.33"),
    ]
    assert sum(share_limit([D("0"), D("7"), D("3")], D("1.00"))) == D("1.00")


amounts = st.decimals(min_value=0, max_value=10**6, places=2)
shares = st.decimals(min_value=0, max_value=1, places=2)


@given(st.lists(amounts, min_size=1, max_size=6), amounts)
def test_a_shared_limit_never_pays_more_than_a_loss_nor_the_limit(
    losses: list[D], limit: D
) -> None:
    parts = share_limit(losses, limit)
    assert all(D(0) <= part <= loss for part, loss in zip(parts, losses, strict=True))
    assert sum(parts) == min(limit, sum(losses))


@given(
    amounts,
    st.lists(st.tuples(st.booleans(), amounts), max_size=4),
    shares,
    st.one_of(st.none(), shares),
    st.one_of(st.none(), amounts),
    amounts,
)
def test_no_step_pays_more_than_the_one_before(
    own: D,
    third: list[tuple[bool, D]],
    share: D,
    other: D | None,
    limit: D | None,
    deductible: D,
) -> None:
    objects = [LossObject(INSURED, own)] + [
        LossObject(PROPERTY if is_property else THIRD_VEHICLE, loss, index=i)
        for i, (is_property, loss) in enumerate(third)
    ]
    policy = Policy(third_party_limit=limit, deductible=deductible)
    other_party = None if other is None else OtherParty(True, other)
    payout = estimate_payout(objects, policy, share, other_party)
    for o in payout.objects:
        assert D(0) <= o.compulsory_paid <= o.loss
        assert D(0) <= o.commercial_paid <= o.liable <= o.loss - o.compulsory_paid
        assert D(0) <= o.payable == o.commercial_paid - o.deductible
    parties = [o for o in payout.objects if o.kind.third_party]
    assert sum(o.compulsory_paid for o in parties) <= D("2000.00")
    if limit is not None:
        assert sum(o.commercial_paid for o in parties) <= limit

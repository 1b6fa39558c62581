"""Actual value (实际价值): whole months in use, the monthly rate, the 20 % floor, to the fen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.domain.depreciation import (
    ALL_CLASSES,
    DepreciationClass,
    DepreciationTable,
    UseClass,
    VehicleKind,
    actual_value,
    depreciated_value,
    months_in_use,
    parse_class,
)
from estimator.domain.errors import DomainError

PRIVATE_9 = DepreciationClass(UseClass.PRIVATE, VehicleKind.PASSENGER_9)
TAXI_9 = DepreciationClass(UseClass.RENTAL_TAXI, VehicleKind.PASSENGER_9)
#: A small table typed here (the shipped one is checked in the workbook's tests).
TABLE = DepreciationTable({PRIVATE_9: D("0.006"), TAXI_9: D("0.011")})


@pytest.mark.parametrize(
    ("registered", "loss", "months"),
    [
        ("2021-06-15", "2021-06-15", 0),  # the day itself: nothing in use yet
        ("2021-06-15", "2021-07-14", 0),  # a day short of the month
        ("2021-06-15", "2021-07-15", 1),  # the day reached: a month
        ("2021-06-15", "2026-11-20", 65),  # 5 years 5 months and 5 days
        ("2021-06-15", "2026-11-14", 64),
        ("2026-01-31", "2026-02-27", 0),
        ("2026-01-31", "2026-02-28", 1),  # February has no 31st: its last day completes it
        ("2026-01-31", "2026-03-30", 1),  # March has a 31st: not reached yet
        ("2026-01-31", "2026-03-31", 2),
        ("2026-01-30", "2026-02-28", 1),  # no 30 February either
        ("2027-02-28", "2028-02-28", 12),  # a year on the same day
        ("2028-01-31", "2028-02-28", 0),  # a leap year: 29 February completes the month
        ("2028-01-31", "2028-02-29", 1),
        ("2028-02-29", "2029-02-28", 12),  # registered on 29 February: a year on the 28th
        ("2020-12-31", "2021-01-01", 0),  # across a year end
        ("2020-12-31", "2021-01-31", 1),
        ("2020-11-30", "2021-02-28", 3),
    ],
)
def test_whole_months_count_once_the_day_is_reached(
    registered: str, loss: str, months: int
) -> None:
    assert months_in_use(dt.date.fromisoformat(registered), dt.date.fromisoformat(loss)) == months


def test_a_loss_before_the_registration_is_refused() -> None:
    with pytest.raises(DomainError) as refused:
        months_in_use(dt.date(2021, 6, 15), dt.date(2021, 6, 14))
    assert refused.value.code == "settlement.loss_before_registration"
    assert (
        "2021-06-14" in refused.value.message_zh and "早于初次登记日期" in refused.value.message_zh
    )


def test_actual_value_of_a_private_car_by_hand() -> None:
    # 180,000 bought new, registered 2021-06-15, loss 2026-11-20: 65 months at 0.60 %
    # = 39 % depreciated; 180,000 × 0.61 = 109,800.00.
    found = actual_value(
        TABLE, D("180000.00"), PRIVATE_9, dt.date(2021, 6, 15), dt.date(2026, 11, 20)
    )
    assert (found.months, found.monthly_rate, found.value) == (65, D("0.006"), D("109800.00"))
    assert found.depreciation == D("70200.00")
    assert not found.floored


def test_actual_value_rounds_half_up_to_the_fen() -> None:
    # 99,999.99 × (1 − 0.011 × 7) = 99,999.99 × 0.923 = 92,299.99077 → 92,299.99.
    assert depreciated_value(D("99999.99"), D("0.011"), 7) == D("92299.99")
    # 12,345.65 × (1 − 0.006 × 10) = 12,345.65 × 0.94 = 11,604.911 → 11,604.91.
    assert depreciated_value(D("12345.65"), D("0.006"), 10) == D("11604.91")
    # 1,000.05 × 0.97 = 970.0485 → 970.05 (half up).
    assert depreciated_value(D("1000.05"), D("0.006"), 5) == D("970.05")


def test_a_taxi_depreciates_faster_and_stops_at_20_percent() -> None:
    # 120,000 taxi, 72 months at 1.10 % = 79.2 %: 120,000 × 0.208 = 24,960.00 (above the floor).
    at_72 = actual_value(TABLE, D("120000"), TAXI_9, dt.date(2019, 3, 1), dt.date(2025, 3, 1))
    assert (at_72.months, at_72.value, at_72.floored) == (72, D("24960.00"), False)
    # 73 months = 80.3 %: the floor, 20 % of 120,000 = 24,000.00.
    at_73 = actual_value(TABLE, D("120000"), TAXI_9, dt.date(2019, 3, 1), dt.date(2025, 4, 1))
    assert (at_73.months, at_73.value, at_73.floored) == (73, D("24000.00"), True)
    # Twenty years on: still the floor.
    assert depreciated_value(D("120000"), D("0.011"), 240) == D("24000.00")


def test_a_floor_share_of_the_table_is_used() -> None:
    table = DepreciationTable({PRIVATE_9: D("0.006")}, floor_share=D("0.30"))
    old = actual_value(table, D("50000"), PRIVATE_9, dt.date(2010, 1, 1), dt.date(2026, 1, 1))
    assert old.value == D("15000.00")


def test_a_table_of_impossible_rates_is_refused() -> None:
    with pytest.raises(DomainError) as negative:
        DepreciationTable({PRIVATE_9: D("-0.006")})
    assert negative.value.message_zh == "月折旧率应在 0 与 1 之间 (为 -0.006)"
    with pytest.raises(DomainError) as floor:
        DepreciationTable({}, floor_share=D("1.2"))
    assert "floor share of the new price" in floor.value.message_en


def test_a_price_of_zero_and_a_class_without_rate_are_refused() -> None:
    with pytest.raises(DomainError) as zero:
        depreciated_value(D("0"), D("0.006"), 3)
    assert zero.value.code == "settlement.new_price_not_positive"
    lorry = DepreciationClass(UseClass.COMMERCIAL, VehicleKind.MINI_TRUCK)
    with pytest.raises(DomainError) as none:
        actual_value(TABLE, D("80000"), lorry, dt.date(2024, 1, 1), dt.date(2025, 1, 1))
    assert none.value.code == "settlement.no_rate"
    assert (
        none.value.message_zh == "折旧表中没有微型载货汽车及带拖挂的载货汽车（其他营业）的月折旧率"
    )
    assert "mini truck or truck with a trailer, other commercial" in none.value.message_en


def test_classes_are_named_by_the_contract_keys() -> None:
    assert PRIVATE_9.key == "private_passenger_9"
    assert parse_class("private_passenger_9") == PRIVATE_9
    assert parse_class(" Rental_Taxi_passenger_10 ") == DepreciationClass(
        UseClass.RENTAL_TAXI, VehicleKind.PASSENGER_10
    )
    assert {parse_class(c.key) for c in ALL_CLASSES} == set(ALL_CLASSES)
    assert len(ALL_CLASSES) == 15
    assert TABLE.missing() == tuple(c for c in ALL_CLASSES if c not in (PRIVATE_9, TAXI_9))
    with pytest.raises(DomainError) as unknown:
        parse_class("private_tank")
    assert unknown.value.code == "settlement.unknown_use_class"
    assert PRIVATE_9.words.zh == "家庭自用及非营业9座以下客车"


prices = st.decimals(min_value=D("0.01"), max_value=10**7, places=2)
rates = st.decimals(min_value=0, max_value=D("0.05"), places=4)
months = st.integers(min_value=0, max_value=600)


@given(prices, rates, months)
def test_the_value_stays_between_the_floor_and_the_new_price(price: D, rate: D, used: int) -> None:
    value = depreciated_value(price, rate, used)
    floor = (price * D("0.20")).quantize(D("0.01"))
    assert floor <= value <= price
    assert value == value.quantize(D("0.01"))


@given(prices, rates, months, months)
def test_the_value_never_rises_with_more_months(price: D, rate: D, a: int, b: int) -> None:
    fewer, more = sorted((a, b))
    assert depreciated_value(price, rate, more) <= depreciated_value(price, rate, fewer)


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)), st.integers(0, 4000)
)
def test_months_in_use_never_fall_as_the_loss_date_moves_on(start: dt.date, days: int) -> None:
    later = start + dt.timedelta(days=days)
    assert months_in_use(start, later) <= months_in_use(start, later + dt.timedelta(days=1))
    # A month completes 28 to 31 days after the one before it.
    assert days // 31 <= months_in_use(start, later) <= days // 28

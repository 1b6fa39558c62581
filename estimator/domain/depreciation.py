"""A vehicle's actual value (实际价值): depreciation classes, the table of monthly rates, whole
months in use and the value at the loss date (settlement.md). Pure.

Actual value = new-vehicle price × (1 − monthly rate × whole months in use), never below the
floor share (20 %) of the new price, rounded half up to the fen. The rates are data (the
shipped depreciation workbook, or one an administrator imports); nothing here holds them.

Whole months in use (使用月数) run from the first registration to the loss date; a month counts
once its day is reached: registered on the 15th, a month is complete on the 15th of the next
month. When that month has no such day (registered on 31 January), the month is complete on
its last day (28 or 29 February), as the Civil Code counts periods in months (民法典第二百零三条:
没有对应日的，月末日为期间的最后一日). A part of a month does not depreciate (不足一个月的部分，
不计折旧).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from estimator.domain import settlement_messages
from estimator.domain.errors import DomainError
from estimator.domain.settlement_messages import worded
from kernel.money import round_fen
from kernel.problems import Worded

#: Depreciation is at most 80 % of the new price: the actual value keeps at least 20 %.
DEFAULT_FLOOR_SHARE = Decimal("0.20")


class UseClass(StrEnum):
    """The vehicle's use as the depreciation table groups it."""

    PRIVATE = "private"  # 家庭自用、非营业
    RENTAL_TAXI = "rental_taxi"  # 出租、租赁
    COMMERCIAL = "commercial"  # 其他营业


class PriceSource(StrEnum):
    """Where the new-vehicle price of an actual value came from."""

    CASE = "case"  # entered on the case (案件录入)
    CATALOG = "catalog"  # the catalog's model (目录车型)

    def word(self, language: str) -> str:
        """The source as a word: 案件录入 / 目录车型."""
        return settlement_messages.word(f"settlement.price_source.{self.value}", language)


class VehicleKind(StrEnum):
    """The kind of vehicle as the depreciation table groups it."""

    PASSENGER_9 = "passenger_9"  # 9座以下客车
    PASSENGER_10 = "passenger_10"  # 10座以上客车
    MINI_TRUCK = "mini_truck"  # 微型载货汽车、带拖挂的载货汽车
    LOW_SPEED = "low_speed"  # 低速货车和三轮汽车
    OTHER = "other"  # 其他车辆


@dataclass(frozen=True)
class DepreciationClass:
    """A row of the depreciation table: a use class and a vehicle kind."""

    use: UseClass
    kind: VehicleKind

    @property
    def key(self) -> str:
        """The key ``estimate/1`` names it by (``private_passenger_9``)."""
        return f"{self.use.value}_{self.kind.value}"

    @property
    def words(self) -> Worded:
        """Its name in both languages, for a message parameter."""
        return Worded(
            f"{use_word(self.use, 'zh')}{kind_word(self.kind, 'zh')}",
            f"{kind_word(self.kind, 'en')}, {use_word(self.use, 'en')}",
        )


#: Every class, in the table's order (use classes across, vehicle kinds down).
ALL_CLASSES: tuple[DepreciationClass, ...] = tuple(
    DepreciationClass(use, kind) for kind in VehicleKind for use in UseClass
)


def use_word(use: UseClass, language: str) -> str:
    """The use class in words (家庭自用及非营业, private or non-commercial)."""
    return settlement_messages.word(f"settlement.use.{use.value}", language)


def kind_word(kind: VehicleKind, language: str) -> str:
    """The vehicle kind in words (9座以下客车, passenger vehicle of 9 seats or fewer)."""
    return settlement_messages.word(f"settlement.kind.{kind.value}", language)


def parse_class(text: str) -> DepreciationClass:
    """The class a key names (``private_passenger_9``); DomainError for another text."""
    cleaned = text.strip().lower()
    for use in UseClass:
        prefix = f"{use.value}_"
        if cleaned.startswith(prefix):
            rest = cleaned.removeprefix(prefix)
            if rest in {kind.value for kind in VehicleKind}:
                return DepreciationClass(use, VehicleKind(rest))
    raise DomainError("settlement.unknown_use_class", value=text)


@dataclass(frozen=True)
class DepreciationTable:
    """Monthly depreciation rates (fractions: 0.006 is 0.60 % a month) by class, and the floor."""

    rates: Mapping[DepreciationClass, Decimal] = field(hash=False)
    floor_share: Decimal = DEFAULT_FLOOR_SHARE

    def __post_init__(self) -> None:
        shares = [("monthly_rate", rate) for rate in self.rates.values()]
        for name, share in [*shares, ("floor_share", self.floor_share)]:
            if not (share.is_finite() and 0 <= share <= 1):
                raise DomainError(
                    "settlement.bad_share",
                    field=worded(f"settlement.field.{name}"),
                    minimum=0,
                    maximum=1,
                    value=share,
                )

    def rate(self, depreciation_class: DepreciationClass) -> Decimal:
        """The monthly rate of a class; DomainError when the table has none."""
        found = self.rates.get(depreciation_class)
        if found is None:
            use, kind = depreciation_class.use, depreciation_class.kind
            raise DomainError(
                "settlement.no_rate",
                use=worded(f"settlement.use.{use.value}"),
                kind=worded(f"settlement.kind.{kind.value}"),
            )
        return found

    def missing(self) -> tuple[DepreciationClass, ...]:
        """The classes the table holds no rate for (a complete table has none)."""
        return tuple(c for c in ALL_CLASSES if c not in self.rates)


def months_in_use(registered_on: dt.date, loss_on: dt.date) -> int:
    """Whole months from the first registration to the loss date (see the module's rule)."""
    if loss_on < registered_on:
        raise DomainError(
            "settlement.loss_before_registration",
            loss_on=loss_on.isoformat(),
            registered_on=registered_on.isoformat(),
        )
    months = (loss_on.year - registered_on.year) * 12 + loss_on.month - registered_on.month
    last_day = calendar.monthrange(loss_on.year, loss_on.month)[1]
    if loss_on.day < min(registered_on.day, last_day):
        months -= 1  # this month's day is not reached yet
    return months


def depreciated_value(
    new_price: Decimal,
    monthly_rate: Decimal,
    months: int,
    floor_share: Decimal = DEFAULT_FLOOR_SHARE,
) -> Decimal:
    """``new_price`` × (1 − rate × months), never below ``floor_share`` of it, to the fen."""
    if new_price <= 0:
        raise DomainError("settlement.new_price_not_positive", value=new_price)
    value = round_fen(new_price * (1 - monthly_rate * months))
    return max(value, round_fen(new_price * floor_share))


@dataclass(frozen=True)
class ActualValue:
    """A vehicle's actual value at the loss date, with every figure of its calculation."""

    new_price: Decimal
    depreciation_class: DepreciationClass
    registered_on: dt.date
    loss_on: dt.date
    monthly_rate: Decimal
    months: int
    floor_share: Decimal
    value: Decimal
    price_source: PriceSource = PriceSource.CASE

    @property
    def floored(self) -> bool:
        """Whether the floor set the value (depreciation reached its maximum)."""
        return self.monthly_rate * self.months >= 1 - self.floor_share

    @property
    def depreciation(self) -> Decimal:
        """The amount depreciated: new price less actual value."""
        return self.new_price - self.value


def actual_value(
    table: DepreciationTable,
    new_price: Decimal,
    depreciation_class: DepreciationClass,
    registered_on: dt.date,
    loss_on: dt.date,
    price_source: PriceSource = PriceSource.CASE,
) -> ActualValue:
    """The actual value of a vehicle of ``depreciation_class`` bought new at ``new_price``
    (``price_source`` says where that price came from)."""
    rate = table.rate(depreciation_class)
    months = months_in_use(registered_on, loss_on)
    value = depreciated_value(new_price, rate, months, table.floor_share)
    return ActualValue(
        new_price,
        depreciation_class,
        registered_on,
        loss_on,
        rate,
        months,
        table.floor_share,
        value,
        price_source,
    )

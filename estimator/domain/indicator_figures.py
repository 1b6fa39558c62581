"""The service indicators of indicators.md per assessor, group and month over a period. Pure.

Periods follow the contract: a clock belongs to the period containing its due time; a case's
front-end cycle to the period of its last submission. The case's own figures (chases,
returns, supplements, deviation, on-site documents) go with its *anchor*: the last submission,
or for a case never submitted the earliest due time of its clocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from estimator.domain.clocks import Clock, ClockState
from estimator.domain.indicators import CaseTiming, clock_attainment

_RATIO = Decimal("0.0001")
_CENTS = Decimal("0.01")
_HOUR = Decimal(3600)
_DAY = Decimal(86400)


@dataclass(frozen=True)
class Period:
    """A half-open span of time [start, end), both aware."""

    start: dt.datetime
    end: dt.datetime
    name: str = ""

    def holds(self, moment: dt.datetime | None) -> bool:
        """Whether ``moment`` falls in the period."""
        return moment is not None and self.start <= moment < self.end


@dataclass(frozen=True)
class CycleTargets:
    """The front-end cycle targets (settings cycle.target.*), in days."""

    large_days: int = 20
    ordinary_days: int = 5

    def of(self, timing: CaseTiming) -> dt.timedelta:
        """The target of the case: the large-case one for a case of the large-case group."""
        days = self.large_days if timing.large_case_group else self.ordinary_days
        return dt.timedelta(days=days)


@dataclass(frozen=True)
class Figures:
    """Every indicator of a set of cases over one period (None where nothing was measured)."""

    cases: int
    cycle_avg_days: Decimal | None
    cycle_median_days: Decimal | None
    cycle_within_target: Decimal | None
    attainment: dict[str, Decimal]
    resubmission_compliance: Decimal | None
    escalations: int
    chases: int
    penalty: Decimal
    onsite_collection_rate: Decimal | None
    deviation: Decimal | None
    supplements_per_case: Decimal | None
    supplement_growth: Decimal | None
    review_hours_avg: Decimal | None
    returns_per_submission: Decimal | None


def local_period(start: dt.date, end: dt.date, zone: str, name: str = "") -> Period:
    """The days ``start`` to ``end`` (inclusive) in the display zone."""
    tz = ZoneInfo(zone)
    return Period(
        dt.datetime.combine(start, dt.time(), tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tz),
        name,
    )


def month_periods(start: dt.date, end: dt.date, zone: str) -> list[Period]:
    """The calendar months the days ``start`` to ``end`` touch, each cut to the range and
    named "YYYY-MM"."""
    periods = []
    first = start.replace(day=1)
    while first <= end:
        following = (first + dt.timedelta(days=32)).replace(day=1)
        last = min(end, following - dt.timedelta(days=1))
        periods.append(local_period(max(first, start), last, zone, f"{first:%Y-%m}"))
        first = following
    return periods


def anchor(timing: CaseTiming) -> dt.datetime | None:
    """The moment that places the case's own figures in a period (see the module's note)."""
    if timing.last_submission is not None:
        return timing.last_submission
    return min((c.due for c in timing.deadlines), default=None)


def in_period(timing: CaseTiming, period: Period) -> bool:
    """Whether the case shows in the period: its anchor or one of its clocks' due times is in it."""
    return period.holds(anchor(timing)) or any(period.holds(c.due) for c in timing.deadlines)


def clocks_due(timing: CaseTiming, period: Period) -> list[Clock]:
    """The case's clocks whose due time falls in the period."""
    return [c for c in timing.deadlines if period.holds(c.due)]


def _ratio(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(_RATIO, ROUND_HALF_UP)


def _average(values: Sequence[Decimal], unit: Decimal) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(unit, ROUND_HALF_UP)


def _median(values: Sequence[Decimal]) -> Decimal | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle].quantize(_CENTS, ROUND_HALF_UP)
    return ((ordered[middle - 1] + ordered[middle]) / 2).quantize(_CENTS, ROUND_HALF_UP)


def _seconds(value: dt.timedelta) -> Decimal:
    return Decimal(value.days * 86400 + value.seconds) + Decimal(value.microseconds) / 10**6


def _cycle_figures(
    rows: Sequence[CaseTiming], period: Period, targets: CycleTargets
) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Average and median cycle in days (two places) and the share within target."""
    cycles = [t for t in rows if t.cycle is not None and period.holds(t.last_submission)]
    days = [_seconds(t.cycle) / _DAY for t in cycles if t.cycle is not None]
    within = sum(1 for t in cycles if t.cycle is not None and t.cycle <= targets.of(t))
    return _average(days, _CENTS), _median(days), _ratio(within, len(cycles))


def _money_figures(rows: Sequence[CaseTiming]) -> tuple[Decimal | None, Decimal | None]:
    """Deviation |first − approved| ÷ approved averaged per case, and the growth of the
    supplemented cases from their first estimate, (approved − first) ÷ first averaged."""
    deviations = [
        abs(t.first_total - t.approved_total) / t.approved_total
        for t in rows
        if t.first_total is not None and t.approved_total
    ]
    growths = [
        (t.approved_total - t.first_total) / t.first_total
        for t in rows
        if t.supplements and t.first_total and t.approved_total is not None
    ]
    return _average(deviations, _RATIO), _average(growths, _RATIO)


def figures(
    rows: Iterable[CaseTiming], period: Period, now: dt.datetime, targets: CycleTargets
) -> Figures:
    """Every indicator of ``rows`` over ``period`` as of ``now``."""
    cases = list(rows)
    anchored = [t for t in cases if period.holds(anchor(t))]
    due = [c for t in cases for c in clocks_due(t, period)]
    rates = clock_attainment(due, now)
    resubmissions = [c for c in due if c.name == "resubmission"]
    escalations = sum(
        1 for c in resubmissions if c.state(now) in (ClockState.OVERDUE, ClockState.MET_LATE)
    )
    reviews = [
        _seconds(c.met_at - c.start) / _HOUR
        for c in due
        if c.name == "review" and c.met_at is not None and c.start is not None
    ]
    checked = [t.onsite_complete for t in anchored if t.onsite_complete is not None]
    average, median, within = _cycle_figures(cases, period, targets)
    deviation, growth = _money_figures(anchored)
    return Figures(
        cases=sum(1 for t in cases if in_period(t, period)),
        cycle_avg_days=average,
        cycle_median_days=median,
        cycle_within_target=within,
        attainment=rates,
        resubmission_compliance=rates.get("resubmission"),
        escalations=escalations,
        chases=sum(t.chases for t in anchored),
        penalty=sum((t.penalty for t in anchored), Decimal("0.00")).quantize(_CENTS),
        onsite_collection_rate=_ratio(sum(checked), len(checked)),
        deviation=deviation,
        supplements_per_case=_ratio(sum(t.supplements for t in anchored), len(anchored)),
        supplement_growth=growth,
        review_hours_avg=_average(reviews, _CENTS),
        returns_per_submission=_ratio(
            sum(t.returns for t in anchored), sum(t.submissions for t in anchored)
        ),
    )


def figures_by(
    rows: Iterable[CaseTiming],
    key: Callable[[CaseTiming], str],
    period: Period,
    now: dt.datetime,
    targets: CycleTargets,
) -> dict[str, Figures]:
    """:func:`figures` per value of ``key`` (an assessor, a group), in the key's order, for the
    keys with a case in the period."""
    cases = [t for t in rows if in_period(t, period)]
    names = sorted({key(t) for t in cases})
    return {n: figures([t for t in cases if key(t) == n], period, now, targets) for n in names}

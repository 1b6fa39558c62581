"""Service indicators: time-limit compliance and front-end cycle, per assessor and group. Pure.

Compliance counts the assessor's clocks only; the review clock is the reviewer's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from estimator.domain.clocks import ClockState, Deadline

#: Average front-end cycle targets (workflow.md).
CYCLE_TARGET = {False: dt.timedelta(days=5), True: dt.timedelta(days=20)}


@dataclass(frozen=True)
class CaseTiming:
    """One case's deadlines and front-end cycle."""

    claim_no: str
    assessor: str
    large_case_group: bool
    deadlines: tuple[Deadline, ...]
    cycle: dt.timedelta | None
    #: The case's chases (催问) and what they cost the assessor (yuan).
    chases: int = 0
    penalty: Decimal = Decimal("0.00")
    #: The assessor's group ("large" or "ordinary") and the tier of the newest version.
    group: str = "ordinary"
    tier: str = ""
    #: The last estimate submission: the report period of the case's cycle.
    last_submission: dt.datetime | None = None
    submissions: int = 0
    returns: int = 0
    supplements: int = 0
    #: The first submitted total and the total of the newest approved version (yuan).
    first_total: Decimal | None = None
    approved_total: Decimal | None = None
    #: Whether the on-site documents checklist was complete at the survey (None: not a
    #: simple-procedure case, or no checklist recorded).
    onsite_complete: bool | None = None


@dataclass(frozen=True)
class Compliance:
    """Counts and rates for a group of cases (an assessor, or a group)."""

    name: str
    cases: int
    on_time: int
    late: int
    open_overdue: int
    running: int
    average_cycle: dt.timedelta | None
    cycle_target: dt.timedelta | None

    @property
    def rate(self) -> Decimal | None:
        """Share of decided deadlines met on time (running ones are not decided yet)."""
        decided = self.on_time + self.late + self.open_overdue
        if decided == 0:
            return None
        return (Decimal(self.on_time) / decided).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def summarize(
    name: str,
    timings: Iterable[CaseTiming],
    now: dt.datetime,
    cycle_target: dt.timedelta | None = None,
) -> Compliance:
    """Compliance of the given cases' deadlines as of ``now``."""
    rows = list(timings)
    on_time = late = open_overdue = running = 0
    # The review clock is the reviewer's time: it never counts against the assessor.
    for clock in (d for t in rows for d in t.deadlines if d.owner == "assessor"):
        state = clock.state(now)
        if state is ClockState.MET:
            on_time += 1
        elif state is ClockState.MET_LATE:
            late += 1
        elif state is ClockState.OVERDUE:
            open_overdue += 1
        else:
            running += 1
    cycles = [t.cycle for t in rows if t.cycle is not None]
    average = sum(cycles, dt.timedelta()) / len(cycles) if cycles else None
    return Compliance(name, len(rows), on_time, late, open_overdue, running, average, cycle_target)


def by_assessor(timings: Iterable[CaseTiming], now: dt.datetime) -> list[Compliance]:
    """One row per assessor, by name."""
    rows = list(timings)
    names = sorted({t.assessor for t in rows})
    return [summarize(n, (t for t in rows if t.assessor == n), now) for n in names]


def by_group(timings: Iterable[CaseTiming], now: dt.datetime) -> list[Compliance]:
    """Ordinary cases and the large-case group, each against its cycle target."""
    rows = list(timings)
    return [
        summarize(
            "普通案件 ordinary",
            (t for t in rows if not t.large_case_group),
            now,
            CYCLE_TARGET[False],
        ),
        summarize(
            "大案组 large-case group",
            (t for t in rows if t.large_case_group),
            now,
            CYCLE_TARGET[True],
        ),
    ]


def clock_attainment(clocks: Iterable[Deadline], now: dt.datetime) -> dict[str, Decimal]:
    """Per clock name, by name: met on time ÷ decided (met, met late or overdue) as of ``now``,
    four places; a clock still running is not decided yet and is left out."""
    on_time: dict[str, int] = {}
    decided: dict[str, int] = {}
    for clock in clocks:
        state = clock.state(now)
        if state is ClockState.RUNNING:
            continue
        decided[clock.name] = decided.get(clock.name, 0) + 1
        on_time[clock.name] = on_time.get(clock.name, 0) + (state is ClockState.MET)
    return {
        name: (Decimal(on_time[name]) / count).quantize(Decimal("0.0001"), ROUND_HALF_UP)
        for name, count in sorted(decided.items())
    }


def attainment(timings: Iterable[CaseTiming], now: dt.datetime) -> dict[str, Decimal]:
    """Time-limit attainment per clock (indicators.md) of the cases' clocks as of ``now``
    (:func:`clock_attainment`). The review clock is listed under its own name: it is the
    reviewer's figure."""
    return clock_attainment((d for t in timings for d in t.deadlines), now)

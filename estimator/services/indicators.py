"""The service indicators report (indicators.md, "Report contract"): every case of a period
with its clocks, and the figures per assessor, group and month, as the JSON document that
``estimator report indicators --json``, its workbook and the managers' dashboard show."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from estimator.domain.chases import penalty_total
from estimator.domain.clocks import Clock, Event, EventKind, LocationClass, clocks, front_end_cycle
from estimator.domain.estimate import Tier
from estimator.domain.indicator_figures import (
    CycleTargets,
    Figures,
    Period,
    clocks_due,
    figures,
    figures_by,
    in_period,
    local_period,
    month_periods,
)
from estimator.domain.indicators import CaseTiming
from estimator.domain.workflow import Group
from estimator.persistence.uow import UnitOfWork
from estimator.services.object_clocks import third_party_clocks_in
from estimator.services.onsite_documents import onsite_completeness_in
from estimator.services.settings import settings_in
from estimator.services.time_limits import policy_in
from kernel.clock import to_local, utcnow


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _time(moment: dt.datetime | None, zone: str) -> str | None:
    return None if moment is None else to_local(moment, zone).isoformat(timespec="seconds")


def _hours(value: dt.timedelta | None) -> str | None:
    if value is None:
        return None
    seconds = Decimal(value.days * 86400 + value.seconds)
    return str((seconds / 3600).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _cycle_history(history: list[Event]) -> list[Event]:
    """The events the cycle is measured on: a case recorded before dispatches were (no
    dispatch at all) runs from its first survey, as the time-limit report does."""
    if any(e.kind is EventKind.DISPATCH for e in history):
        return history
    surveys = [e.at for e in history if e.kind is EventKind.SURVEY]
    return [*history, Event(EventKind.DISPATCH, min(surveys))] if surveys else history


def _timings(uow: UnitOfWork) -> tuple[list[CaseTiming], CycleTargets, str, dt.datetime]:
    """Every case's timing, the cycle targets, the display zone and the time of reading, read
    in ``uow`` (the cases of a period are picked later, by their clocks and submissions)."""
    settings = settings_in(uow)
    policy = policy_in(uow, settings)
    rows = uow.reports.indicator_cases()
    events = uow.cases.all_events()
    # Each third-party object's own clocks count beside the case's (settlement.md).
    objects = third_party_clocks_in(
        uow, policy, {row.id: LocationClass(row.location_class) for row in rows}
    )
    chases = uow.chases.counts()
    approved = uow.reports.approved_totals()
    onsite = onsite_completeness_in(uow)
    groups = {u.username: u.group_name or Group.ORDINARY.value for u in uow.users.all()}
    timings = []
    for row in rows:
        history = events.get(row.id, [])
        kinds = Counter(e.kind for e in history)
        submissions = [e.at for e in history if e.kind is EventKind.SUBMISSION]
        tier = Tier(row.tier) if row.tier else Tier.ON_SITE
        count = chases.get(row.id, 0)
        timings.append(
            CaseTiming(
                claim_no=row.claim_no,
                assessor=row.assessor,
                large_case_group=row.large_case_group,
                deadlines=tuple(
                    clocks(tier, history, policy, LocationClass(row.location_class))
                    + objects.get(row.id, [])
                ),
                cycle=front_end_cycle(_cycle_history(history)),
                chases=count,
                penalty=penalty_total(count, settings),
                group=groups.get(row.assessor, Group.ORDINARY.value),
                tier=row.tier or "",
                last_submission=max(submissions, default=None),
                submissions=kinds[EventKind.SUBMISSION],
                returns=kinds[EventKind.RETURN],
                supplements=kinds[EventKind.SUPPLEMENT],
                first_total=row.first_total,
                approved_total=approved.get(row.id),
                onsite_complete=onsite.get(row.id),
            )
        )
    targets = CycleTargets(
        settings.whole("cycle.target.large_days"), settings.whole("cycle.target.ordinary_days")
    )
    return timings, targets, settings.text("display.timezone"), utcnow()


def _clock_json(clock: Clock, now: dt.datetime, zone: str) -> dict[str, Any]:
    return {
        "clock": clock.name,
        "start": _time(clock.start, zone),
        "due": _time(clock.due, zone),
        "done": _time(clock.met_at, zone),
        "state": clock.state(now).value,
        "late_hours": _text(clock.late_hours(now)),
    }


def _case_json(t: CaseTiming, period: Period, now: dt.datetime, zone: str) -> dict[str, Any]:
    return {
        "claim_no": t.claim_no,
        "assessor": t.assessor,
        "group": t.group,
        "tier": t.tier or None,
        "front_end_cycle_hours": _hours(t.cycle),
        "last_submission": _time(t.last_submission, zone),
        "clocks": [_clock_json(c, now, zone) for c in clocks_due(t, period)],
        "chases": t.chases,
        "returns": t.returns,
        "submissions": t.submissions,
        "supplements": t.supplements,
        "first_total": _text(t.first_total),
        "approved_total": _text(t.approved_total),
        "onsite_complete": t.onsite_complete,
    }


def _figures_json(f: Figures) -> dict[str, Any]:
    return {
        "cases": f.cases,
        "front_end_cycle_avg_days": _text(f.cycle_avg_days),
        "front_end_cycle_median_days": _text(f.cycle_median_days),
        "front_end_cycle_within_target": _text(f.cycle_within_target),
        "attainment": {name: str(rate) for name, rate in f.attainment.items()},
        "resubmission_compliance": _text(f.resubmission_compliance),
        "escalations": f.escalations,
        "deviation": _text(f.deviation),
        "chases": f.chases,
        "penalty": str(f.penalty),
        "onsite_collection_rate": _text(f.onsite_collection_rate),
        "supplements_per_case": _text(f.supplements_per_case),
        "supplement_growth": _text(f.supplement_growth),
        "review_hours_avg": _text(f.review_hours_avg),
        "returns_per_submission": _text(f.returns_per_submission),
    }


def build_document(
    timings: list[CaseTiming],
    start: dt.date,
    end: dt.date,
    now: dt.datetime,
    zone: str,
    targets: CycleTargets,
) -> dict[str, Any]:
    """The report's JSON document from the cases' timings (the contract's keys, then
    ``by_month`` and ``overall``)."""
    period = local_period(start, end, zone)
    cases = [t for t in timings if in_period(t, period)]
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "timezone": zone,
        "cases": [_case_json(t, period, now, zone) for t in cases],
        "by_assessor": [
            {"assessor": name, **_figures_json(f)}
            for name, f in figures_by(cases, lambda t: t.assessor, period, now, targets).items()
        ],
        "by_group": [
            {"group": name, **_figures_json(f)}
            for name, f in figures_by(cases, lambda t: t.group, period, now, targets).items()
        ],
        "by_month": [
            {"month": month.name, **_figures_json(figures(cases, month, now, targets))}
            for month in month_periods(start, end, zone)
        ],
        "overall": _figures_json(figures(cases, period, now, targets)),
    }


def indicators_document(
    engine: Engine, start: dt.date, end: dt.date, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The indicators of the days ``start`` to ``end`` (inclusive, in the display zone) as of
    ``now``, read in one snapshot: indicators.md's report contract."""
    with UnitOfWork(engine, snapshot=True) as uow:
        timings, targets, zone, read_at = _timings(uow)
    return build_document(timings, start, end, now or read_at, zone, targets)


def write_indicators_workbook(
    engine: Engine, start: dt.date, end: dt.date, path: Path, now: dt.datetime | None = None
) -> dict[str, Any]:
    """Write the indicators workbook (tables and native charts); returns the document."""
    # openpyxl is loaded only when a workbook is written.
    from estimator.documents.indicators_workbook import write_workbook

    document = indicators_document(engine, start, end, now)
    write_workbook(document, path)
    return document

"""Team reports as Excel workbooks: time-limit compliance and front-end cycle."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from estimator.domain.clocks import Event, EventKind, deadlines, front_end_cycle
from estimator.domain.estimate import Tier
from estimator.domain.indicators import CaseTiming, Compliance, by_assessor, by_group
from estimator.persistence.rows import CaseEventRow, CaseRow, EstimateRow
from kernel.orm import utcnow


def case_timings(engine: Engine, start: dt.date, end: dt.date) -> list[CaseTiming]:
    """Deadlines and cycle of every case opened from ``start`` to ``end`` (inclusive)."""
    since = dt.datetime.combine(start, dt.time(), dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    with engine.connect() as connection:
        latest = (
            select(EstimateRow.case_id, func.max(EstimateRow.version_no).label("version_no"))
            .group_by(EstimateRow.case_id)
            .subquery()
        )
        rows = connection.execute(
            select(
                CaseRow.id,
                CaseRow.claim_no,
                CaseRow.created_by,
                CaseRow.large_case_group,
                EstimateRow.tier,
            )
            .join(latest, latest.c.case_id == CaseRow.id)
            .join(
                EstimateRow,
                (EstimateRow.case_id == CaseRow.id)
                & (EstimateRow.version_no == latest.c.version_no),
            )
            .where(CaseRow.created_at >= since, CaseRow.created_at < until)
        ).all()
        events: dict[object, list[Event]] = {}
        for case_id, kind, at in connection.execute(
            select(CaseEventRow.case_id, CaseEventRow.kind, CaseEventRow.at)
        ):
            events.setdefault(case_id, []).append(Event(EventKind(kind), at))
    timings = []
    for row in rows:
        history = events.get(row.id, [])
        # Without a recorded dispatch, the cycle runs from the survey.
        if not any(e.kind is EventKind.DISPATCH for e in history):
            surveys = sorted(e.at for e in history if e.kind is EventKind.SURVEY)
            if surveys:
                history = [*history, Event(EventKind.DISPATCH, surveys[0])]
        tier = Tier(row.tier) if row.tier else Tier.ON_SITE
        timings.append(
            CaseTiming(
                row.claim_no,
                row.created_by,
                row.large_case_group,
                tuple(deadlines(tier, history)),
                front_end_cycle(history),
            )
        )
    return timings


def _hours(value: dt.timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 3600, 1)


def write_time_limit_report(
    engine: Engine, start: dt.date, end: dt.date, path: Path, now: dt.datetime | None = None
) -> list[Compliance]:
    """Write the report (by assessor, by group, case detail); returns the assessor rows."""
    import openpyxl
    from openpyxl.styles import Font

    now = now or utcnow()
    timings = case_timings(engine, start, end)
    assessors = by_assessor(timings, now)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "按定损员 by assessor"
    header = [
        "定损员 assessor",
        "案件 cases",
        "按时 on time",
        "超时完成 late",
        "超时未完成 overdue",
        "进行中 running",
        "时限达成率 compliance",
        "平均前端周期(小时) avg cycle (h)",
        "目标(小时) target (h)",
    ]

    def write(target: Any, rows: list[Compliance]) -> None:
        target.append(header)
        for cell in target[1]:
            cell.font = Font(bold=True)
        for r in rows:
            target.append(
                [
                    r.name,
                    r.cases,
                    r.on_time,
                    r.late,
                    r.open_overdue,
                    r.running,
                    None if r.rate is None else float(r.rate),
                    _hours(r.average_cycle),
                    _hours(r.cycle_target),
                ]
            )
        for row in target.iter_rows(min_row=2, min_col=7, max_col=7):
            row[0].number_format = "0.0%"

    write(sheet, assessors)
    write(book.create_sheet("按组 by group"), by_group(timings, now))
    detail = book.create_sheet("案件明细 cases")
    detail.append(
        [
            "报案号 claim no.",
            "定损员 assessor",
            "大案组 large-case",
            "时限 deadline",
            "到期 due (UTC)",
            "完成 met (UTC)",
            "状态 state",
            "前端周期(小时) cycle (h)",
        ]
    )
    for t in timings:
        for d in t.deadlines or ():
            state = (
                "on time"
                if d.met_at and d.met_at <= d.due
                else "late"
                if d.met_at
                else "overdue"
                if d.overdue(now)
                else "running"
            )
            detail.append(
                [
                    t.claim_no,
                    t.assessor,
                    "是" if t.large_case_group else "否",
                    d.name,
                    d.due.replace(tzinfo=None),
                    d.met_at.replace(tzinfo=None) if d.met_at else None,
                    state,
                    _hours(t.cycle),
                ]
            )
    book.save(path)
    return assessors

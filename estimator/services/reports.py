"""Team reports as Excel workbooks: time-limit compliance and front-end cycle."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from estimator.domain.clocks import Event, EventKind, deadlines, front_end_cycle
from estimator.domain.estimate import Tier
from estimator.domain.indicators import CaseTiming, Compliance, by_assessor, by_group
from estimator.persistence.queries import latest_versions
from estimator.persistence.rows import CaseEventRow, CaseRow, EstimateRow
from estimator.services import cases
from kernel.orm import utcnow


def case_timings(engine: Engine, start: dt.date, end: dt.date) -> list[CaseTiming]:
    """Deadlines and cycle of every case opened from ``start`` to ``end`` (inclusive)."""
    since = dt.datetime.combine(start, dt.time(), dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    with engine.connect() as connection:
        rows = connection.execute(
            latest_versions(
                CaseRow.id,
                CaseRow.claim_no,
                CaseRow.created_by,
                CaseRow.large_case_group,
                EstimateRow.tier,
            ).where(CaseRow.created_at >= since, CaseRow.created_at < until)
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


@dataclass(frozen=True)
class ReviewReport:
    """Findings by rule, shop and assessor, and what review saved, over a date range."""

    by_rule: dict[str, int]
    by_shop: dict[str, int]
    by_assessor: dict[str, int]
    saved: dict[str, Decimal]  # by shop: first submitted total − approved total
    cases: int


def write_review_report(engine: Engine, start: dt.date, end: dt.date, path: Path) -> ReviewReport:
    """Review findings of the cases opened in the range, and the reductions from the first
    submitted total to the approved one, by shop; written to an Excel workbook."""
    import openpyxl
    from openpyxl.styles import Font

    from estimator.services.review import review_estimate

    since = dt.datetime.combine(start, dt.time(), dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    with engine.connect() as connection:
        rows = connection.execute(
            latest_versions(
                CaseRow.shop_name,
                CaseRow.created_by,
                CaseRow.first_total,
                EstimateRow.id,
                EstimateRow.status,
                EstimateRow.total,
            ).where(CaseRow.created_at >= since, CaseRow.created_at < until)
        ).all()
    by_rule: Counter[str] = Counter()
    by_shop: Counter[str] = Counter()
    by_assessor: Counter[str] = Counter()
    saved: dict[str, Decimal] = {}
    for row in rows:
        findings = [f for f in review_estimate(engine, row.id) if f.severity.value != "info"]
        by_rule.update(f.rule for f in findings)
        by_shop[row.shop_name] += len(findings)
        by_assessor[row.created_by] += len(findings)
        if row.status in ("approved", "signed", "closed") and row.first_total is not None:
            approved = cases.approved_totals(engine, row.id).total
            saved[row.shop_name] = saved.get(row.shop_name, Decimal("0.00")) + (
                row.first_total - approved
            )
    report = ReviewReport(
        dict(sorted(by_rule.items())), dict(by_shop), dict(by_assessor), saved, len(rows)
    )
    book = openpyxl.Workbook()
    sheets = (
        ("按规则 by rule", "规则 rule", report.by_rule),
        ("按修理厂 by shop", "修理厂 shop", report.by_shop),
        ("按定损员 by assessor", "定损员 assessor", report.by_assessor),
    )
    first = book.active
    assert first is not None
    book.remove(first)
    for title, label, counts in sheets:
        sheet = book.create_sheet(title)
        sheet.append([label, "提示数 findings"])
        for key, count in counts.items():
            sheet.append([key, count])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    sheet = book.create_sheet("核减 saved")
    sheet.append(["修理厂 shop", "首次定损 − 核定 (元) first submitted − approved"])
    for shop, amount in saved.items():
        sheet.append([shop, float(amount)])
        sheet.cell(row=sheet.max_row, column=2).number_format = "#,##0.00"
    book.save(path)
    return report

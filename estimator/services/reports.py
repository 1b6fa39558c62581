"""Team reports as Excel workbooks: time-limit compliance and front-end cycle, review,
and the guarantee (certificates issued and reconciled, differences by shop and month)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from estimator.domain.chases import penalty_total
from estimator.domain.clocks import Event, EventKind, LocationClass, deadlines, front_end_cycle
from estimator.domain.estimate import Tier
from estimator.domain.guarantee import Outcome
from estimator.domain.indicators import CaseTiming, Compliance, by_assessor, by_group
from estimator.domain.onsite_documents import collection_rates
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from estimator.services.invoices import StoredReconciliation, reconciliations_in
from estimator.services.object_clocks import third_party_clocks_in
from estimator.services.onsite_documents import case_documents_in
from estimator.services.settings import settings_in
from estimator.services.time_limits import policy_in
from kernel.clock import LOCAL_ZONE, to_local, utcnow


def case_timings(engine: Engine, start: dt.date, end: dt.date) -> list[CaseTiming]:
    """Deadlines and cycle of every case opened from ``start`` to ``end`` (inclusive)."""
    return _timings_in_zone(engine, start, end)[0]


def _timings_in_zone(
    engine: Engine, start: dt.date, end: dt.date
) -> tuple[list[CaseTiming], str, dict[str, Decimal | None]]:
    """:func:`case_timings`, the display zone and the on-site documents collection rate per
    assessor, read in one transaction."""
    since = dt.datetime.combine(start, dt.time(), dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    with UnitOfWork(engine, snapshot=True) as uow:
        rows = uow.reports.cases_opened(since, until)
        events = uow.cases.all_events()
        settings = settings_in(uow)
        policy = policy_in(uow, settings)
        chases = uow.chases.counts()
        rates = collection_rates(case_documents_in(uow, since, until))
        locations = {row.id: LocationClass(row.location_class) for row in rows}
        objects = third_party_clocks_in(uow, policy, locations)  # each object's own clocks
    timings = []
    for row in rows:
        history = events.get(row.id, [])
        # Without a recorded dispatch, the cycle runs from the survey (the clocks do not: no
        # contact or arrival clock starts at a made-up dispatch).
        cycle_history = history
        if not any(e.kind is EventKind.DISPATCH for e in history):
            surveys = sorted(e.at for e in history if e.kind is EventKind.SURVEY)
            if surveys:
                cycle_history = [*history, Event(EventKind.DISPATCH, surveys[0])]
        tier = Tier(row.tier) if row.tier else Tier.ON_SITE
        timings.append(
            CaseTiming(
                row.claim_no,
                row.assessor,
                row.large_case_group,
                tuple(
                    deadlines(tier, history, policy, LocationClass(row.location_class))
                    + objects.get(row.id, [])
                ),
                front_end_cycle(cycle_history),
                chases.get(row.id, 0),
                penalty_total(chases.get(row.id, 0), settings),
            )
        )
    return timings, settings.text("display.timezone"), rates


def _hours(value: dt.timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 3600, 1)


_COMPLIANCE_HEADER = [
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


def _write_compliance(target: Any, rows: list[Compliance]) -> None:
    """One compliance sheet: a bold header, a row per assessor or group, rates as percentages."""
    from openpyxl.styles import Font

    target.append(_COMPLIANCE_HEADER)
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


def _write_rates(sheet: Any, rates: dict[str, Decimal | None]) -> None:
    """The on-site documents collection rate as the assessor sheet's last column (blank for
    an assessor without a simple-procedure case)."""
    from openpyxl.styles import Font

    column = sheet.max_column + 1
    header = sheet.cell(row=1, column=column, value="现场单证收集率 on-site documents rate")
    header.font = Font(bold=True)
    for row in range(2, sheet.max_row + 1):
        rate = rates.get(sheet.cell(row=row, column=1).value)
        cell = sheet.cell(row=row, column=column, value=None if rate is None else float(rate))
        cell.number_format = "0.0%"


def _write_case_detail(
    detail: Any, timings: list[CaseTiming], now: dt.datetime, zone: str = LOCAL_ZONE
) -> None:
    """The case detail sheet: one row per case and deadline, with its state at ``now``, its
    times in ``zone`` (display.timezone)."""
    detail.append(
        [
            "报案号 claim no.",
            "定损员 assessor",
            "大案组 large-case",
            "时限 deadline",
            f"到期 due ({zone})",
            f"完成 met ({zone})",
            "状态 state",
            "超时(小时) late (h)",
            "前端周期(小时) cycle (h)",
            "催问次数 chases",
            "催问扣款(元) chase penalty (yuan)",
        ]
    )
    for t in timings:
        for d in t.deadlines or ():
            late = d.late_hours(now)
            detail.append(
                [
                    t.claim_no,
                    t.assessor,
                    "是" if t.large_case_group else "否",
                    d.name,
                    to_local(d.due, zone).replace(tzinfo=None),
                    to_local(d.met_at, zone).replace(tzinfo=None) if d.met_at else None,
                    d.state(now).value,
                    None if late is None else float(late),
                    _hours(t.cycle),
                    t.chases,
                    t.penalty,
                ]
            )


def write_time_limit_report(
    engine: Engine, start: dt.date, end: dt.date, path: Path, now: dt.datetime | None = None
) -> list[Compliance]:
    """Write the report (by assessor, by group, case detail); returns the assessor rows."""
    import openpyxl

    now = now or utcnow()
    timings, zone, rates = _timings_in_zone(engine, start, end)
    assessors = by_assessor(timings, now)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "按定损员 by assessor"
    _write_compliance(sheet, assessors)
    _write_rates(sheet, rates)
    _write_compliance(book.create_sheet("按组 by group"), by_group(timings, now))
    _write_case_detail(book.create_sheet("案件明细 cases"), timings, now, zone)
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

    from estimator.services.review import review_in

    since = dt.datetime.combine(start, dt.time(), dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    by_rule: Counter[str] = Counter()
    by_shop: Counter[str] = Counter()
    by_assessor: Counter[str] = Counter()
    saved: dict[str, Decimal] = {}
    with UnitOfWork(engine, snapshot=True) as uow:  # every case as of one moment

        def tally(row: Any) -> estimate_store.StoredEstimate:
            """Count the findings of the version of ``row`` (its shop's, its assessor's)."""
            stored = estimate_store.stored_in(uow, row.id)
            findings = [f for f in review_in(uow, stored) if f.severity.value != "info"]
            by_rule.update(f.rule for f in findings)
            by_shop[row.shop_name] += len(findings)
            by_assessor[row.assessor] += len(findings)
            return stored

        rows = uow.reports.versions_reviewed(since, until)
        for row in rows:
            stored = tally(row)
            if row.status in ("approved", "signed", "closed") and row.first_total is not None:
                approved = estimate_store.approved_totals_in(uow, stored).total
                saved[row.shop_name] = saved.get(row.shop_name, Decimal("0.00")) + (
                    row.first_total - approved
                )
        # Every loss object's newest version is reviewed: a third party's findings count too,
        # at its own shop; what review saved is the insured vehicle's (the first total's).
        for row in uow.reports.third_party_versions(since, until):
            tally(row)
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


@dataclass
class Differences:
    """Reconciled differences of a shop (or a shop in a month): amounts to the fen."""

    certificates: int = 0
    reconciled: int = 0
    estimate: Decimal = Decimal("0.00")
    invoice: Decimal = Decimal("0.00")
    over: Decimal = Decimal("0.00")
    under: Decimal = Decimal("0.00")
    not_on_estimate: Decimal = Decimal("0.00")  # reconciliations stored before the split
    customer_own: Decimal = Decimal("0.00")  # not on the estimate, the customer's purchase
    needs_supplement: Decimal = Decimal("0.00")  # not on the estimate, not authorised yet
    not_invoiced: Decimal = Decimal("0.00")
    shop: Decimal = Decimal("0.00")
    customer: Decimal = Decimal("0.00")
    insurer: Decimal = Decimal("0.00")

    def add(self, reconciliation: StoredReconciliation) -> None:
        """Count a reconciliation's lines in."""
        self.reconciled += 1
        for r in reconciliation.lines:
            self.estimate += r.estimate_amount
            self.invoice += r.invoice_amount
            if r.outcome is not Outcome.MATCHED:
                field = r.outcome.value
                setattr(self, field, getattr(self, field) + r.difference)
            if r.borne_by:
                setattr(self, r.borne_by, getattr(self, r.borne_by) + r.difference)


@dataclass(frozen=True)
class IssuedCertificate:
    """A certificate in the report, with its newest reconciliation if any."""

    number: str
    claim_no: str
    shop_name: str
    issued_at: dt.datetime
    valid_to: dt.date
    matches: bool
    approved_total: Decimal
    reconciliation: StoredReconciliation | None


@dataclass(frozen=True)
class GuaranteeReport:
    """Certificates issued in a range, and the reconciled differences by shop and month."""

    certificates: list[IssuedCertificate]
    by_shop: dict[str, Differences]
    by_period: dict[tuple[str, str], Differences]


def guarantee_report(engine: Engine, start: dt.date, end: dt.date) -> GuaranteeReport:
    """Certificates issued from ``start`` to ``end`` (inclusive) with their reconciliation,
    and every reconciliation done in the range, by shop and by month."""
    from estimator.services.guarantee import content_hash_of

    since = dt.datetime.combine(start, dt.time(), dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    by_shop: dict[str, Differences] = {}
    by_period: dict[tuple[str, str], Differences] = {}
    issued = []
    with UnitOfWork(engine, snapshot=True) as uow:  # certificates and reconciliations at once
        rows = uow.reports.certificates_issued(since, until)
        newest: dict[object, StoredReconciliation] = {}
        for found in reconciliations_in(uow):  # newest first: the first of an estimate counts
            newest.setdefault(found.estimate_id, found)
        for row in rows:
            stored = estimate_store.stored_in(uow, row.estimate_id)
            totals = estimate_store.approved_totals_in(uow, stored)  # priced once
            digest = content_hash_of(stored, totals, uow.estimates.adjustments(stored.id))
            issued.append(
                IssuedCertificate(
                    row.number,
                    row.claim_no,
                    row.shop_name,
                    row.issued_at,
                    row.valid_to,
                    row.content_hash == digest,
                    totals.total,
                    newest.get(row.estimate_id),
                )
            )
            by_shop.setdefault(row.shop_name, Differences()).certificates += 1
    for found in newest.values():
        if not since <= found.reconciled_at < until:
            continue
        by_shop.setdefault(found.shop_name, Differences()).add(found)
        month = f"{to_local(found.reconciled_at):%Y-%m}"
        by_period.setdefault((month, found.shop_name), Differences()).add(found)
    return GuaranteeReport(issued, dict(sorted(by_shop.items())), dict(sorted(by_period.items())))


_DIFFERENCE_HEADER = [
    "承诺书 certificates",
    "已核对 reconciled",
    "核定金额 estimate",
    "发票金额 invoice",
    "超出 over",
    "低于 under",
    "估损单外 not on estimate",
    "客户自费 customer's own",
    "待追加定损 needs supplement",
    "未开票 not invoiced",
    "修理厂承担 shop bears",
    "客户承担 customer bears",
    "保险公司 insurer",
]


def _difference_cells(d: Differences) -> list[Any]:
    money = (
        d.estimate,
        d.invoice,
        d.over,
        d.under,
        d.not_on_estimate,
        d.customer_own,
        d.needs_supplement,
        d.not_invoiced,
        d.shop,
        d.customer,
        d.insurer,
    )
    return [d.certificates, d.reconciled, *money]


def write_guarantee_report(
    engine: Engine, start: dt.date, end: dt.date, path: Path
) -> GuaranteeReport:
    """Write the guarantee report: certificates, differences by shop, by month and shop."""
    import openpyxl
    from openpyxl.styles import Font

    report = guarantee_report(engine, start, end)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "承诺书 certificates"
    sheet.append(
        [
            "编号 number",
            "报案号 claim no.",
            "修理厂 shop",
            "出具 issued",
            "有效期至 valid to",
            "与核定内容一致 matches",
            "核定金额 approved",
            "核对时间 reconciled",
            "发票金额 invoice",
            "差额 difference",
            "修理厂承担 shop bears",
            "客户承担 customer bears",
        ]
    )
    for c in report.certificates:
        r = c.reconciliation
        sheet.append(
            [
                c.number,
                c.claim_no,
                c.shop_name,
                to_local(c.issued_at).replace(tzinfo=None),
                c.valid_to,
                "是" if c.matches else "否",
                c.approved_total,
                to_local(r.reconciled_at).replace(tzinfo=None) if r else None,
                sum((x.invoice_amount for x in r.lines), Decimal("0.00")) if r else None,
                sum((x.difference for x in r.lines), Decimal("0.00")) if r else None,
                r.borne_by("shop") if r else None,
                r.borne_by("customer") if r else None,
            ]
        )
    shops = book.create_sheet("按修理厂 by shop")
    shops.append(["修理厂 shop", *_DIFFERENCE_HEADER])
    for shop, d in report.by_shop.items():
        shops.append([shop, *_difference_cells(d)])
    periods = book.create_sheet("按月 by period")
    periods.append(["月份 month", "修理厂 shop", *_DIFFERENCE_HEADER])
    for (month, shop), d in report.by_period.items():
        periods.append([month, shop, *_difference_cells(d)])
    for target in book.worksheets:
        for cell in target[1]:
            cell.font = Font(bold=True)
        for row in target.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "#,##0.00"
                elif isinstance(cell.value, dt.datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return report

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.workflow import EstimateStatus, Role
from estimator.services import case_list, estimate_store, workflow
from estimator.services.reports import write_time_limit_report
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.conftest import make_team
from tests.services.documents import document


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, chen={Role.ASSESSOR}, li={Role.REVIEWER})


def _case(engine: Engine, actor: str, **changes: object) -> str:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(**changes), ensure_ascii=False), actor=actor
    )
    assert created.estimate_id is not None
    return str(created.estimate_id)


def test_teardown_tier_goes_to_the_large_case_group_on_submission(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = _case(priced_db, "wang", needs_teardown=True)
    workflow.submit(priced_db, estimate, team["wang"])
    summary = next(c for c in case_list.list_cases(priced_db) if str(c.estimate_id) == estimate)
    assert summary.tier is not None and summary.tier.value == "teardown"
    with priced_db.begin() as connection:
        assert connection.exec_driver_sql("SELECT large_case_group FROM cases").fetchone() == (1,)


def test_approval_notice_and_the_rest_of_the_lifecycle(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = _case(priced_db, "wang")
    with pytest.raises(DomainError, match="not approved"):
        workflow.approval_notice(priced_db, estimate)
    workflow.submit(priced_db, estimate, team["wang"])
    workflow.approve(priced_db, estimate, team["li"], "findings checked")
    notice = workflow.approval_notice(priced_db, estimate)
    assert (
        "浙K12345" in notice.to_customer and "¥6,454.00（陆仟肆佰伍拾肆元整）" in notice.to_customer
    )
    assert "丽水某汽修" in notice.to_shop and "第 1 版" in notice.to_shop
    workflow.record_notification_sent(priced_db, estimate, team["li"])
    assert workflow.customer_signed(priced_db, estimate, team["wang"]) is EstimateStatus.SIGNED
    assert workflow.close(priced_db, estimate, team["wang"]) is EstimateStatus.CLOSED


def test_time_limit_report_by_assessor_and_group(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    now = utcnow()
    # wang: standard tier, surveyed 30 h ago, submitted now → 24 h limit missed (late).
    late = _case(priced_db, "wang")
    stored = estimate_store.load_estimate(priced_db, late)
    workflow.record_event(
        priced_db, stored.case_id, EventKind.SURVEY, "wang", now - dt.timedelta(hours=30)
    )
    workflow.submit(priced_db, late, team["wang"])
    # chen: surveyed 1 h ago, submitted now → on time.
    quick = _case(priced_db, "chen")
    workflow.record_event(
        priced_db,
        estimate_store.load_estimate(priced_db, quick).case_id,
        EventKind.SURVEY,
        "chen",
        now - dt.timedelta(hours=1),
    )
    workflow.submit(priced_db, quick, team["chen"])
    # chen: surveyed 40 h ago, not submitted → open and overdue.
    waiting = _case(priced_db, "chen")
    workflow.record_event(
        priced_db,
        estimate_store.load_estimate(priced_db, waiting).case_id,
        EventKind.SURVEY,
        "chen",
        now - dt.timedelta(hours=40),
    )
    path = tmp_path / "report.xlsx"
    rows = write_time_limit_report(priced_db, now.date() - dt.timedelta(days=1), now.date(), path)
    by_name = {r.name: r for r in rows}
    assert (by_name["wang"].late, by_name["wang"].on_time, str(by_name["wang"].rate)) == (
        1,
        0,
        "0.0000",
    )
    assert (by_name["chen"].on_time, by_name["chen"].open_overdue, str(by_name["chen"].rate)) == (
        1,
        1,
        "0.5000",
    )
    assert by_name["chen"].average_cycle is not None and by_name[
        "chen"
    ].average_cycle < dt.timedelta(hours=2)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["按定损员 by assessor", "按组 by group", "案件明细 cases"]
    assessors = list(book["按定损员 by assessor"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[6]) for r in assessors] == [("chen", 2, 0.5), ("wang", 1, 0.0)]
    groups = list(book["按组 by group"].iter_rows(min_row=2, values_only=True))
    assert groups[0][1] == 3 and groups[0][8] == 120.0  # ordinary cases, 5-day target in hours
    detail = list(book["案件明细 cases"].iter_rows(min_row=2, values_only=True))
    # Three standard clocks (wang's met 6 hours late) and a review clock per submission.
    # Late hours to the hour: the steps above take a few seconds of real time.
    rows = sorted((r[1], r[3], r[6], None if r[7] is None else round(r[7])) for r in detail)
    assert rows == [
        ("chen", "review", "running", None),
        ("chen", "standard", "met", None),
        ("chen", "standard", "overdue", 16),
        ("wang", "review", "running", None),
        ("wang", "standard", "met_late", 6),
    ]
    # Outside the range: nothing.
    assert (
        write_time_limit_report(
            priced_db, dt.date(2020, 1, 1), dt.date(2020, 1, 31), tmp_path / "empty.xlsx"
        )
        == []
    )


def test_review_report_counts_findings_and_what_review_saved(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    from decimal import Decimal

    from estimator.domain.estimate import LineKind
    from estimator.services.reports import write_review_report

    first = _case(priced_db, "wang")
    workflow.submit(priced_db, first, team["wang"])
    workflow.return_estimate(priced_db, first, team["li"], "towing needs an invoice")
    stored = estimate_store.load_estimate(priced_db, first)
    lines = [line for line in stored.estimate.lines if line.kind is not LineKind.TOWING]
    estimate_store.replace_lines(
        priced_db,
        first,
        lines,
        team["wang"],
        [
            k
            for k, line in zip(stored.line_keys, stored.estimate.lines, strict=True)
            if line.kind is not LineKind.TOWING
        ],
    )
    workflow.submit(priced_db, first, team["wang"])
    workflow.approve(priced_db, first, team["li"], "checked")
    _case(priced_db, "chen", parts_management_fee_rate="0.12")  # R13 on top
    today = utcnow().date()
    report = write_review_report(
        priced_db, today - dt.timedelta(days=1), today, tmp_path / "review.xlsx"
    )
    assert report.cases == 2
    assert (
        report.by_rule["R13"] == 1 and report.by_rule["R14"] == 4
    )  # two 4S-priced lines a case at a class-1 shop
    assert report.by_assessor["chen"] > 0 and report.by_shop["丽水某汽修"] == sum(
        report.by_rule.values()
    )
    assert report.saved == {"丽水某汽修": Decimal("300.00")}  # the towing line review took out
    book = openpyxl.load_workbook(tmp_path / "review.xlsx")
    assert book.sheetnames == [
        "按规则 by rule",
        "按修理厂 by shop",
        "按定损员 by assessor",
        "核减 saved",
    ]
    assert list(book["核减 saved"].iter_rows(min_row=2, values_only=True)) == [
        ("丽水某汽修", 300.0)
    ]

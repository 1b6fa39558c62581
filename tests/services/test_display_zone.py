"""display.timezone wired (indicators.md "Events"): the case list carries the configured zone
for its due times, and the time-limits report writes its times in it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.workflow import Role
from estimator.services import case_list, estimate_store, workflow
from estimator.services.reports import write_time_limit_report
from estimator.services.settings import display_zone, set_setting
from estimator.services.users import User
from kernel.clock import to_local, utcnow
from tests.services.conftest import make_team
from tests.services.documents import document


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, admin={Role.ADMIN})


def _surveyed_case(engine: Engine, at: dt.datetime) -> str:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.case_id is not None and created.estimate_id is not None
    workflow.record_event(engine, created.case_id, EventKind.SURVEY, "wang", at)
    return str(created.estimate_id)


def test_the_case_list_and_the_report_use_the_configured_zone(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    surveyed = utcnow().replace(microsecond=0) - dt.timedelta(hours=30)
    _surveyed_case(priced_db, surveyed)
    assert display_zone(priced_db) == "Asia/Shanghai"
    [before] = case_list.list_cases(priced_db)
    assert before.zone == "Asia/Shanghai"

    set_setting(priced_db, "display.timezone", "Asia/Tokyo", team["admin"])
    assert display_zone(priced_db) == "Asia/Tokyo"
    [listed] = case_list.list_cases(priced_db)
    assert listed.zone == "Asia/Tokyo" and listed.next_due is not None
    due = surveyed + dt.timedelta(hours=24)  # the standard estimate's limit
    assert to_local(listed.next_due, listed.zone).replace(tzinfo=None) == (
        due + dt.timedelta(hours=9)
    ).replace(tzinfo=None)

    path = tmp_path / "report.xlsx"
    today = utcnow().date()
    write_time_limit_report(priced_db, today - dt.timedelta(days=2), today, path)
    sheet = openpyxl.load_workbook(path)["案件明细 cases"]
    header = [c.value for c in sheet[1]]
    assert "到期 due (Asia/Tokyo)" in header
    column = header.index("到期 due (Asia/Tokyo)")
    dues = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert (due + dt.timedelta(hours=9)).replace(tzinfo=None) in dues


def test_estimate_event_reads_and_prints_times_in_the_configured_zone(
    priced_db: Engine,
    team: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from estimator.cli.main import main

    set_setting(priced_db, "display.timezone", "Asia/Tokyo", team["admin"])
    doc = document(events={"dispatch": "2026-03-02T08:00+08:00"})
    created = estimate_store.import_estimate(
        priced_db, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    url = priced_db.url.render_as_string(hide_password=False)
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "password-wang")
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    # 09:03 typed without a zone is Tokyo time (00:03 UTC): three minutes after the dispatch.
    args = ["estimate", "event", str(created.estimate_id), "first_contact", "--at"]
    assert main([*args, "2026-03-02T09:03", "--as", "wang", "--db", url]) == 0
    lines = dict(line.split("\t", 1) for line in capsys.readouterr().out.splitlines())
    state, due = lines["contact"].split("\t")
    assert due == "2026-03-02 09:05" and state == "met"  # due 5 minutes after, in Tokyo time


def test_the_sheet_writes_its_times_in_the_configured_zone(
    priced_db: Engine, team: dict[str, User]
) -> None:
    """The sheet's signature time and approval day follow display.timezone (they were always
    Beijing time before)."""
    from estimator.persistence.uow import UnitOfWork
    from estimator.services.documents import sheet_facts

    people = team | make_team(priced_db, li={Role.REVIEWER})
    estimate_id = _surveyed_case(priced_db, utcnow() - dt.timedelta(hours=2))
    workflow.submit(priced_db, estimate_id, people["wang"])
    workflow.approve(priced_db, estimate_id, people["li"], "checked with the shop")
    workflow.customer_signed(priced_db, estimate_id, people["wang"])

    def signed_text() -> str:
        with UnitOfWork(priced_db, snapshot=True) as uow:
            return sheet_facts(uow, estimate_id)[1].customer_signed_at

    beijing = dt.datetime.strptime(signed_text(), "%Y-%m-%d %H:%M")
    set_setting(priced_db, "display.timezone", "Asia/Tokyo", people["admin"])
    tokyo = dt.datetime.strptime(signed_text(), "%Y-%m-%d %H:%M")
    assert tokyo - beijing == dt.timedelta(hours=1)

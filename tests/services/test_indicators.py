"""The indicators report (indicators.md, "Report contract"): the JSON of the hand-computed
fixture key by key, and the whole path from a database on both engines."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from estimator.documents.indicators_workbook import CLOCK_ZH
from estimator.domain.chases import ChaseBy, ChaseVia
from estimator.domain.clocks import EventKind
from estimator.domain.indicator_figures import CycleTargets
from estimator.domain.workflow import Group, Role
from estimator.services import estimate_store, workflow
from estimator.services.chases import record_chase
from estimator.services.indicators import (
    build_document,
    indicators_document,
    write_indicators_workbook,
)
from estimator.services.users import User, create_user
from tests.estimator.domain.indicator_fixture import NOW, ZONE, cases, local
from tests.services.documents import document

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def test_the_fixture_document_matches_the_hand_computation_key_by_key() -> None:
    doc = build_document(cases(), *NOVEMBER, NOW, ZONE, CycleTargets())
    assert (doc["from"], doc["to"], doc["timezone"]) == ("2026-11-01", "2026-11-30", ZONE)
    assert [c["claim_no"] for c in doc["cases"]] == ["A", "B", "C", "D"]  # E is October's
    a = doc["cases"][0]
    assert a == {
        "claim_no": "A",
        "assessor": "wang",
        "group": "large",
        "tier": "teardown",
        "front_end_cycle_hours": "121.00",  # 11-02 09:00 → 11-07 10:00
        "last_submission": "2026-11-07T10:00:00+08:00",
        "clocks": a["clocks"],  # below
        "chases": 2,
        "returns": 1,
        "submissions": 2,
        "supplements": 0,
        "first_total": "12000.00",
        "approved_total": "10000.00",
        "onsite_complete": None,
    }
    by_name = {(c["clock"], c["start"]): c for c in a["clocks"]}
    assert [c["clock"] for c in a["clocks"]] == [
        "contact",
        "arrival",
        "awaiting_teardown",
        "teardown_items",
        "teardown_estimate",
        "review",
        "resubmission",
        "review",
    ]
    assert by_name[("resubmission", "2026-11-04T16:00:00+08:00")] == {
        "clock": "resubmission",
        "start": "2026-11-04T16:00:00+08:00",
        "due": "2026-11-06T16:00:00+08:00",  # return + 2 days
        "done": "2026-11-07T10:00:00+08:00",
        "state": "met_late",
        "late_hours": "18.00",
    }
    assert by_name[("teardown_items", "2026-11-03T10:00:00+08:00")]["state"] == "met"
    c = doc["cases"][2]
    assert c["clocks"][-1] == {
        "clock": "on_site",
        "start": "2026-11-20T10:00:00+08:00",
        "due": "2026-11-20T12:00:00+08:00",
        "done": None,
        "state": "overdue",
        "late_hours": "264.00",  # 11-20 12:00 → NOW (12-01 12:00): 11 days
    }
    assert c["front_end_cycle_hours"] is None and c["last_submission"] is None
    # D's standard and review clocks fall due in December: not November's.
    assert [k["clock"] for k in doc["cases"][3]["clocks"]] == ["contact", "arrival"]
    assert doc["cases"][3]["front_end_cycle_hours"] == "3.00"


def test_the_fixture_document_by_assessor_group_and_month() -> None:
    doc = build_document(cases(), *NOVEMBER, NOW, ZONE, CycleTargets())
    wang = {
        "cases": 1,
        "front_end_cycle_avg_days": "5.04",  # 121 h / 24
        "front_end_cycle_median_days": "5.04",
        "front_end_cycle_within_target": "1.0000",
        "attainment": {
            "arrival": "1.0000",
            "awaiting_teardown": "1.0000",
            "contact": "1.0000",
            "resubmission": "0.0000",
            "review": "1.0000",
            "teardown_estimate": "1.0000",
            "teardown_items": "1.0000",
        },
        "resubmission_compliance": "0.0000",
        "escalations": 1,
        "deviation": "0.2000",  # |12000 − 10000| / 10000
        "chases": 2,
        "penalty": "300.00",  # 100 + 200
        "onsite_collection_rate": None,
        "supplements_per_case": "0.0000",
        "supplement_growth": None,
        "review_hours_avg": "5.00",  # (6 + 4) / 2
        "returns_per_submission": "0.5000",
    }
    chen = {
        "cases": 3,
        "front_end_cycle_avg_days": "3.10",  # (146 h + 3 h) / 2 = 74.5 h
        "front_end_cycle_median_days": "3.10",
        "front_end_cycle_within_target": "0.5000",  # D within 5 days, B (6.08) not
        "attainment": {
            "arrival": "0.6667",
            "contact": "0.6667",
            "on_site": "0.0000",
            "review": "1.0000",
            "standard": "0.0000",
        },
        "resubmission_compliance": None,
        "escalations": 0,
        "deviation": "0.0909",  # B: 500 / 5500
        "chases": 1,
        "penalty": "100.00",
        "onsite_collection_rate": "0.5000",  # B complete, C not
        "supplements_per_case": "0.3333",
        "supplement_growth": "0.1000",  # (5500 − 5000) / 5000
        "review_hours_avg": "2.50",  # (3 + 2) / 2
        "returns_per_submission": "0.0000",
    }
    assert doc["by_assessor"] == [{"assessor": "chen", **chen}, {"assessor": "wang", **wang}]
    assert doc["by_group"] == [{"group": "large", **wang}, {"group": "ordinary", **chen}]
    assert [m["month"] for m in doc["by_month"]] == ["2026-11"]
    assert doc["by_month"][0]["cases"] == 4 and doc["overall"]["deviation"] == "0.1455"
    assert doc["overall"]["front_end_cycle_avg_days"] == "3.75"  # (121 + 146 + 3) / 3 h


def test_the_document_is_plain_json() -> None:
    doc = build_document(
        cases(), dt.date(2026, 10, 1), dt.date(2026, 11, 30), NOW, ZONE, CycleTargets()
    )
    assert json.loads(json.dumps(doc)) == doc
    assert [m["month"] for m in doc["by_month"]] == ["2026-10", "2026-11"]
    assert doc["by_month"][0]["cases"] == 1 and doc["overall"]["cases"] == 5


class Clock:
    """The time the persistence layer stamps events with, set by the test."""

    def __init__(self) -> None:
        self.now = local("2026-11-01 00:00")

    def at(self, text: str) -> dt.datetime:
        self.now = local(text)
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    scripted = Clock()
    monkeypatch.setattr("estimator.persistence.cases.utcnow", lambda: scripted.now)
    return scripted


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    def add(name: str, role: Role, group: Group = Group.ORDINARY) -> User:
        return create_user(priced_db, name, "password-" + name, {role}, actor="setup", group=group)

    return {
        "wang": add("wang", Role.ASSESSOR, Group.LARGE),
        "chen": add("chen", Role.ASSESSOR),
        "li": add("li", Role.REVIEWER),
    }


def _case(engine: Engine, claim_no: str, actor: str, dispatch: str) -> tuple[str, str]:
    """A standard-tier case (total 6,454.00) dispatched at ``dispatch`` (local): its estimate
    and case ids."""
    doc = document(claim_no=claim_no, events={"dispatch": [local(dispatch).isoformat()]})
    created = estimate_store.import_estimate(
        engine, json.dumps(doc, ensure_ascii=False), actor=actor
    )
    assert created.estimate_id is not None
    stored = estimate_store.load_estimate(engine, created.estimate_id)
    return str(created.estimate_id), str(stored.case_id)


def test_the_report_from_a_database(priced_db: Engine, team: dict[str, User], clock: Clock) -> None:
    wang, chen, li = team["wang"], team["chen"], team["li"]
    # wang's case: dispatched 11-02 09:00, contact 09:04, arrival 09:20, survey 10:00;
    # submitted 11-04 10:00 (standard due 11-03 10:00: 24 h late), returned 16:00,
    # resubmitted 11-07 10:00 (due 11-06 16:00: 18 h late), approved 14:00; two chases.
    first, case = _case(priced_db, "C-WANG", "wang", "2026-11-02 09:00")
    for kind, at in (
        (EventKind.FIRST_CONTACT, "2026-11-02 09:04"),
        (EventKind.ARRIVAL, "2026-11-02 09:20"),
        (EventKind.SURVEY, "2026-11-02 10:00"),
    ):
        workflow.record_event(priced_db, case, kind, "wang", local(at))
    clock.at("2026-11-04 10:00")
    workflow.submit(priced_db, first, wang)
    clock.at("2026-11-04 16:00")
    workflow.return_estimate(priced_db, first, li, "photos missing")
    clock.at("2026-11-07 10:00")
    workflow.submit(priced_db, first, wang)
    clock.at("2026-11-07 14:00")
    workflow.approve(priced_db, first, li, "checked")
    for day in ("2026-11-05 09:00", "2026-11-06 09:00"):
        record_chase(priced_db, case, ChaseBy.CUSTOMER, ChaseVia.GM_OFFICE, wang, at=local(day))
    # chen's case: dispatched 11-10 09:00, no contact or arrival recorded (both overdue),
    # survey 10:00, submitted 12:00 (on time), not yet reviewed.
    second, other = _case(priced_db, "C-CHEN", "chen", "2026-11-10 09:00")
    workflow.record_event(priced_db, other, EventKind.SURVEY, "chen", local("2026-11-10 10:00"))
    clock.at("2026-11-10 12:00")
    workflow.submit(priced_db, second, chen)

    now = local("2026-11-20 12:00")
    doc = indicators_document(priced_db, *NOVEMBER, now=now)
    assert [c["claim_no"] for c in doc["cases"]] == ["C-CHEN", "C-WANG"]
    chen_case, wang_case = doc["cases"]
    assert {k: wang_case[k] for k in ("assessor", "group", "tier", "front_end_cycle_hours")} == {
        "assessor": "wang",
        "group": "large",
        "tier": "standard",
        "front_end_cycle_hours": "121.00",  # 11-02 09:00 → 11-07 10:00
    }
    assert (wang_case["returns"], wang_case["submissions"], wang_case["chases"]) == (1, 2, 2)
    assert wang_case["first_total"] == wang_case["approved_total"] == "6454.00"
    states = [(c["clock"], c["state"], c["late_hours"]) for c in wang_case["clocks"]]
    assert states == [
        ("contact", "met", None),
        ("arrival", "met", None),
        ("standard", "met_late", "24.00"),
        ("review", "met", None),
        ("resubmission", "met_late", "18.00"),
        ("review", "met", None),
    ]
    assert chen_case["group"] == "ordinary" and chen_case["approved_total"] is None
    assert [(c["clock"], c["state"]) for c in chen_case["clocks"]] == [
        ("contact", "overdue"),
        ("arrival", "overdue"),
        ("standard", "met"),
        ("review", "overdue"),  # due 11-11 12:00, still with the reviewer on 11-20
    ]
    wang_row = next(r for r in doc["by_assessor"] if r["assessor"] == "wang")
    assert wang_row["attainment"] == {
        "arrival": "1.0000",
        "contact": "1.0000",
        "resubmission": "0.0000",
        "review": "1.0000",
        "standard": "0.0000",
    }
    assert (wang_row["escalations"], wang_row["penalty"], wang_row["deviation"]) == (
        1,
        "300.00",
        "0.0000",
    )
    assert wang_row["review_hours_avg"] == "5.00"  # 6 h to the return, 4 h to the approval
    assert [g["group"] for g in doc["by_group"]] == ["large", "ordinary"]
    ordinary = doc["by_group"][1]
    assert ordinary["front_end_cycle_avg_days"] == "0.13"  # 3 h
    assert ordinary["attainment"]["contact"] == "0.0000"
    assert doc["overall"]["returns_per_submission"] == "0.3333"  # 1 return, 3 submissions
    assert doc["timezone"] == "Asia/Shanghai"


def test_the_workbook_holds_the_tables_and_native_charts(
    priced_db: Engine, team: dict[str, User], clock: Clock, tmp_path: Path
) -> None:
    estimate, case = _case(priced_db, "C-1", "wang", "2026-11-02 09:00")
    workflow.record_event(priced_db, case, EventKind.SURVEY, "wang", local("2026-11-02 10:00"))
    clock.at("2026-11-02 12:00")
    workflow.submit(priced_db, estimate, team["wang"])
    path = tmp_path / "indicators.xlsx"
    doc = write_indicators_workbook(priced_db, dt.date(2026, 10, 1), dt.date(2026, 11, 30), path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "按定损员 by assessor",
        "按组 by group",
        "按月 by month",
        "时效达成率 attainment",
        "案件 cases",
        "时效明细 clocks",
    ]
    months = book["按月 by month"]
    assert [months.cell(r, 1).value for r in (2, 3)] == ["2026-10", "2026-11"]
    assert months.cell(3, 3).value == pytest.approx(float(Decimal("0.13")))  # 3 h cycle
    (line,) = months._charts
    assert type(line).__name__ == "LineChart"
    # The series' title is the header (row 1), its values the rows below, one per month.
    assert line.series[0].tx.strRef.f == "'按月 by month'!C1"
    assert line.series[0].val.numRef.f == "'按月 by month'!$C$2:$C$3"
    assert line.series[0].cat.numRef.f == "'按月 by month'!$A$2:$A$3"
    attainment = book["时效达成率 attainment"]
    (bar,) = attainment._charts
    assert type(bar).__name__ == "BarChart"
    rows = attainment.max_row
    assert bar.series[0].val.numRef.f == f"'时效达成率 attainment'!$B$2:$B${rows}"
    assert [attainment.cell(r, 1).value for r in range(2, rows + 1)] == [
        CLOCK_ZH[name] for name in doc["overall"]["attainment"]
    ]
    assert CLOCK_ZH["standard"] in [c.value for c in attainment["A"]]
    clocks = book["时效明细 clocks"]
    standard = next(
        r for r in clocks.iter_rows(min_row=2, values_only=True) if r[2] == "24小时定损"
    )
    # Survey 11-02 10:00 + 24 h; submitted 12:00 the same day: met, local wall times.
    assert standard[3:6] == (dt.datetime(2026, 11, 3, 10), dt.datetime(2026, 11, 2, 12), "已完成")
    assessors = book["按定损员 by assessor"]
    (deviation,) = assessors._charts
    column = [c.value for c in assessors[1]].index("估损偏差率 deviation") + 1
    letter = openpyxl.utils.get_column_letter(column)
    assert deviation.series[0].tx.strRef.f == f"'按定损员 by assessor'!{letter}1"
    assert deviation.series[0].val.numRef.f == f"'按定损员 by assessor'!${letter}$2"  # one assessor
    assert assessors.cell(2, 1).value == "wang"
    assert [c.value for c in book["案件 cases"][2]][:4] == ["C-1", "wang", "大案组", "一般定损"]


def test_the_onsite_collection_rate_from_the_recorded_checklists(
    priced_db: Engine, team: dict[str, User], clock: Clock
) -> None:
    """Two simple-procedure cases of chen's: one with every document collected on site before
    the survey, one with the ID card brought later; an ordinary case of chen's and wang's
    case count for nothing: chen's rate 1 ÷ 2, wang's none."""
    from estimator.services.onsite_documents import record_document, set_procedure

    chen = team["chen"]
    simple = ("driving_licence", "vehicle_licence", "accident_determination", "bank_card")
    for claim, id_card in (("C-FULL", "onsite"), ("C-LATE", "later"), ("C-ORD", None)):
        _estimate, case = _case(priced_db, claim, "chen", "2026-11-03 09:00")
        if id_card is not None:
            set_procedure(priced_db, case, "simple", chen)
            for item in simple:
                record_document(priced_db, case, item, "onsite", chen, local("2026-11-03 09:30"))
            record_document(priced_db, case, "id_card", id_card, chen, local("2026-11-03 09:40"))
        workflow.record_event(priced_db, case, EventKind.SURVEY, "chen", local("2026-11-03 10:00"))
    _case(priced_db, "C-W", "wang", "2026-11-03 09:00")
    doc = indicators_document(priced_db, *NOVEMBER, now=local("2026-11-20 12:00"))
    complete = {c["claim_no"]: c["onsite_complete"] for c in doc["cases"]}
    assert complete == {"C-FULL": True, "C-LATE": False, "C-ORD": None, "C-W": None}
    rates = {r["assessor"]: r["onsite_collection_rate"] for r in doc["by_assessor"]}
    assert rates == {"chen": "0.5000", "wang": None}

"""estimator report pending and case pending-reason: a reason recorded, the list printed, as
JSON and as a workbook, the manager's review marked, and bad input refused in words."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from estimator.cli.main import main
from estimator.domain.clocks import EventKind
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.uow import UnitOfWork
from estimator.services import case_list, loss_objects
from estimator.services.demo import DEMO_USERS
from estimator.services.pending import pending_list
from estimator.services.users import create_user
from kernel.clock import utcnow
from tests.conftest import demo_copy


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> str:
    url = sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))
    engine = create_database_engine(url)
    create_user(engine, "qiu", "qiu-pw-1", {Role.MANAGER}, actor="admin")
    return url


def test_reason_list_json_workbook_and_review(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    engine = create_database_engine(demo)
    wang, _d, _r, wang_pw = DEMO_USERS[0]
    case = next(c for c in case_list.list_cases(engine) if c.claim_no.endswith("124"))
    monkeypatch.setenv("ESTIMATOR_PASSWORD", wang_pw)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    words = ["--db", demo, "case", "pending-reason", str(case.case_id), "客户未到店", "--as", wang]
    assert main(words) == 0
    assert "未决原因已记录：客户未到店" in capsys.readouterr().out
    assert main(["--db", demo, "report", "pending", "--assessor", "wang"]) == 0
    out = capsys.readouterr().out
    # wang's open cases: four of the base demo and the three settlement cases (demo_settled).
    assert out.startswith("定损员 wang：未决 7 件（5天以内 7, 6-20天 0")
    assert "上次检视 从未；应检视" in out
    assert f"{case.claim_no}\t{case.plate}\t0\t5天以内\t" in out and "客户未到店" in out
    book = tmp_path / "pending.xlsx"
    assert main(["--db", demo, "report", "pending", "--json", "-o", str(book)]) == 0
    data = json.loads(capsys.readouterr().out)
    wang_list = data["assessors"][0]
    assert wang_list["assessor"] == "wang" and wang_list["buckets"]["0-5"] == 7
    reasons = {c["claim_no"]: c["reason"] for c in wang_list["cases"]}
    assert reasons[case.claim_no] == "客户未到店"
    assert openpyxl.load_workbook(book).sheetnames == ["wang"]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "qiu-pw-1")
    mark = ["--db", demo, "report", "pending", "--mark-reviewed", "--assessor", "wang"]
    assert main([*mark, "--as", "qiu"]) == 0
    assert "wang 的未决清单已标记检视（7 件）" in capsys.readouterr().out
    reviewed = pending_list(engine, "wang")
    assert reviewed.reviewed_by == "qiu" and not reviewed.review_due


def test_bad_input_is_refused_in_words(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo)
    case = case_list.list_cases(engine)[0]
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    monkeypatch.setenv("ESTIMATOR_PASSWORD", DEMO_USERS[0][3])
    words = ["--db", demo, "case", "pending-reason", str(case.case_id), "  ", "--as", "wang"]
    assert main(words) == 1
    assert "the pending reason cannot be empty" in capsys.readouterr().err
    mark = ["--db", demo, "report", "pending", "--mark-reviewed"]
    assert main([*mark, "--as", "wang"]) == 2
    assert "name the assessor with --assessor" in capsys.readouterr().err
    assert main([*mark, "--assessor", "wang", "--as", "wang"]) == 1
    assert "manager" in capsys.readouterr().err
    assert pending_list(engine, "wang").reviewed_at is None


def test_a_third_partys_overdue_clock_is_named_in_the_line_the_json_and_the_workbook(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A third party of a pending case returned three days ago and not resubmitted: its
    overdue resubmission is the case's clock, named by the object everywhere it is shown."""
    engine = create_database_engine(demo)
    listed = {c.case_id: c.claim_no for c in pending_list(engine, "wang").cases}
    draft = next(  # a third party never submitted: no submission meets its clock
        o.object
        for case_id in listed
        for o in loss_objects.case_objects(engine, case_id)
        if o.object.kind is not ObjectKind.INSURED_VEHICLE and o.status == "draft"
    )
    with UnitOfWork(engine, write=True) as uow:
        returned = utcnow() - dt.timedelta(days=3)
        uow.cases.add_event(draft.case_id, EventKind.RETURN, "li", returned, "", draft.id)
        uow.commit()
    claim, title = listed[draft.case_id], draft.title("zh")
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main(["--db", demo, "report", "pending", "--assessor", "wang"]) == 0
    (line,) = [x for x in capsys.readouterr().out.splitlines() if claim in x]
    assert f"\t{title} 退回后重新提交 已超时\t" in line, line
    book = tmp_path / "pending.xlsx"
    assert main(["--db", demo, "report", "pending", "--json", "-o", str(book)]) == 0
    (case,) = [
        c
        for c in json.loads(capsys.readouterr().out)["assessors"][0]["cases"]
        if c["claim_no"] == claim
    ]
    assert (case["clock"], case["state"]) == ("resubmission", "overdue")
    assert case["clock_object"] == {"kind": draft.kind.value, "index": draft.index}
    cells = [[c.value for c in r] for r in openpyxl.load_workbook(book)["wang"].iter_rows()]
    (row,) = [r for r in cells if r[0] == claim]
    assert row[6] == f"{title} 退回后重新提交"

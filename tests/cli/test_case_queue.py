"""estimator case queue|take|assign|escalations: the large-case queue and the manager's
escalations through the command line, on a copy of the demo database; refusals in words."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.domain.clocks import EventKind
from estimator.domain.workflow import Group, Role
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.uow import UnitOfWork
from estimator.services import case_list
from estimator.services.audit import case_history
from estimator.services.users import create_user
from kernel.clock import utcnow
from tests.conftest import demo_copy

PASSWORD = "password-routing"
TEARDOWN_CASE = "RDAA2026330100000127"  # the demo's teardown case, opened by wang (ordinary)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))
    engine = create_database_engine(url)
    for name, roles, group in (
        ("liu", {Role.ASSESSOR}, Group.LARGE),
        ("tang", {Role.ASSESSOR}, Group.ORDINARY),
        ("boss", {Role.MANAGER}, Group.ORDINARY),
    ):
        create_user(engine, name, PASSWORD, roles, actor="admin", group=group)
    engine.dispose()
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    return url


def _case_id(url: str, claim_no: str) -> str:
    engine = create_database_engine(url)
    found = next(c for c in case_list.list_cases(engine) if c.claim_no == claim_no)
    return str(found.case_id)


def test_take_and_assign_round_trip(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    case_id = _case_id(demo, TEARDOWN_CASE)
    assert main(["--db", demo, "case", "queue", "--large", "--as", "boss"]) == 0
    out = capsys.readouterr().out
    assert f"{case_id}\t{TEARDOWN_CASE}" in out and "待接手" in out

    assert main(["--db", demo, "case", "take", case_id, "--as", "tang"]) == 1
    err = capsys.readouterr().err
    assert "tang 属普案组，不能接手大案" in err and "Traceback" not in err
    assert main(["--db", demo, "case", "take", case_id, "--as", "liu"]) == 0
    assert f"案件 {TEARDOWN_CASE} 已由 liu 接手" in capsys.readouterr().out
    assert main(["--db", demo, "case", "queue", "--large", "--as", "boss"]) == 0
    assert TEARDOWN_CASE not in capsys.readouterr().out

    assign = ["--db", demo, "case", "assign", case_id, "--as", "boss", "--to"]
    assert main([*assign, "li"]) == 1
    assert "li 不是定损员" in capsys.readouterr().err
    assert main([*assign, "tang"]) == 0
    assert f"案件 {TEARDOWN_CASE} 已指派给 tang" in capsys.readouterr().out
    assert main(["--db", demo, "case", "assign", case_id, "--as", "liu", "--to", "liu"]) == 1
    assert "需要管理员或理赔经理角色" in capsys.readouterr().err

    engine = create_database_engine(demo)
    moves = [
        (e.action, e.detail["from"], e.detail["to"])
        for e in case_history(engine, uuid.UUID(case_id))
        if e.action in ("take_case", "assign_case")
    ]
    assert moves == [("take_case", "wang", "liu"), ("assign_case", "liu", "tang")]


def test_escalations_as_json_and_text(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    engine = create_database_engine(demo)
    claim = "RDAA2026330100000124"  # a draft: a return three days ago is overdue
    case = next(c for c in case_list.list_cases(engine) if c.claim_no == claim)
    returned = utcnow().replace(microsecond=0) - dt.timedelta(days=3)
    with UnitOfWork(engine, write=True) as uow:
        uow.cases.add_event(case.case_id, EventKind.RETURN, "li", returned)
        uow.commit()
    assert main(["--db", demo, "case", "escalations", "--as", "boss", "--json"]) == 0
    (found,) = [e for e in json.loads(capsys.readouterr().out) if e["claim_no"] == claim]
    assert found["assessor"] == "wang"
    assert found["due"].endswith("+08:00")
    assert dt.datetime.fromisoformat(found["due"]) == returned + dt.timedelta(days=2)
    assert 23.9 < float(found["hours_overdue"]) < 24.1
    assert main(["--db", demo, "case", "escalations", "--as", "boss"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(claim))
    assert "定损员 wang" in line and "已超时" in line
    assert main(["--db", demo, "case", "escalations", "--as", "tang"]) == 1
    assert "需要管理员或理赔经理角色" in capsys.readouterr().err

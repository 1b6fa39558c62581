"""estimator estimate event --note: the entrusted party kept with the entrustment (a typed
local time stored in UTC), the clocks printed without the own assessor's arrival, and a time
in the future or an entrustment without its party refused in words with nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list
from estimator.services.demo import DEMO_USERS
from estimator.services.field_events import case_events
from tests.conftest import demo_copy


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> str:
    return sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))


def test_the_note_is_kept_with_the_entrustment(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo)
    case = case_list.list_cases(engine)[0]
    wang, _d, _r, wang_pw = DEMO_USERS[0]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", wang_pw)
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    base = ["--db", demo, "estimate", "event", str(case.estimate_id)]
    at = ["--at", "2026-12-07T10:30"]
    assert main([*base, "entrustment", *at, "--note", "杭州分公司", "--as", wang]) == 0
    printed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert "entrusted_survey" in printed and "arrival" not in printed
    entrusted = [e for e in case_events(engine, case.case_id) if e.kind == "entrustment"]
    assert [(e.at, e.by, e.note) for e in entrusted] == [
        (dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.UTC), wang, "杭州分公司")  # 10:30 Shanghai
    ]
    before = len(case_events(engine, case.case_id))
    assert main([*base, "entrustment", *at, "--as", wang]) == 1
    assert "needs the entrusted party" in capsys.readouterr().err
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    assert main([*base, "arrival", "--at", future, "--as", wang]) == 1
    assert "has not come yet" in capsys.readouterr().err
    assert len(case_events(engine, case.case_id)) == before

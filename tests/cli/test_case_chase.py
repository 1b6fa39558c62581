"""estimator case chase: a chase recorded through the command line, its count and penalty
printed, the history's sentence, and bad input refused in words."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list
from estimator.services.audit import case_history
from estimator.services.chases import chases_of
from estimator.services.demo import DEMO_USERS
from tests.conftest import demo_copy


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> str:
    return sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))


def test_case_chase_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["case", "chase", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "usage: estimator case chase" in out and "--via" in out


def test_chases_round_trip(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo)
    case_id = str(case_list.list_cases(engine)[0].case_id)
    wang, _d, _r, wang_pw = DEMO_USERS[0]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", wang_pw)
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    chase = ["--db", demo, "case", "chase", case_id, "--as", wang]
    first = [*chase, "--by", "customer", "--via", "gm_office", "--at", "2026-12-07T10:30"]
    assert main([*first, "--note", "called twice"]) == 0
    assert "1 in all, penalty 100.00 yuan" in capsys.readouterr().out
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main([*chase, "--by", "shop", "--via", "claims_manager"]) == 0
    assert "共 2 次，扣款合计 300.00 元" in capsys.readouterr().out
    stored = chases_of(engine, case_id)
    assert [(c.by.value, c.via.value, c.note) for c in stored.chases] == [
        ("customer", "gm_office", "called twice"),
        ("shop", "claims_manager", ""),
    ]
    # 10:30 typed without a zone is Shanghai time: 02:30 UTC.
    assert (stored.chases[0].at.hour, stored.chases[0].at.minute) == (2, 30)
    history = case_history(engine, uuid.UUID(case_id))
    assert [e.detail["by"] for e in history if e.action == "chase"] == ["customer", "shop"]


def test_bad_input_is_refused_in_words(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo)
    case_id = str(case_list.list_cases(engine)[0].case_id)
    wang, _d, _r, wang_pw = DEMO_USERS[0]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", wang_pw)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    chase = ["--db", demo, "case", "chase", case_id, "--as", wang, "--via", "gm_office"]
    assert main([*chase, "--by", "boss"]) == 1
    err = capsys.readouterr().err
    assert "催问方 boss 无效" in err and "Traceback" not in err
    assert main([*chase, "--by", "customer", "--at", "yesterday"]) != 0
    assert "Traceback" not in capsys.readouterr().err
    assert chases_of(engine, case_id).count == 0

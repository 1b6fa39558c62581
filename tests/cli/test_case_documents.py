"""estimator case documents: the procedure chosen and items recorded through the command
line, the checklist printed in words, and bad input refused in words with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.domain.onsite_documents import DocumentState, Procedure
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list
from estimator.services.demo import DEMO_USERS
from estimator.services.onsite_documents import document_checklist
from tests.conftest import demo_copy


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> str:
    return sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))


def test_case_documents_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["case", "documents", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "usage: estimator case documents" in out and "--procedure" in out


def test_documents_round_trip(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo)
    case_id = str(case_list.list_cases(engine)[0].case_id)
    wang, _d, _r, wang_pw = DEMO_USERS[0]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", wang_pw)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    base = ["--db", demo, "case", "documents", case_id]
    assert main([*base, "--procedure", "simple", "--as", wang]) == 0
    out = capsys.readouterr().out
    assert "简易程序" in out and "1. 驾驶证\t缺" in out and "查勘时单证齐全：否" in out
    sets = [f"--set={item}=onsite" for item in ("driving_licence", "vehicle_licence")]
    at = ["--at", "2026-12-07T10:30"]
    assert main([*base, *sets, "--set", "id_card=later", *at, "--as", wang]) == 0
    out = capsys.readouterr().out
    assert f"1. 驾驶证\t现场收集\t2026-12-07 10:30 {wang}" in out  # shown in Shanghai time
    assert "5. 身份证\t事后补交" in out
    rest = ["--set", "accident_determination=onsite", "--set", "bank_card=not_needed"]
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    assert main([*base, *rest, *at, "--as", wang]) == 0
    out = capsys.readouterr().out
    assert "documents collected at 2026-12-07 10:30" in out
    assert "4. bank card\tnot needed" in out
    checklist = document_checklist(engine, case_id)
    assert checklist.procedure is Procedure.SIMPLE
    assert [i.state for i in checklist.items] == [
        DocumentState.ONSITE,
        DocumentState.ONSITE,
        DocumentState.ONSITE,
        DocumentState.NOT_NEEDED,
        DocumentState.LATER,
    ]
    # 10:30 typed without a zone is Shanghai time: 02:30 UTC.
    assert checklist.collected_at is not None and checklist.collected_at.hour == 2
    # Printing needs no sign-in.
    monkeypatch.delenv("ESTIMATOR_PASSWORD")
    assert main(base) == 0
    assert "case" in capsys.readouterr().out


def test_bad_input_is_refused_in_words(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo)
    case_id = str(case_list.list_cases(engine)[0].case_id)
    wang, _d, _r, wang_pw = DEMO_USERS[0]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", wang_pw)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    base = ["--db", demo, "case", "documents", case_id, "--as", wang]
    assert main([*base, "--set", "id_card"]) != 0
    assert "单证=状态" in capsys.readouterr().err
    assert main([*base, "--set", "id_card=lost"]) != 0
    assert "lost" in capsys.readouterr().err
    assert main([*base, "--procedure", "summary"]) != 0
    assert "简易程序" in capsys.readouterr().err
    # The ordinary checklist has every item; a passport is none of them.
    assert main([*base, "--set", "passport=onsite"]) != 0
    assert "passport" in capsys.readouterr().err
    checklist = document_checklist(engine, case_id)
    assert {i.state for i in checklist.items} == {DocumentState.MISSING}


def test_estimate_event_records_documents_collected(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo)
    case = case_list.list_cases(engine)[0]
    wang, _d, _r, wang_pw = DEMO_USERS[0]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", wang_pw)
    event = ["estimate", "event", str(case.estimate_id), "documents_collected"]
    assert main(["--db", demo, *event, "--at", "2026-12-07T10:30", "--as", wang]) == 0
    collected = document_checklist(engine, case.case_id).collected_at
    assert collected is not None and (collected.hour, collected.minute) == (2, 30)

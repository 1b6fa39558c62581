"""estimator db backup / db verify, case archive / case delete, through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list, estimate_store, workflow
from estimator.services.audit import verify_audit
from estimator.services.demo import DEMO_USERS
from estimator.services.users import authenticate
from tests.conftest import demo_copy


@pytest.mark.parametrize(
    "words", [["db", "backup"], ["db", "verify"], ["case", "archive"], ["case", "delete"]]
)
def test_the_commands_have_help(words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*words, "--help"])
    assert exited.value.code == 0
    assert "usage: estimator " + " ".join(words) in capsys.readouterr().out


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> str:
    return sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))


def test_backup_then_verify_and_never_overwrite(
    demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backup.sqlite3"
    admin, _d, _r, admin_pw = DEMO_USERS[2]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", admin_pw)
    backup = ["--db", demo, "db", "backup", "-o", str(target), "--as", admin]
    assert main(backup) == 0
    out = capsys.readouterr().out
    head = verify_audit(create_database_engine(demo)).head
    assert "integrity: ok" in out and f"head {head}" in out and "audit trail: intact" in out
    assert main(backup) == 1
    assert "never overwrites" in capsys.readouterr().err
    assert main(["db", "verify", str(target)]) == 0
    assert f"head {head}" in capsys.readouterr().out
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("hello")
    assert main(["db", "verify", str(junk)]) == 1
    err = capsys.readouterr().err
    assert "cannot read" in err and "Traceback" not in err


def test_backup_of_a_server_database_points_at_pg_dump_without_connecting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = "postgresql://nobody@localhost:1/estimator"
    assert main(["--db", url, "db", "backup", "-o", str(tmp_path / "x")]) == 1
    err = capsys.readouterr().err
    assert "SQLite databases only" in err and "pg_dump" in err


def test_archive_a_closed_case_and_refuse_to_delete_it_in_chinese(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo)
    approved = next(c for c in case_list.list_cases(engine) if c.status.value == "approved")
    wang, _d, _r, wang_pw = DEMO_USERS[0]
    assessor = authenticate(engine, wang, wang_pw)
    workflow.customer_signed(engine, approved.estimate_id, assessor)
    workflow.close(engine, approved.estimate_id, assessor)
    case_id = str(approved.case_id)
    monkeypatch.setenv("ESTIMATOR_PASSWORD", wang_pw)
    assert main(["--db", demo, "case", "archive", case_id, "--as", wang, "--reason", "paid"]) == 0
    assert "archived" in capsys.readouterr().out
    assert approved.case_id not in {c.case_id for c in case_list.list_cases(engine)}
    admin, _d, _r, admin_pw = DEMO_USERS[2]
    monkeypatch.setenv("ESTIMATOR_PASSWORD", admin_pw)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main(["--db", demo, "case", "delete", case_id, "--as", admin]) == 1
    assert "保存期限内" in capsys.readouterr().err
    assert main(["--db", demo, "case", "delete", "no-such-case", "--as", admin]) == 1
    assert "没有案件" in capsys.readouterr().err
    assert estimate_store.load_estimate(engine, approved.estimate_id).status.value == "closed"
    engine.dispose()

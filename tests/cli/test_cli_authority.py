"""``estimator estimate approve ID --within-authority`` and ``estimator review sample``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from estimator.cli.main import main
from estimator.domain.workflow import Role
from estimator.services import estimate_store, workflow
from estimator.services.database import open_engine
from estimator.services.settings import set_setting
from estimator.services.users import User, create_user
from tests.services.conftest import import_test_data
from tests.services.documents import document

PASSWORD = "same pw for all 1"


def run(db_url: str, *args: str) -> int:
    return main(["--db", db_url, *args])


@pytest.fixture
def submitted(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """An on-site version (525.00) written and submitted by wang (authority 2,000); every
    rate draws it (the sample rate set to 1)."""
    engine = open_engine(db_url)
    try:
        import_test_data(engine, tmp_path)
        wang = create_user(
            engine, "wang", PASSWORD, {Role.ASSESSOR}, actor="setup", authority=Decimal(2000)
        )
        create_user(engine, "li", PASSWORD, {Role.REVIEWER}, actor="setup")
        set_setting(engine, "authority.sample_rate", "1", User("root", "", frozenset({Role.ADMIN})))
        every = document()["lines"]
        chosen = document(lines=[every[i] for i in (7, 8, 9)], salvage="0")
        made = estimate_store.import_estimate(
            engine, json.dumps(chosen, ensure_ascii=False), actor="wang"
        )
        assert made.estimate_id is not None
        workflow.submit(engine, made.estimate_id, wang)
    finally:
        engine.dispose()
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    return str(made.estimate_id)


def test_approve_within_authority_then_check_the_sample(
    db_url: str, submitted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_url, "review", "sample") == 0
    assert "没有待抽检" in capsys.readouterr().out
    approve = ("estimate", "approve", submitted)
    assert run(db_url, *approve, "--as", "wang") == 1  # without the flag: a reviewer's
    assert run(db_url, *approve, "--within-authority", "--as", "li") == 1  # not an assessor
    assert "定损员" in capsys.readouterr().err
    assert run(db_url, *approve, "--within-authority", "--as", "wang") == 0
    out = capsys.readouterr().out
    assert "状态: 核损通过" in out and "定损权限内核定" in out and "抽检" in out

    assert run(db_url, "review", "sample") == 0
    (listed,) = capsys.readouterr().out.splitlines()
    fields = listed.split("\t")
    assert fields[0] == submitted and fields[3:] == ["525.00", "wang", "抽检"]

    check = ("review", "sample", submitted)
    assert run(db_url, *check, "--as", "li") == 2  # no outcome
    assert run(db_url, *check, "--fail", "--as", "li") == 1  # a failure needs a note
    assert "须写明原因" in capsys.readouterr().err
    assert run(db_url, *check, "--ok", "--as", "wang") == 1  # not a reviewer
    assert run(db_url, *check, "--fail", "--note", "拖车费偏高", "--as", "li") == 0
    assert "核定金额不变" in capsys.readouterr().out
    assert run(db_url, "review", "sample") == 0
    assert "没有待抽检" in capsys.readouterr().out
    assert run(db_url, *check, "--ok", "--as", "li") == 1  # checked once
    assert "li" in capsys.readouterr().err


def test_over_authority_is_refused_in_words(
    db_url: str, submitted: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "first admin pw")
    engine = open_engine(db_url)
    try:
        create_user(engine, "root", PASSWORD, {Role.ADMIN}, actor="setup")
    finally:
        engine.dispose()
    assert run(db_url, "user", "set", "wang", "--authority", "500", "--as", "root") == 0
    capsys.readouterr()
    approve = ("estimate", "approve", submitted, "--within-authority", "--as", "wang")
    assert run(db_url, *approve) == 1
    assert "超过 wang 的定损权限 500.00 元" in capsys.readouterr().err

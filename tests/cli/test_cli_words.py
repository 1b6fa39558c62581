"""The Chinese command line speaks Chinese: a version's status, a reconciled invoice line's
outcome and bearer, and the clocks after an event were printed as their codes (状态:
approved, matched … shop, contact)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from estimator.domain.clocks import CLOCK_ZH
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list
from estimator.services.demo import sample_file
from tests.cli.test_cli import run
from tests.conftest import demo_copy

LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture
def demo_url(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    return sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))


def _estimate_of(url: str, claim_no: str) -> str:
    engine = create_database_engine(url)
    try:
        return str(case_list.list_cases(engine, claim_no)[0].estimate_id)
    finally:
        engine.dispose()


def test_a_reconciled_invoice_names_outcomes_and_bearers_in_words(
    demo_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    estimate_id = _estimate_of(demo_url, "RDAA2026330100000125")
    invoice = str(sample_file("demo_invoice.xlsx"))
    assert run(demo_url, "invoice", "reconcile", estimate_id, invoice) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["一致", "超出", "待追加定损"]
    assert lines[1].endswith("修理厂承担")
    assert not any(LATIN.search(line) for line in lines)


def test_clocks_after_an_event_and_a_status_are_words(
    demo_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_database_engine(demo_url)
    try:
        cases = case_list.list_cases(engine, "")
    finally:
        engine.dispose()
    draft = next(c for c in cases if c.status.value == "draft" and c.assessor == "wang")
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "demo-wang-1")
    assert run(demo_url, "estimate", "event", str(draft.estimate_id), "survey", "--as", "wang") == 0
    clocks = capsys.readouterr().out.splitlines()
    names = [line.split("\t")[0] for line in clocks]
    assert names and set(names) <= set(CLOCK_ZH.values()), names
    submitted = next(c for c in cases if c.status.value == "submitted")
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "demo-li-1")
    approve = ("estimate", "approve", str(submitted.estimate_id), "--reason", "已与修理厂核对")
    assert run(demo_url, *approve, "--as", "li") == 0
    status = capsys.readouterr().out.splitlines()[0]
    assert status.endswith("状态: 核损通过"), status

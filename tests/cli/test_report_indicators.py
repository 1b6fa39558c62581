"""estimator report indicators: the JSON document round trip, the readable tables and the
workbook, on the demo database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from estimator.cli.main import main
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.indicators import indicators_document
from tests.conftest import demo_copy

NOW = dt.datetime(2026, 12, 31, 4, tzinfo=dt.UTC)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    # One moment for the command and the test's own call: the states do not move between them.
    monkeypatch.setattr("estimator.services.indicators.utcnow", lambda: NOW)
    return sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))


def test_json_round_trip(demo: str, capsys: pytest.CaptureFixture[str]) -> None:
    period = ["--from", "2026-01-01", "--to", "2026-12-31"]
    assert main(["--db", demo, "report", "indicators", *period, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    engine = create_database_engine(demo)
    try:
        expected = indicators_document(engine, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    finally:
        engine.dispose()
    assert printed == expected
    assert printed["cases"] and {"from", "to", "timezone", "by_assessor", "by_group"} <= set(
        printed
    )


def test_tables_per_assessor_and_group_and_the_workbook(
    demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    output = tmp_path / "indicators.xlsx"
    command = ["--db", demo, "report", "indicators", "--from", "2026-01-01", "--to", "2026-12-31"]
    assert main([*command, "-o", str(output)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "服务质量指标 2026-01-01 至 2026-12-31"
    assert lines[2].split()[:3] == ["定损员", "案件", "周期均值(天)"]
    assert lines[3].split()[0] == "wang"
    # Attainment per clock follows each table, ratios as percentages.
    attainment = lines.index("时效达成率")
    assert lines[attainment + 1].split()[0] == "定损员"
    assert lines[attainment + 2].split()[0] == "wang" and lines[attainment + 2].endswith("%")
    assert any(line.startswith("普案组") for line in lines)
    assert lines[-1] == f"报表已写入 {output}"
    book = openpyxl.load_workbook(output)
    assert book["按定损员 by assessor"].cell(2, 1).value == "wang"


def test_a_period_ending_before_it_starts_is_refused_in_words(
    demo: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    command = ["--db", demo, "report", "indicators", "--from", "2026-12-01", "--to", "2026-11-01"]
    assert main(command) == 2
    assert "结束日期 2026-11-01 早于开始日期 2026-12-01" in capsys.readouterr().err

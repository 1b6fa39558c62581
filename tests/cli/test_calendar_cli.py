"""estimator template calendar and calendar import: the template filled in and imported by an
administrator, the clocks' calendar then taking the year; a bad file refused row by row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from estimator.cli.main import main
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.calendars import calendar_in_force
from estimator.services.demo import DEMO_USERS
from tests.conftest import demo_copy


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> str:
    return sqlite_url(demo_copy(demo_template, tmp_path / "demo.sqlite3"))


def _admin(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    name, _d, _r, password = next(u for u in DEMO_USERS if u[0] == "admin")
    monkeypatch.setenv("ESTIMATOR_PASSWORD", password)
    return ["--as", name]


def test_template_filled_and_imported(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "calendar.xlsx"
    assert main(["template", "calendar", "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    for row in (("2027-01-01", "holiday", "元旦"), ("2027-02-20", "上班", "春节调休")):
        book["days"].append(row)
    book.save(path)
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main(["--db", demo, "calendar", "import", str(path), *_admin(monkeypatch)]) == 0
    assert "已导入 2027 年工作日历：节假日 1 天，调休上班 1 天" in capsys.readouterr().out
    calendar = calendar_in_force(create_database_engine(demo))
    assert not calendar.counts(dt.date(2027, 1, 1)) and calendar.counts(dt.date(2027, 2, 20))


def test_a_bad_file_is_refused_row_by_row(
    demo: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "days"
    for row in (("date", "kind", "name"), ("2027-02-30", "holiday", ""), ("2027-03-01", "x", "")):
        sheet.append(row)
    book.save(path)
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    assert main(["--db", demo, "calendar", "import", str(path), *_admin(monkeypatch)]) == 1
    err = capsys.readouterr().err
    assert "row 2" in err and "not a date" in err
    assert "row 3" in err and "not one of the allowed values" in err
    assert "the calendar was not imported: 2 problems; nothing changed" in err
    monkeypatch.setenv("ESTIMATOR_PASSWORD", DEMO_USERS[0][3])
    assert main(["--db", demo, "calendar", "import", str(path), "--as", "wang"]) == 1

"""The working-day calendar imported from a workbook, on both engines: a good file stored per
year and audited with its SHA-256; each bad row named and nothing stored; the clocks then use
the imported holidays (another year keeps the shipped file); the template reads back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, workflow
from estimator.services.calendars import (
    calendar_in_force,
    import_calendar,
    write_calendar_template,
)
from estimator.services.users import User
from tests.conftest import write_workbook
from tests.services.conftest import make_team
from tests.services.documents import document

HEADER = ("date", "kind", "name")


@pytest.fixture
def team(engine: Engine) -> dict[str, User]:
    return make_team(engine, root={Role.ADMIN}, wang={Role.ASSESSOR})


def _book(tmp_path: Path, *rows: tuple[object, ...], name: str = "cal.xlsx") -> Path:
    return write_workbook(tmp_path / name, {"days": [HEADER, *rows]})


def test_a_good_file_is_stored_per_year_and_audited(
    engine: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    path = _book(
        tmp_path,
        ("2027-01-01", "holiday", "元旦"),
        (dt.date(2027, 2, 8), "放假", "春节"),
        ("2027-02-20", "workday", "春节调休"),
    )
    result = import_calendar(engine, path, team["root"])
    assert result.stored and (result.years, result.holidays, result.workdays) == ((2027,), 2, 1)
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    calendar = calendar_in_force(engine)
    assert not calendar.counts(dt.date(2027, 1, 1)) and not calendar.counts(dt.date(2027, 2, 8))
    assert calendar.counts(dt.date(2027, 2, 20))  # a Saturday worked
    assert not calendar.counts(dt.date(2026, 10, 1))  # 2026 still from the shipped file
    with UnitOfWork(engine) as uow:
        trail = list(audit.entries(uow.session, "calendar", "calendar_import"))
    assert [(a, d["sha256"], d["holidays"], d["workdays"]) for a, _id, d in trail] == [
        ("root", result.sha256, 2, 1)
    ]
    # A second import of the year replaces it whole.
    again = import_calendar(
        engine, _book(tmp_path, ("2027-01-04", "holiday", ""), name="b.xlsx"), team["root"]
    )
    assert again.stored
    calendar = calendar_in_force(engine)
    assert calendar.counts(dt.date(2027, 1, 1)) and calendar.counts(dt.date(2027, 2, 8))
    assert not calendar.counts(dt.date(2027, 1, 4))


def test_an_imported_year_replaces_the_shipped_one(
    engine: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    # 2026-10-01 is a shipped holiday; an imported 2026 without it makes it a working day.
    assert not calendar_in_force(engine).counts(dt.date(2026, 10, 1))
    import_calendar(engine, _book(tmp_path, ("2026-12-31", "holiday", "测试")), team["root"])
    calendar = calendar_in_force(engine)
    assert calendar.counts(dt.date(2026, 10, 1)) and not calendar.counts(dt.date(2026, 12, 31))


def test_each_bad_row_is_named_and_nothing_stored(
    engine: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    path = _book(
        tmp_path,
        ("2027-01-01", "holiday", "元旦"),
        ("2027-13-01", "holiday", ""),
        ("2027-05-01", "vacation", ""),
        ("2027-01-01", "workday", ""),
        (None, "holiday", ""),
    )
    result = import_calendar(engine, path, team["root"])
    assert not result.stored
    found = sorted((p.row, p.column, p.code) for p in result.problems)
    assert found == [
        (3, "date", "not_a_date"),
        (4, "kind", "unknown_choice"),
        (5, "date", "duplicate_key"),
        (6, "date", "required"),
    ]
    assert "duplicates row 2" in next(p for p in result.problems if p.row == 5).describe("en")
    assert calendar_in_force(engine).counts(dt.date(2027, 1, 1))  # nothing stored
    with UnitOfWork(engine) as uow:
        assert list(audit.entries(uow.session, "calendar", "calendar_import")) == []


def test_refusals(engine: Engine, team: dict[str, User], tmp_path: Path) -> None:
    with pytest.raises(DomainError) as refused:
        import_calendar(engine, _book(tmp_path, ("2027-01-01", "holiday", "")), team["wang"])
    assert refused.value.code == "role_required"
    empty = import_calendar(engine, _book(tmp_path, name="e.xlsx"), team["root"])
    assert [p.code for p in empty.problems] == ["calendar_empty"]
    wrong = write_workbook(tmp_path / "w.xlsx", {"other": [HEADER]})
    assert [p.code for p in import_calendar(engine, wrong, team["root"]).problems] == [
        "missing_sheet"
    ]
    not_a_book = tmp_path / "x.xlsx"
    not_a_book.write_text("hello")
    assert not import_calendar(engine, not_a_book, team["root"]).stored
    # A file that is not there is said, not raised (it raised OSError before).
    missing = import_calendar(engine, tmp_path / "gone.xlsx", team["root"])
    assert [p.code for p in missing.problems] == ["no_file"] and not missing.stored


def test_the_template_has_the_days_sheet(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_calendar_template(path)
    book = openpyxl.load_workbook(path)
    assert next(book["days"].iter_rows(values_only=True)) == HEADER


def test_the_review_clock_uses_the_imported_holidays(priced_db: Engine, tmp_path: Path) -> None:
    team = make_team(priced_db, root={Role.ADMIN}, wang={Role.ASSESSOR})
    created = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    case = estimate_store.load_estimate(priced_db, str(created.estimate_id)).case_id
    # Submitted Thursday 2027-03-04 10:00 Shanghai: the review is due a working day later.
    submitted = dt.datetime(2027, 3, 4, 2, 0, tzinfo=dt.UTC)
    workflow.record_event(priced_db, case, EventKind.SUBMISSION, "wang", submitted)

    def review_due() -> dt.datetime:
        clocks = workflow.case_deadlines(priced_db, created.estimate_id or uuid.uuid4())
        return next(c.due for c in clocks if c.name == "review" and c.start == submitted)

    assert review_due() == dt.datetime(2027, 3, 5, 2, 0, tzinfo=dt.UTC)  # Friday
    import_calendar(priced_db, _book(tmp_path, ("2027-03-05", "holiday", "测试假日")), team["root"])
    assert review_due() == dt.datetime(2027, 3, 8, 2, 0, tzinfo=dt.UTC)  # the Monday after

"""``--skip-invalid`` never overwrites an earlier rejected-rows file (numbered names instead),
and an import that would store nothing makes no catalog or labor version and says so."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.catalog import import_catalog
from estimator.services.labor import import_labor_standard
from estimator.services.users import User, create_user
from tests.conftest import write_workbook
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PART_HEADER, PARTS
from tests.reliability.figures import record
from tests.reliability.test_bounded_input import PASSWORD, run_measured

BAD_PART = [
    "P-9",
    "坏价格",
    "",
    "",
    "",
    "",
    "ZJ",
    "abc",
    None,
    None,
    None,
    None,
    None,
    "2026-10-01",
]


#: The maintainer the imports run as (the services check the role, promise 14).
KEEPER = User("keeper", "keeper", frozenset({Role.MAINTAINER}))


def _versions(database: Path) -> tuple[int, int]:
    with sqlite3.connect(database) as raw:
        return tuple(  # type: ignore[return-value]
            raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("catalog_versions", "labor_versions")
        )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "db.sqlite3"
    create_database_engine(sqlite_url(path)).dispose()
    return path


def _catalog(path: Path, parts: list[list[Any]]) -> Path:
    return write_workbook(path, {"vehicle_models": MODELS, "parts": [PART_HEADER, *parts]})


def _bad_only(path: Path) -> Path:
    """A catalog whose one row is invalid (and no models: the header alone)."""
    return write_workbook(path, {"vehicle_models": [MODELS[0]], "parts": [PART_HEADER, BAD_PART]})


def test_an_earlier_rejected_file_is_never_overwritten(database: Path, tmp_path: Path) -> None:
    engine = create_database_engine(sqlite_url(database))
    earlier = tmp_path / "bad.xlsx.rejected.xlsx"
    earlier.write_bytes(b"the maintainer's notes on the last import")
    files = []
    for number in range(3):  # a different good row each time, so each is a new file
        good = [*PARTS[1 + number][:7], f"{100 + number}.00", *PARTS[1 + number][8:]]
        result = import_catalog(
            engine,
            _catalog(tmp_path / "bad.xlsx", [good, BAD_PART]),
            actor=KEEPER,
            skip_invalid=True,
        )
        assert result.status == "imported" and result.rows_rejected == 1, result.problems
        files.append(result.rejected_file)
    engine.dispose()
    assert earlier.read_bytes() == b"the maintainer's notes on the last import"
    assert files == [tmp_path / f"bad.xlsx.rejected-{n}.xlsx" for n in (2, 3, 4)]
    for path in files:
        assert path is not None
        rows = list(openpyxl.load_workbook(path)["parts"].iter_rows(values_only=True))
        assert rows[1][:2] == ("P-9", "坏价格")


def test_a_catalog_with_no_valid_row_makes_no_version(database: Path, tmp_path: Path) -> None:
    engine = create_database_engine(sqlite_url(database))
    result = import_catalog(
        engine, _bad_only(tmp_path / "bad.xlsx"), actor=KEEPER, skip_invalid=True
    )
    engine.dispose()
    assert result.status == "rejected" and result.version_id is None
    assert [p.code for p in result.problems][-1] == "nothing_to_import"
    assert result.problems[-1].describe("en") == "no valid row to import; no new version was made"
    assert result.rejected_file == tmp_path / "bad.xlsx.rejected.xlsx"
    assert _versions(database) == (0, 0)


def test_an_empty_labor_standard_makes_no_version(database: Path, tmp_path: Path) -> None:
    sheets = {name: rows[:1] for name, rows in labor_rows.sheets().items()}  # headers only
    engine = create_database_engine(sqlite_url(database))
    result = import_labor_standard(
        engine, write_workbook(tmp_path / "empty.xlsx", sheets), actor=KEEPER
    )
    engine.dispose()
    assert result.status == "rejected" and result.rejected_file is None
    assert [p.code for p in result.problems] == ["nothing_to_import"]
    assert _versions(database) == (0, 0)


def test_the_command_says_nothing_was_stored_and_where_the_rows_went(
    database: Path, tmp_path: Path
) -> None:
    engine = create_database_engine(sqlite_url(database))
    create_user(engine, "keeper", PASSWORD, {Role.MAINTAINER}, actor="setup")
    engine.dispose()
    path = _bad_only(tmp_path / "bad.xlsx")
    help_run = run_measured(database, "catalog", "import", "--help")
    signed = ["--as", "keeper"] if "--as" in help_run.out else []
    run = run_measured(database, "catalog", "import", str(path), "--skip-invalid", *signed)
    record("skip-invalid", "no valid row", path, "1 part row, invalid", run)
    assert run.code == 1 and "Traceback" not in run.err, run.err
    assert "no valid row to import; no new version was made" in run.err
    assert "--skip-invalid imports the valid rows" not in run.err
    assert f"rejected rows written to {path}.rejected.xlsx" in run.out
    assert _versions(database) == (0, 0)

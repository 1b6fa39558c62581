"""A search before any catalog import says that nothing was imported and how to import it."""

from __future__ import annotations

from pathlib import Path

import pytest

from estimator.cli.main import main
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PARTS

SAMPLE = "resources/sample_data/demo_catalog.xlsx"


def test_a_search_on_an_empty_catalog_says_how_to_import_one(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--db", db_url, "catalog", "search", "保险杠"]) == 0
    out = capsys.readouterr().out
    assert "no parts catalog has been imported yet" in out
    assert "estimator catalog import" in out and SAMPLE in out
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")
    assert main(["catalog", "search", "保险杠", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("目录中还没有配件：尚未导入配件目录")
    assert "estimator catalog import" in out and SAMPLE in out
    # A model filter on an empty catalog says the same, not "no model X".
    assert main(["catalog", "search", "保险杠", "--model", "TY-CAMRY-18", "--db", db_url]) == 1
    assert "尚未导入配件目录" in capsys.readouterr().err


def test_a_search_that_finds_nothing_in_an_imported_catalog_says_only_that(
    db_url: str, maintainer: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = write_workbook(tmp_path / "catalog.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
    assert main(["--db", db_url, "catalog", "import", str(catalog), *maintainer]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "catalog", "search", "不存在的配件名"]) == 0
    assert capsys.readouterr().out == "no parts found\n"


def test_the_sample_workbook_named_in_the_message_exists() -> None:
    assert (Path(__file__).resolve().parents[2] / SAMPLE).is_file()

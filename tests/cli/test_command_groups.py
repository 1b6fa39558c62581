"""The command tree by group: every group and command answers --help, ``--db`` works after
the subcommand too, and the one error handler words what the commands no longer catch."""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path

import pytest

from estimator.cli.main import GROUPS, build_parser, main
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PARTS


def _commands(
    parser: argparse.ArgumentParser, words: tuple[str, ...] = ()
) -> list[tuple[str, ...]]:
    """Every group and command of the tree, as the words that name it."""
    found: list[tuple[str, ...]] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found.append((*words, name))
                found.extend(_commands(child, (*words, name)))
    return found


COMMANDS = _commands(build_parser())


def test_the_tree_holds_every_group_of_the_contract_each_from_its_module() -> None:
    groups = {words[0] for words in COMMANDS}
    assert groups >= {
        "catalog", "labor", "template", "estimate", "review", "pdf", "flood", "report",
        "invoice", "partner", "audit", "user", "cert", "db", "case",
    }  # fmt: skip
    # One module a group, named after it (flood_guide.py: the flood-guide group).
    named = {module.__name__.rpartition(".")[2].replace("_", "-") for module in GROUPS}
    assert named == groups
    assert ("case", "archive") in COMMANDS and ("db", "backup") in COMMANDS


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_group_and_command_answers_help(
    words: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*words, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: estimator " + " ".join(words))


@pytest.fixture
def catalog_file(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "catalog.xlsx", {"vehicle_models": MODELS, "parts": PARTS})


def test_db_works_after_the_subcommand_as_well_as_before(
    db_url: str,
    catalog_file: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    maintainer: list[str],
) -> None:
    assert main(["catalog", "import", str(catalog_file), "--db", db_url, *maintainer]) == 0
    assert "imported catalog version 1" in capsys.readouterr().out
    assert main(["catalog", "search", "保险杠", "--db", db_url, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert "521190K280" in [p["part_no"] for p in found]
    # After the subcommand it wins over the one before it (the last word said).
    empty = f"sqlite+pysqlite:///{tmp_path / 'empty.sqlite3'}"
    assert main(["--db", empty, "catalog", "search", "保险杠", "--db", db_url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) != []
    # Given only before, the subcommand's absent --db leaves it in place.
    assert main(["--db", empty, "catalog", "search", "保险杠", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_db_after_a_command_that_opens_no_database_is_wrong_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["template", "catalog", "-o", str(tmp_path / "t.xlsx"), "--db", "x"])
    assert exited.value.code == 2
    assert "unrecognized arguments: --db" in capsys.readouterr().err


def test_a_missing_estimate_or_case_is_named_as_typed(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(uuid.uuid4())
    assert main(["--db", db_url, "review", missing]) == 1
    assert capsys.readouterr().err == f"estimator: no estimate {missing}\n"
    assert main(["--db", db_url, "estimate", "diff", missing, "not-an-id"]) == 1
    assert capsys.readouterr().err == f"estimator: no estimate {missing}\n"
    assert main(["--db", db_url, "estimate", "notify", "not-an-id"]) == 1
    assert capsys.readouterr().err == "estimator: no estimate not-an-id\n"


def test_an_unwritable_report_is_a_plain_error(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "no such folder" / "review.xlsx")
    args = ["report", "review", "--from", "2026-01-01", "--to", "2026-12-31", "-o", out]
    assert main(["--db", db_url, *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"estimator: cannot write {out}") and "Traceback" not in err


def test_a_wrong_date_is_wrong_usage(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["report", "review", "--from", "2026-13-01", "--to", "2026-12-31", "-o", "x.xlsx"]
    assert main(["--db", db_url, *args]) == 2
    assert capsys.readouterr().err.startswith("estimator: usage error: ")


def test_a_defect_is_not_hidden_as_a_refusal(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from estimator.services import partners

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a defect")

    monkeypatch.setattr(partners, "partner_shops", broken)
    with pytest.raises(KeyError):
        main(["--db", db_url, "partner", "list"])

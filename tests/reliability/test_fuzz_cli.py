"""No traceback reaches a user (reliability.md, promise 17): every command, fed hostile values.

The commands are read from the parser itself, so a command added later is fuzzed without
touching this file. Each runs in-process through ``main(argv)`` on a copy of the demo
database, signed in as a user holding every role, with one argument or option at a time replaced by
a hostile value (1e308, 1e-300, NaN, exponents, 10^5 digits, NUL, right-to-left and
zero-width characters, 100,000 characters, empty, a folder, a path that does not exist). The
answer must be an exit code (0, 1 or 2: main.py's convention), a message on stderr when it
is not 0, and never a traceback. Below, the cases found by probing from outside, as
regression tests.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from estimator.cli.main import build_parser, main
from tests.conftest import demo_copy, write_workbook
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PARTS
from tests.services.documents import document

FUZZER, PASSWORD = "fuzzer", "fuzz-every-role-1"
Run = Callable[..., tuple[int, str]]
#: Hostile calls per command (ESTIMATOR_FUZZ_EXAMPLES=50 for a longer hunt).
EXAMPLES = int(os.environ.get("ESTIMATOR_FUZZ_EXAMPLES", "4"))
#: Values nobody should type, each worth a message.
HOSTILE = (
    "1e308",
    "1e-300",
    "NaN",
    "inf",
    "-0",
    "1e999999999",
    "9" * 100_000,
    "0." + "0" * 5_000 + "1",
    "2.675",
    "\x00",
    "RDAA\x00123",
    "\u202e54321KZ\u200b",
    "\u200b",
    "A" * 100_000,
    "",
    "   ",
    "٣٫٥",
    "🚗💥",
    "/no/such/folder/file.xlsx",
    "{folder}",
    "{folder}/",
)


@dataclass(frozen=True)
class Slot:
    """One place a value goes: a positional (``option`` None) or an option's value."""

    dest: str
    option: str | None
    required: bool


@dataclass(frozen=True)
class Command:
    """A leaf command: its words and the places that take a value."""

    words: tuple[str, ...]
    slots: tuple[Slot, ...]
    flags: tuple[str, ...]
    choices: dict[str, str]

    def argv(self, base: dict[str, str], fuzzed: Slot | None, value: str) -> list[str]:
        """The command with every required slot filled from ``base`` and ``fuzzed`` holding
        ``value``."""
        argv = list(self.words)
        for slot in self.slots:
            if slot is fuzzed:
                text = value
            elif slot.required:
                text = self.choices.get(slot.dest) or base.get(slot.dest, "x")
            else:
                continue
            argv += [text] if slot.option is None else [f"{slot.option}={text}"]
        return argv


def leaf_commands(parser: argparse.ArgumentParser, words: tuple[str, ...] = ()) -> list[Command]:
    """Every command the parser has, found by walking its sub-parsers."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += leaf_commands(sub, (*words, name))
    if found or not words:
        return found
    # Of a required either-or group, the first is given.
    required_groups = {
        id(group._group_actions[0]) for group in parser._mutually_exclusive_groups if group.required
    }
    slots, flags, choices = [], [], {}
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or action.dest == "db":
            continue  # --db is the test's own database (a hostile one would leave files)
        if action.nargs == 0:
            flags.append(action.option_strings[-1])
            continue
        option = action.option_strings[-1] if action.option_strings else None
        required = action.required or id(action) in required_groups or option is None
        slots.append(Slot(action.dest, option, required))
        if action.choices:
            choices[action.dest] = str(next(iter(action.choices)))
        elif action.type is int:
            choices[action.dest] = "1"
    return [Command(words, tuple(slots), tuple(flags), choices)]


COMMANDS = leaf_commands(build_parser())


@pytest.fixture(scope="module")
def demo_database(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the demo database for the module (the commands refuse almost everything,
    and what they do store does not matter to the next), with a user holding every role so
    that no command stops at the role check before it reads its values."""
    from estimator.domain.workflow import Role
    from estimator.services.database import open_engine, sqlite_url
    from estimator.services.users import create_user

    path = demo_copy(demo_template, tmp_path_factory.mktemp("fuzz") / "demo.sqlite3")
    engine = open_engine(sqlite_url(path))
    create_user(engine, FUZZER, PASSWORD, set(Role), actor="admin")
    engine.dispose()
    return path


@pytest.fixture
def base(demo_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Ordinary values for every slot a command requires, and a working folder whose files
    are thrown away (a hostile output name lands there, not in the checkout)."""
    from estimator.services.case_list import list_cases
    from estimator.services.database import open_engine, sqlite_url

    url = sqlite_url(demo_database)
    engine = open_engine(url)
    estimate_id = str(list_cases(engine)[0].estimate_id)
    engine.dispose()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ESTIMATOR_DB", url)
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "a-new-password-1")
    monkeypatch.setenv("FUZZ_PASSPHRASE", "fuzz-passphrase")
    estimate = tmp_path / "estimate.json"
    estimate.write_text(json.dumps(document(), ensure_ascii=False), encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return {
        "id": estimate_id,
        "estimate_id": estimate_id,
        "first": estimate_id,
        "second": estimate_id,
        "as_user": FUZZER,
        "file": str(estimate),
        "inventory": str(estimate),
        "invoice": str(estimate),
        "rules": str(estimate),
        "depth": "50",
        "output": str(tmp_path / "out.bin"),
        "passphrase_env": "FUZZ_PASSPHRASE",
        "start": "2026-01-01",
        "end": "2026-12-31",
        "region": "ZJ",
        "name": "Fuzz",
        "username": "new-user",
        "folder": str(tmp_path / "folder"),
    }


def invoke(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code and output (stderr, then stdout) of one in-process run; an exception that
    escapes ``main`` fails the test, as it would be a traceback for the user."""
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's usage errors and --help
        code = exit_.code if isinstance(exit_.code, int) else 2
    out, err = capsys.readouterr()
    return code, err + out


def answered(code: int, said: str) -> None:
    """An exit code of the convention, a message when refused, no traceback. (A verdict
    such as ``pdf verify``'s "altered" is printed on stdout, hence both streams.)"""
    assert "Traceback" not in said
    assert code in (0, 1, 2)
    if code:
        assert said.strip(), "refused without a message"


def test_the_parser_yields_every_command() -> None:
    from tests.cli.test_cli import SUBCOMMANDS

    found = {c.words for c in COMMANDS}
    groups = {c.words[0] for c in COMMANDS}
    assert {tuple(words) for words in SUBCOMMANDS if len(words) > 1} <= found
    assert {words[0] for words in SUBCOMMANDS} <= groups  # `template`, `review`: groups too


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c.words))
def test_every_command_answers_hostile_values_without_a_traceback(
    command: Command, base: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    answered(*invoke(command.argv(base, None, ""), capsys))  # the ordinary call first
    if not command.slots:
        return

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(slot=st.sampled_from(command.slots), value=st.sampled_from(HOSTILE))
    def hostile(slot: Slot, value: str) -> None:
        value = value.replace("{folder}", base["folder"])
        answered(*invoke(command.argv(base, slot, value), capsys))

    hostile()


# --- hostile values inside an estimate/1 document ------------------------------------------

#: Where in the documented example a hostile value goes (keys, then line indexes).
JSON_PLACES = (
    ("claim_no",),
    ("region",),
    ("priced_on",),
    ("salvage",),
    ("parts_management_fee_rate",),
    ("price_type",),
    ("shop", "name"),
    ("shop", "class"),
    ("vehicle", "vin"),
    ("vehicle", "plate"),
    ("vehicle", "model_code"),
    ("vehicle", "paint_type"),
    ("lines", 0, "qty"),
    ("lines", 0, "part_no"),
    ("lines", 2, "unit_price"),
    ("lines", 2, "override_reason"),
    ("lines", 5, "hours"),
    ("lines", 7, "description"),
    ("lines", 8, "amount"),
    ("lines",),
)
#: JSON's own hostile values besides the texts: huge numbers, wrong types.
JSON_HOSTILE: tuple[object, ...] = (
    *HOSTILE[:18],
    1e308,
    10**400,
    -1,
    None,
    True,
    [],
    {},
    [[[[[[[[]]]]]]]],
)


@settings(
    max_examples=EXAMPLES * 6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(place=st.sampled_from(JSON_PLACES), value=st.sampled_from(JSON_HOSTILE))
def test_hostile_values_in_an_estimate_document_are_refused_in_words(
    cli: Run, tmp_path: Path, place: tuple[str | int, ...], value: object
) -> None:
    doc: Any = document()
    target = doc
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = value
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for command in ("price", "import"):
        answered(*cli("estimate", command, str(path)))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "nests deeper than the limit"),
        ("[" + "9" * 5_000 + "]", "the number is too long"),
    ],
)
def test_json_python_cannot_read_is_refused_in_words(
    cli: Run, tmp_path: Path, text: str, says: str
) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    code, said = cli("estimate", "price", str(path))
    answered(code, said)
    assert code == 1 and says in said


# --- the cases found by probing, as regression tests -------------------------------------


#: Commands that write and so name who does it (--as, promise 14).
WRITES = {("catalog", "import"), ("labor", "import"), ("estimate", "import")}


@pytest.fixture
def cli(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Run:
    """Run a command on a fresh database with the sample catalog and labor standard, the
    writing ones as a user holding every role."""
    from estimator.domain.workflow import Role
    from estimator.services.database import open_engine
    from estimator.services.users import create_user

    engine = open_engine(db_url)
    create_user(engine, FUZZER, PASSWORD, set(Role), actor="first-run")
    engine.dispose()
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PASSWORD)

    def run(*argv: str) -> tuple[int, str]:
        signed = ["--as", FUZZER] if tuple(argv[:2]) in WRITES else []
        return invoke(["--db", db_url, *argv, *signed], capsys)

    catalog = write_workbook(tmp_path / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
    assert run("catalog", "import", str(catalog))[0] == 0
    labor = write_workbook(tmp_path / "l.xlsx", labor_rows.sheets())
    assert run("labor", "import", str(labor))[0] == 0
    return run


@pytest.mark.parametrize("price", ["1e308", 1e308, "1e999999999", "9" * 5_000])
def test_a_huge_price_in_a_workbook_is_refused_in_words(
    cli: Run, tmp_path: Path, price: object
) -> None:
    run = cli
    parts = copy.deepcopy(PARTS)
    parts[1][7] = price
    catalog = write_workbook(tmp_path / "c2.xlsx", {"vehicle_models": MODELS, "parts": parts})
    code, err = run("catalog", "import", str(catalog))
    answered(code, err)
    assert code == 1 and "price_oem_4s" in err
    sheets = copy.deepcopy(labor_rows.sheets())
    sheets["labor_rates"][1][-1] = price
    code, err = run("labor", "import", str(write_workbook(tmp_path / "l2.xlsx", sheets)))
    answered(code, err)
    assert code == 1 and "rate" in err


def test_a_price_of_1e_minus_300_is_refused_not_stored_as_zero(cli: Run, tmp_path: Path) -> None:
    run = cli
    parts = copy.deepcopy(PARTS)
    parts[1][7] = "1e-300"
    catalog = write_workbook(tmp_path / "c2.xlsx", {"vehicle_models": MODELS, "parts": parts})
    code, err = run("catalog", "import", str(catalog))
    assert code == 1 and "more than 4 decimal places" in err
    doc = document()
    doc["lines"][7]["unit_price"] = "1e-300"
    path = tmp_path / "e.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, err = run("estimate", "price", str(path))
    assert code == 1 and "lines[7].unit_price" in err and "more than 4 decimal places" in err


@pytest.mark.parametrize(
    ("qty", "says"),
    [
        ("1e999999999", "the number is too large"),
        ("9" * 5_000, "the number is too large"),
        ("1e308", "the number is too large"),
        ("NaN", "not a number"),
    ],
)
def test_huge_quantities_in_an_estimate_are_refused_in_words(
    cli: Run, tmp_path: Path, qty: str, says: str
) -> None:
    run = cli
    doc = document()
    doc["lines"][7]["qty"] = qty
    path = tmp_path / "e.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    for command in ("price", "import"):
        code, err = run("estimate", command, str(path))
        answered(code, err)
        assert code == 1 and "lines[7].qty" in err and says in err


def test_flood_depth_1e308_is_a_usage_error(cli: Run) -> None:
    code, err = cli("flood", "assess", "inv.xlsx", "--rules", "r.xlsx", "--depth", "1e308")
    answered(code, err)
    assert code == 2 and "--depth" in err


@pytest.mark.parametrize(
    ("claim_no", "says"),
    [("A" * 100_000, "longer than 60 characters"), ("RDAA\x00123", "U+0000")],
)
def test_a_claim_number_postgresql_cannot_store_is_refused_on_sqlite_too(
    cli: Run, tmp_path: Path, claim_no: str, says: str
) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps(document(claim_no=claim_no)), encoding="utf-8")
    code, err = cli("estimate", "import", str(path))
    answered(code, err)
    assert code == 1 and "claim_no" in err and says in err


def test_salvage_above_the_estimate_is_refused(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "e.json"
    path.write_text(json.dumps(document(salvage="999999.00")), encoding="utf-8")
    for command in ("price", "import"):
        code, err = cli("estimate", command, str(path))
        assert code == 1
        assert "the salvage 999,999.00 is more than the total 6,544.00" in err


@pytest.mark.parametrize(
    ("path", "code"), [("a\x00b.json", 2), ("{tmp}", 1), ("/no/such/file.json", 1), ("", 1)]
)
def test_unreadable_paths_are_refused_in_words(
    cli: Run, tmp_path: Path, path: str, code: int
) -> None:
    said = cli("estimate", "price", path.replace("{tmp}", str(tmp_path)))
    answered(*said)
    assert said[0] == code

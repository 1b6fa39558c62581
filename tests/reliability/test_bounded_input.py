"""Any single input is read within the stated memory bound, or refused in words first
(reliability.md, promise 16; the README's reliability section states the figures).

Each hostile file goes through the real command (``estimator catalog import`` for workbooks,
``estimator estimate price`` for JSON) in a subprocess whose peak resident memory is read
from the kernel (its VmHWM in /proc as it exits): below the bound (500 MB by default), exit 1, a
message naming the limit, no traceback, the database unchanged. The files are built once per
session, without holding them in memory (tests/hostile_workbooks.py). Each run's figures are
recorded (tests/reliability/figures.py) and printed as a table after the run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from estimator.persistence.database import create_database_engine, sqlite_url
from kernel.bounds import DEFAULT_MEMORY_MB, MEMORY_ENV
from kernel.cells import MAX_INTEGER_DIGITS
from kernel.json_input import MAX_JSON_BYTES, MAX_JSON_DEPTH, MAX_JSON_LINES, MAX_NUMBER_CHARS
from kernel.workbook_guard import (
    MAX_ROW_XML_BYTES,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_BYTES,
)
from tests import hostile_workbooks as hostile
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PART_HEADER
from tests.reliability.figures import LIMITS, record, size_text
from tests.reliability.test_hostile_imports import _part_row, fingerprint

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="peak memory is read in /proc")

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "keeper-password-1"
TIME_BOUND_S = 60.0

LIMITS.update(
    {
        "memory bound": f"{DEFAULT_MEMORY_MB} MB RSS gained while reading ({MEMORY_ENV})",
        "workbook": f"a sheet unpacks to at most {MAX_SHEET_BYTES:,} bytes, shared strings "
        f"{MAX_SHARED_STRINGS_BYTES:,}, one row's XML {MAX_ROW_XML_BYTES:,}",
        "estimate JSON": f"{MAX_JSON_BYTES:,} bytes, {MAX_JSON_LINES:,} lines, "
        f"{MAX_JSON_DEPTH} levels, {MAX_NUMBER_CHARS} characters a number",
    }
)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    peak_mb: float
    seconds: float


#: ``python -m estimator`` that writes its peak resident memory (VmHWM, which exec starts
#: afresh) to the file named by PEAK_FILE as it exits. Not the rusage of the child: after
#: fork and exec its ru_maxrss still counts the test process's pages at the fork.
MEASURED = """
import atexit, os, runpy, sys
def peak():
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    with open(os.environ["PEAK_FILE"], "w") as out:
        out.write(fields["VmHWM"].split()[0])
atexit.register(peak)
sys.argv[0] = "estimator"
runpy.run_module("estimator", run_name="__main__", alter_sys=True)
"""


def run_measured(
    database: Path, *args: str, env: dict[str, str] | None = None, timeout: float = TIME_BOUND_S
) -> Run:
    """``estimator --db … ARGS`` in a subprocess, in English; its exit code, output and peak
    resident memory."""
    peak_file = database.parent / "peak.kib"
    peak_file.unlink(missing_ok=True)
    environment = {
        **os.environ,
        "ESTIMATOR_LANG": "en",
        "PYTHONPATH": str(ROOT),
        "ESTIMATOR_PASSWORD": PASSWORD,
        "PEAK_FILE": str(peak_file),
        **(env or {}),
    }
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, "--db", sqlite_url(database), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        check=False,
    )
    seconds = time.perf_counter() - start
    return Run(
        done.returncode,
        done.stdout,
        done.stderr,
        int(peak_file.read_text()) / 1024,  # VmHWM is in KiB
        seconds,
    )


def assert_refused(run: Run, *words: str) -> None:
    """Exit 1, no traceback, the words (the limit among them) on stderr, memory in bound."""
    assert "Traceback" not in run.err, run.err
    assert run.code == 1, (run.code, run.out, run.err)
    for word in words:
        assert word in run.err, run.err
    assert run.peak_mb < DEFAULT_MEMORY_MB, f"peak {run.peak_mb:.0f} MB"


# --- the database and the writer's sign-in ----------------------------------------------------


@pytest.fixture(scope="session")
def base_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database with a maintainer ("keeper"), for imports that require a sign-in."""
    from estimator.domain.workflow import Role
    from estimator.services.users import create_user

    path = tmp_path_factory.mktemp("bounded") / "base.sqlite3"
    engine = create_database_engine(sqlite_url(path))
    create_user(engine, "keeper", PASSWORD, {Role.MAINTAINER}, actor="setup")
    engine.dispose()
    return path


@pytest.fixture
def database(base_database: Path, tmp_path: Path) -> Path:
    target = tmp_path / "db.sqlite3"
    shutil.copy(base_database, target)
    return target


@pytest.fixture(scope="session")
def signed(base_database: Path) -> list[str]:
    """``--as keeper`` when ``catalog import`` takes it (named writers), else nothing."""
    done = subprocess.run(
        [sys.executable, "-m", "estimator", "catalog", "import", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "ESTIMATOR_LANG": "en", "PYTHONPATH": str(ROOT)},
        check=False,
    )
    return ["--as", "keeper"] if "--as" in done.stdout else []


# --- hostile workbooks, built once ------------------------------------------------------------


@pytest.fixture(scope="session")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile_workbooks")
    source = write_workbook(
        folder / "source.xlsx", {"vehicle_models": MODELS, "parts": [PART_HEADER, _part_row(0)]}
    )
    parts = "xl/worksheets/sheet2.xml"
    header = hostile.SHEET_HEAD + hostile.row_block(lambda _: PART_HEADER, 1)
    block = hostile.row_block(_part_row, 2000)  # 1.2 MB of rows, deflated about 30:1
    huge = hostile.repeated_member(
        parts, header, block, 1_260_000_000 // len(block), hostile.SHEET_TAIL
    )
    lying = hostile.repeated_member(parts, header, block, 20, hostile.SHEET_TAIL)
    cells = "".join(f'<c t="inlineStr"><is><t>{n}</t></is></c>' for n in range(20_000))
    strings = "".join(f"<si><t>{n:09d}</t></si>" for n in range(100_000)).encode()
    members = {
        # The probed file: 40 MB whose parts sheet unpacks to 1.26 GB (the probe's peaked at
        # 2.6 GB before a misleading refusal).
        "huge sheet": huge,
        # A 24 MB sheet whose zip directory says 1 MB.
        "lying member": hostile.RawMember(**{**lying.__dict__, "declared": 10**6}),
        # One row of 9 MB (under the ratio check's floor, over the row limit).
        "giant row": hostile.repeated_member(
            parts, header + b"<row>", cells.encode(), 15, b"</row>" + hostile.SHEET_TAIL
        ),
        # Shared strings of 40 MB, which openpyxl would hold whole (about 0.3 GB in memory).
        "shared strings": hostile.repeated_member(
            "xl/sharedStrings.xml", b"<sst>", strings, 20, b"</sst>"
        ),
    }
    names = {"huge sheet": "huge", "lying member": "lying", "giant row": "row"}
    for case, member in members.items():
        held = f"{member.name} unpacks to {size_text(member.size)}"
        if member.declared is not None:
            held += f" (its directory says {size_text(member.declared)})"
        WORKBOOK_HOLDS[case] = held
    return {
        case: hostile.with_member(source, folder / f"{names.get(case, 'strings')}.xlsx", member)
        for case, member in members.items()
    }


#: What each hostile workbook unpacks to (filled as the files are built), for the figures.
WORKBOOK_HOLDS: dict[str, str] = {}


WORKBOOK_CASES = [
    ("huge sheet", ["xl/worksheets/sheet2.xml", f"the limit of {MAX_SHEET_BYTES} bytes"]),
    ("lying member", ["damaged", "CRC"]),
    ("giant row", [f"the limit of {MAX_ROW_XML_BYTES} bytes"]),
    ("shared strings", ["xl/sharedStrings.xml", f"the limit of {MAX_SHARED_STRINGS_BYTES} bytes"]),
]


@pytest.mark.parametrize(("case", "words"), WORKBOOK_CASES, ids=[c[0] for c in WORKBOOK_CASES])
def test_a_workbook_over_its_limits_is_refused_within_the_memory_bound(
    workbooks: dict[str, Path], database: Path, signed: list[str], case: str, words: list[str]
) -> None:
    before = fingerprint(database)
    run = run_measured(database, "catalog", "import", str(workbooks[case]), *signed)
    record("workbook", case, workbooks[case], WORKBOOK_HOLDS[case], run)
    assert_refused(run, *words)
    assert fingerprint(database) == before


def test_the_huge_sheet_is_refused_from_the_zip_directory_in_seconds(
    workbooks: dict[str, Path], database: Path, signed: list[str]
) -> None:
    run = run_measured(database, "catalog", "import", str(workbooks["huge sheet"]), *signed)
    assert_refused(run, "unpacks to 1259")
    assert run.peak_mb < 200 and run.seconds < 20  # nothing was unpacked


def test_a_well_formed_workbook_too_big_for_the_bound_is_refused_in_words(
    tmp_path_factory: pytest.TempPathFactory, database: Path, signed: list[str]
) -> None:
    # The backstop: rows that are each fine, but more than the memory bound holds. The bound
    # is configurable; at 10 MB (its floor) 30,000 rows are too many to read (about 1 KB
    # each, as the import keeps them until it stores them all at once).
    folder = tmp_path_factory.mktemp("many_rows")
    source = write_workbook(
        folder / "source.xlsx", {"vehicle_models": MODELS, "parts": [PART_HEADER, _part_row(0)]}
    )
    path = hostile.many_rows(
        source, folder / "many.xlsx", "xl/worksheets/sheet2.xml", PART_HEADER, _part_row, 30_000
    )
    before = fingerprint(database)
    run = run_measured(database, "catalog", "import", str(path), *signed, env={MEMORY_ENV: "10"})
    record("workbook", "30,000 good rows, bound 10 MB", path, "30,000 rows of about 1 KB", run)
    assert_refused(run, "the limit of 10 MB", MEMORY_ENV)
    assert fingerprint(database) == before


# --- hostile JSON --------------------------------------------------------------------------


def _estimate(*lines: str) -> str:
    return (
        '{"format": "estimate/1", "region": "ZJ", "shop": {"class": "class1"}, "lines": [\n'
        + ",\n".join(lines)
        + "\n]}\n"
    )


SUBLET = '{"kind": "sublet", "description": "四轮定位", "amount": "200"}'


def _million_lines(path: Path) -> Path:
    """The probed file: an estimate of 1,000,000 lines (about 70 MB), written in pieces."""
    with path.open("w", encoding="utf-8") as out:
        out.write(_estimate()[:-4])
        block = ",\n".join([SUBLET] * 10_000)
        for number in range(100):
            out.write(("," if number else "") + block + "\n")
        out.write("]}\n")
    return path


@pytest.fixture(scope="session")
def json_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile_json")
    files = {
        "million text lines": _estimate(*["{}"] * 1_000_000).replace(",\n", ",\n\n"),
        "deep nesting": '{"format": "estimate/1", "lines": '
        + "[" * 1_000_000
        + "]" * 1_000_000
        + "}",
        "1e999999999": _estimate(
            '{"kind": "part", "part_no": "52119-0K280", "qty": "1e999999999"}'
        ),
        "5,000 digits": _estimate(
            '{"kind": "part", "part_no": "52119-0K280", "qty": ' + "9" * 5000 + "}"
        ),
        "5,000 digits as text": _estimate(
            '{"kind": "part", "part_no": "52119-0K280", "qty": "' + "9" * 5000 + '"}'
        ),
        "duplicate key": _estimate(
            '{"kind": "sublet", "description": "x", "amount": "1", "amount": "99999"}'
        ),
    }
    paths = {name: folder / f"{index}.json" for index, name in enumerate(files)}
    for name, text in files.items():
        paths[name].write_text(text, encoding="utf-8")
    paths["million lines"] = _million_lines(folder / "million.json")
    return paths


JSON_CASES = [
    ("million lines", [f"the limit is {MAX_JSON_BYTES} bytes"]),
    ("million text lines", [f"the limit is {MAX_JSON_LINES} lines"]),
    ("deep nesting", [f"the limit of {MAX_JSON_DEPTH} levels", "line 1, column"]),
    ("1e999999999", ["lines[0].qty", f"more than {MAX_INTEGER_DIGITS} digits before the point"]),
    ("5,000 digits", ["line 2, column", f"the limit is {MAX_NUMBER_CHARS} characters"]),
    (
        "5,000 digits as text",
        ["lines[0].qty", f"more than {MAX_INTEGER_DIGITS} digits before the point"],
    ),
    ("duplicate key", ["lines[0]", "the key 'amount' appears twice"]),
]


#: What each hostile estimate declares, for the figures.
JSON_HOLDS = {
    "million lines": "1,000,000 estimate lines",
    "million text lines": "2,000,000 lines of text",
    "deep nesting": "1,000,000 levels of nesting",
    "1e999999999": "a quantity of 10^999999999",
    "5,000 digits": "a quantity of 5,000 digits",
    "5,000 digits as text": "a quantity of 5,000 digits, as text",
    "duplicate key": "one key twice in a line",
}


@pytest.mark.parametrize(("case", "words"), JSON_CASES, ids=[c[0] for c in JSON_CASES])
def test_a_json_estimate_over_its_limits_is_refused_within_the_memory_bound(
    json_files: dict[str, Path], database: Path, case: str, words: list[str]
) -> None:
    run = run_measured(database, "estimate", "price", str(json_files[case]))
    record("estimate JSON", case, json_files[case], JSON_HOLDS[case], run)
    assert_refused(run, *words)
    assert run.seconds < 20


def test_the_million_line_estimate_is_refused_before_it_is_read(
    json_files: dict[str, Path], database: Path
) -> None:
    path = json_files["million lines"]
    assert path.stat().st_size > 50_000_000
    run = run_measured(database, "estimate", "price", str(path))
    assert_refused(run, f"({path.stat().st_size} bytes)")
    assert run.peak_mb < 150  # the 70 MB file was never read into memory

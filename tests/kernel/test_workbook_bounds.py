"""The workbook's size limits, checked from the zip directory and again while unpacking, and
the memory bound's setting (kernel.workbook_guard, kernel.bounds)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from kernel import bounds, workbook_guard
from kernel.bounds import MEMORY_ENV, MemoryWatch, memory_bound_mb
from kernel.workbook import ColumnSpec, SheetSpec, Workbook, count_rows
from kernel.workbook_guard import (
    MAX_PART_BYTES,
    MAX_ROWS,
    MAX_SHARED_STRINGS_BYTES,
    MAX_SHEET_BYTES,
    MAX_TOTAL_BYTES,
    BoundedArchive,
    WorkbookRefused,
    check_archive,
    member_limit,
)
from tests import hostile_workbooks as hostile
from tests.conftest import write_workbook


def test_the_limits_are_tied_to_the_row_limit() -> None:
    assert MAX_SHEET_BYTES == MAX_ROWS * 1024 == 1024**3
    assert MAX_SHARED_STRINGS_BYTES == MAX_ROWS * 32
    assert MAX_TOTAL_BYTES == MAX_SHEET_BYTES + MAX_SHARED_STRINGS_BYTES + 64 * 1024**2
    assert member_limit("xl/worksheets/sheet7.xml") == MAX_SHEET_BYTES
    assert member_limit("xl/sharedStrings.xml") == MAX_SHARED_STRINGS_BYTES
    assert member_limit("xl/styles.xml") == member_limit("[Content_Types].xml") == MAX_PART_BYTES
    assert member_limit("xl/media/image1.png") is None  # never read; counted in the total


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "source.xlsx", {"parts": [["part_no"], ["A1"]]})


def test_a_member_over_its_limit_is_refused_from_the_directory_before_unpacking(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 12 MB (8 MiB allowed), varied enough to pass the compression ratio check
    styles = "".join(f'<x a="{n}"/>' for n in range(1_000_000)).encode()
    path = hostile.with_member(
        source, tmp_path / "styles.xlsx", hostile.plain_member("xl/styles.xml", styles)
    )

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("unpacked a member")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    with pytest.raises(WorkbookRefused) as refused:
        check_archive(path)
    problem = refused.value.problem
    assert problem.code == "member_too_large"
    assert problem.params == {
        "member": "xl/styles.xml",
        "figure": len(styles),
        "limit": MAX_PART_BYTES,
    }
    assert "xl/styles.xml" in problem.describe("en") and str(MAX_PART_BYTES) in problem.describe(
        "zh"
    )


def test_a_member_is_cut_off_at_its_limit_while_it_is_unpacked(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever the directory says: here the limit is lowered below the real (and declared) size.
    monkeypatch.setattr(workbook_guard, "MAX_SHEET_BYTES", 100)
    with BoundedArchive(source) as archive, archive.open("xl/worksheets/sheet1.xml") as stream:
        assert len(stream.read(60)) == 60
        with pytest.raises(WorkbookRefused) as refused:
            stream.read()
    assert refused.value.problem.code == "member_too_large"
    assert refused.value.problem.params["limit"] == 100
    with BoundedArchive(source) as archive, pytest.raises(WorkbookRefused):
        archive.read("xl/worksheets/sheet1.xml")


def test_a_lying_member_is_refused_and_never_read_past_what_it_declared(
    source: Path, tmp_path: Path
) -> None:
    sheet = "xl/worksheets/sheet1.xml"
    block = hostile.row_block(lambda n: [f"A{n}"], 1000)
    member = hostile.repeated_member(sheet, hostile.SHEET_HEAD, block, 50, hostile.SHEET_TAIL)
    lying = hostile.RawMember(**{**member.__dict__, "declared": 5000})
    path = hostile.with_member(source, tmp_path / "lying.xlsx", lying)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(sheet).file_size == 5000
    with pytest.raises(WorkbookRefused) as refused, Workbook(path) as book:
        book.sheet(_parts_spec())
    assert refused.value.problem.code == "corrupt_workbook"
    assert "CRC" in refused.value.problem.describe("en")


def _parts_spec() -> SheetSpec:
    return SheetSpec("parts", (), (ColumnSpec("part_no", required=True),))


def test_a_row_longer_than_its_limit_is_refused_while_the_rows_are_counted() -> None:
    rows = b"<sheetData>" + b"<row><c/></row>" * 10 + b"<row>" + b"<c/>" * 1000 + b"</row>"
    assert count_rows(io.BytesIO(rows), 100, max_row_bytes=5000) == 11
    with pytest.raises(WorkbookRefused) as refused:
        count_rows(io.BytesIO(rows), 100, max_row_bytes=3000)
    assert refused.value.problem.code == "row_too_large"
    head = b"<worksheet>" + b" " * 5000 + b"<row/>"
    with pytest.raises(WorkbookRefused):
        count_rows(io.BytesIO(head), 100, max_row_bytes=3000)


def test_the_memory_bound_is_500_mb_unless_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MEMORY_ENV, raising=False)
    assert memory_bound_mb() == 500
    for text, expected in (("800", 800), (" 10 ", 10), ("9", 500), ("lots", 500), ("", 500)):
        monkeypatch.setenv(MEMORY_ENV, text)
        assert memory_bound_mb() == expected


def test_the_watch_measures_what_reading_adds(monkeypatch: pytest.MonkeyPatch) -> None:
    now = bounds.resident_bytes()
    assert now is not None and 10 * bounds.MIB < now < 10_000 * bounds.MIB
    resident = iter([100 * bounds.MIB, 150 * bounds.MIB, 170 * bounds.MIB])
    monkeypatch.setattr(bounds, "resident_bytes", lambda: next(resident))
    watch = MemoryWatch(limit_mb=60)
    assert watch.over() is None
    assert watch.over() == {"limit": 60, "figure": 70, "variable": MEMORY_ENV}

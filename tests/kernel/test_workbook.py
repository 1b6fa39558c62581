from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from kernel.workbook import (
    CellError,
    ColumnSpec,
    RejectedSheet,
    SheetSpec,
    Workbook,
    WorkbookRefused,
    cell_date,
    cell_decimal,
    cell_text,
    cell_yes_no,
    normalize_header,
    rejected_path,
    write_rejected,
)
from tests import hostile_workbooks as hostile
from tests.conftest import write_workbook

SPEC = SheetSpec(
    "parts",
    ("配件",),
    (ColumnSpec("part_no", ("配件编码", "OE号"), required=True), ColumnSpec("price", ("价格",))),
)


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "good.xlsx", {"parts": [["part_no", "price"], ["A1", 2.675]]})


def test_headers_match_ignoring_case_spaces_and_full_width() -> None:
    assert normalize_header(" ＰＡＲＴ_ＮＯ ") == "part_no"
    assert normalize_header("OE号") == normalize_header("ｏｅ号")


def test_chinese_aliases_and_sheet_names_are_accepted(tmp_path: Path) -> None:
    path = write_workbook(
        tmp_path / "zh.xlsx", {"配件": [[" OE号 ", "价格", "备注"], ["A1", "12.5", "x"]]}
    )
    with Workbook(path) as book:
        reader, problems = book.sheet(SPEC)
        assert reader is not None
        rows = list(reader)
    assert [(r.number, r.values) for r in rows] == [(2, {"part_no": "A1", "price": "12.5"})]
    assert [(p.code, p.column, p.severity) for p in problems] == [("ignored_column", "C", "note")]


def test_missing_and_duplicate_columns_are_reported(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "dup.xlsx", {"parts": [["price", "价格"], [1, 2]]})
    with Workbook(path) as book:
        reader, problems = book.sheet(SPEC)
    assert reader is None
    assert {p.code for p in problems} == {"duplicate_column", "missing_column"}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [(2.675, "2.675"), (0.1, "0.1"), (1234567.005, "1234567.005"), (0.30000000000000004, "0.3")],
)
def test_numbers_typed_in_excel_import_exactly(tmp_path: Path, typed: float, expected: str) -> None:
    path = write_workbook(tmp_path / "n.xlsx", {"parts": [["part_no", "price"], ["A", typed]]})
    with Workbook(path) as book:
        reader, _ = book.sheet(SPEC)
        assert reader is not None
        (row,) = list(reader)
    assert isinstance(row.values["price"], float)
    assert cell_decimal(row.values["price"], places=4) == Decimal(expected)


def test_numeric_text_with_full_width_digits_and_currency_signs_is_accepted() -> None:
    assert cell_decimal("１２３．５０", places=2) == Decimal("123.50")
    assert cell_decimal("￥1,200.00", places=2) == Decimal("1200.00")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("abc", "not_a_number"),
        ("1.23456", "too_many_places"),
        ("-1", "below_minimum"),
        ("=A1*2", "formula_cell"),
        (True, "not_a_number"),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(value: object, code: str) -> None:
    with pytest.raises(CellError) as caught:
        cell_decimal(value, places=4)
    assert caught.value.code == code


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-01",
        "2026/11/1",
        "2026.11.01",
        "2026年11月1日",
        "20261101",
        dt.datetime(2026, 11, 1, 0, 0),
        dt.date(2026, 11, 1),
    ],
)
def test_dates_as_cells_or_text(value: object) -> None:
    assert cell_date(value) == dt.date(2026, 11, 1)


@pytest.mark.parametrize("value", ["2026-13-01", "next week", "2026-02-30"])
def test_bad_dates_are_refused(value: str) -> None:
    with pytest.raises(CellError, match="not_a_date"):
        cell_date(value)


def test_yes_no_in_both_languages() -> None:
    assert cell_yes_no("是") is True
    assert cell_yes_no("No") is False
    assert cell_yes_no(None) is False
    with pytest.raises(CellError):
        cell_yes_no("maybe")


def test_over_long_text_is_refused() -> None:
    with pytest.raises(CellError, match="text_too_long"):
        cell_text("字" * 201, limit=200)


def _read_all(path: Path, **options: int) -> None:
    with Workbook(path, **options) as book:
        reader, _ = book.sheet(SPEC)
        assert reader is not None
        list(reader)


def _refusal(path: Path) -> str:
    with pytest.raises(WorkbookRefused) as caught:
        _read_all(path)
    return caught.value.problem.code


def test_a_text_file_is_not_a_workbook(tmp_path: Path) -> None:
    assert _refusal(hostile.not_a_workbook(tmp_path / "a.xlsx")) == "not_a_workbook"


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "nowhere.xlsx") == "no_file"


def test_a_truncated_workbook_is_refused(tmp_path: Path, good: Path) -> None:
    assert _refusal(hostile.truncated(good, tmp_path / "t.xlsx")) in {
        "not_a_workbook",
        "corrupt_workbook",
    }


def test_an_encrypted_workbook_is_refused_with_its_own_message(tmp_path: Path) -> None:
    assert _refusal(hostile.encrypted(tmp_path / "e.xlsx")) == "encrypted_workbook"


def test_a_zip_bomb_is_refused_before_inflating(tmp_path: Path, good: Path) -> None:
    assert _refusal(hostile.zip_bomb(good, tmp_path / "b.xlsx")) == "zip_bomb"


def test_entity_expansion_is_refused(tmp_path: Path, good: Path) -> None:
    assert _refusal(hostile.entity_expansion(good, tmp_path / "x.xlsx")) == "unsafe_xml"


def test_external_entities_are_refused(tmp_path: Path, good: Path) -> None:
    assert _refusal(hostile.external_entity(good, tmp_path / "x.xlsx")) == "unsafe_xml"


def test_unsafe_xml_hidden_past_the_quick_scan_is_still_refused(tmp_path: Path, good: Path) -> None:
    # The DOCTYPE sits behind a comment longer than the quick scan: defusedxml must catch it.
    assert (
        _refusal(hostile.external_entity(good, tmp_path / "x.xlsx", padding=10_000)) == "unsafe_xml"
    )


def test_openpyxl_parses_through_defusedxml() -> None:
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_workbooks_are_refused_when_the_xml_guard_is_off(
    monkeypatch: pytest.MonkeyPatch, good: Path
) -> None:
    import openpyxl

    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    assert _refusal(good) == "xml_guard_off"


def test_row_limit_refuses_oversized_sheets(tmp_path: Path) -> None:
    rows = [["part_no", "price"]] + [[f"A{i}", i] for i in range(30)]
    path = write_workbook(tmp_path / "many.xlsx", {"parts": rows})
    with pytest.raises(WorkbookRefused) as caught:
        _read_all(path, max_rows=10)
    assert caught.value.problem.code == "too_many_rows"


def _refused_after(path: Path, max_rows: int) -> tuple[str, int]:
    """The refusal's code and how many data rows were read before it."""

    def read(book: Workbook) -> None:
        reader, _ = book.sheet(SPEC)
        assert reader is not None
        list(reader)

    with Workbook(path, max_rows=max_rows) as book:
        with pytest.raises(WorkbookRefused) as caught:
            read(book)
        return caught.value.problem.code, book.rows_read


def test_a_sheet_declaring_more_rows_than_the_limit_is_refused_before_reading(
    tmp_path: Path,
) -> None:
    rows = [["part_no", "price"]] + [[f"A{i}", i] for i in range(5)]
    source = write_workbook(tmp_path / "small.xlsx", {"parts": rows})
    path = hostile.declared_dimension(source, tmp_path / "huge.xlsx", "A1:B2000000")
    assert _refused_after(path, max_rows=1_000) == ("too_many_rows", 0)
    assert _refused_after(path, max_rows=1_048_576) == ("too_many_rows", 0)
    with Workbook(source, max_rows=5) as book:  # the declaration at the limit is accepted
        reader, _ = book.sheet(SPEC)
        assert reader is not None and len(list(reader)) == 5


def test_a_sheet_under_declaring_its_rows_is_refused_before_reading(tmp_path: Path) -> None:
    # The row tags are counted before any cell is parsed, whatever the dimension says.
    rows = [["part_no", "price"]] + [[f"A{i}", i] for i in range(3_000)]
    source = write_workbook(tmp_path / "many.xlsx", {"parts": rows})
    path = hostile.declared_dimension(source, tmp_path / "lying.xlsx", "A1:B2")
    assert _refused_after(path, max_rows=100) == ("too_many_rows", 0)
    assert _refused_after(path, max_rows=2_999) == ("too_many_rows", 0)
    with Workbook(path, max_rows=3_000) as book:  # exactly at the limit: every row is read
        reader, _ = book.sheet(SPEC)
        assert reader is not None and len(list(reader)) == 3_000


def _no_dimension(tmp_path: Path, rows: int) -> Path:
    """A parts sheet of ``rows`` data rows that declares no <dimension>."""
    source = write_workbook(tmp_path / "src.xlsx", {"parts": [["part_no", "price"]]})
    return hostile.many_rows(
        source,
        tmp_path / "many.xlsx",
        "xl/worksheets/sheet1.xml",
        ["part_no", "price"],
        lambda n: [f"A{n}", n],
        rows,
    )


def test_a_sheet_without_a_dimension_is_refused_before_reading(tmp_path: Path) -> None:
    path = _no_dimension(tmp_path, 501)
    assert _refused_after(path, max_rows=500) == ("too_many_rows", 0)
    with Workbook(path, max_rows=501) as book:
        reader, _ = book.sheet(SPEC)
        assert reader is not None and len(list(reader)) == 501


def test_a_sheet_over_the_limit_is_refused_before_its_xml_is_parsed(tmp_path: Path) -> None:
    # Past the rows the XML is broken: any parse of the whole sheet (as openpyxl's own search
    # for a missing dimension did, at open) would call the file damaged instead.
    many = _no_dimension(tmp_path, 501)
    path = hostile._rewrite_member(
        many,
        tmp_path / "broken_end.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"</sheetData></worksheet>", b"<row><c></sheetData>"),
    )
    assert _refused_after(path, max_rows=500) == ("too_many_rows", 0)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64, 1024])
def test_row_tags_are_counted_across_chunk_boundaries(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from kernel import workbook

    monkeypatch.setattr(workbook, "_SCAN_CHUNK", chunk)
    xml = (
        b'<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&lt;row r</t></is></c></row>'
        b"<row><c/></row><x:row r=\"3\"/><rowBreaks/><row\n r='4'></row>"
        + "<é:row r='5'/>".encode()
        + b"</sheetData>"
        b'<rowBreaks count="0"/></worksheet>'
    )
    assert workbook.count_rows(io.BytesIO(xml), 100) == 5
    assert 1 < workbook.count_rows(io.BytesIO(xml), 1) <= 5  # past the limit: may stop early


def test_blank_rows_past_the_limit_before_any_header_are_refused(tmp_path: Path) -> None:
    source = write_workbook(tmp_path / "blank.xlsx", {"parts": [[None]] * 50 + [["part_no"]]})
    assert _refused_after(source, max_rows=20) == ("too_many_rows", 0)


def test_rejected_rows_are_written_with_row_number_and_reason(tmp_path: Path) -> None:
    import openpyxl

    target = rejected_path(tmp_path / "in.xlsx")
    assert target.name == "in.xlsx.rejected.xlsx"
    sheet = RejectedSheet("parts", ("part_no", "price"), [(5, ("A1", "=B2"), "price: formula")])
    write_rejected(target, [sheet], "reason")
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows == [("part_no", "price", "row", "reason"), ("A1", "'=B2", 5, "price: formula")]


@pytest.mark.parametrize(
    ("xml", "refused"),
    [
        (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook/>', False),
        (b"\xef\xbb\xbf<?xml version='1.0'?>\r\n<!-- note --><a>", False),
        (b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'x'>]><a>&e;</a>", True),
        (b"<!--" + b"x" * 200_000 + b"--><!DOCTYPE x []><a/>", True),
        (b"<!--" + b"x" * 200_000 + b"--><a/>", False),
        ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><a/>'.encode("utf-16-le"), True),
    ],
)
def test_entity_declarations_are_found_in_the_prolog_however_far(xml: bytes, refused: bool) -> None:
    import io

    from kernel.workbook_guard import _prolog_declares_entities

    assert _prolog_declares_entities(io.BytesIO(xml)) is refused

"""Reading users' Excel workbooks safely, and writing rejected rows back.

Every import (catalog, labor standards, inventory) goes through here, so the traps of
reliability.md are handled once: files that are not workbooks, encrypted workbooks, zip
bombs, XML entity expansion, float cells, formulas, over-long text, duplicate headers.
Headers match a key or any alias, ignoring case, surrounding spaces and full-width forms.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from kernel.bounds import MemoryWatch
from kernel.cells import CellError as CellError
from kernel.cells import cell_date as cell_date
from kernel.cells import cell_decimal as cell_decimal
from kernel.cells import cell_int as cell_int
from kernel.cells import cell_text as cell_text
from kernel.cells import cell_yes_no as cell_yes_no
from kernel.cells import choice as choice
from kernel.cells import is_blank as is_blank
from kernel.problems import Problem, register_messages
from kernel.workbook_guard import (
    MAX_ROW_XML_BYTES,
    BoundedArchive,
    _size_sheets_from_their_head,
    check_archive,
    xml_guard_on,
)
from kernel.workbook_guard import MAX_ROWS as MAX_ROWS
from kernel.workbook_guard import WorkbookRefused as WorkbookRefused

#: Limits that keep a hostile file from exhausting time or memory (the archive's own limits,
#: and the row limit they are tied to, are in kernel.workbook_guard).
MAX_CELL_CHARS = 32_767


Progress = Callable[[int, int | None], None]
"""Called with (rows read so far, estimated total or None); may raise ImportCancelled."""


class ImportCancelled(Exception):
    """The user cancelled an import; nothing was written."""


def normalize_header(text: object) -> str:
    """Header text as compared: NFKC (full-width → half-width), trimmed, case-folded."""
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


@dataclass(frozen=True)
class ColumnSpec:
    """A column of a sheet: its English key, Chinese aliases and whether it is required."""

    key: str
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class SheetSpec:
    """A sheet of a workbook format."""

    key: str
    aliases: tuple[str, ...]
    columns: tuple[ColumnSpec, ...]
    required: bool = True

    def header_names(self) -> dict[str, str]:
        """Normalised header text → column key."""
        names: dict[str, str] = {}
        for column in self.columns:
            for name in (column.key, *column.aliases):
                names[normalize_header(name)] = column.key
        return names


@dataclass(frozen=True)
class RawRow:
    """One data row as read: its Excel row number, values by key, and the original cells."""

    number: int
    values: dict[str, Any]
    cells: tuple[Any, ...]


@dataclass
class SheetReader:
    """A sheet whose header has been matched; iterate it for its data rows."""

    spec: SheetSpec
    title: str
    header: tuple[Any, ...]
    header_row: int
    key_of_index: dict[int, str]
    _rows: Iterator[tuple[Any, ...]] = field(repr=False)
    max_rows: int = MAX_ROWS
    book: Workbook | None = field(default=None, repr=False)

    def __iter__(self) -> Iterator[RawRow]:
        number = self.header_row
        for cells in self._rows:
            number += 1
            if number - self.header_row > self.max_rows:
                raise _too_many_rows(self.title, self.max_rows)
            if self.book is not None:
                self.book.row_read()
            if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
                continue
            values = {
                key: cells[index] if index < len(cells) else None
                for index, key in self.key_of_index.items()
            }
            yield RawRow(number, values, tuple(cells))


#: A row element's start tag in sheet XML, with or without a namespace prefix. Text cannot hold
#: it: a literal "<" in a cell is escaped, so every match is a row.
_ROW_TAG = re.compile(rb"<(?:[^\s<>/:!?=\"']+:)?row[\s/>]")  # any prefix, even non-ASCII
_SCAN_CHUNK = 1024 * 1024


def count_rows(stream: Any, limit: int, max_row_bytes: int = MAX_ROW_XML_BYTES) -> int:
    """Row elements in a sheet's XML ``stream``, counted without parsing cells; stops once past
    ``limit`` (so a sheet far over the limit is refused in seconds, not after parsing it all).

    Refuses a row (or the XML before the first row, or after the last row's start) longer
    than ``max_row_bytes``: openpyxl holds a whole row in memory while it parses it."""
    count = 0
    offset = 0  # of the data's first byte in the sheet
    row_start = 0  # of the last row tag (or of the sheet)
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        data = tail + chunk
        # A tag cut at the chunk's end is counted with the next chunk: keep the last bytes back.
        cut = max(len(data) - 64, 0)
        last = data.rfind(b"<", cut)
        keep_from = last if last != -1 else len(data)
        for match in _ROW_TAG.finditer(data, 0, keep_from):
            _check_row_bytes(offset + match.start() - row_start, max_row_bytes)
            row_start = offset + match.start()
            count += 1
        _check_row_bytes(offset + keep_from - row_start, max_row_bytes)
        tail = data[keep_from:]
        offset += keep_from
        if count > limit:
            return count
    return count + len(_ROW_TAG.findall(tail))


def _check_row_bytes(size: int, limit: int) -> None:
    if size > limit:
        params: dict[str, object] = {"figure": size, "limit": limit}
        raise WorkbookRefused(Problem("row_too_large", params=params))


def _too_many_rows(sheet: str, limit: int) -> WorkbookRefused:
    """The refusal of a sheet over the row limit (declared, or counted while streaming)."""
    return WorkbookRefused(Problem("too_many_rows", sheet=sheet, params={"limit": limit}))


class Workbook:
    """A workbook opened read-only after the safety checks; use as a context manager."""

    def __init__(
        self, path: Path, *, max_rows: int = MAX_ROWS, progress: Progress | None = None
    ) -> None:
        self.path = path
        self.max_rows = max_rows
        self.progress = progress
        self.rows_read = 0
        self.memory = MemoryWatch()
        if not xml_guard_on():
            raise WorkbookRefused(Problem("xml_guard_off"))
        check_archive(path)
        self._book = _open_read_only(path)
        # Each sheet's last row as its <dimension ref=...> declares it (None when it does not).
        self._declared_rows: dict[str, int | None] = {
            sheet.title: getattr(sheet, "max_row", None) or None for sheet in self._book.worksheets
        }

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the file."""
        self._book.close()

    def estimated_rows(self) -> int | None:
        """Rows in all sheets as the workbook declares them (None when it does not)."""
        total = 0
        for rows in self._declared_rows.values():
            if not rows:
                return None
            total += rows
        return total

    def row_read(self) -> None:
        """Count a row; every thousand, check the memory bound and tell the progress callback
        (it may cancel)."""
        self.rows_read += 1
        if self.rows_read % 1000:
            return
        if (over := self.memory.over()) is not None:
            raise WorkbookRefused(Problem("memory_bound", params=over))
        if self.progress is not None:
            self.progress(self.rows_read, self.estimated_rows())

    def sheet(self, spec: SheetSpec) -> tuple[SheetReader | None, list[Problem]]:
        """Find the sheet for ``spec`` and match its header; problems if it cannot be used."""
        wanted = {normalize_header(name) for name in (spec.key, *spec.aliases)}
        title = next((t for t in self._book.sheetnames if normalize_header(t) in wanted), None)
        if title is None:
            if spec.required:
                # The sheets it has: a workbook of another kind is recognised by them.
                found = "、".join(str(t) for t in self._book.sheetnames)
                params: dict[str, object] = {"sheet": spec.key, "found": found}
                return None, [Problem("missing_sheet", sheet=spec.key, params=params)]
            return None, []
        worksheet = self._book[title]
        declared = self._declared_rows.get(title)
        if declared is not None and declared - 1 > self.max_rows:
            raise _too_many_rows(title, self.max_rows)
        # No dimension, or one that may lie: count the row tags first (cheap next to parsing).
        if self._counted_rows(worksheet) - 1 > self.max_rows:
            raise _too_many_rows(title, self.max_rows)
        # openpyxl stops at the declared last row (dropping rows past a lying dimension) and pads
        # up to it: forget it and stream what the sheet holds; SheetReader counts every row.
        worksheet.reset_dimensions()
        try:
            rows = worksheet.iter_rows(values_only=True)
            header_row = 0
            header: tuple[Any, ...] = ()
            for cells in rows:
                header_row += 1
                if header_row > self.max_rows:
                    break
                if any(c is not None and str(c).strip() for c in cells):
                    header = tuple(cells)
                    break
        except Exception as error:  # noqa: BLE001
            raise WorkbookRefused(_classify(error)) from None
        if header_row > self.max_rows or (
            declared is not None and declared - header_row > self.max_rows
        ):
            raise _too_many_rows(title, self.max_rows)
        return self._match_header(spec, title, header, header_row, rows)

    def _counted_rows(self, worksheet: Any) -> int:
        """Row elements the sheet holds (0 when the sheet cannot be scanned: parsing says why)."""
        try:
            with worksheet._get_source() as stream:  # openpyxl's read-only sheet source
                return count_rows(stream, self.max_rows + 1)
        except WorkbookRefused as refusal:
            refusal.problem = replace(refusal.problem, sheet=worksheet.title)
            raise
        except Exception:  # noqa: BLE001 - a damaged member is reported by the parser below
            return 0

    def _match_header(
        self,
        spec: SheetSpec,
        title: str,
        header: tuple[Any, ...],
        header_row: int,
        rows: Iterator[tuple[Any, ...]],
    ) -> tuple[SheetReader | None, list[Problem]]:
        names = spec.header_names()
        problems: list[Problem] = []
        key_of_index: dict[int, str] = {}
        for index, cell in enumerate(header):
            if cell is None or not str(cell).strip():
                continue
            key = names.get(normalize_header(cell))
            column = _column_letter(index)
            if key is None:
                problems.append(
                    Problem(
                        "ignored_column",
                        sheet=title,
                        row=header_row,
                        column=column,
                        value=cell,
                        severity="note",
                    )
                )
            elif key in key_of_index.values():
                problems.append(
                    Problem(
                        "duplicate_column",
                        sheet=title,
                        row=header_row,
                        column=column,
                        value=cell,
                        params={"column": key},
                    )
                )
            else:
                key_of_index[index] = key
        present = set(key_of_index.values())
        for column_spec in spec.columns:
            if column_spec.required and column_spec.key not in present:
                problems.append(
                    Problem(
                        "missing_column",
                        sheet=title,
                        row=header_row or 1,
                        params={"column": _display_column(column_spec)},
                    )
                )
        if any(p.severity == "error" for p in problems):
            return None, problems
        reader = SheetReader(
            spec, title, header, header_row, key_of_index, _guarded(rows), self.max_rows, self
        )
        return reader, problems


def _open_read_only(path: Path) -> Any:
    """openpyxl's read-only workbook, reading every member through a ``BoundedArchive``."""
    from openpyxl.reader.excel import ExcelReader

    _size_sheets_from_their_head()
    try:
        # load_workbook(path, read_only=True) with the archive swapped for the bounded one.
        reader = ExcelReader(path, read_only=True, data_only=False)
        reader.archive.close()
        reader.archive = BoundedArchive(path)
        reader.read()
        return reader.wb
    except WorkbookRefused:
        raise
    except Exception as error:  # noqa: BLE001 - any parser failure is a damaged file to the user
        raise WorkbookRefused(_classify(error)) from None


def _guarded(rows: Iterator[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """Turn parser failures in the middle of a sheet into a refusal of the file."""
    try:
        yield from rows
    except (WorkbookRefused, ImportCancelled):
        raise
    except Exception as error:  # noqa: BLE001
        raise WorkbookRefused(_classify(error)) from None


def _classify(error: Exception) -> Problem:
    name = type(error).__name__
    cause: BaseException | None = error
    while cause is not None:  # openpyxl wraps defusedxml's refusal in a ValueError
        if type(cause).__module__.startswith("defusedxml"):
            return Problem("unsafe_xml")
        cause = cause.__cause__ or cause.__context__
    if isinstance(error, zipfile.BadZipFile | KeyError):
        return Problem("corrupt_workbook", params={"detail": str(error)[:120]})
    return Problem("corrupt_workbook", params={"detail": f"{name}: {str(error)[:100]}"})


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _display_column(spec: ColumnSpec) -> str:
    return f"{spec.key} ({spec.aliases[0]})" if spec.aliases else spec.key


class RowChecker:
    """Collects the problems of one row while its cells are converted."""

    def __init__(self, sheet: str, row: RawRow) -> None:
        self.sheet = sheet
        self.row = row
        self.problems: list[Problem] = []

    def get(self, key: str, convert: Any, *, required: bool = False, **options: Any) -> Any:
        """The converted cell, or None (and a problem) when blank-but-required or invalid."""
        value = self.row.values.get(key)
        if is_blank(value):
            if required:
                self.problems.append(Problem("required", self.sheet, self.row.number, key, value))
            return None
        try:
            return convert(value, **options)
        except CellError as error:
            self.problems.append(
                Problem(error.code, self.sheet, self.row.number, key, value, dict(error.params))
            )
            return None

    def fail(self, code: str, column: str | None, value: object, **params: object) -> None:
        """Record a problem found by a rule across cells."""
        self.problems.append(Problem(code, self.sheet, self.row.number, column, value, params))


@dataclass
class ParsedWorkbook:
    """What every import reads: problems, rejected rows by sheet, and row counts."""

    problems: list[Problem] = field(default_factory=list)
    rejected: list[RejectedSheet] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0

    @property
    def errors(self) -> list[Problem]:
        """Problems that reject a row or the file (not notes)."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def file_errors(self) -> list[Problem]:
        """Errors about the file as a whole (a missing sheet or column): nothing can be kept."""
        return [p for p in self.errors if p.code in _FILE_LEVEL or p.row is None]

    def keep(self, rejected: RejectedSheet, row: RawRow, problems: list[Problem]) -> None:
        """Record a row's problems; a row with any is rejected with its reasons."""
        if problems:
            self.problems.extend(problems)
            self.rows_rejected += 1
            rejected.add(row, problems)


_FILE_LEVEL = {"missing_sheet", "missing_column", "duplicate_column"}

register_messages(
    {
        "nothing_to_import": (
            "没有可导入的有效行，未创建新版本",
            "no valid row to import; no new version was made",
        ),
    }
)


# --- rejected rows ---------------------------------------------------------------------


@dataclass
class RejectedSheet:
    """The rows of one sheet that were rejected, with their reasons."""

    title: str
    header: tuple[Any, ...]
    rows: list[tuple[int, tuple[Any, ...], str]] = field(default_factory=list)

    def add(self, row: RawRow, problems: Sequence[Problem]) -> None:
        """Reject ``row``, giving each problem's column and reason."""
        reason = "; ".join(
            f"{p.column}: {p.reason()}" if p.column else p.reason() for p in problems
        )
        self.rows.append((row.number, row.cells, reason))

    def header_cells(self, cells: tuple[Any, ...]) -> tuple[Any, ...]:
        """The row's cells cut or padded to the header's width."""
        width = len(self.header)
        return tuple(cells[:width]) + (None,) * max(0, width - len(cells))


def rejected_path(source: Path, number: int = 1) -> Path:
    """``<input>.rejected.xlsx`` beside the input; the ``number``-th is ``<input>.rejected-N.xlsx``."""
    suffix = ".rejected.xlsx" if number == 1 else f".rejected-{number}.xlsx"
    return source.with_name(source.name + suffix)


def write_rejected_beside(
    source: Path, sheets: Sequence[RejectedSheet], reason_header: str
) -> Path:
    """Write the rejected rows to the first of ``<input>.rejected.xlsx``, ``….rejected-2.xlsx``,
    … that does not exist yet, created exclusively: an earlier file is never overwritten."""
    for number in range(1, 10_000):
        path = rejected_path(source, number)
        try:
            handle = path.open("xb")
        except FileExistsError:
            continue
        with handle:
            write_rejected(handle, sheets, reason_header)
        return path
    raise FileExistsError(rejected_path(source, 10_000))


def write_rejected(
    path: Path | BinaryIO, sheets: Sequence[RejectedSheet], reason_header: str
) -> None:
    """Write the rejected rows, each with its Excel row number and reason, to a new workbook."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for sheet in sheets:
        if not sheet.rows:
            continue
        out = book.create_sheet(sheet.title)
        out.append([*sheet.header, "row", reason_header])
        for number, cells, reason in sheet.rows:
            out.append([*(_writable(c) for c in sheet.header_cells(cells)), number, reason])
    if not book.worksheets:
        book.create_sheet("rejected")
    book.save(path)


def _writable(cell: object) -> object:
    if isinstance(cell, str) and cell.startswith("="):
        return "'" + cell
    return cell


def write_template(path: Path, sheets: Sequence[SheetSpec], explanations: dict[str, str]) -> None:
    """An empty workbook: one sheet per spec with its header, and an explanation sheet.

    The header row holds the English keys; the explanation sheet gives, for each column,
    the Chinese headers accepted in their place, whether it is required and its rule.
    """
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = book.create_sheet(spec.key)
        sheet.append([c.key for c in spec.columns])
        for index, column in enumerate(spec.columns, start=1):
            sheet.cell(row=1, column=index).font = bold
            sheet.column_dimensions[_column_letter(index - 1)].width = max(12, len(column.key) + 4)
    notes = book.create_sheet("说明 explanation")
    notes.append(
        ["工作表 sheet", "列 key", "中文列名 Chinese headers", "必填 required", "规则 rule"]
    )
    for index in range(1, 6):
        notes.cell(row=1, column=index).font = bold
    for spec in sheets:
        for column in spec.columns:
            notes.append(
                [
                    f"{spec.key} ({'/'.join(spec.aliases)})",
                    column.key,
                    "、".join(column.aliases),
                    "是 yes" if column.required else "",
                    explanations.get(column.key, ""),
                ]
            )
    for letter, width in zip("ABCDE", (24, 22, 26, 10, 70), strict=True):
        notes.column_dimensions[letter].width = width
    book.save(path)

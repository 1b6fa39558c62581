"""The checks a workbook passes before openpyxl may open it, and the bounds it is read within.

Files that are not workbooks, encrypted workbooks, zip bombs, members larger than their
limits and XML with a DOCTYPE or entity declarations are refused here (reliability.md), from
the zip directory before anything is unpacked; while openpyxl reads, every member is cut off
at its limit (``BoundedArchive``). openpyxl must parse through defusedxml, and its read-only
sheets size themselves from their head, not by parsing all.

The limits, tied to the row limit (a sheet holds at most Excel's 1,048,576 rows):
- a worksheet: ``MAX_ROWS × MAX_ROW_BYTES`` = 1,048,576 rows × 1 KiB = 1 GiB of XML (Excel
  writes a 16-column row in about 800 bytes); no single row longer than ``MAX_ROW_XML_BYTES``;
- the shared strings, which openpyxl holds in memory whole (about 170 bytes of memory per
  string): ``MAX_ROWS × 32 bytes`` = 32 MiB, a short unique string for every row;
- any other part openpyxl parses (styles, the workbook, relationships): 8 MiB each;
- in total: one full sheet, the shared strings and 64 MiB for everything else.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import IO, Any

from kernel.problems import Problem, register_messages

MIB = 1024 * 1024
#: Excel's row limit: no sheet of an import may hold more rows.
MAX_ROWS = 1_048_576
MAX_ROW_BYTES = 1024
MAX_SHEET_BYTES = MAX_ROWS * MAX_ROW_BYTES
MAX_SHARED_STRINGS_BYTES = MAX_ROWS * 32
MAX_PART_BYTES = 8 * MIB
MAX_TOTAL_BYTES = MAX_SHEET_BYTES + MAX_SHARED_STRINGS_BYTES + 64 * MIB
#: One row's XML: 16 columns of Excel's 32,767 characters, three bytes each, fit in it.
MAX_ROW_XML_BYTES = 4 * MIB
#: Limits that keep a hostile file from exhausting time or memory.
MAX_FILE_BYTES = 300 * MIB
MAX_MEMBER_RATIO = 200
RATIO_CHECK_FLOOR = 10 * MIB
XML_SCAN_BYTES = 4096

register_messages(
    {
        "member_too_large": (
            "工作簿的 {member} 解压后为 {figure} 字节，超过上限 {limit} 字节，拒绝打开",
            "the workbook's {member} unpacks to {figure} bytes, over the limit of {limit} "
            "bytes; refused",
        ),
        "workbook_too_large": (
            "工作簿解压后共 {figure} 字节，超过上限 {limit} 字节，拒绝打开",
            "the workbook unpacks to {figure} bytes in all, over the limit of {limit} bytes; "
            "refused",
        ),
        "file_too_large": (
            "文件为 {figure} 字节，超过上限 {limit} 字节，拒绝打开",
            "the file has {figure} bytes, over the limit of {limit} bytes; refused",
        ),
        "row_too_large": (
            "一行的 XML 超过 {figure} 字节，上限为 {limit} 字节，拒绝打开",
            "a row's XML is more than {figure} bytes, over the limit of {limit} bytes; refused",
        ),
    }
)


def member_limit(name: str) -> int | None:
    """The uncompressed size allowed for the zip member ``name`` (None: never read, only
    counted in the total: pictures and other binary parts)."""
    lowered = name.lower()
    if lowered.startswith("xl/worksheets/") and lowered.endswith(".xml"):
        return MAX_SHEET_BYTES
    if lowered == "xl/sharedstrings.xml":
        return MAX_SHARED_STRINGS_BYTES
    if lowered.endswith((".xml", ".rels", ".vml")) or "/" not in lowered:
        return MAX_PART_BYTES
    return None


def _member_refusal(member: str, figure: int, limit: int) -> WorkbookRefused:
    params: dict[str, object] = {"member": member, "figure": figure, "limit": limit}
    return WorkbookRefused(Problem("member_too_large", params=params))


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class WorkbookRefused(Exception):
    """The file as a whole cannot be read; carries the problem to show."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.describe("en"))
        self.problem = problem


def check_archive(path: Path) -> None:
    """Refuse what openpyxl must never open: non-workbooks, encrypted files, bombs, unsafe XML."""
    if not path.is_file():
        raise WorkbookRefused(Problem("no_file", value=str(path)))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        params: dict[str, object] = {"figure": size, "limit": MAX_FILE_BYTES}
        raise WorkbookRefused(Problem("file_too_large", params=params))
    with path.open("rb") as handle:
        head = handle.read(XML_SCAN_BYTES * 4)
    if head.startswith(_OLE_MAGIC):
        # Password-protected xlsx files are OLE containers holding an EncryptedPackage stream.
        code = (
            "encrypted_workbook"
            if "EncryptedPackage".encode("utf-16-le") in _read_all(path)
            else "not_a_workbook"
        )
        raise WorkbookRefused(Problem(code))
    if not zipfile.is_zipfile(path):
        raise WorkbookRefused(Problem("not_a_workbook"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
                raise WorkbookRefused(Problem("not_a_workbook"))
            _check_sizes(members)
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as stream:
                        if _prolog_declares_entities(stream):
                            raise WorkbookRefused(Problem("unsafe_xml"))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise WorkbookRefused(
            Problem("corrupt_workbook", params={"detail": str(error)[:120]})
        ) from None


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    """Each member's and the total uncompressed size as the zip directory declares them, and
    each member's compression ratio; nothing is unpacked for it."""
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECK_FLOOR and ratio > MAX_MEMBER_RATIO:
            raise WorkbookRefused(
                Problem("zip_bomb", params={"detail": f"{member.filename} {ratio:.0f}:1"})
            )
        limit = member_limit(member.filename)
        if limit is not None and member.file_size > limit:
            raise _member_refusal(member.filename, member.file_size, limit)
    if total > MAX_TOTAL_BYTES:
        params: dict[str, object] = {"figure": total, "limit": MAX_TOTAL_BYTES}
        raise WorkbookRefused(Problem("workbook_too_large", params=params))


class BoundedStream(io.RawIOBase):
    """A member being unpacked, refused once more than its limit has come out of it: the
    limit holds even if the zip directory lied about the member's size. (Python's zipfile
    stops at the declared size, and the size was checked against the limit; this is the
    second lock, which does not depend on either.)"""

    def __init__(self, inner: IO[bytes], name: str, limit: int) -> None:
        super().__init__()
        self._inner = inner
        self._name = name
        self._limit = limit
        self._count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        room = self._limit - self._count
        want = room + 1 if size is None or size < 0 else min(size, room + 1)
        data = self._inner.read(want)
        self._count += len(data)
        if self._count > self._limit:
            raise _member_refusal(self._name, self._count, self._limit)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


class BoundedArchive(zipfile.ZipFile):
    """The zip file openpyxl reads through: every member it opens is a ``BoundedStream``."""

    def open(self, name: Any, mode: Any = "r", pwd: Any = None, **options: Any) -> Any:
        stream = super().open(name, mode, pwd, **options)
        if mode != "r":
            return stream
        member = name.filename if isinstance(name, zipfile.ZipInfo) else str(name)
        limit = member_limit(member)
        return stream if limit is None else BoundedStream(stream, member, limit)


MAX_PROLOG_BYTES = 1024 * 1024
_UTF16_MARKUP = ("<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))


def _prolog_declares_entities(stream: Any) -> bool:
    """Whether an XML part has a DOCTYPE (or any ``<!`` declaration) before its root element.

    A workbook never needs one; entity expansion and external entities hide there, behind
    comments of any length. Whatever the XML parser in use (defusedxml refuses them, lxml
    only declines to expand them), such a part is refused outright. A prolog longer than
    a megabyte is refused too.
    """
    buffer = b""
    read = 0
    while True:
        chunk = stream.read(65536)
        read += len(chunk)
        if read == len(chunk) and any(m in chunk[:4096] for m in _UTF16_MARKUP):
            return True
        buffer += chunk
        position = 0
        while True:
            while position < len(buffer) and buffer[position] in b" \t\r\n\xef\xbb\xbf":
                position += 1
            if buffer.startswith(b"<?", position):
                closing = b"?>"
            elif buffer.startswith(b"<!--", position):
                closing = b"-->"
            elif buffer.startswith(b"<!", position):
                return True
            elif len(buffer) - position >= 2 or not chunk:
                return False  # the root element (or the end of the part)
            else:
                break  # read on
            end = buffer.find(closing, position)
            if end < 0:
                break  # read on
            position = end + len(closing)
        buffer = buffer[position:]
        if not chunk:
            return False
        if read > MAX_PROLOG_BYTES:
            return True


def _read_all(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES)


def xml_guard_on() -> bool:
    """Whether openpyxl parses through defusedxml (it silently does not without it)."""
    import openpyxl

    return bool(getattr(openpyxl, "DEFUSEDXML", False))


def _size_sheets_from_their_head() -> None:
    """Make openpyxl's read-only sheets look for their <dimension> only before <sheetData>.

    openpyxl's ReadOnlyWorksheet parses the whole sheet when it opens a workbook if the sheet
    declares no dimension: its search listens for *end* events, and sheetData ends after the
    last row. A million-row sheet without one took a minute to open before any check could
    refuse it. The schema puts <dimension> before <sheetData>, so start events find it (or its
    absence) at once. Idempotent; the same defused parser openpyxl uses."""
    from openpyxl.worksheet import _read_only, _reader
    from openpyxl.xml.functions import iterparse

    if getattr(_read_only.ReadOnlyWorksheet._get_size, "_from_head", False):
        return

    def _get_size(self: Any) -> None:
        with self._get_source() as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == _reader.DIMENSION_TAG:
                    ref = element.get("ref")
                    if ref:
                        dimension = _reader.SheetDimension(ref=ref)
                        (self._min_column, self._min_row, self._max_column, self._max_row) = (
                            dimension.boundaries
                        )
                    return
                if element.tag == _reader.DATA_TAG:
                    return

    _get_size._from_head = True  # type: ignore[attr-defined]
    _read_only.ReadOnlyWorksheet._get_size = _get_size

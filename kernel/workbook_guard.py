"""The checks a workbook passes before openpyxl may open it.

Files that are not workbooks, encrypted workbooks, zip bombs and XML with a DOCTYPE or
entity declarations are refused here (reliability.md); openpyxl must parse through
defusedxml, and its read-only sheets size themselves from their head, not by parsing all.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from kernel.problems import Problem

#: Limits that keep a hostile file from exhausting time or memory.
MAX_FILE_BYTES = 300 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 2 * 1024 * 1024 * 1024
MAX_MEMBER_RATIO = 200
RATIO_CHECK_FLOOR = 10 * 1024 * 1024
XML_SCAN_BYTES = 4096

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
        raise WorkbookRefused(Problem("oversized_workbook", params={"detail": f"{size} bytes"}))
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
            total = 0
            for member in members:
                total += member.file_size
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > RATIO_CHECK_FLOOR and ratio > MAX_MEMBER_RATIO:
                    raise WorkbookRefused(
                        Problem("zip_bomb", params={"detail": f"{member.filename} {ratio:.0f}:1"})
                    )
            if total > MAX_UNCOMPRESSED_BYTES:
                raise WorkbookRefused(
                    Problem("oversized_workbook", params={"detail": f"{total} bytes uncompressed"})
                )
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as stream:
                        if _prolog_declares_entities(stream):
                            raise WorkbookRefused(Problem("unsafe_xml"))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise WorkbookRefused(
            Problem("corrupt_workbook", params={"detail": str(error)[:120]})
        ) from None


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

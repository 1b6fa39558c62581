"""Builders of malformed and hostile workbooks, made by the tests themselves."""

from __future__ import annotations

import re
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path


def not_a_workbook(path: Path) -> Path:
    path.write_text("part_no,name_zh\n52119-0K280,前保险杠皮\n", encoding="utf-8")
    return path


def truncated(source: Path, path: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted(path: Path) -> Path:
    """What Excel writes for a password-protected workbook: an OLE file with EncryptedPackage."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    body = "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
    body += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 4096
    path.write_bytes(header + body)
    return path


def zip_bomb(source: Path, path: Path, megabytes: int = 64) -> Path:
    """A valid workbook plus a member that inflates a thousandfold."""
    shutil.copy(source, path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/media/padding.xml", b"\x00" * (megabytes * 1024 * 1024))
    return path


def _rewrite_member(
    source: Path, path: Path, member: str, change: Callable[[bytes], bytes]
) -> Path:
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == member:
                data = change(data)
            out.writestr(info, data)
    return path


def entity_expansion(source: Path, path: Path) -> Path:
    """A billion-laughs DOCTYPE in the first sheet."""
    doctype = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]>\n"
    )

    def change(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return doctype + body.replace(b"<v>", b"<v>&lol9;", 1)

    return _rewrite_member(source, path, "xl/worksheets/sheet1.xml", change)


def external_entity(source: Path, path: Path, padding: int = 0) -> Path:
    """An external entity that would read a local file (after a comment of ``padding`` bytes)."""
    doctype = (
        b'<?xml version="1.0"?>\n<!--' + b"x" * padding + b"-->"
        b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    )

    def change(data: bytes) -> bytes:
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return doctype + body

    return _rewrite_member(source, path, "xl/workbook.xml", change)


def declared_dimension(source: Path, path: Path, ref: str) -> Path:
    """``source`` with its first sheet's ``<dimension ref=...>`` replaced by ``ref`` (a lie)."""

    def change(data: bytes) -> bytes:
        changed = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data)
        assert changed != data, "the sheet declares no dimension"
        return changed

    return _rewrite_member(source, path, "xl/worksheets/sheet1.xml", change)


def _inline(value: object) -> str:
    if isinstance(value, int | float):
        return f"<c><v>{value}</v></c>"
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def many_rows(
    source: Path,
    path: Path,
    member: str,
    header: list[str],
    row: Callable[[int], list[object]],
    count: int,
) -> Path:
    """``source`` with the sheet ``member`` replaced by ``header`` and ``count`` generated rows,
    streamed into the archive (a million rows without a million rows in memory)."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for info in original.infolist():
            if info.filename != member:
                out.writestr(info, original.read(info.filename))
                continue
            with out.open(member, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns='
                    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                sheet.write(f"<row>{''.join(_inline(h) for h in header)}</row>".encode())
                block: list[str] = []
                for number in range(count):
                    block.append(f"<row>{''.join(_inline(v) for v in row(number))}</row>")
                    if len(block) == 10_000:
                        sheet.write("".join(block).encode())
                        block.clear()
                sheet.write("".join(block).encode())
                sheet.write(b"</sheetData></worksheet>")
    return path


# --- members larger than their limits, written without holding them ------------------------


@dataclass(frozen=True)
class RawMember:
    """A zip member given as deflated parts, with its CRC and sizes (declared may lie)."""

    name: str
    parts: Callable[[], Iterator[bytes]]
    crc: int
    size: int
    compressed: int
    declared: int | None = None


def _flushed(data: bytes) -> bytes:
    """``data`` as raw deflate blocks ending in a full flush: position-independent, so the same
    bytes repeated are the deflated form of the data repeated."""
    deflater = zlib.compressobj(1, zlib.DEFLATED, -15)
    return deflater.compress(data) + deflater.flush(zlib.Z_FULL_FLUSH)


_FINAL_BLOCK = zlib.compressobj(1, zlib.DEFLATED, -15).flush()


def repeated_member(name: str, head: bytes, block: bytes, count: int, tail: bytes) -> RawMember:
    """A member holding ``head + block × count + tail``, deflated once per piece."""
    pieces = (_flushed(head), _flushed(block), _flushed(tail))
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)

    def parts() -> Iterator[bytes]:
        yield pieces[0]
        for _ in range(count):
            yield pieces[1]
        yield pieces[2]
        yield _FINAL_BLOCK

    compressed = len(pieces[0]) + len(pieces[1]) * count + len(pieces[2]) + len(_FINAL_BLOCK)
    return RawMember(name, parts, crc, len(head) + len(block) * count + len(tail), compressed)


def plain_member(name: str, data: bytes) -> RawMember:
    deflated = _flushed(data) + _FINAL_BLOCK
    return RawMember(name, lambda: iter((deflated,)), zlib.crc32(data), len(data), len(deflated))


def write_raw_zip(path: Path, members: list[RawMember]) -> Path:
    """A zip archive of ``members`` written piece by piece (no zip64: each under 4 GiB)."""
    entries: list[tuple[RawMember, int]] = []
    with path.open("wb") as out:
        for member in members:
            name = member.name.encode()
            declared = member.size if member.declared is None else member.declared
            entries.append((member, out.tell()))
            out.write(
                struct.pack(
                    "<IHHHHHIIIHH",
                    0x04034B50,
                    20,
                    0,
                    8,
                    0,
                    0x21,
                    member.crc,
                    member.compressed,
                    declared,
                    len(name),
                    0,
                )
            )
            out.write(name)
            for part in member.parts():
                out.write(part)
        directory = out.tell()
        for member, offset in entries:
            name = member.name.encode()
            declared = member.size if member.declared is None else member.declared
            out.write(
                struct.pack(
                    "<IHHHHHHIIIHHHHHII",
                    0x02014B50,
                    20,
                    20,
                    0,
                    8,
                    0,
                    0x21,
                    member.crc,
                    member.compressed,
                    declared,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
            )
            out.write(name)
        size = out.tell() - directory
        out.write(
            struct.pack(
                "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), size, directory, 0
            )
        )
    return path


def with_member(source: Path, path: Path, replacement: RawMember) -> Path:
    """``source``'s members, with ``replacement`` in place of (or added to) its namesake."""
    with zipfile.ZipFile(source) as original:
        members = [
            plain_member(info.filename, original.read(info.filename))
            for info in original.infolist()
            if info.filename != replacement.name
        ]
    return write_raw_zip(path, [*members, replacement])


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns='
    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def row_block(row: Callable[[int], list[object]], count: int, start: int = 0) -> bytes:
    """``count`` rows of inline cells, as sheet XML."""
    return "".join(
        f"<row>{''.join(_inline(v) for v in row(n))}</row>" for n in range(start, start + count)
    ).encode()

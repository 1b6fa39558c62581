"""Hostile images for the bounded-input tests, built in memory from their headers: a PNG that
declares far more pixels than it carries, a JPEG whose frame header lies."""

from __future__ import annotations

import io
import struct
import zlib


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int, color: int = 6, rows: int | None = None) -> bytes:
    """A PNG of zeros (black, transparent when RGBA), compressed row by row; with ``rows``
    only that many rows of data follow the header (a bomb need not carry all it declares)."""
    channels = {0: 1, 2: 3, 6: 4}[color]
    row = b"\x00" * (1 + width * channels)
    deflater = zlib.compressobj(9)
    data = b"".join(deflater.compress(row) for _ in range(height if rows is None else rows))
    header = struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data + deflater.flush())
        + _chunk(b"IEND", b"")
    )


def jpeg_declaring(width: int, height: int) -> bytes:
    """A real 16 x 16 JPEG whose frame header is made to declare ``width`` x ``height``."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    at = data.index(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", height, width)
    return bytes(data)

"""Reading a photo within stated limits: its bytes on disk and the pixels its header declares
(reliability.md, promise 16).

A compressed image says nothing of what it takes to show: a 30 KB PNG may declare 50,000 x
50,000 pixels, 10 GB once decoded (a decompression bomb). So the size on disk is checked
before a byte is read, and the width and height are read from the header alone (the first
bytes of a PNG, GIF, BMP or WebP; the frame header of a JPEG, found by hopping from marker to
marker) and refused beyond ``ESTIMATOR_MAX_PHOTO_MEGAPIXELS`` (50 million pixels by default,
a 200 MB picture in memory) before any decoder sees the image. An image whose size cannot be
read from its header is refused as damaged: no decoder is asked to guess.
"""

from __future__ import annotations

import os
import struct

from kernel.problems import Problem, register_messages

#: The bytes of one photo file (a phone's photo is 3-12 MB; a raw scan rarely over 30).
MAX_PHOTO_BYTES = 40 * 1024 * 1024
PIXELS_ENV = "ESTIMATOR_MAX_PHOTO_MEGAPIXELS"
#: 50 million pixels: a 200-megapixel phone is 4 times over, a 48 MP one (8,000 x 6,000) fits.
DEFAULT_MEGAPIXELS = 50

register_messages(
    {
        "photo_too_large": (
            "{name} 过大 ({figure} 字节)，照片上限为 {limit} 字节 (40 MB)，未读取",
            "{name} is too large ({figure} bytes); the limit for a photo is {limit} bytes "
            "(40 MB); not read",
        ),
        "photo_too_many_pixels": (
            "{name} 声明 {width} × {height} 像素 ({figure} 百万像素)，超过上限 {limit} 百万像素，"
            "未解码；如确需使用，请调高环境变量 {variable}",
            "{name} declares {width} x {height} pixels ({figure} megapixels), over the limit "
            "of {limit} megapixels; not decoded. To use it anyway, raise {variable}",
        ),
        "photo_not_an_image": (
            "{name} 不是 JPEG、PNG、GIF、BMP 或 WebP 图片",
            "{name} is not a JPEG, PNG, GIF, BMP or WebP image",
        ),
        "photo_undecodable": (
            "{name} 已损坏，无法显示",
            "{name} is damaged and cannot be shown",
        ),
        "photo_no_size": (
            "{name} 已损坏：无法从图片头读出尺寸，未解码",
            "{name} is damaged: its size cannot be read from its header; not decoded",
        ),
    }
)


def max_photo_megapixels() -> int:
    """The pixel limit in millions: ``ESTIMATOR_MAX_PHOTO_MEGAPIXELS`` when a whole number from
    1 to 10,000, else 50."""
    text = os.environ.get(PIXELS_ENV, "").strip()
    if text.isdigit() and len(text) <= 5 and 1 <= int(text) <= 10_000:
        return int(text)
    return DEFAULT_MEGAPIXELS


def check_photo_bytes(size: int, name: str) -> Problem | None:
    """``photo_too_large`` when a file of ``size`` bytes is over ``MAX_PHOTO_BYTES``."""
    if size <= MAX_PHOTO_BYTES:
        return None
    return Problem(
        "photo_too_large", params={"name": name, "figure": size, "limit": MAX_PHOTO_BYTES}
    )


def check_photo_pixels(data: bytes, name: str) -> Problem | None:
    """A refusal when the header declares more pixels than the limit or cannot be read."""
    if not _is_image(data):
        return Problem("photo_not_an_image", params={"name": name})
    size = image_size(data)
    if size is None:
        return Problem("photo_no_size", params={"name": name})
    return check_dimensions(*size, name)


def check_dimensions(width: int, height: int, name: str) -> Problem | None:
    """``photo_too_many_pixels`` when ``width`` x ``height`` is over the pixel limit."""
    limit = max_photo_megapixels()
    if width * height <= limit * 1_000_000:
        return None
    return Problem(
        "photo_too_many_pixels",
        params={
            "name": name,
            "width": width,
            "height": height,
            "figure": f"{width * height / 1_000_000:,.1f}",
            "limit": limit,
            "variable": PIXELS_ENV,
        },
    )


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) declared by a PNG, JPEG, GIF, BMP or WebP header; None when unreadable."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            return _positive(*struct.unpack(">II", data[16:24]))
        if data.startswith((b"GIF87a", b"GIF89a")):
            return _positive(*struct.unpack("<HH", data[6:10]))
        if data.startswith(b"BM"):
            return _bmp_size(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp_size(data)
        if data.startswith(b"\xff\xd8"):
            return _jpeg_size(data)
    except struct.error:  # a header cut short
        return None
    return None


def _is_image(data: bytes) -> bool:
    """Whether ``data`` begins as one of the kinds a photo may be (its signature only)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return True
    return data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"BM"))


def _positive(width: int, height: int) -> tuple[int, int] | None:
    return (width, height) if width > 0 and height > 0 else None


def _bmp_size(data: bytes) -> tuple[int, int] | None:
    (header,) = struct.unpack("<I", data[14:18])
    if header == 12:  # the OS/2 core header: 16-bit sizes
        return _positive(*struct.unpack("<HH", data[18:22]))
    width, height = struct.unpack("<ii", data[18:26])
    return _positive(width, abs(height))  # a negative height is a top-down bitmap


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 ":  # lossy: 14-bit sizes after the key frame's start code
        if data[23:26] != b"\x9d\x01\x2a":
            return None
        width, height = struct.unpack("<HH", data[26:30])
        return _positive(width & 0x3FFF, height & 0x3FFF)
    if chunk == b"VP8L":  # lossless: 14-bit sizes less one, packed after the signature
        if data[20] != 0x2F:
            return None
        (bits,) = struct.unpack("<I", data[21:25])
        return _positive((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
    if chunk == b"VP8X":  # extended: 24-bit canvas sizes less one
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return _positive(width, height)
    return None


#: Start-of-frame markers (baseline, progressive, lossless, arithmetic), not DHT/JPG/DAC.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """The first frame header's size, hopping over segments by their lengths (EXIF included)."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill bytes before a marker
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image or start of scan before any frame header
            return None
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return _positive(width, height)
        if length < 2:
            return None
        at += 2 + length
    return None

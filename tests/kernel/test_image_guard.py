"""A photo's declared size read from its header alone, for every kind the workstation takes,
and the limits' refusals in both languages."""

from __future__ import annotations

import io
import struct

import pytest
from PIL import Image

from kernel.image_guard import (
    DEFAULT_MEGAPIXELS,
    MAX_PHOTO_BYTES,
    PIXELS_ENV,
    check_photo_bytes,
    check_photo_pixels,
    image_size,
    max_photo_megapixels,
)

KINDS = [
    ("PNG", {}),
    ("JPEG", {}),
    ("JPEG", {"progressive": True, "exif": b"Exif\x00\x00" + b"x" * 30_000}),  # a big EXIF first
    ("GIF", {}),
    ("BMP", {}),
    ("WEBP", {}),
    ("WEBP", {"lossless": True}),
    ("WEBP", {"exif": b"Exif\x00\x00abc"}),  # the extended (VP8X) header
]


def _image(kind: str, size: tuple[int, int], **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(buffer, kind, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(("kind", "options"), KINDS, ids=[f"{k}{sorted(o)}" for k, o in KINDS])
def test_the_declared_size_is_read_from_the_header(kind: str, options: dict[str, object]) -> None:
    assert image_size(_image(kind, (1234, 567), **options)) == (1234, 567)


def test_a_top_down_bitmap_and_a_core_header_bitmap() -> None:
    data = bytearray(_image("BMP", (30, 20)))
    data[22:26] = struct.pack("<i", -20)  # rows stored top to bottom
    assert image_size(bytes(data)) == (30, 20)
    core = b"BM" + b"\x00" * 12 + struct.pack("<IHH", 12, 300, 200)
    assert image_size(core) == (300, 200)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",  # cut inside the size
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 30,  # no IHDR
        b"\xff\xd8\xff\xe0\x00\x10JFIF",  # a JPEG cut before its frame header
        b"\xff\xd8\xff\xda\x00\x08",  # a scan before any frame header
        b"GIF89a\x00\x00\x00\x00",  # zero by zero
        b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    ],
)
def test_a_header_without_a_readable_size_is_refused_as_damaged(data: bytes) -> None:
    assert image_size(data) is None
    problem = check_photo_pixels(data, "x.png")
    assert problem is not None and problem.code == "photo_no_size"
    assert (
        problem.reason("en")
        == "x.png is damaged: its size cannot be read from its header; not decoded"
    )


def test_a_file_that_is_no_image_is_said_to_be_none() -> None:
    problem = check_photo_pixels(b"PK\x03\x04 a workbook", "inventory.xlsx")
    assert problem is not None and problem.code == "photo_not_an_image"
    assert problem.reason("en") == "inventory.xlsx is not a JPEG, PNG, GIF, BMP or WebP image"
    assert image_size(b"not an image at all") is None


def test_pixels_over_the_limit_are_refused_with_the_figure_and_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(PIXELS_ENV, raising=False)
    assert max_photo_megapixels() == DEFAULT_MEGAPIXELS == 50
    data = bytearray(_image("PNG", (10, 10)))
    data[16:24] = struct.pack(">II", 8000, 6000)  # a 48 MP phone's photo
    assert check_photo_pixels(bytes(data), "48mp.png") is None
    data[16:24] = struct.pack(">II", 50_000, 50_000)
    problem = check_photo_pixels(bytes(data), "bomb.png")
    assert problem is not None and problem.code == "photo_too_many_pixels"
    assert problem.reason("en") == (
        "bomb.png declares 50000 x 50000 pixels (2,500.0 megapixels), over the limit of 50 "
        "megapixels; not decoded. To use it anyway, raise ESTIMATOR_MAX_PHOTO_MEGAPIXELS"
    )
    assert problem.reason("zh").startswith("bomb.png 声明 50000 × 50000 像素 (2,500.0 百万像素)")
    monkeypatch.setenv(PIXELS_ENV, "3000")
    assert check_photo_pixels(bytes(data), "bomb.png") is None


@pytest.mark.parametrize("text", ["0", "-5", "abc", "1e3", "10001", "", " "])
def test_a_limit_that_is_not_a_whole_number_in_range_leaves_the_default(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv(PIXELS_ENV, text)
    assert max_photo_megapixels() == 50


def test_the_size_on_disk_is_refused_above_40_mb() -> None:
    assert check_photo_bytes(MAX_PHOTO_BYTES, "a.jpg") is None
    problem = check_photo_bytes(MAX_PHOTO_BYTES + 1, "a.jpg")
    assert problem is not None
    assert problem.reason("en") == (
        "a.jpg is too large (41943041 bytes); the limit for a photo is 41943040 bytes (40 MB); "
        "not read"
    )

"""Attaching a photo, decided on a fake unit of work: which owner, the bytes kept once by
hash, the record and its audit entry. Reading the file (what is an image) is tested on real
files here too; listing and reading back stored photos stays in test_photos.py."""

from __future__ import annotations

import hashlib
import uuid
from functools import partial
from pathlib import Path

import pytest

from estimator.domain.errors import DomainError
from estimator.persistence.rows import FloodPhotoRow, PhotoRow
from estimator.services import photos
from tests.hostile_images import png
from tests.services.fakes import FakeUnitOfWork

PNG = png(2, 2)  # a real header: a photo's pixels are counted before it is stored
DIGEST = hashlib.sha256(PNG).hexdigest()


def _image(name: str) -> tuple[str, bytes, str, str]:
    return (name, PNG, "image/png", DIGEST)


def test_the_same_bytes_attached_twice_are_kept_once_with_two_audited_records() -> None:
    uow = FakeUnitOfWork()
    case = uow.cases.add()
    line = uuid.uuid4()
    row = partial(PhotoRow, case_id=case.id, line_key=line)
    first = photos.attach(uow, _image("front.png"), "wang", ("case", case.id), row)
    second = photos.attach(uow, _image("again.png"), "wang", ("case", case.id), row)
    assert uow.photos.blobs == {DIGEST: PNG}
    assert [r.filename for r in uow.photos.rows] == ["front.png", "again.png"]
    assert first.id != second.id and isinstance(first, PhotoRow) and first.line_key == line
    assert (first.sha256, first.content_type, first.size, first.added_by) == (
        DIGEST,
        "image/png",
        len(PNG),
        "wang",
    )
    assert [(e.entity, e.entity_id, e.action) for e in uow.audit.entries] == [
        ("case", str(case.id), "attach_photo")
    ] * 2
    assert uow.audit.entries[0].detail == {"file": "front.png", "sha256": DIGEST}


def test_a_photo_of_a_case_or_flood_case_that_does_not_exist_is_refused() -> None:
    uow = FakeUnitOfWork()
    missing = uuid.uuid4()
    with pytest.raises(DomainError) as refused:
        photos.attach(
            uow, _image("a.png"), "wang", ("case", missing), partial(PhotoRow, case_id=missing)
        )
    assert refused.value.code == "no_case"
    flood_row = partial(FloodPhotoRow, case_id=missing)
    with pytest.raises(DomainError) as refused:
        photos.attach(uow, _image("a.png"), "wang", ("flood_case", missing), flood_row)
    assert refused.value.code == "no_flood_case"
    assert uow.photos.blobs == {} and uow.photos.rows == [] and uow.audit.entries == []
    uow.flood_cases.ids.add(missing)  # the flood case exists now
    kept = photos.attach(uow, _image("a.png"), "wang", ("flood_case", missing), flood_row)
    assert isinstance(kept, FloodPhotoRow) and uow.audit.entries[-1].entity == "flood_case"


def test_only_image_files_are_read(tmp_path: Path) -> None:
    text = tmp_path / "notes.png"
    text.write_text("not an image", encoding="utf-8")
    with pytest.raises(DomainError) as refused:
        photos.read_image(text)
    assert refused.value.code == "not_an_image"
    with pytest.raises(DomainError) as refused:
        photos.read_image(tmp_path / "missing.jpg")
    assert refused.value.code == "photo_unreadable"
    image = tmp_path / "front.png"
    image.write_bytes(PNG)
    assert photos.read_image(image) == (PNG, "image/png", DIGEST)

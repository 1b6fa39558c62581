"""Photos (照片): attach to a case, a line or a flood case, stored by content hash; list and read back."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.persistence.rows import FloodPhotoRow, PhotoRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.ports import UnitOfWorkLike
from kernel.clock import utcnow
from kernel.image_guard import check_photo_bytes, check_photo_pixels
from kernel.problems import Problem

_KINDS = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF8", "image/gif"),
    (b"BM", "image/bmp"),
)


@dataclass(frozen=True)
class Photo:
    """A photo's record (its bytes are read with ``photo_bytes``)."""

    id: uuid.UUID
    case_id: uuid.UUID
    line_key: uuid.UUID | None
    sha256: str
    filename: str
    content_type: str
    size: int


def _kind(data: bytes) -> str | None:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in _KINDS if data.startswith(magic)), None)


def _refused(problem: Problem) -> DomainError:
    return DomainError(problem.code, **problem.params)


def read_image(path: Path) -> tuple[bytes, str, str]:
    """(bytes, content type, SHA-256) of an image file; refused when it is not one, before it
    is read when the file is too large, and before it is stored when its header declares more
    pixels than the limit (kernel/image_guard.py: nothing here or later decodes a bomb)."""
    try:
        if (too_large := check_photo_bytes(path.stat().st_size, path.name)) is not None:
            raise _refused(too_large)
        data = path.read_bytes()
    except OSError as error:
        raise DomainError("photo_unreadable", path=path.name, error=error) from None
    kind = _kind(data)
    if kind is None:
        raise DomainError("not_an_image", path=path.name)
    if (too_big := check_photo_pixels(data, path.name)) is not None:
        raise _refused(too_big)
    return data, kind, hashlib.sha256(data).hexdigest()


def _attach(
    engine: Engine,
    path: Path,
    actor: str,
    owner: tuple[str, uuid.UUID],
    row: Callable[..., PhotoRow | FloodPhotoRow],
) -> PhotoRow | FloodPhotoRow:
    """Read an image file and ``attach`` it in a unit of work of its own."""
    data, kind, digest = read_image(path)
    with UnitOfWork(engine, write=True) as uow:
        kept = attach(uow, (path.name, data, kind, digest), actor, owner, row)
        uow.commit()
        return kept


def attach(
    uow: UnitOfWorkLike,
    image: tuple[str, bytes, str, str],
    actor: str,
    owner: tuple[str, uuid.UUID],
    row: Callable[..., PhotoRow | FloodPhotoRow],
) -> PhotoRow | FloodPhotoRow:
    """Keep an image's bytes (``(file name, bytes, content type, SHA-256)``) once by hash
    and a ``row(...)`` naming it for its owner (``(audit entity, id)``: a "case" or a
    "flood_case"), audited, in ``uow`` (not committed). Refused for an owner that does not
    exist."""
    filename, data, kind, digest = image
    entity, owner_id = owner
    if entity == "case" and not uow.cases.exists(owner_id):
        raise DomainError("no_case")
    if entity == "flood_case" and not uow.flood_cases.exists(owner_id):
        raise DomainError("no_flood_case")
    uow.photos.keep_blob(digest, data)
    kept = row(
        sha256=digest,
        filename=filename,
        content_type=kind,
        size=len(data),
        added_by=actor,
        added_at=utcnow(),
    )
    uow.photos.add(kept)
    uow.audit.record(
        actor=actor,
        entity=entity,
        entity_id=owner_id,
        action="attach_photo",
        detail={"file": filename, "sha256": digest},
    )
    return kept


def attach_photo(
    engine: Engine, case_id: uuid.UUID, path: Path, actor: str, line_key: uuid.UUID | None = None
) -> Photo:
    """Attach an image file; the same bytes attached twice are stored once."""
    row = _attach(
        engine,
        path,
        actor,
        ("case", case_id),
        partial(PhotoRow, case_id=case_id, line_key=line_key),
    )
    return Photo(row.id, case_id, line_key, row.sha256, path.name, row.content_type, row.size)


def attach_flood_photo(engine: Engine, flood_case_id: uuid.UUID, path: Path, actor: str) -> Photo:
    """Attach an image file to a flood case (bytes shared with every other photo by hash)."""
    row = _attach(
        engine,
        path,
        actor,
        ("flood_case", flood_case_id),
        partial(FloodPhotoRow, case_id=flood_case_id),
    )
    return Photo(row.id, flood_case_id, None, row.sha256, path.name, row.content_type, row.size)


def list_flood_photos(engine: Engine, flood_case_id: uuid.UUID) -> list[Photo]:
    """A flood case's photos in the order they were added."""
    with UnitOfWork(engine) as uow:
        return [
            Photo(r.id, r.case_id, None, r.sha256, r.filename, r.content_type, r.size)
            for r in uow.photos.of_flood_case(flood_case_id)
        ]


def list_photos(engine: Engine, case_id: uuid.UUID) -> list[Photo]:
    """The case's photos in the order they were added."""
    with UnitOfWork(engine) as uow:
        return [
            Photo(r.id, r.case_id, r.line_key, r.sha256, r.filename, r.content_type, r.size)
            for r in uow.photos.of_case(case_id)
        ]


def photo_bytes(engine: Engine, sha256: str) -> bytes:
    """The stored bytes of a photo."""
    with UnitOfWork(engine) as uow:
        data = uow.photos.blob(sha256)
    if data is None:
        raise DomainError("no_photo")
    return data

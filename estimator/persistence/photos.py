"""The photos repository: photo records of cases and flood cases, and their bytes kept once by
SHA-256.

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from estimator.persistence.rows import FloodPhotoRow, PhotoBlobRow, PhotoRow


class PhotoRepository:
    """Photo rows and blobs in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def keep_blob(self, sha256: str, data: bytes) -> None:
        """Store the bytes unless the same bytes are already there (flushed, before the rows
        that refer to them)."""
        if self.session.get(PhotoBlobRow, sha256) is None:
            self.session.add(PhotoBlobRow(sha256=sha256, data=data))
            self.session.flush()

    def add(self, row: PhotoRow | FloodPhotoRow) -> None:
        """A new photo record (flushed: it has its id)."""
        self.session.add(row)
        self.session.flush()

    def of_case(self, case_id: uuid.UUID) -> list[PhotoRow]:
        """A case's photos in the order they were added."""
        query = select(PhotoRow).where(PhotoRow.case_id == case_id).order_by(PhotoRow.added_at)
        return list(self.session.scalars(query))

    def of_flood_case(self, flood_case_id: uuid.UUID) -> list[FloodPhotoRow]:
        """A flood case's photos in the order they were added."""
        query = (
            select(FloodPhotoRow)
            .where(FloodPhotoRow.case_id == flood_case_id)
            .order_by(FloodPhotoRow.added_at)
        )
        return list(self.session.scalars(query))

    def blob(self, sha256: str) -> bytes | None:
        """The stored bytes with this hash, or None."""
        data = self.session.scalar(select(PhotoBlobRow.data).where(PhotoBlobRow.sha256 == sha256))
        return None if data is None else bytes(data)

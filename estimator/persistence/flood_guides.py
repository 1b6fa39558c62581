"""Imported flooded-vehicle guides (水淹车指南, settlement.md): a row per import, with who
imported which file and when; the newest is the guide in force (none: the guide shipped with
the product). The guide itself is a JSON document (domain.flood_guide_data). The repository
works in the session it is given and never commits."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kernel.orm import Base, UtcDateTime


class FloodGuideRow(Base):
    """One imported guide."""

    __tablename__ = "flood_guides"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    imported_by: Mapped[str] = mapped_column(String(60))
    file_name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    guide: Mapped[str] = mapped_column(Text())


@dataclass(frozen=True)
class StoredGuide:
    """The guide in force as stored: its document and where it came from."""

    document: dict[str, Any]
    file_name: str
    sha256: str
    imported_by: str
    imported_at: dt.datetime


class FloodGuideRepository:
    """Imported guides in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def newest(self) -> StoredGuide | None:
        """The guide imported last (None: none was imported)."""
        row = self.session.scalars(
            select(FloodGuideRow).order_by(FloodGuideRow.id.desc()).limit(1)
        ).first()
        if row is None:
            return None
        return StoredGuide(
            json.loads(row.guide), row.file_name, row.sha256, row.imported_by, row.imported_at
        )

    def add(
        self,
        document: dict[str, Any],
        file_name: str,
        sha256: str,
        imported_by: str,
        imported_at: dt.datetime,
    ) -> None:
        """Store an imported guide: from now on the one in force."""
        self.session.add(
            FloodGuideRow(
                imported_at=imported_at,
                imported_by=imported_by,
                file_name=file_name[:255],
                sha256=sha256,
                guide=json.dumps(document, ensure_ascii=False),
            )
        )
        self.session.flush()

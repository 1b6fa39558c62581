"""The flood cases repository: flood cases found by text, and their saved versions.

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from estimator.persistence.rows import FloodCaseRow, FloodVersionRow


class FloodCaseRepository:
    """Flood case and version rows in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def case(self, case_id: uuid.UUID) -> FloodCaseRow | None:
        """The flood case with this id, or None."""
        return self.session.get(FloodCaseRow, case_id)

    def version(self, version_id: uuid.UUID) -> FloodVersionRow | None:
        """The saved version with this id, or None."""
        return self.session.get(FloodVersionRow, version_id)

    def exists(self, case_id: uuid.UUID) -> bool:
        """Whether there is a flood case with this id."""
        return self.session.get(FloodCaseRow, case_id) is not None

    def add(self, row: FloodCaseRow | FloodVersionRow) -> None:
        """A new flood case or saved version (flushed: it has its id)."""
        self.session.add(row)
        self.session.flush()

    def last_version_no(self, case_id: uuid.UUID) -> int:
        """The number of the case's newest saved version (0 before the first)."""
        query = select(func.max(FloodVersionRow.version_no)).where(
            FloodVersionRow.case_id == case_id
        )
        return self.session.execute(query).scalar() or 0

    def matching(self, needle: str) -> list[FloodCaseRow]:
        """Flood cases, newest first, whose claim number, insured or site contains
        ``needle`` (upper case; every case when empty)."""
        query = select(FloodCaseRow).order_by(FloodCaseRow.created_at.desc())
        if needle:
            like = f"%{needle}%"
            query = query.where(
                func.upper(FloodCaseRow.claim_no).like(like)
                | func.upper(FloodCaseRow.insured_name).like(like)
                | func.upper(FloodCaseRow.site).like(like)
            )
        return list(self.session.scalars(query))

    def all_versions(self) -> list[FloodVersionRow]:
        """Every saved version of every flood case, by version number."""
        return list(
            self.session.scalars(select(FloodVersionRow).order_by(FloodVersionRow.version_no))
        )

    def versions(self, case_id: uuid.UUID) -> list[FloodVersionRow]:
        """A case's saved versions, oldest first."""
        query = (
            select(FloodVersionRow)
            .where(FloodVersionRow.case_id == case_id)
            .order_by(FloodVersionRow.version_no)
        )
        return list(self.session.scalars(query))

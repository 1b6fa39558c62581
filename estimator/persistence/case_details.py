"""The case details repository: what a case's details and history read and lock (its versions'
numbers and statuses, the versions themselves in one order).

It works in the session it is given and never commits.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from estimator.persistence import audit
from estimator.persistence.rows import CaseRow, EstimateRow


class CaseDetailsRepository:
    """A case's versions as its details see them, in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def statuses(self, case_id: uuid.UUID) -> list[str]:
        """The status of each of the case's versions, oldest first."""
        query = (
            select(EstimateRow.status)
            .where(EstimateRow.case_id == case_id)
            .order_by(EstimateRow.version_no)
        )
        return list(self.session.scalars(query))

    def version_numbers(self, case_id: uuid.UUID) -> dict[uuid.UUID, int]:
        """Each of the case's versions' number, by version id."""
        query = select(EstimateRow.id, EstimateRow.version_no).where(EstimateRow.case_id == case_id)
        return dict(self.session.execute(query).all())

    def locked_versions(self, case_id: uuid.UUID) -> list[EstimateRow]:
        """The case's versions, oldest first, locked until commit (one order for every
        locker: no deadlock)."""
        query = (
            select(EstimateRow)
            .where(EstimateRow.case_id == case_id)
            .order_by(EstimateRow.version_no)
            .with_for_update()
        )
        return list(self.session.scalars(query))

    def lock_versions(self, case_id: uuid.UUID) -> None:
        """Lock the case's versions until commit, oldest first, reading only their ids."""
        self.session.scalars(
            select(EstimateRow.id)
            .where(EstimateRow.case_id == case_id)
            .order_by(EstimateRow.version_no)
            .with_for_update()
        ).all()

    def locked_case(self, case_id: uuid.UUID) -> CaseRow | None:
        """The case's row read afresh and locked FOR NO KEY UPDATE until commit (adding a line
        editor or a version, a foreign key to it, is not held up)."""
        return self.session.get(
            CaseRow, case_id, with_for_update={"key_share": True}, populate_existing=True
        )

    def edits(self, case_id: uuid.UUID) -> list[tuple[str, dict[str, Any]]]:
        """The case's ``edit_details`` entries of the audit trail, oldest first: (actor,
        detail), personal data masked as stored."""
        return [
            (actor, detail)
            for actor, _id, detail in audit.entries(self.session, "case", "edit_details", case_id)
        ]

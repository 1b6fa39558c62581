"""The guarantee certificates repository: certificates by estimate, and how many carry a
number prefix (the year's numbering).

It works in the session it is given and never commits.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from estimator.persistence.rows import GuaranteeCertificateRow
from estimator.persistence.sync_rows import SyncStateRow


class CertificateRepository:
    """Guarantee certificate rows in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def count_numbered(self, prefix: str) -> int:
        """How many certificates are numbered ``prefix`` and six digits."""
        query = (
            select(func.count())
            .select_from(GuaranteeCertificateRow)
            .where(GuaranteeCertificateRow.number.like(f"{prefix}______"))
        )
        return self.session.scalar(query) or 0

    def add(self, row: GuaranteeCertificateRow) -> None:
        """A new certificate (flushed with the transaction's next flush)."""
        self.session.add(row)

    def of_estimate(self, estimate_id: uuid.UUID) -> GuaranteeCertificateRow | None:
        """The certificate issued for this estimate version, or None."""
        query = select(GuaranteeCertificateRow).where(
            GuaranteeCertificateRow.estimate_id == estimate_id
        )
        return self.session.scalar(query)

    def number_of(self, estimate_id: uuid.UUID) -> str | None:
        """The number of the estimate version's certificate only, or None."""
        query = select(GuaranteeCertificateRow.number).where(
            GuaranteeCertificateRow.estimate_id == estimate_id
        )
        return self.session.scalar(query)

    def numbering_tag(self) -> str:
        """ "" on a team server or a lone workstation; on a laptop that has checked cases out,
        its device's tag (the first six hex digits of its id), so that a certificate issued
        offline can never take a number the server gives."""
        rows = dict(
            self.session.execute(
                select(SyncStateRow.key, SyncStateRow.value).where(
                    SyncStateRow.key.in_(("user", "device_id"))
                )
            ).all()
        )
        if not rows.get("user") or not rows.get("device_id"):
            return ""
        return rows["device_id"].replace("-", "")[:6].upper()

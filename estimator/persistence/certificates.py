"""The guarantee certificates repository: certificates by estimate, and how many carry a
number prefix (the year's numbering).

It works in the session it is given and never commits.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from estimator.persistence.rows import GuaranteeCertificateRow


class CertificateRepository:
    """Guarantee certificate rows in one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def count_numbered(self, prefix: str) -> int:
        """How many certificates have a number starting with ``prefix``."""
        query = (
            select(func.count())
            .select_from(GuaranteeCertificateRow)
            .where(GuaranteeCertificateRow.number.like(f"{prefix}%"))
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

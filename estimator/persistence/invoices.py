"""The invoice reconciliations repository: a reconciliation with its lines, and the stored ones
newest first.

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from estimator.persistence.rows import InvoiceReconciliationLineRow, InvoiceReconciliationRow


class InvoiceRepository:
    """Invoice reconciliation rows in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, row: InvoiceReconciliationRow, lines: Sequence[InvoiceReconciliationLineRow]
    ) -> InvoiceReconciliationRow:
        """Store a reconciliation (flushed: it has its id) and its lines, numbered in order."""
        self.session.add(row)
        self.session.flush()
        for position, line in enumerate(lines):
            line.reconciliation_id = row.id
            line.position = position
            self.session.add(line)
        return row

    def newest_first(
        self, estimate_id: uuid.UUID | None = None
    ) -> list[tuple[InvoiceReconciliationRow, list[InvoiceReconciliationLineRow]]]:
        """Stored reconciliations with their lines in order, newest first (of one estimate
        version, or all)."""
        query = select(InvoiceReconciliationRow).order_by(
            InvoiceReconciliationRow.reconciled_at.desc()
        )
        if estimate_id is not None:
            query = query.where(InvoiceReconciliationRow.estimate_id == estimate_id)
        found = []
        for row in self.session.scalars(query).all():
            lines = self.session.scalars(
                select(InvoiceReconciliationLineRow)
                .where(InvoiceReconciliationLineRow.reconciliation_id == row.id)
                .order_by(InvoiceReconciliationLineRow.position)
            )
            found.append((row, list(lines)))
        return found

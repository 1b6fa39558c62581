"""Audit use cases: verify the chain."""

from __future__ import annotations

from sqlalchemy import Engine

from estimator.persistence import audit
from estimator.persistence.audit import AuditCheck


def verify_audit(engine: Engine, expected_head: str | None = None) -> AuditCheck:
    """Recompute the audit chain; the first broken entry, if any."""
    with engine.connect() as connection:
        return audit.verify(connection, expected_head)

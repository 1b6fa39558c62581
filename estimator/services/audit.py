"""Audit use cases: verify the chain."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from estimator.persistence import audit
from estimator.persistence.audit import AuditCheck
from estimator.persistence.uow import UnitOfWork


def verify_audit(engine: Engine, expected_head: str | None = None) -> AuditCheck:
    """Recompute the audit chain; the first broken entry, if any."""
    with engine.connect() as connection:
        return audit.verify(connection, expected_head)


def record_refusal(
    engine: Engine, actor: str, entity: str, entity_id: object, action: str, code: str
) -> None:
    """Audit a refused action (``refused_<action>``) in a transaction of its own, once the
    refused one has ended (reliability.md, promise 8)."""
    with UnitOfWork(engine, write=True) as uow:
        audit.record(
            uow.session,
            actor=actor,
            entity=entity,
            entity_id=entity_id,
            action=f"refused_{action}",
            detail={"code": code},
        )
        uow.commit()


@dataclass(frozen=True)
class HistoryEntry:
    """One audited change of a case, for the case's history."""

    at: dt.datetime
    actor: str
    entity: str
    action: str
    detail: dict[str, Any]
    #: The actor's display name (王定损), the username when unknown.
    actor_name: str = ""
    #: The version number (v2) of an estimate entry; None for the case's own entries.
    version: int | None = None


def case_history(engine: Engine, case_id: uuid.UUID) -> list[HistoryEntry]:
    """Every audited change of a case and of its estimate versions, oldest first."""
    with UnitOfWork(engine) as uow:
        versions = {
            str(key): number for key, number in uow.case_details.version_numbers(case_id).items()
        }
        rows = uow.audit.entries({"case": [str(case_id)], "estimate": list(versions)})
        names = uow.users.display_names({r.actor for r in rows})
        return [
            HistoryEntry(
                r.at,
                r.actor,
                r.entity,
                r.action,
                json.loads(r.detail),
                names.get(r.actor, r.actor),
                versions.get(r.entity_id) if r.entity == "estimate" else None,
            )
            for r in rows
        ]

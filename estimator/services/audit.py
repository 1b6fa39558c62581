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
from estimator.persistence.sync_state import LaptopState
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
    """Every audited change of a case and of its estimate versions, oldest first. On a
    laptop, the server's entries about the case (as last exchanged) come with its own; an
    entry made offline and since appended to the server's trail shows once, at the time it
    was made."""
    with UnitOfWork(engine) as uow:
        versions = {
            str(key): number for key, number in uow.case_details.version_numbers(case_id).items()
        }
        rows: list[Any] = list(LaptopState(uow.session).history(case_id))
        reached = {_origin(r.detail).get("hash") for r in rows}
        local = uow.audit.entries({"case": [str(case_id)], "estimate": list(versions)})
        rows += [r for r in local if r.hash not in reached]
        names = uow.users.display_names({r.actor for r in rows})
        found = [
            HistoryEntry(
                _when(r.at, r.detail),
                r.actor,
                r.entity,
                r.action,
                json.loads(r.detail),
                names.get(r.actor, r.actor),
                versions.get(r.entity_id) if r.entity == "estimate" else None,
            )
            for r in rows
        ]
        return sorted(found, key=lambda e: e.at)  # stable: one trail's order kept


def _origin(detail: str) -> dict[str, Any]:
    try:
        origin = json.loads(detail).get("origin")
    except (ValueError, AttributeError):
        return {}
    return origin if isinstance(origin, dict) else {}


def _when(at: dt.datetime, detail: str) -> dt.datetime:
    """When the entry's change was made: where it was made (an entry from a laptop keeps
    its time there), else when it was appended."""
    made = _origin(detail).get("at")
    try:
        return dt.datetime.fromisoformat(made) if isinstance(made, str) else at
    except ValueError:
        return at

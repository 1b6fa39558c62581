"""Field events of a case as the workstation records and lists them: who may record one
(assessors and administrators; reviewers read), and the case's events with who and the note."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.field_events import check_event
from estimator.domain.workflow import Role
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.users import User, require_roles
from estimator.services.workflow import record_event
from kernel.clock import utcnow

#: Who may record a field event.
RECORDERS = frozenset({Role.ASSESSOR, Role.ADMIN})


@dataclass(frozen=True)
class RecordedEvent:
    """One stored event of a case: what, when (UTC), who recorded it, and its note."""

    kind: str
    at: dt.datetime
    by: str
    note: str = ""


def case_events(engine: Engine, case_id: str | uuid.UUID) -> list[RecordedEvent]:
    """The case's events, oldest first (NotFound without the case)."""
    key = parse_id(case_id)
    with UnitOfWork(engine) as uow:
        if not uow.cases.exists(key):
            raise NotFound(str(case_id))
        return [RecordedEvent(*row) for row in uow.cases.event_records(key)]


def record_field_event(
    engine: Engine,
    case_id: str | uuid.UUID,
    kind: EventKind,
    actor: User,
    at: dt.datetime | None = None,
    note: str = "",
) -> list[RecordedEvent]:
    """Record a field event as ``actor`` (an assessor or administrator; now unless ``at``,
    never in the future; audited), then the case's events after it."""
    require_roles(actor, RECORDERS)
    check_event(kind, at, utcnow(), note)
    record_event(engine, case_id, kind, actor.username, at, note)
    return case_events(engine, case_id)

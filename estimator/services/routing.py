"""Large-case routing and the manager's escalations (issue #19, indicators.md).

The large-case queue holds the cases of the large-case group whose assessor is not in that
group: a member takes one, a manager or an administrator assigns one to any assessor. Each take
and assignment is audited with who had the case before. An overdue resubmission after a return
escalates to the claims manager until it is made; the escalation and its resolution are audited
once per return, the first time the queue or a command sees them.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.clocks import LocationClass, clocks
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from estimator.domain.routing import (
    Escalation,
    belongs_to_large_group,
    check_take,
    escalations_of,
    waits_in_queue,
)
from estimator.domain.workflow import EstimateStatus, Group, Role
from estimator.persistence.cases import CaseListRow
from estimator.persistence.locks import advisory_lock
from estimator.persistence.rows import UserRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.audit import record_refusal
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.settings import settings_in
from estimator.services.time_limits import time_limit_policy
from estimator.services.users import User, require_roles
from kernel.clock import utcnow

#: Who assigns cases and reads the escalations: the claims manager, or an administrator.
MANAGERS = frozenset({Role.MANAGER, Role.ADMIN})
#: Escalation auditors take turns (PostgreSQL): each escalation is recorded once.
ESCALATION_LOCK = 0x45534331
#: Where a case's work is over: it leaves the queue.
_DONE = frozenset({EstimateStatus.CLOSED.value})


@dataclass(frozen=True)
class QueueEntry:
    """A case waiting in the large-case queue, with its newest version."""

    case_id: uuid.UUID
    estimate_id: uuid.UUID
    claim_no: str
    plate: str
    total: Decimal | None
    tier: str
    status: str
    assessor: str
    #: Whether the case belongs to the large-case group, and whether it waits in its queue.
    large: bool = False
    waiting: bool = False


@dataclass(frozen=True)
class OpenEscalation:
    """An overdue resubmission in the manager's escalation queue (升级督办)."""

    case_id: uuid.UUID
    estimate_id: uuid.UUID
    claim_no: str
    assessor: str
    returned_at: dt.datetime
    due: dt.datetime
    hours_overdue: Decimal


def _assessor_group(row: UserRow | None) -> Group | None:
    """The user's group if they are an assessor; None for anyone else or no one."""
    if row is None or Role.ASSESSOR.value not in row.roles.split(","):
        return None
    return Group(row.group_name or Group.ORDINARY.value)


def case_assessor_in(uow: UnitOfWork, case_id: uuid.UUID) -> tuple[str, Group | None]:
    """The case's assessor and their group (None when they are no assessor), read in ``uow``."""
    assessor = uow.cases.assessor(case_id) or ""
    return assessor, _assessor_group(uow.users.get(assessor) if assessor else None)


def open_cases(engine: Engine) -> list[QueueEntry]:
    """Every case not closed (nor archived) with its assessor, whether it belongs to the
    large-case group and whether it waits in the group's queue, by claim number."""
    with UnitOfWork(engine) as uow:
        groups = {row.username: _assessor_group(row) for row in uow.users.all()}
        rows = uow.cases.latest()
    found = []
    for r in rows:
        if r.status in _DONE:
            continue
        large = r.large_case_group or belongs_to_large_group(r.total, r.tier or None)
        waiting = waits_in_queue(large, groups.get(r.assessor))
        found.append(
            QueueEntry(
                r.case_id,
                r.estimate_id,
                r.claim_no,
                r.plate,
                r.total,
                r.tier,
                r.status,
                r.assessor,
                large,
                waiting,
            )
        )
    return sorted(found, key=lambda e: e.claim_no)


def large_case_queue(engine: Engine) -> list[QueueEntry]:
    """The cases waiting in the large-case group's queue, by claim number."""
    return [e for e in open_cases(engine) if e.waiting]


def case_claim_no(engine: Engine, case_id: str | uuid.UUID) -> str:
    """The case's claim number (NotFound without the case)."""
    with UnitOfWork(engine) as uow:
        return _case_facts(uow, parse_id(case_id))[0]


def _case_facts(uow: UnitOfWork, case_id: uuid.UUID) -> tuple[str, bool]:
    """(claim number, whether the case belongs to the large-case group), NotFound without it."""
    case = uow.cases.get(case_id)
    if case is None:
        raise NotFound(str(case_id))
    newest = uow.loss_objects.newest_versions(case_id)  # any of its objects may be large
    large = case.large_case_group or any(
        belongs_to_large_group(row.total, row.tier or None) for row in newest
    )
    return case.claim_no, large


#: Decides a case's new assessor from (uow, claim number, large?, current assessor), or refuses.
Decide = Callable[[UnitOfWork, str, bool, str], str]


def _reassign(engine: Engine, key: uuid.UUID, action: str, actor: User, decide: Decide) -> str:
    """Run ``decide(uow, claim_no, large, was) -> new assessor`` and record the change
    (entity "case", ``action`` with from/to); a refusal is audited and raised."""
    failed: DomainError | None = None
    with UnitOfWork(engine, write=True) as uow:
        try:
            claim_no, large = _case_facts(uow, key)
            was = uow.cases.assessor(key) or ""
            new = decide(uow, claim_no, large, was)
            if not uow.cases.assign(key, new, was):
                raise DomainError("case_assigned_meanwhile", claim_no=claim_no)
        except DomainError as refusal:
            uow.session.rollback()
            failed = refusal
        else:
            uow.audit.record(
                actor=actor.username,
                entity="case",
                entity_id=key,
                action=action,
                detail={"from": was, "to": new, "claim_no": claim_no},
            )
            uow.commit()
            return new
    record_refusal(engine, actor.username, "case", key, action, failed.code)
    raise failed


def take_case(engine: Engine, case_id: str | uuid.UUID, actor: User) -> str:
    """A large-group assessor takes a case from the large-case queue (audited ``take_case``);
    refused for an ordinary-group assessor, a case not in the group or one already taken."""
    require_roles(actor, {Role.ASSESSOR})

    def decide(uow: UnitOfWork, claim_no: str, large: bool, was: str) -> str:
        was_group = _assessor_group(uow.users.get(was)) if was else None
        check_take(
            claim_no=claim_no,
            large=large,
            taker=actor.username,
            taker_group=actor.group,
            assessor=was,
            assessor_group=was_group,
        )
        return actor.username

    return _reassign(engine, parse_id(case_id), "take_case", actor, decide)


def assign_case(engine: Engine, case_id: str | uuid.UUID, assessor: str, actor: User) -> str:
    """A manager or an administrator assigns a case to an assessor of any group (audited
    ``assign_case`` with from/to); refused for a non-assessor or the case's own assessor."""
    require_roles(actor, MANAGERS)
    assessor = assessor.strip()

    def decide(uow: UnitOfWork, claim_no: str, _large: bool, was: str) -> str:
        target = uow.users.get(assessor)
        if target is None:
            raise DomainError("no_such_user", user=assessor)
        if _assessor_group(target) is None:
            raise DomainError("assign_to_non_assessor", user=assessor)
        if assessor == was:
            raise DomainError("already_assigned", claim_no=claim_no, user=assessor)
        return assessor

    return _reassign(engine, parse_id(case_id), "assign_case", actor, decide)


def _recorded(uow: UnitOfWork, case_ids: list[str]) -> set[tuple[str, str, str]]:
    """(case id, action, return key) of the escalation entries already in the audit."""
    found = set()
    for entry in uow.audit.entries({"case": case_ids}):
        if entry.action in ("escalate", "resolve_escalation"):
            returned = str(json.loads(entry.detail or "{}").get("returned_at", ""))
            found.add((entry.entity_id, entry.action, returned))
    return found


def _audit_escalations(
    uow: UnitOfWork,
    case: CaseListRow,
    found: list[Escalation],
    recorded: set[tuple[str, str, str]],
    actor: str,
) -> None:
    """Record what the audit does not hold yet of ``found``: each escalation (``escalate``)
    and, once resubmitted, its end (``resolve_escalation``): once per return."""
    for esc in found:
        detail = {"returned_at": esc.key, "due": esc.due.astimezone(dt.UTC).isoformat()}
        if (str(case.case_id), "escalate", esc.key) not in recorded:
            uow.audit.record(
                actor=actor,
                entity="case",
                entity_id=case.case_id,
                action="escalate",
                detail={**detail, "assessor": case.assessor},
            )
        resolved = esc.resubmitted_at
        if resolved is not None and (str(case.case_id), "resolve_escalation", esc.key) not in (
            recorded
        ):
            uow.audit.record(
                actor=actor,
                entity="case",
                entity_id=case.case_id,
                action="resolve_escalation",
                detail={**detail, "resubmitted_at": resolved.astimezone(dt.UTC).isoformat()},
            )


def _seen(
    uow: UnitOfWork, rows: list[CaseListRow], now: dt.datetime
) -> dict[uuid.UUID, list[Escalation]]:
    """The escalations (open or resolved) of each of ``rows`` that has any, at ``now``: of
    every loss object of the case, each from its own returns and resubmissions."""
    if not rows:
        return {}
    policy = time_limit_policy(settings_in(uow))
    bulk = len(rows) > 1  # every case's events in one query, else the one case's
    events = uow.cases.events_by_object(None if bulk else [rows[0].case_id])
    seen = {}
    for r in rows:
        tier = Tier(r.tier) if r.tier else Tier.ON_SITE
        location = LocationClass(r.location_class)
        found = [
            escalation
            for history in events.get(r.case_id, {}).values()
            for escalation in escalations_of(clocks(tier, history, policy, location), now)
        ]
        if found:
            seen[r.case_id] = sorted(found, key=lambda e: e.returned_at)
    return seen


def _settle(
    uow: UnitOfWork, rows: list[CaseListRow], now: dt.datetime, actor: str
) -> dict[uuid.UUID, list[Escalation]]:
    """Audit the escalations of ``rows`` not yet audited (writers take turns); return them."""
    advisory_lock(uow.session, ESCALATION_LOCK)
    seen = _seen(uow, rows, now)
    recorded = _recorded(uow, [str(k) for k in seen])
    for r in rows:
        _audit_escalations(uow, r, seen.get(r.case_id, []), recorded, actor)
    return seen


def escalations(
    engine: Engine, actor: User, now: dt.datetime | None = None
) -> list[OpenEscalation]:
    """The open escalations (overdue resubmissions) at ``now``, most overdue first; managers
    and administrators read them. Each escalation is audited (``escalate``) the first time it
    is seen, and its end (``resolve_escalation``) the first time it is seen resolved."""
    require_roles(actor, MANAGERS)
    now = now or utcnow()
    with UnitOfWork(engine, write=True) as uow:
        rows = uow.cases.latest()
        seen = _settle(uow, rows, now, actor.username)
        uow.commit()
    found = [
        OpenEscalation(
            r.case_id,
            r.estimate_id,
            r.claim_no,
            r.assessor,
            esc.returned_at,
            esc.due,
            esc.hours_overdue(now),
        )
        for r in rows
        for esc in seen.get(r.case_id, [])
        if esc.is_open()
    ]
    return sorted(found, key=lambda e: (-e.hours_overdue, e.claim_no))


def settle_case(engine: Engine, case_id: uuid.UUID, actor: str) -> None:
    """Audit a case's escalations as they stand now: after its resubmission, the one that
    ends an escalation is recorded as resolved when it is made."""
    with UnitOfWork(engine, write=True) as uow:
        rows = uow.cases.latest(case_id=case_id)
        _settle(uow, rows, utcnow(), actor)
        uow.commit()

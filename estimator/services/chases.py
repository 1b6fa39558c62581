"""Chases (催问) of a case: recording one (assessors and administrators; audited as the case's
``chase``) and listing them with the penalty the settings put on them."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.chases import (
    Chase,
    ChaseBy,
    ChaseVia,
    check_note,
    parse_by,
    parse_via,
    penalty_total,
)
from estimator.domain.workflow import Role
from estimator.persistence.chases import ChaseRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.settings import settings_in
from estimator.services.users import User, require_roles
from kernel.clock import utcnow

#: Who may record a chase.
RECORDERS = frozenset({Role.ASSESSOR, Role.ADMIN})


@dataclass(frozen=True)
class CaseChases:
    """A case's chases, oldest first, and what they cost the assessor."""

    chases: tuple[Chase, ...]
    penalty: Decimal

    @property
    def count(self) -> int:
        """How many chases the case has had."""
        return len(self.chases)


def record_chase(
    engine: Engine,
    case_id: str | uuid.UUID,
    by: str | ChaseBy,
    via: str | ChaseVia,
    actor: User,
    note: str = "",
    at: dt.datetime | None = None,
) -> CaseChases:
    """Record a chase of the case (audited); the case's chases after it."""
    require_roles(actor, RECORDERS)
    party, route, text = parse_by(str(by)), parse_via(str(via)), check_note(note)
    key = parse_id(case_id)
    when = at or utcnow()
    with UnitOfWork(engine, write=True) as uow:
        if uow.cases.get(key) is None:
            raise NotFound(str(case_id))
        uow.chases.add(
            ChaseRow(
                case_id=key,
                by_party=party.value,
                via=route.value,
                at=when,
                recorded_by=actor.username,
                note=text,
            )
        )
        uow.audit.record(
            actor=actor.username,
            entity="case",
            entity_id=key,
            action="chase",
            detail={"by": party.value, "via": route.value, "at": when.isoformat(), "note": text},
        )
        result = _chases_in(uow, key)
        uow.commit()
    return result


def chases_of(engine: Engine, case_id: str | uuid.UUID) -> CaseChases:
    """The case's chases, oldest first, with their penalty under the settings in force."""
    key = parse_id(case_id)
    with UnitOfWork(engine) as uow:
        if uow.cases.get(key) is None:
            raise NotFound(str(case_id))
        return _chases_in(uow, key)


def _chases_in(uow: UnitOfWork, key: uuid.UUID) -> CaseChases:
    chases = tuple(
        Chase(ChaseBy(r.by_party), ChaseVia(r.via), r.at, r.recorded_by, r.note)
        for r in uow.chases.of_case(key)
    )
    return CaseChases(chases, penalty_total(len(chases), settings_in(uow)))

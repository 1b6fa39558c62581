"""Check-outs of cases to laptops on the team server (sync.md): which case is checked out
where (``checkouts``), and the manager's release of one (``release_checkout``: audited as the
case's ``checkout_released``), after which the case is editable on the server again."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence.sync_guard import read_only_cases
from estimator.persistence.sync_rows import CaseCheckoutRow
from estimator.persistence.sync_state import ServerState
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import NotFound
from estimator.services.users import User, require_roles

#: Who may release a check-out: the claims manager, and the administrator as everywhere.
RELEASERS = frozenset({Role.MANAGER, Role.ADMIN})


@dataclass(frozen=True)
class Checkout:
    """A case checked out to a laptop: the case, the device, who took it and when (UTC)."""

    case_id: uuid.UUID
    claim_no: str
    device_id: str
    device_name: str
    username: str
    checked_out_at: dt.datetime


def _checkout(row: CaseCheckoutRow, claim_no: str) -> Checkout:
    return Checkout(
        row.case_id, claim_no, row.device_id, row.device_name, row.username, row.checked_out_at
    )


def checkouts(engine: Engine) -> list[Checkout]:
    """Every case checked out, oldest check-out first (for the status views)."""
    with UnitOfWork(engine) as uow:
        return [_checkout(row, claim) for row, claim in ServerState(uow.session).checkouts()]


def read_only_refusals(engine: Engine, case_id: uuid.UUID) -> list[DomainError]:
    """Why the case may not be changed in this database (checked out to a laptop; on a
    laptop, checked in or a check-in in flight), worded; empty when it may."""
    with UnitOfWork(engine) as uow:
        return [found.error() for found in read_only_cases(uow.session.connection(), [case_id])]


def _case_key(uow: UnitOfWork, case: str | uuid.UUID) -> uuid.UUID:
    """The case named by its id or, failing that, by a claim number only it has."""
    if isinstance(case, uuid.UUID):
        return case
    text = str(case).strip()
    try:
        return uuid.UUID(text)
    except ValueError:
        pass
    keys = ServerState(uow.session).cases_with_claim(text)
    if len(keys) > 1:
        raise DomainError("claim_no_ambiguous", claim_no=text)
    if not keys:
        raise NotFound(text)
    return keys[0]


def release_checkout(engine: Engine, case: str | uuid.UUID, actor: User) -> Checkout:
    """Release the case's check-out as a manager (or administrator): the case is editable on
    the server again; audited with the device and the user it was checked out to. Refused to
    other roles, and for a case not checked out, with nothing written. ``case`` is the case's
    id or its claim number. What the laptop changed meanwhile comes back at its check-in as a
    conflict, never silently over the server's."""
    require_roles(actor, RELEASERS)
    with UnitOfWork(engine, write=True) as uow:
        key = _case_key(uow, case)
        state = ServerState(uow.session)
        claim_no = state.claim_of(key)
        if claim_no is None:
            raise NotFound(str(case))
        row = state.checkout(key, lock=True)
        if row is None:
            raise DomainError("not_checked_out", claim_no=claim_no)
        released = _checkout(row, claim_no)
        uow.session.delete(row)
        uow.audit.record(
            actor=actor.username,
            entity="case",
            entity_id=key,
            action="checkout_released",
            detail={
                "device_id": released.device_id,
                "device": released.device_name,
                "user": released.username,
                "checked_out_at": released.checked_out_at.isoformat(),
            },
        )
        uow.commit()
    return released

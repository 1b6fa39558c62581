"""The estimate's salvage (残值): set by the assessor, re-priced, audited and saved against
the version it was read from, as line edits are (``cases.replace_lines``)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.entry_values import Refusal, parse_entry
from estimator.domain.errors import DomainError
from estimator.domain.pricing import PricedEstimate, salvage_problem
from estimator.domain.workflow import Action, next_status
from estimator.persistence import audit
from estimator.persistence.estimates import set_totals
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import StoredEstimate, check_not_moved, load_estimate
from estimator.services.estimates import price
from estimator.services.users import User
from kernel.problems import Worded


def set_salvage(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    salvage: Decimal | None,
    actor: User,
    based_on: StoredEstimate | None = None,
) -> PricedEstimate:
    """Set (None: clear) an editable version's salvage, re-price and store its totals.

    As for lines, a save on a version someone else has saved since is refused with an
    :class:`EditConflict` and nothing is written."""
    if salvage is not None:
        checked = parse_entry(str(salvage), "salvage")
        if isinstance(checked, Refusal):
            raise DomainError("bad_salvage", reason=Worded(checked.message_zh, checked.message_en))
    stored = load_estimate(engine, estimate_id)
    base = based_on or stored
    next_status(stored.status, Action.EDIT, actor=actor.username, roles=actor.roles)
    priced, _problems = price(engine, replace(stored.estimate, salvage=salvage))
    if priced is None or not priced.ok:
        raise DomainError("cannot_price")
    if (too_much := salvage_problem(priced)) is not None:
        raise DomainError("bad_salvage", reason=too_much)
    with UnitOfWork(engine, write=True) as uow:
        row = uow.estimates.row(stored.id, lock=True)
        assert row is not None
        check_not_moved(uow, base, row.row_version)
        before = row.salvage
        row.salvage = salvage
        set_totals(row, priced)
        uow.cases.add_editor(stored.case_id, actor.username)
        audit.record(
            uow.session,
            actor=actor.username,
            entity="estimate",
            entity_id=row.id,
            action="salvage",
            detail={
                "changed": {"salvage": [_text(before), _text(salvage)]},
                "total": str(row.total),
            },
        )
        uow.commit()
    return priced


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"

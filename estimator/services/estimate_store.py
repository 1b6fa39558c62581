"""The estimate store: import a draft, load a version, replace its lines, compare versions, and
the reviewed totals. Every change is audited in its own transaction (one unit of work)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.adjustments import ReviewAdjustment, reviewed_totals
from estimator.domain.diff import LineSnapshot, VersionDiff, describe_changes, diff_versions
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Estimate, EstimateLine
from estimator.domain.estimate_json import (
    case_documents,
    case_location,
    creation_events,
    decode,
    estimate_from_document,
)
from estimator.domain.field_rules import estimate_problems, field_problems
from estimator.domain.loss_objects import INSURED, object_from_document
from estimator.domain.pricing import PricedEstimate, Totals, salvage_problem
from estimator.domain.settlement_inputs import settlement_from_document
from estimator.domain.workflow import Action, next_status
from estimator.persistence.estimates import TOTAL_NAMES as TOTAL_NAMES
from estimator.persistence.estimates import StoredEstimate as StoredEstimate
from estimator.persistence.uow import StorageError as StorageError  # what a refused write raises
from estimator.persistence.uow import UnitOfWork
from estimator.services import document_records
from estimator.services.estimates import price, price_in, resolve_vehicle
from estimator.services.settings import current_settings
from estimator.services.users import User
from kernel.clock import utcnow
from kernel.problems import Problem, Worded


class NotFound(LookupError):
    """No estimate or case with that id."""


@dataclass(frozen=True)
class ImportedEstimate:
    """What ``estimate import`` made, or why it could not."""

    problems: list[Problem]
    case_id: uuid.UUID | None = None
    estimate_id: uuid.UUID | None = None


def parse_id(text: str | uuid.UUID) -> uuid.UUID:
    """A case or estimate id from text (NotFound when it is not one)."""
    try:
        return text if isinstance(text, uuid.UUID) else uuid.UUID(str(text).strip())
    except ValueError:
        raise NotFound(str(text)) from None


def import_estimate(
    engine: Engine,
    text: str,
    *,
    actor: str,
    today: dt.date | None = None,
    insured: tuple[str, str] = ("", ""),
) -> ImportedEstimate:
    """Store an ``estimate/1`` document as a new case's draft (version 1 of its insured
    vehicle), priced; ``insured`` is the insured's name and phone (the document format does
    not carry them). A document for an existing case goes to
    ``loss_objects.import_into_case``."""
    document, problems = decode(text)
    if problems:
        return ImportedEstimate(problems)
    estimate, problems = estimate_from_document(document, today=today or dt.date.today())
    if estimate is None:
        return ImportedEstimate(problems)
    ref, problems = object_from_document(document)
    if not problems and ref != INSURED:
        problems = [Problem("loss_object.new_case_insured", path="object")]
    events, more = creation_events(document)
    location, wrong_place = case_location(document)
    procedure, documents, wrong_documents = case_documents(document)
    settlement, wrong_settlement = settlement_from_document(document)
    if problems := problems + more + wrong_place + wrong_documents + wrong_settlement:
        return ImportedEstimate(problems)
    settings = current_settings(engine)
    if problems := document_records.imported_problems(procedure, documents, settings):
        return ImportedEstimate(problems)
    names = {"insured_name": insured[0], "insured_phone": insured[1]}
    if problems := estimate_problems(estimate) + field_problems(names):
        return ImportedEstimate(problems)
    estimate, priced, problems = priced_import(engine, estimate)
    if priced is None:
        return ImportedEstimate(problems)
    now = utcnow()
    with UnitOfWork(engine, write=True) as uow:
        case = uow.cases.add(estimate, insured, actor, now)
        case.location_class = location.value
        vehicle = uow.loss_objects.add(case.id, INSURED, actor, now)
        row = uow.estimates.add_version(
            case.id, 1, estimate, priced, actor, now, object_id=vehicle.id
        )
        uow.cases.add_editor(case.id, actor)
        for kind, at in events:  # report and dispatch, as the document gives them
            uow.cases.add_event(case.id, kind, actor, at)
        uow.audit.record(
            actor=actor,
            entity="case",
            entity_id=case.id,
            action="create",
            detail={
                "claim_no": case.claim_no,
                "plate": case.plate,
                "estimate": str(row.id),
                "total": str(row.total),
            },
        )
        document_records.store_imported(uow, case.id, (procedure, documents), actor, now)
        if not settlement.empty:  # the vehicle's value, the policy, liability, flood
            uow.settlement.put(case.id, settlement)
        uow.commit()
        return ImportedEstimate([], case.id, row.id)


def priced_import(
    engine: Engine, estimate: Estimate
) -> tuple[Estimate, PricedEstimate | None, list[Problem]]:
    """An imported estimate with its vehicle resolved, priced; or the problems that stop it
    (an unknown model, a price not found, salvage above the total)."""
    estimate, problems, _ = resolve_vehicle(engine, estimate)
    if problems:
        return estimate, None, problems
    priced, problems = price(engine, estimate)
    if priced is None or not priced.ok:
        return estimate, None, problems or list(priced.problems if priced else ())
    if (salvage := salvage_problem(priced)) is not None:
        return estimate, None, [salvage]
    return estimate, priced, []


class EditConflict(DomainError):
    """Someone saved the estimate after this edit's version was loaded: refused, not merged.

    ``theirs`` is the estimate as it now is; ``changes`` what they changed (from the version
    the edit was based on), also spelled out in the message."""

    def __init__(self, mine: StoredEstimate, theirs: StoredEstimate, changed_by: str) -> None:
        self.theirs = theirs
        self.changes = diff_versions(snapshots(mine), snapshots(theirs), mine.totals, theirs.totals)
        self.changed_by = changed_by
        zh, en = describe_changes(self.changes)
        if mine.status is not theirs.status:
            moved = Problem(
                "status_moved", params={"mine": mine.status.value, "theirs": theirs.status.value}
            )
            zh = "；".join(x for x in (moved.reason("zh"), zh) if x)
            en = "; ".join(x for x in (moved.reason("en"), en) if x)
        super().__init__(
            "edit_conflict",
            who=changed_by or Problem("someone"),
            changes=Worded(zh, en) if zh else Problem("no_line_changes"),
        )


def stored_in(uow: UnitOfWork, estimate_id: str | uuid.UUID) -> StoredEstimate:
    """A stored estimate version, read in ``uow`` (NotFound when there is none)."""
    stored = uow.estimates.get(parse_id(estimate_id))
    if stored is None:
        raise NotFound(str(estimate_id))
    return stored


def load_estimate(engine: Engine, estimate_id: str | uuid.UUID) -> StoredEstimate:
    """A stored estimate version."""
    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        return stored_in(uow, key)


def first_submission(
    engine: Engine, estimate_id: str | uuid.UUID
) -> tuple[tuple[str, ...], tuple[EstimateLine, ...]] | None:
    """(keys, lines) of the version as first submitted, if it has been submitted."""
    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        return uow.estimates.first_submission(key)


def check_not_moved(uow: UnitOfWork, base: StoredEstimate, row_version: int) -> None:
    """Refuse with an :class:`EditConflict` when the version moved since ``base`` was read."""
    if row_version != base.row_version:
        row = uow.estimates.row(base.id)
        assert row is not None
        raise EditConflict(base, uow.estimates.stored(row), uow.estimates.last_actor(row.id))


def replace_lines(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    lines: list[EstimateLine],
    actor: User,
    keys: list[uuid.UUID | None] | None = None,
    based_on: StoredEstimate | None = None,
) -> PricedEstimate:
    """Replace an editable version's lines, re-price and store. ``keys`` gives each line's
    stable key (a kept line keeps its key; None for a new line); without it, by position.

    ``based_on`` is the version the edit was made on (as loaded): if anyone has saved the
    estimate since, the save is refused with an :class:`EditConflict` showing what they
    changed, and nothing is written; the caller still holds its lines to re-apply."""
    stored = load_estimate(engine, estimate_id)
    base = based_on or stored
    next_status(stored.status, Action.EDIT, actor=actor.username, roles=actor.roles)
    estimate = replace(stored.estimate, lines=tuple(lines))
    priced, _problems = price(engine, estimate)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price")
    with UnitOfWork(engine, write=True) as uow:
        # The row is locked until commit (FOR UPDATE on PostgreSQL; SQLite's writer lock is
        # taken at BEGIN), so a second save waits and then sees the version has moved.
        row = uow.estimates.row(stored.id, lock=True)
        assert row is not None
        check_not_moved(uow, base, row.row_version)
        given = keys if keys is not None else list(stored.line_keys)
        uow.estimates.replace_lines(row, lines, priced, actor.username, given)
        uow.cases.add_editor(stored.case_id, actor.username)
        uow.audit.record(
            actor=actor.username,
            entity="estimate",
            entity_id=row.id,
            action="edit",
            detail={"lines": len(lines), "total": str(row.total)},
        )
        uow.commit()
    return priced


def _plain(value: object) -> str:
    """A value as compared between versions: 1.0000 and 1 are the same quantity."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def snapshots(stored: StoredEstimate) -> list[LineSnapshot]:
    """A version's lines as the comparison of versions sees them."""
    result = []
    for line, key, amount in zip(
        stored.estimate.lines, stored.line_keys, stored.amounts, strict=True
    ):
        values = {
            name: _plain(value)
            for name, value in (
                ("part_no", line.part_no),
                ("qty", line.qty),
                ("price_type", line.price_type),
                ("unit_price", line.unit_price),
                ("component_code", line.component_code),
                ("operation", line.operation),
                ("hours", line.hours),
                ("rate", line.rate),
                ("panels", line.panels),
                ("price_per_panel", line.price_per_panel),
                ("amount", line.amount),
            )
            if value not in (None, "")
        }
        description = line.description or line.part_no or line.component_code
        result.append(
            LineSnapshot(str(key), line.kind.value, description, values, amount or Decimal("0.00"))
        )
    return result


def diff(engine: Engine, first: str | uuid.UUID, second: str | uuid.UUID) -> VersionDiff:
    """Lines added, changed and removed from ``first`` to ``second``, and each total's change."""
    with UnitOfWork(engine) as uow:
        return diff_in(uow, first, second)


def diff_in(uow: UnitOfWork, first: str | uuid.UUID, second: str | uuid.UUID) -> VersionDiff:
    """``diff`` read in ``uow``."""
    a, b = stored_in(uow, first), stored_in(uow, second)
    return diff_versions(snapshots(a), snapshots(b), a.totals, b.totals)


def previous_version(engine: Engine, estimate_id: str | uuid.UUID) -> uuid.UUID | None:
    """The version before this one of its loss object, if any."""
    with UnitOfWork(engine) as uow:
        stored = stored_in(uow, estimate_id)
        if stored.object_id is None:
            return None
        return uow.estimates.version_id(stored.object_id, stored.version_no - 1)


def customer_signature(
    engine: Engine, estimate_id: str | uuid.UUID
) -> tuple[bytes | None, dt.datetime | None]:
    """The customer's drawn signature and when it was given (None, None before signing)."""
    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        return uow.estimates.customer_signature(key)


def review_adjustments(engine: Engine, estimate_id: str | uuid.UUID) -> dict[int, ReviewAdjustment]:
    """The reviewer's amounts on a version, by line index."""
    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        return uow.estimates.adjustments(key)


def price_stored(
    stored: StoredEstimate, engine: Engine
) -> tuple[PricedEstimate | None, list[Problem]]:
    """Price a stored version: a submitted one with the catalog and standard it was submitted
    with, a draft with the current ones."""
    with UnitOfWork(engine) as uow:
        return price_stored_in(uow, stored)


def price_stored_in(
    uow: UnitOfWork, stored: StoredEstimate
) -> tuple[PricedEstimate | None, list[Problem]]:
    """``price_stored`` read in ``uow``."""
    return price_in(
        uow,
        stored.estimate,
        catalog_version=stored.catalog_version,
        labor_version=stored.labor_version,
    )


def approved_totals(engine: Engine, estimate_id: str | uuid.UUID) -> Totals:
    """The totals with the reviewer's amounts (核损金额) where set."""
    with UnitOfWork(engine) as uow:
        return approved_totals_in(uow, stored_in(uow, estimate_id))


def approved_totals_in(uow: UnitOfWork, stored: StoredEstimate) -> Totals:
    """``approved_totals`` of a version read in ``uow``."""
    priced, _problems = price_stored_in(uow, stored)
    if priced is None or not priced.ok:
        raise DomainError("cannot_price")
    return reviewed_totals(priced, uow.estimates.adjustments(stored.id))

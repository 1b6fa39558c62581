"""Correcting a case's details after it was opened (plate, VIN, insured, claim number, shop,
region, paint type, model), with optimistic locking on the case's ``row_version``: a save
based on a version someone has moved since is refused, showing what they changed, and
nothing is written. Which field may change in which status: estimator.domain.case_details."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from estimator.domain.case_details import (
    CASE_FIELDS,
    CaseDetailsInvalid,
    FieldChange,
    Value,
    check_fields,
    describe_field_changes,
    field_refusal,
    normalise,
    plain,
)
from estimator.domain.errors import DomainError
from estimator.domain.estimate_json import (
    FORMAT,
    case_location,
    default_price_type,
    estimate_from_document,
)
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence import audit
from estimator.persistence.binding import rebind_case
from estimator.persistence.case_details import CaseDetailsRepository
from estimator.persistence.estimates import EstimateRepository, priced_values, set_totals
from estimator.persistence.rows import CaseRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import NotFound, parse_id, price_stored
from estimator.services.estimates import resolve_vehicle
from estimator.services.ports import UnitOfWorkLike
from estimator.services.users import User
from kernel.problems import Problem, Worded, described
from labor_standards.model import ShopClass

#: The fields whose change re-prices the case's (draft) versions.
_REPRICING = frozenset({"model_code", "region", "paint_type", "shop_class"})
#: Where the ``estimate/1`` reader (create_case's validation) reports each field.
_DOCUMENT_PATHS = {
    "region": "region",
    "shop.class": "shop_class",
    "vehicle.paint_type": "paint_type",
    "vehicle.model_code": "model_code",
    "location": "location_class",
}


@dataclass(frozen=True)
class CaseDetails:
    """A case's details as read, with what decides who may change which."""

    case_id: uuid.UUID
    #: The case row's version when read: a save based on it is refused once it has moved.
    row_version: int
    #: Every field of ``CASE_FIELDS``: text, or the partner flag.
    values: Mapping[str, Value]
    vehicle_class: str
    #: The statuses of the case's versions, oldest first.
    statuses: tuple[EstimateStatus, ...]
    #: Who may change the details: the case's assessors (its assigned assessor, who opened
    #: it until taken or assigned, and the assessors who edited its lines).
    assessors: tuple[str, ...]

    def refusal(self, field: str) -> DomainError | None:
        """Why ``field`` cannot change now (None: it can)."""
        return field_refusal(field, self.statuses)


@dataclass(frozen=True)
class CaseUpdate:
    """What a saved change did."""

    details: CaseDetails
    #: Field → (old, new), for the fields that changed (empty: nothing to save).
    changed: Mapping[str, tuple[Value, Value]]
    #: Notes that did not stop the save (a VIN whose check digit does not match).
    warnings: tuple[str, ...] = ()
    #: The versions re-priced because a pricing field changed.
    repriced: tuple[uuid.UUID, ...] = ()


class CaseEditConflict(DomainError):
    """Someone changed the case's details after this edit's version was read: refused, not
    merged. ``theirs`` is the case as it now is, ``changes`` what they changed (from the
    version the edit was based on, by the audit trail), ``mine`` the refused changes."""

    def __init__(
        self,
        theirs: CaseDetails,
        changes: list[FieldChange],
        changed_by: str,
        mine: Mapping[str, Value],
    ) -> None:
        self.theirs = theirs
        self.changes = changes
        self.changed_by = changed_by
        self.mine = dict(mine)
        zh, en = describe_field_changes(changes)
        super().__init__(
            "case_edit_conflict",
            who=changed_by or Problem("someone"),
            changes=Worded(zh, en) if zh else Problem("no_field_changes"),
        )


def case_details(engine: Engine, case_id: str | uuid.UUID) -> CaseDetails:
    """A case's details, to show and to base an edit on."""
    with UnitOfWork(engine) as uow:
        case = uow.cases.get(parse_id(case_id))
        if case is None:
            raise NotFound(str(case_id))
        return _details(uow, case)


def _details(uow: UnitOfWorkLike, case: CaseRow) -> CaseDetails:
    statuses = tuple(EstimateStatus(s) for s in uow.case_details.statuses(case.id))
    editors = uow.cases.editors(case.id)
    roles = uow.users.roles_of(editors)
    owner = case.assessor or case.created_by  # the assigned assessor (issue #19)
    others = editors - {owner}
    assessors = [
        owner,
        *sorted(n for n in others if Role.ASSESSOR.value in roles.get(n, "").split(",")),
    ]
    return CaseDetails(
        case.id,
        case.row_version,
        {field: plain(getattr(case, field)) for field in CASE_FIELDS},
        case.vehicle_class,
        statuses,
        tuple(assessors),
    )


def _not_assessor(details: CaseDetails, actor: User) -> DomainError | None:
    """The refusal for anyone but one of the case's assessors, else None."""
    if Role.ASSESSOR in actor.roles and actor.username in details.assessors:
        return None
    return DomainError(
        "not_case_assessor",
        assessors=Worded("、".join(details.assessors), ", ".join(details.assessors)),
    )


def _conflict(
    uow: UnitOfWorkLike,
    details: CaseDetails,
    based_on_version: int,
    based_on_values: Mapping[str, Value] | None,
    mine: dict[str, Value],
) -> CaseEditConflict:
    """The conflict with what others changed since ``based_on_version``."""
    theirs, who = _changed_since(uow, details, based_on_version)
    if based_on_values is not None:
        theirs = [
            FieldChange(f, based_on_values[f], details.values[f])
            for f in CASE_FIELDS
            if f in based_on_values and based_on_values[f] != details.values[f]
        ]
    return CaseEditConflict(details, theirs, who, mine)


def _apply(
    engine: Engine,
    uow: UnitOfWork,
    case: CaseRow,
    details: CaseDetails,
    changed: dict[str, tuple[Value, Value]],
    actor: User,
    today: dt.date | None,
) -> CaseUpdate:
    """Write the checked changes to the locked case, re-price its drafts, audit it."""
    session = uow.session
    warnings, (model_code, vehicle_class) = _check(
        engine, details, changed, today or dt.date.today()
    )
    old_class = ShopClass(case.shop_class)
    for field, (_old, new) in changed.items():
        setattr(case, field, new)
    if "model_code" in changed:
        case.model_code, case.vehicle_class = model_code, vehicle_class
        changed["model_code"] = (details.values["model_code"], model_code)
    repriced: list[uuid.UUID] = []
    if changed.keys() & _REPRICING:
        repriced = _reprice(engine, session, case, old_class, actor.username)
    session.flush()  # under the lock the version cannot have moved (no StaleDataError)
    audit.record(
        session,
        actor=actor.username,
        entity="case",
        entity_id=case.id,
        action="edit_details",
        detail={
            "version": case.row_version,
            "changes": {f: [old, new] for f, (old, new) in changed.items()},
            "repriced": [str(r) for r in repriced],
        },
    )
    rebind_case(session, case.id, actor.username, "edit_details")  # a submitted one's header
    return CaseUpdate(_details(uow, case), changed, tuple(warnings), tuple(repriced))


def update_case(
    engine: Engine,
    case_id: str | uuid.UUID,
    changes: Mapping[str, object],
    based_on_version: int,
    actor: User,
    *,
    today: dt.date | None = None,
    based_on_values: Mapping[str, Value] | None = None,
) -> CaseUpdate:
    """Change a case's details (``changes``: field → new value) for one of its assessors.

    Refused, with nothing written: to anyone else; for a field its versions' statuses lock
    (see estimator.domain.case_details); for values create_case would refuse (and a
    malformed VIN, a phone with letters, text longer than its column); and with a
    :class:`CaseEditConflict` when the case's version is no longer ``based_on_version``
    (``based_on_values``, the details as read, say exactly what the others changed; without
    them it is read back from the audit trail, where personal data is masked).
    Otherwise the fields are written in one transaction with an audit entry (old → new per
    field) and, when a pricing field changed, the case's draft versions are re-priced."""
    unknown = set(changes) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"not a case detail: {', '.join(sorted(unknown))}")
    mine = {field: normalise(field, value) for field, value in changes.items()}
    key = parse_id(case_id)
    with UnitOfWork(engine, write=True) as uow:
        case, details, changed, refusal = decide_update(
            uow, key, mine, based_on_version, actor, based_on_values
        )
        if refusal is None and not changed:
            return CaseUpdate(details, {})
        if refusal is None:
            saved = _apply(engine, uow, case, details, changed, actor, today)
            uow.commit()
            return saved
    from estimator.services.audit import record_refusal  # after the refused transaction

    record_refusal(engine, actor.username, "case", key, "edit_details", refusal.code)
    raise refusal


def decide_update(
    uow: UnitOfWorkLike,
    key: uuid.UUID,
    mine: Mapping[str, Value],
    based_on_version: int,
    actor: User,
    based_on_values: Mapping[str, Value] | None = None,
) -> tuple[CaseRow, CaseDetails, dict[str, tuple[Value, Value]], DomainError | None]:
    """What ``update_case`` may do with the (normalised) changes ``mine``, in ``uow``: the
    locked case, its details, the fields that change (old, new) and the refusal (None: the
    change may be written). NotFound for an unknown case; a :class:`CaseEditConflict` when
    the case has moved on from ``based_on_version``. Writes nothing."""
    # The case's versions, then the case, are locked until commit (SQLite's writer lock is
    # taken at BEGIN): a second save waits, then sees that the version has moved. Versions
    # first, as every estimate write takes them (one order: no deadlock).
    uow.case_details.lock_versions(key)
    case = uow.case_details.locked_case(key)
    if case is None:
        raise NotFound(str(key))
    details = _details(uow, case)
    refusal = _not_assessor(details, actor)
    if refusal is None and case.row_version != based_on_version:
        raise _conflict(uow, details, based_on_version, based_on_values, dict(mine))
    changed = {f: (details.values[f], v) for f, v in mine.items() if v != details.values[f]}
    for field in changed:
        refusal = refusal or details.refusal(field)
    return case, details, changed, refusal


def _check(
    engine: Engine,
    details: CaseDetails,
    changed: Mapping[str, tuple[Value, Value]],
    today: dt.date,
) -> tuple[list[str], tuple[str, str]]:
    """Refuse what create_case would refuse (its ``estimate/1`` reader and the model lookup)
    and what does not fit the case's columns; else the warnings that do not refuse, and the
    (model code, vehicle class) the case then has."""
    new = {field: value for field, (_old, value) in changed.items()}
    problems, warnings = check_fields(new)
    values = {**details.values, **new}
    document: dict[str, object] = {
        "format": FORMAT,
        "claim_no": values["claim_no"],
        "region": values["region"],
        "shop": {
            "name": values["shop_name"],
            "class": values["shop_class"],
            "partner": values["partner"],
        },
        "vehicle": {
            "vin": values["vin"],
            "model_code": values["model_code"],
            "plate": values["plate"],
            "paint_type": values["paint_type"],
        },
        "lines": [],
    }
    estimate, found = estimate_from_document(document, today=today)
    found += case_location({"location": values["location_class"]})[1]
    vehicle = (str(values["model_code"]), details.vehicle_class)
    if estimate is not None and "model_code" in changed:
        # As create_case: the model's class from the catalog; an emptied model is found
        # again from the VIN when the catalog knows its prefix.
        estimate, found, _ = resolve_vehicle(engine, estimate)
        vehicle = (estimate.model_code, estimate.vehicle_class)
    problems += [
        replace(p, path=_DOCUMENT_PATHS[p.path])
        for p in found
        if p.path in _DOCUMENT_PATHS and _DOCUMENT_PATHS[p.path] in changed
    ]
    if problems:
        raise CaseDetailsInvalid(problems)
    return warnings, vehicle


def _reprice(
    engine: Engine, session: Session, case: CaseRow, old_class: ShopClass, actor: str
) -> list[uuid.UUID]:
    """Price the case's versions (all drafts or returned: the status rules allow no pricing
    change otherwise) with its changed details and store the new amounts and totals. A
    version priced at the old shop class's default price type takes the new one's."""
    new_default = default_price_type(ShopClass(case.shop_class)).value
    repriced = []
    for row in CaseDetailsRepository(session).locked_versions(case.id):
        if row.price_type == default_price_type(old_class).value:
            row.price_type = new_default
        stored = EstimateRepository(session).stored(row)
        priced, problems = price_stored(stored, engine)
        if priced is None or not priced.ok:
            reasons = problems or list(priced.problems if priced else ())
            raise DomainError("cannot_price:details", problems=described(reasons))
        by_index = {p.index: p for p in priced.lines}
        for line in EstimateRepository(session).line_rows(row.id):
            found = by_index.get(line.position)
            line.amount = None if found is None else found.amount
            line.priced_json = json.dumps(priced_values(found), ensure_ascii=False)
            line.changed_by = actor
        set_totals(row, priced)
        repriced.append(row.id)
    return repriced


def _changed_since(
    uow: UnitOfWorkLike, theirs: CaseDetails, based_on_version: int
) -> tuple[list[FieldChange], str]:
    """What was changed after ``based_on_version`` (each field from the value it had then
    to the one it has now) and by whom, from the audit trail's ``edit_details`` entries."""
    base: dict[str, Value] = {}
    who: list[str] = []
    for actor, entry in uow.case_details.edits(theirs.case_id):
        if entry.get("version", 0) <= based_on_version:
            continue
        if actor not in who:
            who.append(actor)
        for field, (old, _new) in entry.get("changes", {}).items():
            base.setdefault(field, old)
    changes = [
        FieldChange(field, base[field], theirs.values[field])
        for field in CASE_FIELDS
        if field in base and base[field] != theirs.values[field]
    ]
    return changes, ", ".join(who)

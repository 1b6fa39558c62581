"""Change or remove a third-party loss object (settlement.md, Loss objects): a third-party
vehicle's plate, VIN, model and shop, or a property item's owner and description, while its
newest version is open (a draft or returned); and a third-party object that has never been
submitted removed with its draft versions and their lines. Both audited on the case; refused
otherwise with a registered message. The insured vehicle is the case's: its vehicle is
changed in the case details, and it is never removed.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.loss_objects import LossObject
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.binding import rebind_case
from estimator.persistence.estimates import priced_values, set_totals
from estimator.persistence.rows import EstimateRow, LossObjectRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import NotFound, parse_id, price_stored_in
from estimator.services.estimates import resolve_vehicle
from estimator.services.users import User, require_roles
from kernel.problems import described

#: The newest version's states in which the object's own details may change.
_CHANGEABLE = (EstimateStatus.DRAFT.value, EstimateStatus.RETURNED.value)
#: The columns a change may set, by kind.
_FIELDS = {
    ObjectKind.THIRD_PARTY_VEHICLE: ("plate", "vin", "model_code", "shop_name"),
    ObjectKind.THIRD_PARTY_PROPERTY: ("owner", "description"),
}


@dataclass(frozen=True)
class ObjectDetails:
    """What names a third-party object: a vehicle's plate, VIN, model code and shop, or a
    property item's owner and description (the other kind's fields stay blank)."""

    plate: str = ""
    vin: str = ""
    model_code: str = ""
    shop_name: str = ""
    owner: str = ""
    description: str = ""

    @classmethod
    def of(cls, obj: LossObject) -> ObjectDetails:
        """The details an object has now."""
        return cls(obj.plate, obj.vin, obj.model_code, obj.shop_name, obj.owner, obj.description)

    def cleaned(self) -> ObjectDetails:
        """Trimmed; VIN and model code in capitals."""
        return ObjectDetails(
            self.plate.strip(),
            self.vin.strip().upper(),
            self.model_code.strip().upper(),
            self.shop_name.strip(),
            self.owner.strip(),
            self.description.strip(),
        )


def update_third_party_object(
    engine: Engine, object_id: str | uuid.UUID, actor: User, details: ObjectDetails
) -> LossObject:
    """Change a third-party object's details while its newest version is open; a changed
    model (or VIN) is looked up in the catalog and the open version priced again. Audited
    (``edit_loss_object``, old → new per field). Refused: for other roles, the insured
    vehicle, a closed case, a newest version submitted or decided, blank names, a model the
    catalog lacks."""
    require_roles(actor, {Role.ASSESSOR})
    key = parse_id(object_id)
    new = details.cleaned()
    with UnitOfWork(engine) as uow:
        row, _version = _open_object(uow, key)
        kind = ObjectKind(row.kind)
        old = {field: getattr(row, field) for field in _FIELDS[kind]}
    wanted = {field: getattr(new, field) for field in _FIELDS[kind]}
    _check_names(kind, new)
    changed = {f: (old[f], v) for f, v in wanted.items() if v != old[f]}
    if not changed:
        return _get(engine, key)
    with UnitOfWork(engine, write=True) as uow:
        row, version = _open_object(uow, key)
        for field, (_before, value) in changed.items():
            setattr(row, field, value)
        if changed.keys() & {"vin", "model_code"}:
            _reprice(engine, uow, row, version, actor.username)
        uow.audit.record(
            actor=actor.username,
            entity="case",
            entity_id=row.case_id,
            action="edit_loss_object",
            detail={
                "object": str(row.id),
                "kind": row.kind,
                "index": row.kind_index,
                "changes": {f: [before, value] for f, (before, value) in changed.items()},
            },
        )
        rebind_case(uow.session, row.case_id, actor.username, "edit_loss_object")
        uow.commit()
    return _get(engine, key)


def remove_third_party_object(engine: Engine, object_id: str | uuid.UUID, actor: User) -> None:
    """Remove a third-party object that has never been submitted, with its draft versions
    and their lines; audited (``remove_loss_object``). Refused for the insured vehicle, a
    closed case and an object any of whose versions was ever submitted."""
    require_roles(actor, {Role.ASSESSOR})
    key = parse_id(object_id)
    with UnitOfWork(engine, write=True) as uow:
        row = _third_party(uow, key)
        found = uow.loss_objects.get(row.id)
        assert found is not None
        statuses = [v.status for v in uow.loss_objects.versions(row.id)]
        if any(status != EstimateStatus.DRAFT.value for status in statuses):
            raise DomainError("loss_object.submitted_once", object=found.title("zh"))
        case_id, kind, index = row.case_id, row.kind, row.kind_index
        removed = uow.loss_objects.remove(row.id)
        uow.audit.record(
            actor=actor.username,
            entity="case",
            entity_id=case_id,
            action="remove_loss_object",
            detail={
                "object": str(key),
                "kind": kind,
                "index": index,
                "title": found.title("zh"),
                "versions": [str(v) for v in removed],
            },
        )
        uow.commit()


def loss_object(engine: Engine, object_id: str | uuid.UUID) -> LossObject:
    """A loss object by its id (NotFound without it)."""
    return _get(engine, parse_id(object_id))


def _get(engine: Engine, key: uuid.UUID) -> LossObject:
    with UnitOfWork(engine) as uow:
        found = uow.loss_objects.get(key)
    if found is None:
        raise NotFound(str(key))
    return found


def _third_party(uow: UnitOfWork, key: uuid.UUID) -> LossObjectRow:
    """The third-party object's row: NotFound without it; refused for the insured vehicle
    and in a closed or archived case."""
    row = uow.loss_objects.row(key)
    if row is None:
        raise NotFound(str(key))
    if row.kind == ObjectKind.INSURED_VEHICLE.value:
        raise DomainError("loss_object.insured_fixed")
    case_id = row.case_id
    if uow.retention.is_archived(case_id) or uow.retention.latest_status(case_id) == "closed":
        raise DomainError("loss_object.case_closed_change")
    return row


def _open_object(uow: UnitOfWork, key: uuid.UUID) -> tuple[LossObjectRow, EstimateRow | None]:
    """The third-party object's row and its newest version, while that version is a draft
    or returned (else refused, as :func:`_third_party` refuses)."""
    row = _third_party(uow, key)
    versions = uow.loss_objects.versions(row.id)
    newest = versions[-1] if versions else None
    if newest is not None and newest.status not in _CHANGEABLE:
        found = uow.loss_objects.get(row.id)
        assert found is not None
        raise DomainError(
            "loss_object.not_open", object=found.title("zh"), version=newest.version_no
        )
    return row, newest


def _check_names(kind: ObjectKind, new: ObjectDetails) -> None:
    """Refuse a vehicle without plate or VIN and a property item without owner or what."""
    if kind is ObjectKind.THIRD_PARTY_VEHICLE and not new.plate and not new.vin:
        raise DomainError("loss_object.no_vehicle")
    if kind is ObjectKind.THIRD_PARTY_PROPERTY and not new.owner and not new.description:
        raise DomainError("loss_object.no_owner")


def _reprice(
    engine: Engine, uow: UnitOfWork, row: LossObjectRow, version: EstimateRow | None, actor: str
) -> None:
    """Look the changed vehicle up in the catalog (its model code and class) and price the
    object's open version again with it; refused when the catalog lacks it."""
    if version is None:
        return
    stored = uow.estimates.stored(version)
    estimate = replace(stored.estimate, model_code=row.model_code, vin=row.vin)
    estimate, problems, _ = resolve_vehicle(engine, estimate)
    if problems:
        raise DomainError("loss_object.not_priced", problem=described(problems))
    row.model_code, row.vehicle_class = estimate.model_code, estimate.vehicle_class
    priced, problems = price_stored_in(uow, replace(stored, estimate=estimate))
    if priced is None or not priced.ok:
        reasons = problems or list(priced.problems if priced else ())
        raise DomainError("loss_object.not_priced", problem=described(reasons))
    by_index = {p.index: p for p in priced.lines}
    for line in uow.estimates.line_rows(version.id):
        found = by_index.get(line.position)
        line.amount = None if found is None else found.amount
        line.priced_json = json.dumps(priced_values(found), ensure_ascii=False)
        line.changed_by = actor
    set_totals(version, priced)

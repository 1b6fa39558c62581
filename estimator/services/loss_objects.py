"""Loss objects of a case (损失标的, settlement.md): list them with their newest version, add
a third-party vehicle or property item (each starts with an empty draft version of its own),
and import an ``estimate/1`` document into an existing case as a new object or a new version
of the object it names. Each object's versions then go through the workflow exactly as the
insured vehicle's do (services.workflow works on a version, whatever its object).

A property item is estimated with free lines: material (quantity × unit price = amount),
sublet work and rescue (an amount); parts, labor and paint need a vehicle's catalog and
standards and are refused on it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.estimate import Estimate
from estimator.domain.estimate_json import decode, default_price_type, estimate_from_document
from estimator.domain.field_rules import estimate_problems
from estimator.domain.loss_objects import (
    LossObject,
    ObjectRef,
    ObjectSummary,
    case_total,
    object_from_document,
    property_line_problems,
)
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.rows import CaseRow, LossObjectRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import (
    ImportedEstimate,
    NotFound,
    parse_id,
    priced_import,
)
from estimator.services.users import User, require_roles
from kernel.clock import utcnow
from kernel.problems import Problem
from labor_standards.model import PaintType, ShopClass

#: A version still being worked on: a new one is not imported over it.
_OPEN = (EstimateStatus.DRAFT.value, EstimateStatus.SUBMITTED.value, EstimateStatus.RETURNED.value)


def case_objects(engine: Engine, case_id: str | uuid.UUID) -> list[ObjectSummary]:
    """The case's loss objects (the insured vehicle first, then third-party vehicles, then
    property), each with its newest version's id, number, status and total."""
    key = parse_id(case_id)
    with UnitOfWork(engine) as uow:
        if not uow.cases.exists(key):
            raise NotFound(str(case_id))
        return uow.loss_objects.summaries(key)


def case_total_of(engine: Engine, case_id: str | uuid.UUID) -> Decimal:
    """The case total: the sum of its objects' newest totals."""
    return case_total(case_objects(engine, case_id))


def object_of(engine: Engine, estimate_id: str | uuid.UUID) -> LossObject:
    """The loss object an estimate version belongs to."""
    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        row = uow.estimates.row(key)
        found = None if row is None else uow.loss_objects.get(row.object_id)
    if found is None:
        raise NotFound(str(estimate_id))
    return found


def add_third_party_vehicle(
    engine: Engine,
    case_id: str | uuid.UUID,
    actor: User,
    *,
    plate: str,
    vin: str = "",
    model_code: str = "",
    shop_name: str = "",
    shop_class: ShopClass = ShopClass.CLASS1,
    paint_type: PaintType = PaintType.SOLID,
) -> ObjectSummary:
    """Add a third-party vehicle (三者车) to the case, with an empty draft version 1 priced at
    its own shop; a model the catalog lacks, or neither plate nor VIN, is refused."""
    plate, vin, model_code = plate.strip(), vin.strip().upper(), model_code.strip().upper()
    if not plate and not vin:
        raise DomainError("loss_object.no_vehicle")
    vehicle = {
        "plate": plate,
        "vin": vin,
        "model_code": model_code,
        "shop_name": shop_name.strip(),
        "shop_class": shop_class.value,
        "paint_type": paint_type.value,
    }
    return _add_object(engine, case_id, actor, ObjectKind.THIRD_PARTY_VEHICLE, vehicle=vehicle)


def add_third_party_property(
    engine: Engine, case_id: str | uuid.UUID, actor: User, *, owner: str, description: str = ""
) -> ObjectSummary:
    """Add a third-party property item (三者物损: a guard rail, a wall, goods) to the case,
    with an empty draft version 1 for its free lines."""
    owner, description = owner.strip(), description.strip()
    if not owner and not description:
        raise DomainError("loss_object.no_owner")
    return _add_object(
        engine,
        case_id,
        actor,
        ObjectKind.THIRD_PARTY_PROPERTY,
        owner=owner,
        description=description,
    )


def _add_object(
    engine: Engine,
    case_id: str | uuid.UUID,
    actor: User,
    kind: ObjectKind,
    *,
    owner: str = "",
    description: str = "",
    vehicle: dict[str, str] | None = None,
) -> ObjectSummary:
    require_roles(actor, {Role.ASSESSOR})
    key = parse_id(case_id)
    with UnitOfWork(engine) as uow:
        case = _open_case(uow, key)
        region = case.region
    today = dt.date.today()
    shop_class = ShopClass((vehicle or {}).get("shop_class", ShopClass.CLASS1.value))
    estimate = Estimate(
        priced_on=today,
        region=region,
        shop_class=shop_class,
        vehicle_class="",
        paint_type=PaintType((vehicle or {}).get("paint_type", PaintType.SOLID.value)),
        price_type=default_price_type(shop_class),
        model_code=(vehicle or {}).get("model_code", ""),
        vin=(vehicle or {}).get("vin", ""),
    )
    estimate, priced, problems = priced_import(engine, estimate)
    if priced is None:  # the model is not in the catalog
        raise DomainError("loss_object.not_priced", problem=problems[0] if problems else "")
    if vehicle is not None:
        vehicle = {**vehicle, "model_code": estimate.model_code}
        vehicle["vehicle_class"] = estimate.vehicle_class
    now = utcnow()
    with UnitOfWork(engine, write=True) as uow:
        _open_case(uow, key)
        ref = ObjectRef(kind, uow.loss_objects.next_index(key, kind), owner, description)
        row = uow.loss_objects.add(key, ref, actor.username, now, **(vehicle or {}))
        version = uow.estimates.add_version(
            key, 1, estimate, priced, actor.username, now, object_id=row.id
        )
        uow.cases.add_editor(key, actor.username)
        _audit_added(uow, actor.username, key, row.id, ref, version.id)
        uow.commit()
        found = uow.loss_objects.get(row.id)
        assert found is not None
        return ObjectSummary(found, version.id, 1, version.status, version.total)


def _open_case(uow: UnitOfWork, key: uuid.UUID) -> CaseRow:
    """The case's row; NotFound without it, refused when it is archived or closed."""
    case = uow.cases.get(key)
    if case is None:
        raise NotFound(str(key))
    if uow.retention.is_archived(key) or uow.retention.latest_status(key) == "closed":
        raise DomainError("loss_object.case_closed")
    return case


def _audit_added(
    uow: UnitOfWork,
    actor: str,
    case_id: uuid.UUID,
    object_id: uuid.UUID,
    ref: ObjectRef,
    estimate_id: uuid.UUID,
) -> None:
    uow.audit.record(
        actor=actor,
        entity="case",
        entity_id=case_id,
        action="add_loss_object",
        detail={
            "object": str(object_id),
            "kind": ref.kind.value,
            "index": ref.index,
            "estimate": str(estimate_id),
        },
    )


def import_into_case(
    engine: Engine,
    text: str,
    case_id: str | uuid.UUID,
    *,
    actor: str,
    today: dt.date | None = None,
) -> ImportedEstimate:
    """Store an ``estimate/1`` document's ``object`` in an existing case: the next version of
    the object it names (refused while that object's newest version is open), or a new
    third-party object with version 1. The document's vehicle and shop name a new
    third-party vehicle; the case's region prices it."""
    key = parse_id(case_id)
    document, problems = decode(text)
    if problems:
        return ImportedEstimate(problems)
    ref, problems = object_from_document(document)
    estimate, more = estimate_from_document(document, today=today or dt.date.today())
    if problems or estimate is None:
        return ImportedEstimate(problems + more)
    if ref.kind is ObjectKind.THIRD_PARTY_PROPERTY:
        kinds = [line.kind.value for line in estimate.lines]
        if problems := property_line_problems(kinds):
            return ImportedEstimate(problems)
    if problems := estimate_problems(estimate):
        return ImportedEstimate(problems)
    with UnitOfWork(engine) as uow:
        try:
            case = _open_case(uow, key)
        except NotFound:
            return ImportedEstimate([Problem("loss_object.no_case", params={"case": str(key)})])
        except DomainError as refusal:
            return ImportedEstimate([Problem(refusal.code, params=dict(refusal.params))])
        estimate = _as_case_object(estimate, case, ref)
        existing = uow.loss_objects.find(key, ref.kind, ref.index)
        if existing is not None:
            if (problem := _open_version(uow, existing.id)) is not None:
                return ImportedEstimate([problem])
            estimate = _as_stored_object(estimate, existing)
    estimate, priced, problems = priced_import(engine, estimate)
    if priced is None:
        return ImportedEstimate(problems)
    now = utcnow()
    with UnitOfWork(engine, write=True) as uow:
        row = uow.loss_objects.find(key, ref.kind, ref.index)
        if row is None:
            vehicle = _vehicle_of(estimate) if ref.kind is ObjectKind.THIRD_PARTY_VEHICLE else {}
            row = uow.loss_objects.add(key, ref, actor, now, **vehicle)
            action_ref = ref
        else:
            if (problem := _open_version(uow, row.id)) is not None:
                return ImportedEstimate([problem])
            action_ref = ObjectRef(ObjectKind(row.kind), row.kind_index)
        version_no = uow.estimates.latest_version_no(row.id) + 1
        version = uow.estimates.add_version(
            key, version_no, estimate, priced, actor, now, object_id=row.id
        )
        uow.cases.add_editor(key, actor)
        _audit_added(uow, actor, key, row.id, action_ref, version.id)
        uow.commit()
        return ImportedEstimate([], key, version.id)


def _open_version(uow: UnitOfWork, object_id: uuid.UUID) -> Problem | None:
    """Why no version can be imported over the object's newest (None: it can)."""
    newest_no = uow.estimates.latest_version_no(object_id)
    newest_id = uow.estimates.version_id(object_id, newest_no)
    row = None if newest_id is None else uow.estimates.row(newest_id)
    if row is None or row.status not in _OPEN:
        return None
    found = uow.loss_objects.get(object_id)
    assert found is not None
    title = {"object": found.title("zh"), "version": newest_no}
    return Problem("loss_object.version_open", params=title)


def _as_case_object(estimate: Estimate, case: CaseRow, ref: ObjectRef) -> Estimate:
    """The document's estimate priced where the case is (its region and claim); the
    insured vehicle with the case's own vehicle and shop."""
    estimate = replace(estimate, region=case.region, claim_no=case.claim_no)
    if ref.kind is ObjectKind.INSURED_VEHICLE:
        return replace(
            estimate,
            shop_class=ShopClass(case.shop_class),
            shop_name=case.shop_name,
            partner=case.partner,
            vin=case.vin,
            model_code=case.model_code,
            plate=case.plate,
            paint_type=PaintType(case.paint_type),
        )
    if ref.kind is ObjectKind.THIRD_PARTY_PROPERTY:
        return replace(estimate, vin="", model_code="", plate="", partner=False)
    return replace(estimate, partner=False)


def _as_stored_object(estimate: Estimate, row: LossObjectRow) -> Estimate:
    """A further version of a stored third-party vehicle keeps the object's vehicle and
    shop (they are the object's, not the document's)."""
    if row.kind != ObjectKind.THIRD_PARTY_VEHICLE.value:
        return estimate
    return replace(
        estimate,
        shop_class=ShopClass(row.shop_class),
        shop_name=row.shop_name,
        vin=row.vin,
        model_code=row.model_code,
        plate=row.plate,
        paint_type=PaintType(row.paint_type),
    )


def _vehicle_of(estimate: Estimate) -> dict[str, str]:
    """A new third-party vehicle's columns, from its document."""
    return {
        "plate": estimate.plate,
        "vin": estimate.vin,
        "model_code": estimate.model_code,
        "vehicle_class": estimate.vehicle_class,
        "paint_type": estimate.paint_type.value,
        "shop_name": estimate.shop_name,
        "shop_class": estimate.shop_class.value,
    }

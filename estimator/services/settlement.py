"""Settlement use cases (settlement.md): the payout estimate of a version and its vehicle's
total-loss state, from the version's total, the case's settlement data and the depreciation
table in force: the one an administrator or maintainer imported (``estimator depreciation
import``: refused whole on any bad row, stored as one stored setting per class
``depreciation.rate.<class>``, audited with the file's SHA-256 and the rates), else the one
shipped with the product.

The version's total is final once it is approved (the reviewer's amounts where set) and
provisional before; repair cost is the total less the rescue (施救费, the towing lines), whose
amount is the rescue cost. Every loss object of the case is paid from its newest version (the
object of the version asked about, from that version); only the insured vehicle has an actual
value here (a third party's vehicle is repaired, its value is not on this policy).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from estimator.documents.depreciation_workbook import read_depreciation, shipped_table_path
from estimator.domain.depreciation import (
    ALL_CLASSES,
    ActualValue,
    DepreciationClass,
    DepreciationTable,
    PriceSource,
    actual_value,
)
from estimator.domain.errors import DomainError
from estimator.domain.settlement import (
    TotalLossAssessment,
    TotalLossPolicy,
    assess_total_loss,
    whole_vehicle_salvage,
)
from estimator.domain.settlement_inputs import CaseSettlement, settlement_from_document
from estimator.domain.settlement_payout import (
    CasePayout,
    CompulsoryLimits,
    LossObject,
    ObjectKind,
    estimate_payout,
)
from estimator.domain.settlement_settings import (
    compulsory_limits,
    liability_shares,
    total_loss_policy,
)
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from estimator.services.audit import record_refusal
from estimator.services.case_details import case_details
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.imports import IMPORTERS, read_whole
from estimator.services.settings import settings_in
from estimator.services.users import User, require_roles
from kernel.clock import utcnow
from kernel.money import ZERO_FEN
from kernel.problems import Problem, Worded, register_messages
from parts_catalog import store as catalog_store

#: The stored setting of each class's monthly rate: ``depreciation.rate.private_passenger_9``.
RATE_KEY = "depreciation.rate."
#: The statuses whose total is final (核损通过 and after).
APPROVED = frozenset({EstimateStatus.APPROVED, EstimateStatus.SIGNED, EstimateStatus.CLOSED})


@dataclass(frozen=True)
class VersionCosts:
    """A version's repair and rescue cost as the settlement reads them."""

    repair_cost: Decimal
    rescue_cost: Decimal
    approved: bool


@dataclass(frozen=True)
class SettlementFigures:
    """The settlement figures in force (settings): the total-loss lines, the compulsory
    cover's property limits and the named liability shares."""

    total_loss: TotalLossPolicy
    limits: CompulsoryLimits
    shares: Mapping[str, Decimal]


def figures_in(uow: UnitOfWork) -> SettlementFigures:
    """The settlement figures of the settings in force, read in ``uow``."""
    settings = settings_in(uow)
    return SettlementFigures(
        total_loss_policy(settings), compulsory_limits(settings), liability_shares(settings)
    )


@functools.cache
def shipped_table() -> DepreciationTable:
    """The depreciation table shipped with the product (read once)."""
    parsed = read_depreciation(shipped_table_path())
    if parsed.table is None:  # a broken installation: said, not hidden
        raise DomainError("settlement.no_table")
    return parsed.table


def depreciation_table_in(uow: UnitOfWork) -> DepreciationTable:
    """The depreciation table in force: the imported one (every class stored), else the
    shipped one."""
    stored = uow.settings.all()
    rates = {c: stored[RATE_KEY + c.key].value for c in ALL_CLASSES if RATE_KEY + c.key in stored}
    if len(rates) < len(ALL_CLASSES):
        return shipped_table()
    return DepreciationTable({c: Decimal(rate) for c, rate in rates.items()})


@dataclass(frozen=True)
class DepreciationImport:
    """What a depreciation import stored, or why it stored nothing."""

    problems: list[Problem] = field(default_factory=list)
    rates: dict[DepreciationClass, Decimal] = field(default_factory=dict)
    sha256: str = ""

    @property
    def stored(self) -> bool:
        """Whether the table was stored."""
        return not self.problems


def import_depreciation(engine: Engine, path: Path, actor: User) -> DepreciationImport:
    """Import the depreciation workbook at ``path`` as the table in force: refused whole when
    any row is bad or a class has no rate; audited (``depreciation_import``) with the rates."""
    require_roles(actor, IMPORTERS)
    parsed, refused, digest = read_whole(path, read_depreciation)
    if parsed is None:
        return DepreciationImport(refused, sha256=digest)
    if parsed.errors or parsed.table is None:
        return DepreciationImport(parsed.errors, sha256=digest)
    now = utcnow()
    with UnitOfWork(engine, write=True) as uow:
        before = {c.key: str(r) for c, r in depreciation_table_in(uow).rates.items()}
        for depreciation_class, rate in parsed.rates.items():
            uow.settings.put(RATE_KEY + depreciation_class.key, str(rate), actor.username, now)
        uow.audit.record(
            actor=actor.username,
            entity="depreciation",
            entity_id="rates",
            action="depreciation_import",
            detail={
                "file": path.name,
                "sha256": digest,
                "before": before,
                "rates": {c.key: str(r) for c, r in parsed.rates.items()},
            },
        )
        uow.commit()
    return DepreciationImport([], dict(parsed.rates), digest)


def costs_in(uow: UnitOfWork, stored: estimate_store.StoredEstimate) -> VersionCosts:
    """The version's repair and rescue cost: approved, with the reviewer's amounts; before,
    as priced (provisional)."""
    approved = stored.status in APPROVED
    if approved:
        totals = estimate_store.approved_totals_in(uow, stored)
        total, towing = totals.total, totals.towing
    else:
        total = stored.totals.get("total", ZERO_FEN)
        towing = stored.totals.get("towing", ZERO_FEN)
    return VersionCosts(total - towing, towing, approved)


def vehicle_value(
    data: CaseSettlement, table: DepreciationTable, catalog_price: Decimal | None = None
) -> ActualValue | None:
    """The insured vehicle's actual value, or None when a figure it needs is not given: from
    the new-vehicle price entered on the case, else from ``catalog_price`` (its model's)."""
    price, source = data.new_price, PriceSource.CASE
    if price is None:
        price, source = catalog_price, PriceSource.CATALOG
    use, registered, loss = data.use_class, data.registered_on, data.loss_on
    if price is None or use is None or registered is None or loss is None:
        return None
    return actual_value(table, price, use, registered, loss, source)


def vehicle_value_in(uow: UnitOfWork, stored: estimate_store.StoredEstimate) -> ActualValue | None:
    """``vehicle_value`` of the case of ``stored``, read in ``uow``: the case's settlement data,
    the table in force and, when the case gives no price, its model's in the catalog."""
    data = uow.settlement.get(stored.case_id)
    catalog_price = catalog_new_price_in(uow, stored) if data.new_price is None else None
    return vehicle_value(data, depreciation_table_in(uow), catalog_price)


def catalog_new_price_in(uow: UnitOfWork, stored: estimate_store.StoredEstimate) -> Decimal | None:
    """The catalog's new-vehicle price of the insured vehicle's model (the model code of its
    version: ``stored`` itself, else its newest). None when the version names no model, or
    the model has no price."""
    insured = next(
        (v for kind, _, v in priced_objects_in(uow, stored) if kind is ObjectKind.INSURED_VEHICLE),
        None,
    )
    return None if insured is None else _model_price(uow, insured)


def case_catalog_price_in(uow: UnitOfWork, case_id: uuid.UUID) -> Decimal | None:
    """``catalog_new_price_in`` of a case: its insured vehicle's newest version's model."""
    newest = {row.object_id: row for row in uow.loss_objects.newest_versions(case_id)}
    for obj in uow.loss_objects.objects(case_id):
        if obj.kind is ObjectKind.INSURED_VEHICLE and (row := newest.get(obj.id)) is not None:
            return _model_price(uow, uow.estimates.stored(row))
    return None


def case_catalog_price(engine: Engine, case_id: str | uuid.UUID) -> Decimal | None:
    """``case_catalog_price_in`` read on its own (the settlement dialog's placeholder)."""
    with UnitOfWork(engine) as uow:
        return case_catalog_price_in(uow, parse_id(case_id))


def _model_price(uow: UnitOfWork, version: estimate_store.StoredEstimate) -> Decimal | None:
    """The new-vehicle price of ``version``'s model in the catalog version it prices with:
    the one it was submitted with, the newest for a draft (as its part prices)."""
    model_code = version.estimate.model_code
    if not model_code:
        return None
    connection = uow.session.connection()
    return catalog_store.model_new_price(connection, model_code, version.catalog_version)


def payout_in(
    uow: UnitOfWork,
    stored: estimate_store.StoredEstimate,
    *,
    policy: TotalLossPolicy | None = None,
) -> CasePayout:
    """The payout estimate of the case of ``stored``, one object per loss object (the
    insured vehicle, then third-party vehicles, then property), read in ``uow``, with the
    settlement figures in force (``policy`` overrides their total-loss lines)."""
    data = uow.settlement.get(stored.case_id)
    figures = figures_in(uow)
    table = depreciation_table_in(uow)
    catalog_price = catalog_new_price_in(uow, stored) if data.new_price is None else None
    objects = []
    for kind, index, version in priced_objects_in(uow, stored):
        costs = costs_in(uow, version)
        insured = kind is ObjectKind.INSURED_VEHICLE
        objects.append(
            LossObject(
                kind=kind,
                repair_cost=costs.repair_cost,
                rescue_cost=costs.rescue_cost,
                index=index,
                approved=costs.approved,
                value=vehicle_value(data, table, catalog_price) if insured else None,
                total_loss_salvage=data.total_loss_salvage if insured else None,
                version_no=version.version_no,
            )
        )
    return estimate_payout(
        objects,
        data.policy,
        data.liability_share_at(figures.shares),
        data.other_party_at(figures.shares),
        total_loss_policy=policy or figures.total_loss,
        limits=figures.limits,
    )


def priced_objects_in(
    uow: UnitOfWork, stored: estimate_store.StoredEstimate
) -> list[tuple[ObjectKind, int, estimate_store.StoredEstimate]]:
    """(kind, index, version) of each loss object of ``stored``'s case that has a version: its
    newest, or ``stored`` itself for ``stored``'s own object."""
    newest = {row.object_id: row for row in uow.loss_objects.newest_versions(stored.case_id)}
    found = []
    for obj in uow.loss_objects.objects(stored.case_id):
        if obj.id == stored.object_id:
            found.append((obj.kind, obj.index, stored))
        elif (row := newest.get(obj.id)) is not None:
            found.append((obj.kind, obj.index, uow.estimates.stored(row)))
    return found


def payout_for(
    engine: Engine, estimate_id: str | uuid.UUID, *, policy: TotalLossPolicy | None = None
) -> CasePayout:
    """The payout estimate (赔款预估) of a version's case: ``estimator estimate payout``."""
    with UnitOfWork(engine) as uow:
        return payout_in(uow, estimate_store.stored_in(uow, estimate_id), policy=policy)


def total_loss_state_in(
    uow: UnitOfWork,
    stored: estimate_store.StoredEstimate,
    *,
    policy: TotalLossPolicy | None = None,
) -> TotalLossAssessment | None:
    """The vehicle's repair and rescue cost against its actual value (None when the value is
    unknown), read in ``uow``."""
    data = uow.settlement.get(stored.case_id)
    value = vehicle_value_in(uow, stored)
    if value is None:
        return None
    costs = costs_in(uow, stored)
    return assess_total_loss(
        costs.repair_cost,
        costs.rescue_cost,
        value.value,
        policy or figures_in(uow).total_loss,
        data.total_loss_salvage,
    )


def total_loss_state_for(
    engine: Engine, estimate_id: str | uuid.UUID, *, policy: TotalLossPolicy | None = None
) -> TotalLossAssessment | None:
    """``total_loss_state_in`` of a stored version."""
    with UnitOfWork(engine) as uow:
        return total_loss_state_in(uow, estimate_store.stored_in(uow, estimate_id), policy=policy)


# --- the case's settlement data, edited (the workstation's 车辆价值与保单 dialog) ----------

register_messages(
    {
        "settlement.invalid": ("{problems}", "{problems}"),
        "settlement.locked": (
            "本案已有估损单核准，车辆价值与保单已用于核准时的赔款预估，不能再修改",
            "the vehicle's value and the policy cannot change once a version of the case has "
            "been approved (the approval's payout estimate was made with them)",
        ),
    }
)
#: The statuses after which the settlement data is fixed, as the case's identification is
#: (estimator.domain.case_details): the approval discloses the payout made with it.
_DECIDED = frozenset({EstimateStatus.APPROVED, EstimateStatus.SIGNED})


class SettlementInvalid(DomainError):
    """Settlement data the import would refuse; ``problems`` name their ``estimate/1`` paths
    (``vehicle.new_price``, ``loss_on``)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        zh = "；".join(p.reason("zh") for p in problems)
        en = "; ".join(p.reason("en") for p in problems)
        super().__init__("settlement.invalid", problems=Worded(zh, en))


def settlement_document(data: CaseSettlement) -> dict[str, object]:
    """``data`` as the settlement fields of an ``estimate/1`` document (numbers as text), so
    that an edit is checked by exactly the import's reader."""

    def text(value: object) -> str | None:
        return None if value is None else str(value)

    document: dict[str, object] = {
        "vehicle": {
            k: v
            for k, v in {
                "new_price": text(data.new_price),
                "registered_on": text(data.registered_on),
                "use_class": None if data.use_class is None else data.use_class.key,
            }.items()
            if v is not None
        },
        "policy": {
            k: v
            for k, v in {
                "vehicle_damage_sum_insured": text(data.vehicle_damage_sum_insured),
                "third_party_limit": text(data.third_party_limit),
                "deductible": text(data.deductible),
            }.items()
            if v is not None
        },
        "flood": {
            k: v
            for k, v in {
                "water_level": data.water_level,
                "immersion": data.immersion,
                "engine_restarted": data.engine_restarted,
            }.items()
            if v is not None
        },
    }
    for key, value in (
        ("loss_on", text(data.loss_on)),
        ("liability", data.liability),
        ("total_loss_salvage", text(data.total_loss_salvage)),
    ):
        if value is not None:
            document[key] = value
    if data.other_party_compulsory is not None or data.other_party_liability is not None:
        other: dict[str, object] = {"compulsory": data.other_party_compulsory is not False}
        if data.other_party_liability is not None:
            other["liability"] = data.other_party_liability
        document["other_party"] = other
    return document


def check_settlement(
    data: CaseSettlement,
    table: DepreciationTable,
    policy: TotalLossPolicy | None = None,
    catalog_price: Decimal | None = None,
) -> CaseSettlement:
    """``data`` as the import would store it (liabilities by name), or SettlementInvalid with
    every problem: the import's checks, then the value's (a class the table has no rate for)
    and the whole-vehicle salvage against the actual value (from ``catalog_price``, the
    model's, when the case gives no price)."""
    checked, problems = settlement_from_document(settlement_document(data))
    if problems:
        raise SettlementInvalid(problems)
    try:
        value = vehicle_value(checked, table, catalog_price)
        if value is not None and checked.total_loss_salvage is not None:
            whole_vehicle_salvage(
                value.value, checked.total_loss_salvage, policy or TotalLossPolicy()
            )
    except DomainError as error:
        path = "total_loss_salvage" if error.code.startswith("settlement.salvage") else None
        raise SettlementInvalid([Problem(error.code, path=path, params=error.params)]) from None
    return checked


def case_settlement(engine: Engine, case_id: str | uuid.UUID) -> CaseSettlement:
    """A case's settlement data as stored (nothing given when none is)."""
    with UnitOfWork(engine) as uow:
        return uow.settlement.get(parse_id(case_id))


def settlement_refusal(engine: Engine, case_id: str | uuid.UUID, actor: User) -> DomainError | None:
    """Why ``actor`` may not change the case's settlement data now (None: they may): as the
    case's identification, only its assessors, and not once a version is approved."""
    details = case_details(engine, case_id)
    return _refusal(details.assessors, details.statuses, actor)


def _refusal(
    assessors: tuple[str, ...], statuses: tuple[EstimateStatus, ...], actor: User
) -> DomainError | None:
    if Role.ASSESSOR not in actor.roles or actor.username not in assessors:
        return DomainError(
            "not_case_assessor", assessors=Worded("、".join(assessors), ", ".join(assessors))
        )
    if EstimateStatus.CLOSED in statuses:
        return DomainError("case_closed")
    if any(s in _DECIDED for s in statuses):
        return DomainError("settlement.locked")
    return None


def _audited(data: CaseSettlement) -> dict[str, object]:
    """The settlement data as the audit trail keeps it (only what is given)."""
    document = settlement_document(data)
    return {k: v for k, v in document.items() if v not in ({}, None)}


def set_case_settlement(
    engine: Engine, case_id: str | uuid.UUID, data: CaseSettlement, actor: User
) -> CaseSettlement:
    """Store a case's settlement data (the vehicle's value, the policy, liability, salvage,
    flood) for one of its assessors, checked as the import checks it; audited
    (``edit_settlement``) with before and after. Refused, with nothing written, to anyone
    else, once a version of the case is approved or the case is closed (the refusal audited),
    and with SettlementInvalid for values the import would refuse."""
    key = parse_id(case_id)
    details = case_details(engine, key)  # NotFound for an unknown case
    refusal = _refusal(details.assessors, details.statuses, actor)
    if refusal is None:
        with UnitOfWork(engine, write=True) as uow:
            uow.case_details.lock_versions(key)  # a concurrent approval waits, or went first
            if uow.cases.get(key) is None:
                raise NotFound(str(key))
            statuses = tuple(EstimateStatus(s) for s in uow.case_details.statuses(key))
            refusal = _refusal(details.assessors, statuses, actor)
            if refusal is None:
                checked = check_settlement(
                    data,
                    depreciation_table_in(uow),
                    figures_in(uow).total_loss,
                    case_catalog_price_in(uow, key),
                )
                before = uow.settlement.get(key)
                if before == checked:
                    return checked
                uow.settlement.put(key, checked)
                uow.audit.record(
                    actor=actor.username,
                    entity="case",
                    entity_id=key,
                    action="edit_settlement",
                    detail={"before": _audited(before), "after": _audited(checked)},
                )
                uow.commit()
                return checked
    record_refusal(engine, actor.username, "case", key, "edit_settlement", refusal.code)
    raise refusal


@dataclass(frozen=True)
class SettlementView:
    """What the payout panel shows of a version's case: its settlement data, the vehicle's
    actual value (None when a figure it needs is not given), the payout, and the refusal
    that stopped the payout (a salvage above the value, a class without a rate)."""

    data: CaseSettlement
    value: ActualValue | None
    payout: CasePayout | None
    problem: DomainError | None = None
    #: The catalog's new-vehicle price of the insured vehicle's model (None: none known);
    #: the value uses it when ``data`` gives no price.
    catalog_price: Decimal | None = None


def settlement_view(engine: Engine, estimate_id: str | uuid.UUID) -> SettlementView:
    """The payout estimate of a version's case with the figures it was made from."""
    with UnitOfWork(engine) as uow:
        stored = estimate_store.stored_in(uow, estimate_id)
        data = uow.settlement.get(stored.case_id)
        catalog_price = catalog_new_price_in(uow, stored)
        try:
            value = vehicle_value(data, depreciation_table_in(uow), catalog_price)
            return SettlementView(data, value, payout_in(uow, stored), catalog_price=catalog_price)
        except DomainError as error:
            return SettlementView(data, None, None, error, catalog_price)

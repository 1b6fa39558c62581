"""Settlement use cases (settlement.md): the payout estimate of a version and its vehicle's
total-loss state, from the version's total, the case's settlement data and the depreciation
table in force: the one an administrator or maintainer imported (``estimator depreciation
import``: refused whole on any bad row, stored as one stored setting per class
``depreciation.rate.<class>``, audited with the file's SHA-256 and the rates), else the one
shipped with the product.

The version's total is final once it is approved (the reviewer's amounts where set) and
provisional before; repair cost is the total less the rescue (施救费, the towing lines), whose
amount is the rescue cost. The insured vehicle is, for now, the case's only loss object.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
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
    actual_value,
)
from estimator.domain.errors import DomainError
from estimator.domain.settlement import TotalLossAssessment, TotalLossPolicy, assess_total_loss
from estimator.domain.settlement_inputs import CaseSettlement
from estimator.domain.settlement_payout import (
    CasePayout,
    LossObject,
    ObjectKind,
    estimate_payout,
)
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from estimator.services.users import User, require_roles
from kernel.clock import utcnow
from kernel.money import ZERO_FEN
from kernel.problems import Problem
from kernel.workbook import WorkbookRefused

#: Who imports the depreciation table: data maintainers and administrators.
IMPORTERS = frozenset({Role.MAINTAINER, Role.ADMIN})
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
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return DepreciationImport([Problem("no_file", value=str(path))])
    try:
        parsed = read_depreciation(path)
    except WorkbookRefused as refusal:
        return DepreciationImport([refusal.problem], sha256=digest)
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


def vehicle_value(data: CaseSettlement, table: DepreciationTable) -> ActualValue | None:
    """The insured vehicle's actual value, or None when a figure it needs is not given."""
    price, use, registered, loss = data.new_price, data.use_class, data.registered_on, data.loss_on
    if price is None or use is None or registered is None or loss is None:
        return None
    return actual_value(table, price, use, registered, loss)


def payout_in(
    uow: UnitOfWork,
    stored: estimate_store.StoredEstimate,
    *,
    policy: TotalLossPolicy | None = None,
) -> CasePayout:
    """The payout estimate of the case of ``stored``, priced from that version, read in
    ``uow``."""
    data = uow.settlement.get(stored.case_id)
    costs = costs_in(uow, stored)
    insured = LossObject(
        kind=ObjectKind.INSURED_VEHICLE,
        repair_cost=costs.repair_cost,
        rescue_cost=costs.rescue_cost,
        approved=costs.approved,
        value=vehicle_value(data, depreciation_table_in(uow)),
        total_loss_salvage=data.total_loss_salvage,
    )
    return estimate_payout(
        [insured],
        data.policy,
        data.liability_share,
        data.other_party,
        total_loss_policy=policy,
    )


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
    value = vehicle_value(data, depreciation_table_in(uow))
    if value is None:
        return None
    costs = costs_in(uow, stored)
    return assess_total_loss(
        costs.repair_cost, costs.rescue_cost, value.value, policy, data.total_loss_salvage
    )


def total_loss_state_for(
    engine: Engine, estimate_id: str | uuid.UUID, *, policy: TotalLossPolicy | None = None
) -> TotalLossAssessment | None:
    """``total_loss_state_in`` of a stored version."""
    with UnitOfWork(engine) as uow:
        return total_loss_state_in(uow, estimate_store.stored_in(uow, estimate_id), policy=policy)

"""Settlement use cases (settlement.md): the payout estimate of a version and its vehicle's
total-loss state, from the version's total, the case's settlement data and the depreciation
table in force (the one shipped with the product).

The version's total is final once it is approved (the reviewer's amounts where set) and
provisional before; repair cost is the total less the rescue (施救费, the towing lines), whose
amount is the rescue cost. The insured vehicle is, for now, the case's only loss object.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from estimator.documents.depreciation_workbook import read_depreciation, shipped_table_path
from estimator.domain.depreciation import ActualValue, DepreciationTable, actual_value
from estimator.domain.errors import DomainError
from estimator.domain.settlement import TotalLossAssessment, TotalLossPolicy, assess_total_loss
from estimator.domain.settlement_inputs import CaseSettlement
from estimator.domain.settlement_payout import (
    CasePayout,
    LossObject,
    ObjectKind,
    estimate_payout,
)
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from kernel.money import ZERO_FEN

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


def depreciation_table() -> DepreciationTable:
    """The depreciation table in force."""
    return shipped_table()


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
        value=vehicle_value(data, depreciation_table()),
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
    value = vehicle_value(data, depreciation_table())
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

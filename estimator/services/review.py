"""Core-loss review use cases: run the rules on a stored estimate (on demand and at submission)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.review import Finding, ReviewContext, ReviewPolicy, review
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, settlement
from estimator.services.flood_vehicle import checklist_in
from estimator.services.labor import NoLaborStandard, standard_in
from estimator.services.routing import case_assessor_in
from labor_standards.model import LaborStandard
from parts_catalog import store as catalog_store


def review_estimate(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    *,
    today: dt.date | None = None,
    policy: ReviewPolicy | None = None,
) -> list[Finding]:
    """The findings of rules R01–R17 for a stored estimate version."""
    with UnitOfWork(engine) as uow:
        return review_in(
            uow, estimate_store.stored_in(uow, estimate_id), today=today, policy=policy
        )


def review_in(
    uow: UnitOfWork,
    stored: estimate_store.StoredEstimate,
    *,
    today: dt.date | None = None,
    policy: ReviewPolicy | None = None,
) -> list[Finding]:
    """``review_estimate`` of a version read in ``uow`` (everything the rules look at in
    its snapshot)."""
    priced, _problems = estimate_store.price_stored_in(uow, stored)
    if priced is None or not priced.ok:
        return []
    try:
        standard = standard_in(uow, stored.labor_version)
    except NoLaborStandard:
        standard = LaborStandard(0)
    part_nos = [line.part_no for line in stored.estimate.lines if line.part_no]
    snapshot = catalog_store.load_snapshot(
        uow.session.connection(), part_nos, stored.estimate.region, stored.catalog_version
    )
    first = uow.estimates.first_submission(stored.id)
    assessor, group = case_assessor_in(uow, stored.case_id)
    shop = uow.partners.get(stored.estimate.shop_name) if stored.estimate.partner else None
    case_settlement = uow.settlement.get(stored.case_id)
    try:
        value = settlement.vehicle_value_in(uow, stored)
    except DomainError:  # figures the payout refuses in words; the review goes on without R16
        value = None
    flood = checklist_in(uow, stored.case_id)
    context = ReviewContext(
        priced=priced,
        catalog=snapshot,
        standard=standard,
        today=today or dt.date.today(),
        large_case_group=uow.cases.large_case_group(stored.case_id),
        assessor=assessor,
        assessor_group=group,
        first_submission=first[1] if first else None,
        line_keys=tuple(str(k) for k in stored.line_keys),
        first_keys=first[0] if first else (),
        agreement=None if shop is None else shop.agreement,
        policy=policy or ReviewPolicy(),
        actual_value=None if value is None else value.value,
        total_loss_salvage=case_settlement.total_loss_salvage,
        flood_level=flood.water_level,
        flood_grade=flood.immersion,
        flood_ratio=flood.ratio,
        total_loss_policy=settlement.figures_in(uow).total_loss,
    )
    return review(context)

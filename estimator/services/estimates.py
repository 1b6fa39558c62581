"""Estimate use cases: price an ``estimate/1`` document against the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from estimator.domain.advice import RepairOrReplace, repair_or_replace
from estimator.domain.estimate import Estimate, LineKind
from estimator.domain.estimate_json import decode, estimate_from_document, priced_document
from estimator.domain.pricing import PricedEstimate, price_estimate, salvage_problem
from estimator.persistence.uow import UnitOfWork
from estimator.services.catalog import find_model_by_vin
from estimator.services.labor import NoLaborStandard, current_standard, standard_in
from kernel.problems import Problem, register_messages
from labor_standards.model import LaborStandard
from parts_catalog import store as catalog_store
from parts_catalog.model import PriceType

register_messages(
    {
        "unknown_vehicle_model": ("目录中没有车型 {model}", "model {model} is not in the catalog"),
        "no_labor_standard": (
            "尚未导入工时标准 (estimator labor import)",
            "no labor standard has been imported yet (estimator labor import)",
        ),
    }
)


@dataclass(frozen=True)
class PricingResult:
    """A priced document (as JSON-ready values) or the problems that stopped pricing."""

    problems: list[Problem] = field(default_factory=list)
    priced: PricedEstimate | None = None
    document: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)


def resolve_vehicle(
    engine: Engine, estimate: Estimate
) -> tuple[Estimate, list[Problem], list[str]]:
    """Fill the vehicle class from the model code, or else from the VIN's longest prefix."""
    warnings: list[str] = []
    if estimate.model_code:
        with engine.connect() as connection:
            model = catalog_store.model_by_code(connection, estimate.model_code)
        if model is None:
            problem = Problem(
                "unknown_vehicle_model",
                path="vehicle.model_code",
                value=estimate.model_code,
                params={"model": estimate.model_code},
            )
            return estimate, [problem], warnings
        return replace(estimate, vehicle_class=model.vehicle_class), [], warnings
    if estimate.vin:
        found = find_model_by_vin(engine, estimate.vin)
        if found.check.warning:
            warnings.append(found.check.warning)
        if found.model_code:
            return (
                replace(
                    estimate, model_code=found.model_code, vehicle_class=found.vehicle_class or ""
                ),
                [],
                warnings,
            )
    return estimate, [], warnings


def price_document(engine: Engine, text: str, *, today: dt.date | None = None) -> PricingResult:
    """Price an ``estimate/1`` document without storing it."""
    document, problems = decode(text)
    if problems:
        return PricingResult(problems)
    estimate, problems = estimate_from_document(document, today=today or dt.date.today())
    if estimate is None:
        return PricingResult(problems)
    estimate, problems, warnings = resolve_vehicle(engine, estimate)
    if problems:
        return PricingResult(problems, warnings=warnings)
    priced, problems = price(engine, estimate)
    if priced is None:
        return PricingResult(problems, warnings=warnings)
    if not priced.ok:
        return PricingResult(list(priced.problems), priced, warnings=warnings)
    if (salvage := salvage_problem(priced)) is not None:
        return PricingResult([salvage], priced, warnings=warnings)
    return PricingResult([], priced, priced_document(document, priced), warnings)


def price(
    engine: Engine,
    estimate: Estimate,
    *,
    catalog_version: int | None = None,
    labor_version: int | None = None,
) -> tuple[PricedEstimate | None, list[Problem]]:
    """Price an estimate with the catalog prices of its region and the labor standard: the
    current ones, or, for a submitted version, those it was submitted with."""
    with UnitOfWork(engine) as uow:
        return price_in(uow, estimate, catalog_version=catalog_version, labor_version=labor_version)


def price_in(
    uow: UnitOfWork,
    estimate: Estimate,
    *,
    catalog_version: int | None = None,
    labor_version: int | None = None,
) -> tuple[PricedEstimate | None, list[Problem]]:
    """``price`` read in ``uow`` (the standard and the catalog prices in its snapshot)."""
    try:
        standard = standard_in(uow, labor_version)
    except NoLaborStandard:
        needs_standard = any(
            line.kind in (LineKind.LABOR, LineKind.PAINT) for line in estimate.lines
        )
        if needs_standard:
            return None, [Problem("no_labor_standard")]

        standard = LaborStandard(0)
    part_nos = [line.part_no for line in estimate.lines if line.kind is LineKind.PART]
    snapshot = catalog_store.load_snapshot(
        uow.session.connection(), part_nos, estimate.region, catalog_version
    )
    return price_estimate(estimate, snapshot, standard), []


def part_prices(
    engine: Engine, part_nos: list[str], region: str, on: dt.date
) -> dict[str, dict[PriceType, Decimal]]:
    """Every price type's price in force on ``on`` in ``region``, for each part (type-ahead)."""
    with engine.connect() as connection:
        snapshot = catalog_store.load_snapshot(connection, part_nos, region)
    prices: dict[str, dict[PriceType, Decimal]] = {}
    for part_no in part_nos:
        found = {
            kind: quote.value
            for kind in PriceType
            if (quote := snapshot.price(part_no, region, kind, on)) is not None
        }
        prices[part_no] = found
    return prices


def repair_or_replace_advice(
    engine: Engine, estimate: Estimate, component_code: str, part_no: str
) -> RepairOrReplace | None:
    """Repair against replacement cost for one component of this estimate (None when the
    standard cannot price one of them)."""
    try:
        standard = current_standard(engine)
    except NoLaborStandard:
        return None
    with engine.connect() as connection:
        snapshot = catalog_store.load_snapshot(connection, [part_no], estimate.region)
    advice, problems = repair_or_replace(
        estimate, snapshot, standard, component_code=component_code, part_no=part_no
    )
    return None if problems else advice

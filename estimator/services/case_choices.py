"""What a case's header may be chosen from (the catalog's vehicle models, with pinyin
initials to find them by, and the regions the labor standard prices) and what a new case's
header must hold."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from estimator.domain.regions import PROVINCES
from estimator.persistence.uow import UnitOfWork
from estimator.services.catalog import model_by_vin
from estimator.services.ports import UnitOfWorkLike
from kernel.problems import Problem, register_messages
from parts_catalog.search_keys import pinyin_keys


@dataclass(frozen=True)
class VehicleChoice:
    """A vehicle model of the catalog as a new case offers it."""

    model_code: str
    name: str  # brand and model name, 丰田 凯美瑞 2.0G 豪华版
    initials: str  # the name's pinyin initials, ftkmr2.0gxhb

    @property
    def label(self) -> str:
        """``code — name``, as listed."""
        return f"{self.model_code} — {self.name}"

    def matches(self, text: str) -> bool:
        """Whether ``text`` (case-insensitive) is part of the code, the name or the initials."""
        wanted = text.strip().casefold()
        return any(wanted in key.casefold() for key in (self.model_code, self.name, self.initials))


def vehicle_models(engine: Engine) -> list[VehicleChoice]:
    """Every vehicle model of the catalog, by code."""
    with UnitOfWork(engine) as uow:
        rows = uow.reference.vehicle_models()
    choices = []
    for model_code, brand, model_name in rows:
        name = f"{brand} {model_name}".strip()
        choices.append(VehicleChoice(model_code, name, pinyin_keys(name)[1]))
    return choices


def priced_regions(engine: Engine) -> list[str]:
    """The region codes the current labor standard has labor rates for (a case elsewhere
    could not be priced), in the order of ``PROVINCES``; every province when no standard
    was imported yet."""
    with UnitOfWork(engine) as uow:
        found = uow.reference.labor_rate_regions()
    if not found:
        return list(PROVINCES)
    known = [code for code in PROVINCES if code in found]
    return known + sorted(found - set(PROVINCES))


register_messages(
    {
        "claim_no_required": (
            "报案号必填：案件按保险公司的报案号登记",
            "a claim number is required: a case is filed under the insurer's report number",
        ),
        "plate_or_vin_required": (
            "车牌和 VIN 至少填一项，用以确定车辆",
            "a plate or a VIN is required to name the vehicle",
        ),
        "model_required": (
            "车型必填（或填写目录能识别的 VIN）：工时和喷漆价格取决于车型",
            "a vehicle model is required (or a VIN the catalog knows): labor times and paint "
            "prices depend on it",
        ),
    }
)


def new_case_problems(
    engine: Engine, *, claim_no: str, plate: str, vin: str, model_code: str
) -> list[Problem]:
    """What a new case's header lacks (see ``check_new_case``)."""
    with UnitOfWork(engine) as uow:
        return check_new_case(uow, claim_no=claim_no, plate=plate, vin=vin, model_code=model_code)


def check_new_case(
    uow: UnitOfWorkLike, *, claim_no: str, plate: str, vin: str, model_code: str
) -> list[Problem]:
    """What a new case's header lacks: a claim number, a plate or a VIN, and a model (given,
    or found by the VIN's prefix). A model the catalog does not have is refused when the
    vehicle is resolved (``unknown_vehicle_model``)."""
    problems = []
    if not claim_no.strip():
        problems.append(Problem("claim_no_required", path="claim_no"))
    if not plate.strip() and not vin.strip():
        problems.append(Problem("plate_or_vin_required", path="plate"))
    if not model_code.strip() and not (vin.strip() and model_by_vin(uow, vin).model_code):
        problems.append(Problem("model_required", path="model_code"))
    return problems

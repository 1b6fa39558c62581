"""Flooded-vehicle use cases (水淹车, settlement.md): the guide's checklist for a case's water
level and immersion grade, and ticked items turned into estimate lines through the estimate
edit (``estimate_store.replace_lines``: the version's status, conflicts and audit as any edit).

Cleaning and drying become labor lines at the guide's hours (reason 水淹车指南) and the
standard's rate; a replacement becomes a catalog part line when the vehicle's model has the
part (the guide's part number, or the model's only part of the guide's component), else a
hand line at the guide's reference price with that reason. Inspect items add no line. The
guide in force is the one imported last (``estimator flood-guide import``: refused whole on any
bad row, stored as a JSON document, audited with the file's SHA-256), else the demo guide
shipped with the product (resources/flood_vehicle/).
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from estimator.documents.flood_vehicle_workbook import read_flood_guide, shipped_guide_path
from estimator.domain.errors import DomainError
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.flood_guide_data import guide_document, guide_of
from estimator.domain.flood_vehicle import (
    GUIDE_REASON,
    LABOR_ACTIONS,
    FloodAction,
    FloodGuide,
    GuideItem,
    LossRatio,
)
from estimator.domain.pricing import PricedEstimate
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from estimator.services.imports import IMPORTERS, read_whole
from estimator.services.users import User, require_roles
from kernel.clock import utcnow
from kernel.problems import Problem, Worded
from parts_catalog import store as catalog_store
from parts_catalog.model import normalize_part_no


@functools.cache
def shipped_guide() -> FloodGuide:
    """The flooded-vehicle guide shipped with the product (read once)."""
    parsed = read_flood_guide(shipped_guide_path())
    if parsed.guide is None:  # a broken installation: said, not hidden
        raise DomainError("flood_vehicle.no_guide")
    return parsed.guide


def guide_in(uow: UnitOfWork) -> FloodGuide:
    """The guide in force: the one imported last, else the shipped one."""
    stored = uow.flood_guides.newest()
    return shipped_guide() if stored is None else guide_of(stored.document)


@dataclass(frozen=True)
class GuideImport:
    """What a guide import stored, or why it stored nothing (every bad row named)."""

    problems: list[Problem] = field(default_factory=list)
    items: int = 0
    sha256: str = ""

    @property
    def stored(self) -> bool:
        """Whether the guide was stored (and is now in force)."""
        return not self.problems


def import_flood_guide(engine: Engine, path: Path, actor: User) -> GuideImport:
    """Import the guide workbook at ``path`` as the guide in force: refused whole, nothing
    stored, when any row is bad or a level and grade has no loss ratio; audited
    (``flood_guide_import``) with the file's name and SHA-256 and the guide's size."""
    require_roles(actor, IMPORTERS)
    parsed, refused, digest = read_whole(path, read_flood_guide)
    if parsed is None:
        return GuideImport(refused, sha256=digest)
    if parsed.errors or parsed.guide is None:
        return GuideImport(parsed.errors, sha256=digest)
    guide = parsed.guide
    with UnitOfWork(engine, write=True) as uow:
        before = uow.flood_guides.newest()
        uow.flood_guides.add(guide_document(guide), path.name, digest, actor.username, utcnow())
        uow.audit.record(
            actor=actor.username,
            entity="flood_guide",
            entity_id="guide",
            action="flood_guide_import",
            detail={
                "file": path.name,
                "sha256": digest,
                "before": "shipped" if before is None else before.sha256,
                "items": len(guide.entries),
                "ratios": len(guide.ratios),
            },
        )
        uow.commit()
    return GuideImport([], len(guide.entries), digest)


@dataclass(frozen=True)
class FloodChecklist:
    """A case's flood record and the guide's items and loss-ratio range for it."""

    water_level: int | None
    immersion: str | None
    engine_restarted: bool | None
    items: tuple[GuideItem, ...] = ()
    ratio: LossRatio | None = None

    @property
    def known(self) -> bool:
        """Whether the case has both a water level and an immersion grade."""
        return self.water_level is not None and self.immersion is not None


def checklist_in(
    uow: UnitOfWork, case_id: uuid.UUID, guide: FloodGuide | None = None
) -> FloodChecklist:
    """The checklist of a case read in ``uow`` (no items when it has no flood record), from
    ``guide`` (the one in force when None)."""
    data = uow.settlement.get(case_id)
    level, grade = data.water_level, data.immersion
    if level is None or grade is None:
        return FloodChecklist(level, grade, data.engine_restarted)
    guide = guide or guide_in(uow)
    return FloodChecklist(
        level,
        grade,
        data.engine_restarted,
        guide.items_for(level, grade),
        guide.ratio_for(level, grade),
    )


def guide_for(
    engine: Engine, case_id: uuid.UUID, guide: FloodGuide | None = None
) -> FloodChecklist:
    """The guide's items for the case's water level and immersion grade."""
    with UnitOfWork(engine) as uow:
        return checklist_in(uow, case_id, guide)


def guide_for_estimate(
    engine: Engine, estimate_id: str | uuid.UUID, guide: FloodGuide | None = None
) -> FloodChecklist:
    """``guide_for`` the case of an estimate version (``estimator estimate flood-guide``)."""
    with UnitOfWork(engine) as uow:
        return checklist_in(uow, estimate_store.stored_in(uow, estimate_id).case_id, guide)


@dataclass(frozen=True)
class FloodLines:
    """What ticking items added: the priced estimate, and the inspect items (no line)."""

    priced: PricedEstimate
    added: tuple[GuideItem, ...]
    inspect_only: tuple[GuideItem, ...]


def add_flood_items(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    item_codes: Sequence[str],
    actor: User,
    guide: FloodGuide | None = None,
) -> FloodLines:
    """Add the ticked guide items to an editable version as lines (one edit, audited);
    an item the case's checklist does not hold refuses the whole tick, adding nothing."""
    stored = estimate_store.load_estimate(engine, estimate_id)
    with UnitOfWork(engine) as uow:
        checklist = checklist_in(uow, stored.case_id, guide)
        if not checklist.known:
            raise DomainError("flood_vehicle.no_flood_data")
        by_code = {item.code: item for item in checklist.items}
        wanted = list(dict.fromkeys(code.strip().upper() for code in item_codes))
        unknown = [code for code in wanted if code not in by_code]
        if unknown:
            raise DomainError(
                "flood_vehicle.unknown_items",
                level=checklist.water_level,
                grade=checklist.immersion,
                codes=Worded("、".join(unknown), ", ".join(unknown)),
            )
        ticked = [by_code[code] for code in wanted]
        lines = [
            _line(uow, stored, item) for item in ticked if item.action is not FloodAction.INSPECT
        ]
    keys: list[uuid.UUID | None] = [*stored.line_keys, *([None] * len(lines))]
    priced = estimate_store.replace_lines(
        engine, stored.id, [*stored.estimate.lines, *lines], actor, keys=keys, based_on=stored
    )
    return FloodLines(
        priced,
        tuple(i for i in ticked if i.action is not FloodAction.INSPECT),
        tuple(i for i in ticked if i.action is FloodAction.INSPECT),
    )


def _line(uow: UnitOfWork, stored: estimate_store.StoredEstimate, item: GuideItem) -> EstimateLine:
    """The estimate line of a cleaning, drying or replacement item."""
    if item.action in LABOR_ACTIONS:
        return EstimateLine(
            LineKind.LABOR,
            component_code=item.component_code,
            operation=item.operation,
            hours=item.hours,
            description=item.name_zh,
            override_reason=GUIDE_REASON,
        )
    part_no = _catalog_part(uow, stored, item)
    if part_no:
        return EstimateLine(LineKind.PART, part_no=part_no, component_code=item.component_code)
    return EstimateLine(
        LineKind.PART,
        unit_price=item.unit_price,
        component_code=item.component_code,
        description=item.name_zh,
        override_reason=GUIDE_REASON,
    )


def _catalog_part(uow: UnitOfWork, stored: estimate_store.StoredEstimate, item: GuideItem) -> str:
    """The catalog part a replacement prices from: the guide's number, else the model's only
    part of the guide's component; it must fit the model and have a price on the pricing date
    ("" when there is none: a hand line)."""
    estimate = stored.estimate
    model = estimate.model_code
    if item.part_no:
        candidates = [normalize_part_no(item.part_no)]
    elif item.component_code and model:
        candidates = uow.catalog.parts_of_component(item.component_code, model)
        if len(candidates) != 1:  # none, or which of several the guide cannot say
            return ""
    else:
        return ""
    snapshot = catalog_store.load_snapshot(uow.session.connection(), candidates, estimate.region)
    entry = snapshot.part(candidates[0])
    if entry is None or (model and entry.models and model not in entry.models):
        return ""
    found = snapshot.price(entry.part_no, estimate.region, estimate.price_type, estimate.priced_on)
    return entry.part_no if found is not None else ""

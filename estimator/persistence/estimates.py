"""The estimate repository: estimate versions and their lines, mapped to and from the domain.

It owns the row↔line mapping (an ``EstimateLine`` and its priced values as an
``EstimateLineRow``, the totals as JSON) and every query on versions and lines the services
run. It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from estimator.domain.adjustments import ReviewAdjustment
from estimator.domain.estimate import Estimate, EstimateLine, LineKind, Tier
from estimator.domain.loss_objects import LossObject
from estimator.domain.pricing import PricedEstimate, PricedLine
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.loss_objects import loss_object
from estimator.persistence.rows import (
    AuditRow,
    CaseEditorRow,
    CaseRow,
    EstimateLineRow,
    EstimateRow,
    LossObjectRow,
)
from labor_standards import store as labor_store
from labor_standards.model import Operation, PaintType, ShopClass
from parts_catalog import store as catalog_store
from parts_catalog.model import PriceType

TOTAL_NAMES = (
    "parts",
    "management_fee",
    "labor",
    "paint",
    "material",
    "sublet",
    "towing",
    "salvage",
    "total",
)


@dataclass(frozen=True)
class StoredEstimate:
    """An estimate version as stored, rebuilt for pricing, showing and review."""

    id: uuid.UUID
    case_id: uuid.UUID
    version_no: int
    status: EstimateStatus
    estimate: Estimate
    line_keys: tuple[uuid.UUID, ...]
    amounts: tuple[Decimal | None, ...]
    totals: dict[str, Decimal]
    tier: Tier | None
    created_by: str
    catalog_version: int | None = None
    labor_version: int | None = None
    #: The row's version when it was read: a save based on it is refused once it has moved.
    row_version: int = 0
    #: The loss object the version estimates (the insured vehicle, a third-party vehicle or
    #: property item); version numbers count per object.
    loss_object: LossObject | None = None

    @property
    def object_id(self) -> uuid.UUID | None:
        """The id of the version's loss object."""
        return None if self.loss_object is None else self.loss_object.id


def priced_values(priced: PricedLine | None) -> dict[str, Any]:
    """What pricing found for a line (name, looked-up values, notes, sources), as JSON values."""
    if priced is None:
        return {}
    looked_up = {name: str(value) for name, value in priced.looked_up_values().items()}
    return {
        "name": priced.description,
        "looked_up": looked_up,
        "notes": [n.text("zh") for n in priced.notes],
        "sources": list(priced.sources),
        "included_by": priced.included_by,
    }


def line_row(
    line: EstimateLine,
    priced: PricedLine | None,
    position: int,
    actor: str,
    line_key: uuid.UUID | None = None,
) -> EstimateLineRow:
    """The row that stores ``line`` (and what pricing found for it) at ``position``."""
    return EstimateLineRow(
        line_key=line_key or uuid.uuid4(),
        position=position,
        kind=line.kind.value,
        part_no=line.part_no,
        qty=line.qty,
        price_type=line.price_type.value if line.price_type else "",
        unit_price=line.unit_price,
        component_code=line.component_code,
        operation=line.operation.value if line.operation else "",
        hours=line.hours,
        rate=line.rate,
        panels=line.panels,
        price_per_panel=line.price_per_panel,
        description=line.description,
        entered_amount=line.amount,
        override_reason=line.override_reason,
        amount=None if priced is None else priced.amount,
        priced_json=json.dumps(priced_values(priced), ensure_ascii=False),
        changed_by=actor,
    )


def estimate_line(row: EstimateLineRow) -> EstimateLine:
    """The line a row stores, as entered."""
    return EstimateLine(
        LineKind(row.kind),
        part_no=row.part_no,
        qty=row.qty,
        price_type=PriceType(row.price_type) if row.price_type else None,
        unit_price=row.unit_price,
        component_code=row.component_code,
        operation=Operation(row.operation) if row.operation else None,
        hours=row.hours,
        rate=row.rate,
        panels=row.panels,
        price_per_panel=row.price_per_panel,
        description=row.description,
        amount=row.entered_amount,
        override_reason=row.override_reason,
    )


def totals_json(priced: PricedEstimate) -> str:
    """A priced estimate's totals as stored (names to decimal strings)."""
    assert priced.totals is not None
    return json.dumps({name: str(getattr(priced.totals, name)) for name in TOTAL_NAMES})


def set_totals(row: EstimateRow, priced: PricedEstimate) -> None:
    """Store a version's totals and tier; the row's version moves even when they are the same
    (every save moves it once)."""
    assert priced.totals is not None
    assert priced.tier is not None
    row.total, row.tier, row.totals_json = (
        priced.totals.total,
        priced.tier.value,
        totals_json(priced),
    )
    flag_modified(row, "totals_json")


def _first_submission_lines(text: str) -> tuple[tuple[str, ...], tuple[EstimateLine, ...]]:
    items = json.loads(text)
    lines = tuple(
        EstimateLine(
            LineKind(i["kind"]),
            part_no=i["part_no"],
            qty=Decimal(i["qty"]),
            price_type=PriceType(i["price_type"]) if i["price_type"] else None,
            component_code=i["component_code"],
            operation=Operation(i["operation"]) if i["operation"] else None,
        )
        for i in items
    )
    return tuple(i["key"] for i in items), lines


class EstimateRepository:
    """Estimate versions and lines in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # --- reading ------------------------------------------------------------------------

    def row(self, estimate_id: uuid.UUID, *, lock: bool = False) -> EstimateRow | None:
        """A version's row; with ``lock`` locked (FOR UPDATE on PostgreSQL) and read afresh."""
        if lock:
            return self.session.get(
                EstimateRow, estimate_id, with_for_update=True, populate_existing=True
            )
        return self.session.get(EstimateRow, estimate_id)

    def get(self, estimate_id: uuid.UUID) -> StoredEstimate | None:
        """A stored version, rebuilt; None when there is none with that id."""
        row = self.session.get(EstimateRow, estimate_id)
        return None if row is None else self.stored(row)

    def object_kind(self, row: EstimateRow) -> str:
        """The kind of the loss object a version estimates (insured_vehicle, …)."""
        return (
            self.session.scalar(select(LossObjectRow.kind).where(LossObjectRow.id == row.object_id))
            or ""
        )

    def line_rows(self, estimate_id: uuid.UUID) -> list[EstimateLineRow]:
        """A version's line rows in order."""
        return list(
            self.session.scalars(
                select(EstimateLineRow)
                .where(EstimateLineRow.estimate_id == estimate_id)
                .order_by(EstimateLineRow.position)
            )
        )

    def stored(self, row: EstimateRow) -> StoredEstimate:
        """The version ``row`` stores, with its object's vehicle and shop, rebuilt (the
        insured vehicle's are the case's)."""
        case = self.session.get(CaseRow, row.case_id)
        assert case is not None
        object_row = self.session.get(LossObjectRow, row.object_id)
        assert object_row is not None
        insured = object_row.kind == "insured_vehicle"
        vehicle: CaseRow | LossObjectRow = case if insured else object_row
        lines = self.line_rows(row.id)
        estimate = Estimate(
            priced_on=row.priced_on,
            region=case.region,
            shop_class=ShopClass(vehicle.shop_class),
            vehicle_class=vehicle.vehicle_class,
            paint_type=PaintType(vehicle.paint_type),
            price_type=PriceType(row.price_type),
            lines=tuple(estimate_line(r) for r in lines),
            parts_management_fee_rate=row.parts_management_fee_rate,
            salvage=row.salvage,
            needs_teardown=row.needs_teardown,
            claim_no=case.claim_no,
            shop_name=vehicle.shop_name,
            partner=case.partner if insured else False,
            vin=vehicle.vin,
            model_code=vehicle.model_code,
            plate=vehicle.plate,
        )
        totals = {name: Decimal(value) for name, value in json.loads(row.totals_json).items()}
        return StoredEstimate(
            row.id,
            row.case_id,
            row.version_no,
            EstimateStatus(row.status),
            estimate,
            tuple(r.line_key for r in lines),
            tuple(r.amount for r in lines),
            totals,
            Tier(row.tier) if row.tier else None,
            row.created_by,
            row.catalog_version_id,
            row.labor_version_id,
            row.row_version,
            loss_object(object_row, case),
        )

    def last_actor(self, estimate_id: uuid.UUID) -> str:
        """Who last changed an estimate version, from the audit trail."""
        return (
            self.session.scalar(
                select(AuditRow.actor)
                .where(AuditRow.entity == "estimate", AuditRow.entity_id == str(estimate_id))
                .order_by(AuditRow.seq.desc())
                .limit(1)
            )
            or ""
        )

    def first_submission(
        self, estimate_id: uuid.UUID
    ) -> tuple[tuple[str, ...], tuple[EstimateLine, ...]] | None:
        """(keys, lines) of the version as first submitted, if it has been submitted."""
        text = self.session.scalar(
            select(EstimateRow.first_submission_json).where(EstimateRow.id == estimate_id)
        )
        return _first_submission_lines(text) if text else None

    def lines_json(self, estimate_id: uuid.UUID) -> str:
        """The lines as kept at first submission (key, kind, part, quantity, operation)."""
        return json.dumps(
            [
                {
                    "key": str(r.line_key),
                    "kind": r.kind,
                    "part_no": r.part_no,
                    "qty": str(r.qty),
                    "price_type": r.price_type,
                    "component_code": r.component_code,
                    "operation": r.operation,
                }
                for r in self.line_rows(estimate_id)
            ]
        )

    def content_fingerprint(self, estimate_id: uuid.UUID) -> str:
        """Everything a certificate's content hash is computed from, as stored now."""
        rows = self.session.execute(
            select(
                EstimateLineRow.line_key,
                EstimateLineRow.kind,
                EstimateLineRow.part_no,
                EstimateLineRow.qty,
                EstimateLineRow.price_type,
                EstimateLineRow.component_code,
                EstimateLineRow.operation,
                EstimateLineRow.amount,
                EstimateLineRow.reviewed_amount,
            )
            .where(EstimateLineRow.estimate_id == estimate_id)
            .order_by(EstimateLineRow.position)
        )
        return json.dumps([[str(v) for v in r] for r in rows])

    def latest_version_no(self, object_id: uuid.UUID) -> int:
        """The number of a loss object's newest version (0 when it has none)."""
        latest = self.session.scalar(
            select(EstimateRow.version_no)
            .where(EstimateRow.object_id == object_id)
            .order_by(EstimateRow.version_no.desc())
        )
        return latest or 0

    def version_id(self, object_id: uuid.UUID, version_no: int) -> uuid.UUID | None:
        """The id of a loss object's version by number."""
        return self.session.scalar(
            select(EstimateRow.id).where(
                EstimateRow.object_id == object_id, EstimateRow.version_no == version_no
            )
        )

    def customer_signature(self, estimate_id: uuid.UUID) -> tuple[bytes | None, dt.datetime | None]:
        """The customer's drawn signature and when it was given (None, None before)."""
        found = self.session.execute(
            select(EstimateRow.customer_signature, EstimateRow.customer_signed_at).where(
                EstimateRow.id == estimate_id
            )
        ).first()
        return (None, None) if found is None else (found[0], found[1])

    def review_take(self, estimate_id: uuid.UUID) -> tuple[str, dt.datetime | None] | None:
        """Who took a version from the review queue and when (None: no such version)."""
        found = self.session.execute(
            select(EstimateRow.review_taken_by, EstimateRow.review_taken_at).where(
                EstimateRow.id == estimate_id
            )
        ).first()
        return None if found is None else (found[0], found[1])

    def adjustments(self, estimate_id: uuid.UUID) -> dict[int, ReviewAdjustment]:
        """The reviewer's amounts on a version, by line index."""
        rows = self.session.execute(
            select(
                EstimateLineRow.position,
                EstimateLineRow.reviewed_amount,
                EstimateLineRow.review_reason,
                EstimateLineRow.reviewed_by,
            ).where(
                EstimateLineRow.estimate_id == estimate_id,
                EstimateLineRow.reviewed_amount.is_not(None),
            )
        ).all()
        return {
            r.position: ReviewAdjustment(
                r.position, r.reviewed_amount, r.review_reason, r.reviewed_by
            )
            for r in rows
        }

    def line_at(self, estimate_id: uuid.UUID, position: int) -> EstimateLineRow | None:
        """A version's line row at ``position``."""
        return self.session.scalar(
            select(EstimateLineRow).where(
                EstimateLineRow.estimate_id == estimate_id, EstimateLineRow.position == position
            )
        )

    def next_for_review(
        self, reviewer: str, lapsed: dt.datetime, tier: Tier | None
    ) -> EstimateRow | None:
        """The oldest submitted version nobody holds (never taken, or taken at or before
        ``lapsed``) of a case ``reviewer`` never edited; locked FOR UPDATE SKIP LOCKED on
        PostgreSQL, so a second reviewer passes over it instead of waiting."""
        edited = select(CaseEditorRow.case_id).where(
            CaseEditorRow.case_id == EstimateRow.case_id, CaseEditorRow.username == reviewer
        )
        query = (
            select(EstimateRow)
            .where(
                EstimateRow.status == EstimateStatus.SUBMITTED.value,
                (EstimateRow.review_taken_by == "")
                | EstimateRow.review_taken_at.is_(None)
                | (EstimateRow.review_taken_at <= lapsed),
                ~exists(edited),
            )
            .order_by(EstimateRow.created_at, EstimateRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if tier is not None:
            query = query.where(EstimateRow.tier == tier.value)
        return self.session.scalars(query).first()

    def samples_to_check(self) -> list[uuid.UUID]:
        """The versions approved within authority, drawn for a check (抽检) and not yet
        checked, oldest first."""
        query = (
            select(EstimateRow.id)
            .where(EstimateRow.sampled.is_(True), EstimateRow.sample_outcome == "")
            .order_by(EstimateRow.created_at, EstimateRow.id)
        )
        return list(self.session.scalars(query))

    # --- writing ------------------------------------------------------------------------

    def pin_pricing(self, row: EstimateRow) -> None:
        """Bind a version to the newest catalog and the current labor standard (at submission:
        it prices with them from then on)."""
        connection = self.session.connection()
        row.catalog_version_id = catalog_store.newest_version_id(connection)
        current = labor_store.current_version(connection)
        row.labor_version_id = None if current is None else current[0]

    def add_version(
        self,
        case_id: uuid.UUID,
        version_no: int,
        estimate: Estimate,
        priced: PricedEstimate,
        actor: str,
        now: dt.datetime,
        keys: list[uuid.UUID] | None = None,
        *,
        object_id: uuid.UUID,
    ) -> EstimateRow:
        """Store a new draft version of a case's loss object with its priced lines."""
        assert priced.totals is not None
        assert priced.tier is not None
        row = EstimateRow(
            case_id=case_id,
            object_id=object_id,
            version_no=version_no,
            status=EstimateStatus.DRAFT.value,
            priced_on=estimate.priced_on,
            price_type=estimate.price_type.value,
            parts_management_fee_rate=estimate.parts_management_fee_rate,
            salvage=estimate.salvage,
            needs_teardown=estimate.needs_teardown,
            total=priced.totals.total,
            tier=priced.tier.value,
            totals_json=totals_json(priced),
            created_by=actor,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        self.put_lines(row, estimate.lines, priced, actor, list(keys) if keys else [])
        return row

    def put_lines(
        self,
        row: EstimateRow,
        lines: tuple[EstimateLine, ...] | list[EstimateLine],
        priced: PricedEstimate,
        actor: str,
        keys: list[uuid.UUID] | list[uuid.UUID | None],
    ) -> None:
        """Add a version's lines (``keys`` by position; a missing or None key is new)."""
        by_index = {p.index: p for p in priced.lines}
        for position, line in enumerate(lines):
            key = keys[position] if position < len(keys) else None
            new = line_row(line, by_index.get(position), position, actor, key)
            new.estimate_id = row.id
            self.session.add(new)
        self.session.flush()

    def replace_lines(
        self,
        row: EstimateRow,
        lines: list[EstimateLine],
        priced: PricedEstimate,
        actor: str,
        keys: list[uuid.UUID] | list[uuid.UUID | None],
    ) -> None:
        """Replace a version's lines and store its new totals."""
        for old in self.line_rows(row.id):
            self.session.delete(old)
        self.session.flush()
        self.put_lines(row, lines, priced, actor, keys)
        set_totals(row, priced)

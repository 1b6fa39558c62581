"""The loss objects repository (settlement.md, Loss objects): a case's objects, each with its
newest version, and the objects a new case or an import adds. It works in the session it is
given and never commits.

The insured vehicle's plate, VIN, model and shop are the case's (the case details edit them);
its row keeps only its kind and index. A third-party vehicle keeps its own.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from estimator.domain.loss_objects import LossObject, ObjectRef, ObjectSummary
from estimator.domain.settlement_payout import ObjectKind
from estimator.persistence.rows import (
    CaseEventRow,
    CaseRow,
    EstimateLineRow,
    EstimateRow,
    LossObjectRow,
    PhotoRow,
)
from estimator.persistence.submission_reasons import SubmissionReasonRow


def loss_object(row: LossObjectRow, case: CaseRow | None) -> LossObject:
    """The object a row stores (the insured vehicle named by its case's vehicle and shop)."""
    insured = row.kind == ObjectKind.INSURED_VEHICLE.value and case is not None
    source = case if insured else row
    assert source is not None
    return LossObject(
        row.id,
        row.case_id,
        ObjectKind(row.kind),
        row.kind_index,
        plate=source.plate,
        vin=source.vin,
        model_code=source.model_code,
        shop_name=source.shop_name,
        owner=row.owner,
        description=row.description,
    )


class LossObjectRepository:
    """Loss objects of cases, in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        case_id: uuid.UUID,
        ref: ObjectRef,
        actor: str,
        now: dt.datetime,
        **vehicle: str,
    ) -> LossObjectRow:
        """A new object of the case (flushed: it has its id); ``vehicle`` gives a third-party
        vehicle's plate, vin, model_code, vehicle_class, paint_type, shop_name, shop_class."""
        row = LossObjectRow(
            case_id=case_id,
            kind=ref.kind.value,
            kind_index=ref.index,
            owner=ref.owner,
            description=ref.description,
            created_by=actor,
            created_at=now,
            **vehicle,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def row(self, object_id: uuid.UUID) -> LossObjectRow | None:
        """An object's row."""
        return self.session.get(LossObjectRow, object_id)

    def get(self, object_id: uuid.UUID) -> LossObject | None:
        """An object, or None."""
        row = self.session.get(LossObjectRow, object_id)
        if row is None:
            return None
        return loss_object(row, self.session.get(CaseRow, row.case_id))

    def opened_at(self, object_id: uuid.UUID | None) -> dt.datetime | None:
        """When a third-party object joined its case (its estimate clocks start no earlier);
        None for the insured vehicle, whose clocks are the case's."""
        row = None if object_id is None else self.session.get(LossObjectRow, object_id)
        if row is None or row.kind == ObjectKind.INSURED_VEHICLE.value:
            return None
        return row.created_at

    def find(self, case_id: uuid.UUID, kind: ObjectKind, index: int) -> LossObjectRow | None:
        """The case's object of ``kind`` numbered ``index``."""
        return self.session.scalar(
            select(LossObjectRow).where(
                LossObjectRow.case_id == case_id,
                LossObjectRow.kind == kind.value,
                LossObjectRow.kind_index == index,
            )
        )

    def insured(self, case_id: uuid.UUID) -> LossObjectRow | None:
        """The case's insured vehicle."""
        return self.find(case_id, ObjectKind.INSURED_VEHICLE, 0)

    def next_index(self, case_id: uuid.UUID, kind: ObjectKind) -> int:
        """The index the case's next object of ``kind`` takes."""
        found = self.session.scalar(
            select(func.max(LossObjectRow.kind_index)).where(
                LossObjectRow.case_id == case_id, LossObjectRow.kind == kind.value
            )
        )
        return 0 if found is None else found + 1

    def objects(self, case_id: uuid.UUID) -> list[LossObject]:
        """The case's objects: the insured vehicle, then third-party vehicles, then property,
        each kind by index."""
        case = self.session.get(CaseRow, case_id)
        rows = self.session.scalars(
            select(LossObjectRow).where(LossObjectRow.case_id == case_id)
        ).all()
        order = list(ObjectKind)
        found = [loss_object(r, case) for r in rows]
        return sorted(found, key=lambda o: (order.index(o.kind), o.index))

    def summaries(self, case_id: uuid.UUID) -> list[ObjectSummary]:
        """The case's objects, each with its newest version's id, number, status and total."""
        newest = {row.object_id: row for row in self.newest_versions(case_id)}
        result = []
        for obj in self.objects(case_id):
            row = newest.get(obj.id)
            result.append(
                ObjectSummary(
                    obj,
                    None if row is None else row.id,
                    0 if row is None else row.version_no,
                    "" if row is None else row.status,
                    None if row is None else row.total,
                )
            )
        return result

    def newest_versions(self, case_id: uuid.UUID) -> list[EstimateRow]:
        """The newest version of each of the case's objects."""
        latest = (
            select(EstimateRow.object_id, func.max(EstimateRow.version_no).label("version_no"))
            .where(EstimateRow.case_id == case_id)
            .group_by(EstimateRow.object_id)
            .subquery()
        )
        query = select(EstimateRow).join(
            latest,
            (latest.c.object_id == EstimateRow.object_id)
            & (latest.c.version_no == EstimateRow.version_no),
        )
        return list(self.session.scalars(query))

    def third_party_submissions(self) -> list[tuple[EstimateRow, LossObject]]:
        """Every third-party object whose newest version is submitted (waiting for review),
        with that version, oldest submission first."""
        latest = (
            select(EstimateRow.object_id, func.max(EstimateRow.version_no).label("version_no"))
            .group_by(EstimateRow.object_id)
            .subquery()
        )
        query = (
            select(EstimateRow, LossObjectRow, CaseRow)
            .join(
                latest,
                (latest.c.object_id == EstimateRow.object_id)
                & (latest.c.version_no == EstimateRow.version_no),
            )
            .join(LossObjectRow, LossObjectRow.id == EstimateRow.object_id)
            .join(CaseRow, CaseRow.id == EstimateRow.case_id)
            .where(
                EstimateRow.status == "submitted",
                LossObjectRow.kind != ObjectKind.INSURED_VEHICLE.value,
            )
            .order_by(EstimateRow.created_at, EstimateRow.id)
        )
        return [(row, loss_object(obj, case)) for row, obj, case in self.session.execute(query)]

    def versions(self, object_id: uuid.UUID) -> list[EstimateRow]:
        """The object's versions, oldest first."""
        query = select(EstimateRow).where(EstimateRow.object_id == object_id)
        return list(self.session.scalars(query.order_by(EstimateRow.version_no)))

    def remove(self, object_id: uuid.UUID) -> list[uuid.UUID]:
        """Delete the object with its versions, their lines and reasons and its events (a
        photo on one of its lines stays the case's); the removed versions' ids."""
        self.session.flush()
        versions = [row.id for row in self.versions(object_id)]
        keys = select(EstimateLineRow.line_key).where(EstimateLineRow.estimate_id.in_(versions))
        self.session.execute(
            update(PhotoRow).where(PhotoRow.line_key.in_(keys)).values(line_key=None)
        )
        for table, column in (
            (EstimateLineRow, EstimateLineRow.estimate_id),
            (SubmissionReasonRow, SubmissionReasonRow.estimate_id),
        ):
            self.session.execute(delete(table).where(column.in_(versions)))
        self.session.execute(delete(CaseEventRow).where(CaseEventRow.object_id == object_id))
        self.session.execute(delete(EstimateRow).where(EstimateRow.id.in_(versions)))
        self.session.execute(delete(LossObjectRow).where(LossObjectRow.id == object_id))
        return versions

    def third_parties(self) -> list[tuple[uuid.UUID, uuid.UUID, str, dt.datetime]]:
        """(case id, object id, its newest version's tier, when it joined the case) of every
        third-party object with a version: what its own clocks are worked out from."""
        latest = (
            select(EstimateRow.object_id, func.max(EstimateRow.version_no).label("version_no"))
            .group_by(EstimateRow.object_id)
            .subquery()
        )
        query = (
            select(
                LossObjectRow.case_id, LossObjectRow.id, EstimateRow.tier, LossObjectRow.created_at
            )
            .join(EstimateRow, EstimateRow.object_id == LossObjectRow.id)
            .join(
                latest,
                (latest.c.object_id == EstimateRow.object_id)
                & (latest.c.version_no == EstimateRow.version_no),
            )
            .where(LossObjectRow.kind != ObjectKind.INSURED_VEHICLE.value)
        )
        return [(c, o, tier or "", at) for c, o, tier, at in self.session.execute(query)]

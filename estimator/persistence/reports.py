"""The reports repository: the cases opened in a period with their newest version, the cases
and approved totals the service indicators read, and the guarantee certificates issued in a
period with their case.

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.queries import case_assessor, latest_versions
from estimator.persistence.rows import (
    CaseRow,
    EstimateRow,
    GuaranteeCertificateRow,
    LossObjectRow,
)

#: The states of a version the reviewer approved.
_APPROVED = (
    EstimateStatus.APPROVED.value,
    EstimateStatus.SIGNED.value,
    EstimateStatus.CLOSED.value,
)


@dataclass(frozen=True)
class IssuedRow:
    """A certificate as the guarantee report reads it, with its case's claim and shop."""

    number: str
    estimate_id: uuid.UUID
    content_hash: str
    issued_at: dt.datetime
    valid_to: dt.date
    claim_no: str
    shop_name: str


class ReportRepository:
    """Report queries in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def cases_opened(self, since: dt.datetime, until: dt.datetime) -> list[Row[tuple]]:  # type: ignore[type-arg]
        """(id, claim_no, assessor, large_case_group, tier of the newest version,
        location_class) of every case opened in [since, until)."""
        query = latest_versions(
            CaseRow.id,
            CaseRow.claim_no,
            case_assessor(),
            CaseRow.large_case_group,
            EstimateRow.tier,
            CaseRow.location_class,
        ).where(CaseRow.created_at >= since, CaseRow.created_at < until)
        return list(self.session.execute(query).all())

    def versions_reviewed(self, since: dt.datetime, until: dt.datetime) -> list[Row[tuple]]:  # type: ignore[type-arg]
        """(shop_name, assessor, first_total, and the newest version's id, status, total) of
        every case opened in [since, until)."""
        query = latest_versions(
            CaseRow.shop_name,
            case_assessor(),
            CaseRow.first_total,
            EstimateRow.id,
            EstimateRow.status,
            EstimateRow.total,
        ).where(CaseRow.created_at >= since, CaseRow.created_at < until)
        return list(self.session.execute(query).all())

    def third_party_versions(self, since: dt.datetime, until: dt.datetime) -> list[Row[tuple]]:  # type: ignore[type-arg]
        """(shop_name: the object's shop, else the case's; assessor; id) of every third-party
        object's newest version, of the cases opened in [since, until)."""
        newest = (
            select(EstimateRow.object_id, func.max(EstimateRow.version_no).label("version_no"))
            .group_by(EstimateRow.object_id)
            .subquery()
        )
        query = (
            select(
                func.coalesce(func.nullif(LossObjectRow.shop_name, ""), CaseRow.shop_name).label(
                    "shop_name"
                ),
                case_assessor(),
                EstimateRow.id,
            )
            .select_from(EstimateRow)
            .join(
                newest,
                (newest.c.object_id == EstimateRow.object_id)
                & (newest.c.version_no == EstimateRow.version_no),
            )
            .join(LossObjectRow, LossObjectRow.id == EstimateRow.object_id)
            .join(CaseRow, CaseRow.id == EstimateRow.case_id)
            .where(
                LossObjectRow.kind != ObjectKind.INSURED_VEHICLE.value,
                CaseRow.created_at >= since,
                CaseRow.created_at < until,
            )
        )
        return list(self.session.execute(query).all())

    def indicator_cases(self) -> list[Row[tuple]]:  # type: ignore[type-arg]
        """(id, claim_no, assessor, large_case_group, location_class, first_total, tier of the
        newest version) of every case, by claim number (a case's clocks fall due in a period
        whatever day it was opened)."""
        query = latest_versions(
            CaseRow.id,
            CaseRow.claim_no,
            case_assessor(),
            CaseRow.large_case_group,
            CaseRow.location_class,
            CaseRow.first_total,
            EstimateRow.tier,
        ).order_by(CaseRow.claim_no, CaseRow.id)
        return list(self.session.execute(query).all())

    def approved_totals(self) -> dict[uuid.UUID, Decimal | None]:
        """Per case, its insured vehicle's newest approved version's total (approved, signed
        or closed): the figure the case's first total (首次定损金额, the insured vehicle's
        first submission) is compared with. A third party's estimate is not the vehicle's."""
        query = (
            select(EstimateRow.case_id, EstimateRow.version_no, EstimateRow.total)
            .join(LossObjectRow, LossObjectRow.id == EstimateRow.object_id)
            .where(
                EstimateRow.status.in_(_APPROVED),
                LossObjectRow.kind == ObjectKind.INSURED_VEHICLE.value,
            )
            .order_by(EstimateRow.case_id, EstimateRow.version_no)
        )
        # Ordered by version: the newest approved version of a case is written last.
        return {case_id: total for case_id, _no, total in self.session.execute(query)}

    def certificates_issued(self, since: dt.datetime, until: dt.datetime) -> list[IssuedRow]:
        """The certificates issued in [since, until), by number, with their case."""
        query = (
            select(GuaranteeCertificateRow, CaseRow.claim_no, CaseRow.shop_name)
            .join(EstimateRow, EstimateRow.id == GuaranteeCertificateRow.estimate_id)
            .join(CaseRow, CaseRow.id == EstimateRow.case_id)
            .where(
                GuaranteeCertificateRow.issued_at >= since,
                GuaranteeCertificateRow.issued_at < until,
            )
            .order_by(GuaranteeCertificateRow.number)
        )
        return [
            IssuedRow(
                row.number,
                row.estimate_id,
                row.content_hash,
                row.issued_at,
                row.valid_to,
                claim_no,
                shop_name,
            )
            for row, claim_no, shop_name in self.session.execute(query)
        ]

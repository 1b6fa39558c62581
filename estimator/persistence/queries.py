"""Queries several use cases share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from estimator.persistence.rows import CaseRow, EstimateRow, LossObjectRow


def case_assessor() -> Any:
    """The case's assessor as reports count it: the assigned one (``cases.assessor``; taken
    or assigned from the large-case queue), else who opened it. Labelled ``assessor``."""
    return func.coalesce(func.nullif(CaseRow.assessor, ""), CaseRow.created_by).label("assessor")


def _newest_per_object() -> Any:
    """(object_id, version_no) of every loss object's newest version."""
    return (
        select(EstimateRow.object_id, func.max(EstimateRow.version_no).label("version_no"))
        .group_by(EstimateRow.object_id)
        .subquery()
    )


def latest_versions(*columns: Any) -> Select[Any]:
    """``columns`` of every case joined with its insured vehicle's newest estimate version
    (the case's own row: its status, tier and clocks; third-party objects are listed with
    :func:`case_totals` and the loss objects repository)."""
    latest = _newest_per_object()
    return (
        select(*columns)
        .select_from(CaseRow)
        .join(
            LossObjectRow,
            (LossObjectRow.case_id == CaseRow.id) & (LossObjectRow.kind == "insured_vehicle"),
        )
        .join(latest, latest.c.object_id == LossObjectRow.id)
        .join(
            EstimateRow,
            (EstimateRow.object_id == LossObjectRow.id)
            & (EstimateRow.version_no == latest.c.version_no),
        )
    )


def case_totals() -> Any:
    """(case_id, total): every case's total, the sum of its loss objects' newest totals."""
    latest = _newest_per_object()
    return (
        select(EstimateRow.case_id, func.sum(EstimateRow.total).label("total"))
        .join(
            latest,
            (latest.c.object_id == EstimateRow.object_id)
            & (latest.c.version_no == EstimateRow.version_no),
        )
        .group_by(EstimateRow.case_id)
        .subquery()
    )

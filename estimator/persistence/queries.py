"""Queries several use cases share."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select

from estimator.persistence.rows import CaseRow, EstimateRow


def case_assessor() -> Any:
    """The case's assessor as reports count it: the assigned one (``cases.assessor``; taken
    or assigned from the large-case queue), else who opened it. Labelled ``assessor``."""
    return func.coalesce(func.nullif(CaseRow.assessor, ""), CaseRow.created_by).label("assessor")


def latest_versions(*columns: Any) -> Select[Any]:
    """``columns`` of every case joined with its newest estimate version."""
    latest = (
        select(EstimateRow.case_id, func.max(EstimateRow.version_no).label("version_no"))
        .group_by(EstimateRow.case_id)
        .subquery()
    )
    return (
        select(*columns)
        .select_from(CaseRow)
        .join(latest, latest.c.case_id == CaseRow.id)
        .join(
            EstimateRow,
            (EstimateRow.case_id == CaseRow.id) & (EstimateRow.version_no == latest.c.version_no),
        )
    )

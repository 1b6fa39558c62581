"""What reference data a database holds (models, parts, the labor standard): the first-run
setup shows it, and offers the sample workbooks when there is none."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from estimator.persistence.uow import UnitOfWork
from estimator.services.demo import sample_file

#: The sample workbooks a new user may load to try the workstation (resources/sample_data).
SAMPLE_CATALOG = "demo_catalog.xlsx"
SAMPLE_LABOR = "demo_labor.xlsx"


@dataclass(frozen=True)
class DataSummary:
    """How much of the catalog is there, and which labor standard prices the lines."""

    models: int
    parts: int
    #: The workbook the newest labor standard was imported from (None: none imported yet).
    labor_source: str | None = None
    labor_imported_at: dt.datetime | None = None

    @property
    def catalog_empty(self) -> bool:
        """Whether no part can be found yet."""
        return self.parts == 0


def data_summary(engine: Engine) -> DataSummary:
    """The counts of models and parts and the newest labor standard's workbook."""
    with UnitOfWork(engine) as uow:
        models, parts = uow.catalog.counts()
        labor = uow.reference.newest_labor_import()
    if labor is None:
        return DataSummary(models, parts)
    source, imported_at = labor
    return DataSummary(models, parts, Path(source).name, imported_at)


def sample_workbooks() -> dict[str, Path]:
    """The sample catalog and labor standard, by import kind (as ImportWorker names them)."""
    return {"catalog": sample_file(SAMPLE_CATALOG), "labor": sample_file(SAMPLE_LABOR)}

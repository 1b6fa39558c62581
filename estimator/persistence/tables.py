"""Every table of the application, gathered on one metadata for Alembic."""

from __future__ import annotations

import estimator.persistence.rows  # noqa: F401 - registers the user-data tables
import labor_standards.rows  # noqa: F401 - registers the labor standard tables
import parts_catalog.rows  # noqa: F401 - registers the catalog tables
from estimator.persistence import (
    case_settlement,  # noqa: F401 - the cases' settlement data
    flood_guides,  # noqa: F401 - the imported flooded-vehicle guides
    pending,  # noqa: F401 - pending reasons and reviews, the imported calendar
    settings,  # noqa: F401 - the settings table
    signer_certificates,  # noqa: F401 - the signers' table
    submission_reasons,  # noqa: F401 - the assessors' reasons at submission
    sync_rows,  # noqa: F401 - check-outs, devices, batches, a laptop's sync state
)
from kernel.orm import Base

metadata = Base.metadata

"""The depreciation table in force (issue #20): imported by a maintainer or administrator,
refused whole on a bad file, audited, and read by the payout; the shipped one otherwise."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence.uow import UnitOfWork
from estimator.services import settlement
from tests.conftest import write_workbook
from tests.estimator.documents.test_depreciation_workbook import full_rows
from tests.services.conftest import make_team
from tests.services.test_settlement import imported, priced_at

HEADER = ["use_class", "vehicle_kind", "monthly_rate"]


def test_an_imported_table_is_the_one_in_force(priced_db: Engine, tmp_path: Path) -> None:
    """Every rate 0.90 % a month: 65 months depreciate 58.5 %, the actual value is 180,000.00
    × 0.415 = 74,700.00 (109,800.00 with the shipped 0.60 %). Repair and rescue 110,000 are a
    total loss settled at 74,700 − 3,000 = 71,700.00; (71,700 − 2,000) × 0.70 = 48,790.00, less
    the deductible 500.00: 48,290.00."""
    team = make_team(priced_db, zhou={Role.MAINTAINER})
    created = imported(priced_db, priced_at("100000.00", "10000.00"))
    before = settlement.payout_for(priced_db, created.estimate_id)  # type: ignore[arg-type]
    assert before.objects[0].actual_value == Decimal("109800.00")
    path = write_workbook(tmp_path / "rates.xlsx", {"rates": [HEADER, *full_rows()]})
    result = settlement.import_depreciation(priced_db, path, team["zhou"])
    assert result.stored and len(result.rates) == 15
    after = settlement.payout_for(priced_db, created.estimate_id)  # type: ignore[arg-type]
    (insured,) = after.objects
    assert insured.actual_value == Decimal("74700.00") and insured.total_loss
    assert (insured.loss, insured.commercial_paid, insured.payable) == (
        Decimal("71700.00"),
        Decimal("48790.00"),
        Decimal("48290.00"),
    )
    with UnitOfWork(priced_db) as uow:
        (entry,) = uow.audit.entries({"depreciation": ["rates"]})
        who, action, detail = entry.actor, entry.action, json.loads(entry.detail)
    assert (who, action) == ("zhou", "depreciation_import")
    assert detail["sha256"] == result.sha256 and detail["file"] == "rates.xlsx"
    assert detail["before"]["private_passenger_9"] == "0.006"
    assert detail["rates"]["private_passenger_9"] == "0.009"


def test_a_bad_table_changes_nothing_and_an_assessor_may_not_import(
    priced_db: Engine, tmp_path: Path
) -> None:
    team = make_team(priced_db, zhou={Role.MAINTAINER}, wang={Role.ASSESSOR})
    rows = full_rows()[1:]  # one class without a rate
    path = write_workbook(tmp_path / "rates.xlsx", {"rates": [HEADER, *rows]})
    result = settlement.import_depreciation(priced_db, path, team["zhou"])
    assert not result.stored
    assert [p.code for p in result.problems] == ["depreciation.missing_rate"]
    with UnitOfWork(priced_db) as uow:
        table = settlement.depreciation_table_in(uow)
        assert uow.audit.entries({"depreciation": ["rates"]}) == []
    assert table == settlement.shipped_table()
    with pytest.raises(DomainError) as refused:
        settlement.import_depreciation(priced_db, path, team["wang"])
    assert refused.value.code == "role_required"

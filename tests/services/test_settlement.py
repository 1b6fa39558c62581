"""The case's settlement data stored by ``estimate import`` and the payout estimate read from
it (issue #20): on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select

from estimator.persistence.rows import CaseRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from tests.services.documents import document

SETTLEMENT: dict[str, Any] = {
    "loss_on": "2026-11-20",
    "policy": {"third_party_limit": "1000000.00", "deductible": "500.00"},
    "liability": "main",
    "other_party": {"compulsory": True, "liability": "minor"},
    "flood": {"water_level": 3, "immersion": "H3", "engine_restarted": True},
    "total_loss_salvage": "3000.00",
}
VEHICLE = {
    "new_price": "180000.00",
    "registered_on": "2021-06-15",
    "use_class": "private_passenger_9",
}


def settlement_document(**changes: Any) -> dict[str, Any]:
    """The test document with the settlement fields (and ``changes`` over them)."""
    doc = document(**{**SETTLEMENT, **changes})
    doc["vehicle"] = {**doc["vehicle"], **VEHICLE}
    return doc


def imported(engine: Engine, doc: dict[str, Any]) -> estimate_store.ImportedEstimate:
    created = estimate_store.import_estimate(
        engine, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert created.problems == [] and created.case_id is not None
    return created


def test_import_stores_the_settlement_data_with_the_case(priced_db: Engine) -> None:
    """Guards issue #20 (Contract): what the document gives is kept with the case, read back
    as it was given; a case imported without it has none."""
    with_data = imported(priced_db, settlement_document())
    without = imported(priced_db, document())
    with UnitOfWork(priced_db) as uow:
        stored = uow.settlement.get(with_data.case_id)  # type: ignore[arg-type]
        nothing = uow.settlement.get(without.case_id)  # type: ignore[arg-type]
    assert stored.new_price == Decimal("180000.00")
    assert stored.use_class is not None and stored.use_class.key == "private_passenger_9"
    assert (stored.registered_on.isoformat(), stored.loss_on.isoformat()) == (  # type: ignore[union-attr]
        "2021-06-15",
        "2026-11-20",
    )
    assert stored.third_party_limit == Decimal("1000000.00")
    assert stored.deductible == Decimal("500.00")
    assert stored.vehicle_damage_sum_insured is None
    assert (stored.liability, stored.other_party_liability) == ("main", "minor")
    assert stored.other_party_compulsory is True
    assert stored.total_loss_salvage == Decimal("3000.00")
    assert (stored.water_level, stored.immersion, stored.engine_restarted) == (3, "H3", True)
    assert nothing.empty


def test_a_bad_settlement_value_stores_nothing(priced_db: Engine) -> None:
    """Every bad value is named by its path, and no case is made."""
    doc = settlement_document(liability="most", flood={"water_level": 0})
    created = estimate_store.import_estimate(
        priced_db, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert created.case_id is None
    assert sorted(str(p.path) for p in created.problems) == ["flood.water_level", "liability"]
    with UnitOfWork(priced_db) as uow:
        assert uow.session.scalar(select(func.count()).select_from(CaseRow)) == 0

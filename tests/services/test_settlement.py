"""The case's settlement data stored by ``estimate import`` and the payout estimate read from
it (issue #20): on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from estimator.domain.settlement import LossState
from estimator.domain.workflow import Role
from estimator.persistence.rows import CaseRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, review_queue, settlement, workflow
from estimator.services.review import review_estimate
from estimator.services.submission import key_of, open_warnings
from tests.services.conftest import make_team
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


# Hand figures: new price 180,000.00, registered 2021-06-15, lost 2026-11-20: 65 whole months
# at 0.60 % a month (private passenger car of 9 seats or fewer) depreciate 39 %, so the actual
# value is 180,000.00 × 0.61 = 109,800.00.
VALUE = Decimal("109800.00")


def priced_at(repair: str, rescue: str, **changes: Any) -> dict[str, Any]:
    """A document whose repair cost is one sublet line and rescue cost one towing line."""
    lines = [
        {"kind": "sublet", "description": "钣金喷漆外包", "amount": repair},
        {"kind": "towing", "description": "拖车", "amount": rescue},
    ]
    return settlement_document(lines=lines, salvage="0.00", **changes)


def test_payout_of_a_repair_in_a_two_vehicle_case(priced_db: Engine) -> None:
    """Guards settlement.md's payout steps on a repair: loss 8,500.00 (8,000 repair + 500
    rescue); the other vehicle (minor liability, so with liability) pays 2,000.00 from its
    compulsory cover; main liability 70 %: (8,500 − 2,000) × 0.70 = 4,550.00, under the cap of
    the actual value; less the deductible 500.00: 4,050.00, provisional (a draft)."""
    created = imported(priced_db, priced_at("8000.00", "500.00"))
    payout = settlement.payout_for(priced_db, created.estimate_id)  # type: ignore[arg-type]
    assert payout.to_json() == {
        "objects": [
            {
                "kind": "insured_vehicle",
                "index": 0,
                "loss": "8500.00",
                "actual_value": "109800.00",
                "total_loss": False,
                "compulsory_paid": "2000.00",
                "liability_share": "0.70",
                "commercial_paid": "4550.00",
                "deductible": "500.00",
                "payable": "4050.00",
                "provisional": True,
            }
        ],
        "payable": "4050.00",
        "provisional": True,
    }
    state = settlement.total_loss_state_for(priced_db, created.estimate_id)  # type: ignore[arg-type]
    assert state is not None and state.state is LossState.REPAIR
    assert state.actual_value == VALUE


def test_a_total_loss_is_paid_on_the_actual_value_less_salvage(priced_db: Engine) -> None:
    """Repair 100,000 + rescue 10,000 = 110,000 reaches the actual value 109,800.00: a total
    loss, settled at 109,800.00 − the entered salvage 3,000.00 = 106,800.00; (106,800 − 2,000)
    × 0.70 = 73,360.00, less 500.00: 72,860.00."""
    created = imported(priced_db, priced_at("100000.00", "10000.00"))
    payout = settlement.payout_for(priced_db, created.estimate_id)  # type: ignore[arg-type]
    (insured,) = payout.objects
    assert insured.total_loss
    assert (insured.loss, insured.commercial_paid, insured.payable) == (
        Decimal("106800.00"),
        Decimal("73360.00"),
        Decimal("72860.00"),
    )
    state = settlement.total_loss_state_for(priced_db, created.estimate_id)  # type: ignore[arg-type]
    assert state is not None and state.state is LossState.TOTAL_LOSS
    assert state.settlement == Decimal("106800.00")


def test_without_a_new_price_there_is_no_actual_value(priced_db: Engine) -> None:
    """No value: no total-loss test, nothing caps the vehicle damage but a sum insured; no
    other party and no liability stated: full liability, no compulsory from anyone."""
    doc = document(
        lines=[{"kind": "sublet", "description": "外包", "amount": "3000.00"}], salvage="0.00"
    )
    created = imported(priced_db, doc)
    payout = settlement.payout_for(priced_db, created.estimate_id)  # type: ignore[arg-type]
    (insured,) = payout.objects
    assert insured.actual_value is None and not insured.total_loss
    assert (insured.compulsory_paid, insured.liability_share, insured.payable) == (
        Decimal("0.00"),
        Decimal("1.00"),
        Decimal("3000.00"),
    )
    assert settlement.total_loss_state_for(priced_db, created.estimate_id) is None  # type: ignore[arg-type]


def test_an_approved_version_is_final_with_the_reviewers_amounts(priced_db: Engine) -> None:
    """Once approved the payout is final and reads the reviewer's amount: the repair cut from
    8,000 to 7,000 gives loss 7,500.00, (7,500 − 2,000) × 0.70 = 3,850.00, less 500: 3,350.00."""
    team = make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER}, zhao={Role.REVIEWER})
    created = imported(priced_db, priced_at("8000.00", "500.00"))
    estimate_id = str(created.estimate_id)
    reasons = {
        key_of(f): "客户确认外包价格"
        for f in open_warnings(review_estimate(priced_db, estimate_id))
    }
    workflow.submit(priced_db, estimate_id, team["wang"], reasons=reasons)
    review_queue.adjust_line(
        priced_db, estimate_id, 0, Decimal("7000.00"), "外包报价偏高", team["li"]
    )
    workflow.approve(priced_db, estimate_id, team["zhao"], "核损确认")
    payout = settlement.payout_for(priced_db, estimate_id)
    assert not payout.provisional
    assert (payout.objects[0].loss, payout.payable) == (Decimal("7500.00"), Decimal("3350.00"))


def test_an_unknown_version_is_not_found(priced_db: Engine) -> None:
    with pytest.raises(estimate_store.NotFound):
        settlement.payout_for(priced_db, "00000000-0000-4000-8000-000000000000")


def test_review_flags_a_total_loss_priced_as_a_repair(priced_db: Engine) -> None:
    """R16 reads the case's actual value (109,800.00): 110,000 of repair and rescue is a total
    loss priced as a repair; 90,000 + 500 (82.42 %) is near one; 8,500 says nothing."""
    findings = {
        repair: [
            f.code
            for f in review_estimate(
                priced_db, str(imported(priced_db, priced_at(repair, "500.00")).estimate_id)
            )
            if f.rule == "R16"
        ]
        for repair in ("109500.00", "90000.00", "8000.00")
    }
    assert findings == {
        "109500.00": ["review.r16_total_loss"],
        "90000.00": ["review.r16_near"],
        "8000.00": [],
    }


def test_deleting_a_case_deletes_its_settlement_data(priced_db: Engine) -> None:
    """Retention's deletion of a case takes its settlement row too (the foreign key would
    refuse the case's deletion otherwise)."""
    created = imported(priced_db, settlement_document())
    with UnitOfWork(priced_db, write=True) as uow:
        uow.retention.delete_case(created.case_id)  # type: ignore[arg-type]
        uow.commit()
    with UnitOfWork(priced_db) as uow:
        assert uow.settlement.get(created.case_id).empty  # type: ignore[arg-type]
        assert uow.session.scalar(select(func.count()).select_from(CaseRow)) == 0

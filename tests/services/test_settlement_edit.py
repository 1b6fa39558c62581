"""The case's settlement data changed after import (``set_case_settlement``, issue #20): checked
as the import checks it, audited with before and after, only by the case's assessors, and
fixed once a version of the case is approved; a refusal writes nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, select

from estimator.domain.depreciation import parse_class
from estimator.domain.errors import DomainError
from estimator.domain.settlement_inputs import CaseSettlement
from estimator.domain.workflow import Role
from estimator.persistence.rows import AuditRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import settlement, workflow
from estimator.services.review import review_estimate
from estimator.services.submission import key_of, open_warnings
from tests.services.conftest import make_team
from tests.services.test_settlement import imported, priced_at

ENTERED = CaseSettlement(
    new_price=Decimal("180000.00"),
    registered_on=dt.date(2021, 6, 15),
    use_class=parse_class("private_passenger_9"),
    loss_on=dt.date(2026, 11, 20),
    deductible=Decimal("500.00"),
    liability="主责",
    other_party_compulsory=True,
    other_party_liability="次责",
)


def _entries(engine: Engine, action: str) -> list[dict[str, Any]]:
    with UnitOfWork(engine) as uow:
        rows = uow.session.scalars(select(AuditRow).where(AuditRow.action == action)).all()
        return [
            json.loads(row.detail) if isinstance(row.detail, str) else row.detail for row in rows
        ]


def test_the_data_is_stored_by_name_audited_and_the_payout_follows(priced_db: Engine) -> None:
    """主责 / 次责 are stored as main / minor; the audit keeps before (the import's) and after;
    the payout then reads the new deductible: loss 8,500.00, the other party's compulsory
    2,000.00, (8,500 − 2,000) × 0.70 = 4,550.00, less 500.00 = 4,050.00."""
    team = make_team(priced_db, wang={Role.ASSESSOR})
    created = imported(priced_db, priced_at("8000.00", "500.00", policy={"deductible": "0.00"}))
    assert created.case_id is not None and created.estimate_id is not None
    assert settlement.payout_for(priced_db, created.estimate_id).payable == Decimal("4550.00")
    stored = settlement.set_case_settlement(priced_db, created.case_id, ENTERED, team["wang"])
    assert (stored.liability, stored.other_party_liability) == ("main", "minor")
    assert settlement.case_settlement(priced_db, created.case_id) == stored
    assert settlement.payout_for(priced_db, created.estimate_id).payable == Decimal("4050.00")
    (entry,) = _entries(priced_db, "edit_settlement")
    assert entry["before"]["policy"] == {"deductible": "0.00"}
    assert entry["after"]["policy"] == {"deductible": "500.00"}
    assert entry["after"]["vehicle"]["use_class"] == "private_passenger_9"
    # Saving the same again writes no second entry.
    settlement.set_case_settlement(priced_db, created.case_id, ENTERED, team["wang"])
    assert len(_entries(priced_db, "edit_settlement")) == 1


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        ({"registered_on": dt.date(2026, 12, 1)}, "loss_on", "settlement.loss_before_registration"),
        ({"new_price": Decimal("-1.00")}, "vehicle.new_price", "below_minimum"),
        ({"liability": "most"}, "liability", "settlement.bad_liability"),
        ({"total_loss_salvage": Decimal("200000.00")}, "total_loss_salvage", None),
    ],
)
def test_a_bad_value_is_refused_with_its_path_and_nothing_stored(
    priced_db: Engine, change: dict[str, object], path: str, code: str | None
) -> None:
    team = make_team(priced_db, wang={Role.ASSESSOR})
    created = imported(priced_db, priced_at("8000.00", "500.00"))
    assert created.case_id is not None
    before = settlement.case_settlement(priced_db, created.case_id)
    bad = dataclasses.replace(ENTERED, **change)  # type: ignore[arg-type]
    with pytest.raises(settlement.SettlementInvalid) as refused:
        settlement.set_case_settlement(priced_db, created.case_id, bad, team["wang"])
    assert [p.path for p in refused.value.problems] == [path]
    if code is not None:
        assert refused.value.problems[0].code == code
    assert settlement.case_settlement(priced_db, created.case_id) == before
    assert _entries(priced_db, "edit_settlement") == []


def test_only_the_cases_assessor_and_not_once_approved(priced_db: Engine) -> None:
    """Another assessor and a reviewer are refused; after the approval the case's assessor is
    too (the approval disclosed the payout made with the data); each refusal is audited."""
    team = make_team(priced_db, wang={Role.ASSESSOR}, chen={Role.ASSESSOR}, li={Role.REVIEWER})
    created = imported(priced_db, priced_at("8000.00", "500.00"))
    case_id, estimate_id = created.case_id, str(created.estimate_id)
    assert case_id is not None
    before = settlement.case_settlement(priced_db, case_id)
    for name in ("chen", "li"):
        with pytest.raises(DomainError) as refused:
            settlement.set_case_settlement(priced_db, case_id, ENTERED, team[name])
        assert refused.value.code == "not_case_assessor"
        assert settlement.settlement_refusal(priced_db, case_id, team[name]) is not None
    assert settlement.settlement_refusal(priced_db, case_id, team["wang"]) is None
    reasons = {
        key_of(f): "客户确认外包价格"
        for f in open_warnings(review_estimate(priced_db, estimate_id))
    }
    workflow.submit(priced_db, estimate_id, team["wang"], reasons=reasons)
    workflow.approve(priced_db, estimate_id, team["li"], "核损确认")
    with pytest.raises(DomainError) as locked:
        settlement.set_case_settlement(priced_db, case_id, ENTERED, team["wang"])
    assert locked.value.code == "settlement.locked"
    assert "核准" in locked.value.message_zh
    assert settlement.case_settlement(priced_db, case_id) == before
    assert [e["code"] for e in _entries(priced_db, "refused_edit_settlement")] == [
        "not_case_assessor",
        "not_case_assessor",
        "settlement.locked",
    ]

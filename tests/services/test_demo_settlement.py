"""The demo's settlement data (issue #20 item 5): the base cases with a vehicle value and a
policy show a payout on opening, with figures worked out by hand here."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list, settlement
from estimator.services.case_list import CaseSummary
from tests.conftest import demo_copy


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Engine]:
    engine = create_database_engine(sqlite_url(demo_copy(demo_template, tmp_path / "d.sqlite3")))
    yield engine
    engine.dispose()


def _case(engine: Engine, claim_no: str) -> CaseSummary:
    (found,) = [c for c in case_list.list_cases(engine) if c.claim_no == claim_no]
    return found


def test_the_two_vehicle_collision_pays_70_percent_after_the_other_cars_compulsory(
    demo: Engine,
) -> None:
    case = _case(demo, "RDAA2026330100000123")
    data = settlement.case_settlement(demo, case.case_id)
    assert (data.liability, data.other_party_liability) == ("main", "minor")
    assert data.other_party_compulsory is True
    (insured,) = settlement.payout_for(demo, case.estimate_id).objects
    # By hand: 179,800.00 new, registered 2021-06-15, lost 2026-11-18: 65 whole months at
    # 0.60 % leave 61 %: 109,678.00. The other car (minor liability) pays 2,000.00 from its
    # compulsory cover; (6,660.03 − 2,000.00) × 70 % = 3,262.021 → 3,262.02; no deductible.
    assert insured.actual_value == Decimal("109678.00")
    assert insured.loss == case.total == Decimal("6660.03")
    assert insured.compulsory_paid == Decimal("2000.00")
    assert insured.liability_share == Decimal("0.70")
    assert insured.cap == Decimal("120000.00")
    assert insured.payable == Decimal("3262.02") and insured.provisional


def test_the_approved_single_vehicle_case_takes_its_deductible_off(demo: Engine) -> None:
    case = _case(demo, "RDAA2026330100000125")
    (insured,) = settlement.payout_for(demo, case.estimate_id).objects
    # Full liability, no other vehicle: 4,021.03 − the 500.00 deductible; final (approved).
    assert insured.compulsory_paid == Decimal("0.00") and insured.liability_share == 1
    assert insured.deductible == Decimal("500.00")
    assert insured.payable == Decimal("3521.03") and not insured.provisional


def test_the_drafts_left_for_hand_entry_have_no_settlement_data(demo: Engine) -> None:
    for claim_no in ("RDAA2026330100000124", "RDAA2026330100000127"):
        assert settlement.case_settlement(demo, _case(demo, claim_no).case_id).empty

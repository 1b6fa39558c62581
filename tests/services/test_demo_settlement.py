"""The demo's settlement data (issue #20 item 5): the base cases with a vehicle value and a
policy show a payout on opening; the near-total-loss older car, the flooded car and the
guard-rail collision are in the base demo, with figures worked out by hand here."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.domain.depreciation import PriceSource
from estimator.domain.estimate import LineKind
from estimator.domain.flood_vehicle import GUIDE_REASON, FloodAction
from estimator.domain.settlement import LossState
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import (
    case_list,
    estimate_store,
    flood_vehicle,
    loss_objects,
    review,
    settlement,
)
from estimator.services.case_list import CaseSummary
from estimator.services.demo import build_demo_database
from estimator.services.demo_settled import (
    FLOOD_CLAIM,
    FLOOD_TICKED,
    GUARD_RAIL_CLAIM,
    OLD_CAR_CLAIM,
)
from kernel.money import round_fen
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
    insured, other = settlement.payout_for(demo, case.estimate_id).objects
    # The case enters no new price: its model's in the demo catalog is the value's.
    view = settlement.settlement_view(demo, case.estimate_id)
    assert data.new_price is None and view.catalog_price == Decimal("179800.00")
    assert view.value is not None and view.value.price_source is PriceSource.CATALOG
    # By hand: 179,800.00 new, registered 2021-06-15, lost 2026-11-18: 65 whole months at
    # 0.60 % leave 61 %: 109,678.00. The other car (minor liability) pays 2,000.00 from its
    # compulsory cover; (6,660.03 − 2,000.00) × 70 % = 3,262.021 → 3,262.02; no deductible.
    assert insured.actual_value == Decimal("109678.00")
    assert insured.loss == _insured_total(demo, case) == Decimal("6660.03")
    assert insured.compulsory_paid == Decimal("2000.00")
    assert insured.liability_share == Decimal("0.70")
    assert insured.cap == Decimal("120000.00")
    assert insured.payable == Decimal("3262.02") and insured.provisional
    # The other car is the case's second loss object (三者车, a draft of 2,066.28): this
    # policy's compulsory cover pays it 2,000.00, then (2,066.28 − 2,000.00) × 70 % = 46.40.
    assert (other.kind, other.loss, other.compulsory_paid) == (
        ObjectKind.THIRD_PARTY_VEHICLE,
        Decimal("2066.28"),
        Decimal("2000.00"),
    )
    assert other.payable == Decimal("46.40") and other.actual_value is None
    assert case.total == Decimal("8726.31")  # the case total: both objects


def _insured_total(engine: Engine, case: CaseSummary) -> Decimal:
    """The insured vehicle's version's total (the case list's total sums every object)."""
    return estimate_store.load_estimate(engine, case.estimate_id).totals["total"]


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


def test_the_older_car_is_near_total_loss_and_r16_warns(demo: Engine) -> None:
    case = _case(demo, OLD_CAR_CLAIM)
    assert case.status is EstimateStatus.DRAFT
    (insured,) = settlement.payout_for(demo, case.estimate_id).objects
    # By hand: 89,800.00 new, a ride-hailing car (1.10 % a month) registered 2020-12-10 and
    # lost 2026-11-18: 71 whole months, 78.10 %, leave 21.90 %: 19,666.20 (the floor is
    # 17,960.00). Repair and rescue 18,083.03 are 91.95 % of it: past the 80 % warning line.
    assert insured.actual_value == Decimal("19666.20") > Decimal("89800.00") * Decimal("0.20")
    assert insured.loss == case.total == Decimal("18083.03")
    assessment = insured.assessment
    assert assessment is not None
    assert assessment.state is LossState.NEAR_TOTAL_LOSS
    assert assessment.ratio == Decimal("0.9195")
    (r16,) = [f for f in review.review_estimate(demo, case.estimate_id) if f.rule == "R16"]
    assert r16.code == "review.r16_near"
    assert r16.params["cost"] == "18,083.03" and r16.params["value"] == "19,666.20"


def test_the_flooded_car_has_its_checklist_and_the_ticked_guide_lines(demo: Engine) -> None:
    case = _case(demo, FLOOD_CLAIM)
    checklist = flood_vehicle.guide_for(demo, case.case_id)
    assert (checklist.water_level, checklist.immersion, checklist.engine_restarted) == (
        3,
        "H3",
        False,
    )
    assert checklist.ratio is not None
    assert {i.code for i in checklist.items} >= set(FLOOD_TICKED)
    stored = estimate_store.load_estimate(demo, case.estimate_id)
    by_code = {i.code: i for i in checklist.items}
    worked = [by_code[c] for c in FLOOD_TICKED if by_code[c].action is not FloodAction.INSPECT]
    guided = [line for line in stored.estimate.lines if line.override_reason == GUIDE_REASON]
    # Every ticked item but the inspections became one line, in the order ticked.
    assert [line.description for line in guided] == [i.name_zh for i in worked]
    assert [line.hours for line in guided if line.kind is LineKind.LABOR] == [
        i.hours for i in worked if i.action is not FloodAction.REPLACE
    ]
    (motor,) = [line for line in guided if line.kind is LineKind.PART]
    assert motor.unit_price == Decimal("850.00")
    # R17 checks the total against the guide's 8–18 % of the actual value (80,342.80: 49
    # months at 0.60 % leave 70.6 % of 113,800.00): 2,210.50 is below 6,427.42.
    (r17,) = [f for f in review.review_estimate(demo, case.estimate_id) if f.rule == "R17"]
    assert r17.code == "review.r17_below"
    assert (r17.params["value"], r17.params["low"]) == ("80,342.80", "6,427.42")


def test_the_guard_rail_collision_pays_its_share_less_the_deductible(demo: Engine) -> None:
    case = _case(demo, GUARD_RAIL_CLAIM)
    data = settlement.case_settlement(demo, case.case_id)
    assert data.third_party_limit == Decimal("1000000.00")
    insured, car, rail = settlement.payout_for(demo, case.estimate_id).objects
    # (loss − the other car's 2,000.00 compulsory) × 70 %, to the fen, less 300.00.
    liable = round_fen((_insured_total(demo, case) - Decimal("2000.00")) * Decimal("0.70"))
    assert insured.compulsory_paid == Decimal("2000.00")
    assert insured.commercial_paid == liable
    assert insured.payable == liable - Decimal("300.00")
    # The three-object case: the other car (2,066.28, a draft) and the rail (approved:
    # 3 × 420 + 2 × 180 + 4 × 35 + 6 × 80 = 2,240.00) share this policy's 2,000.00 of
    # compulsory cover in proportion: 959.659… and 1,040.339…, rounded down, the two fens
    # left to the larger remainders: 959.66 and 1,040.34; then 70 % of the rest each.
    assert (car.kind, car.loss, car.compulsory_paid) == (
        ObjectKind.THIRD_PARTY_VEHICLE,
        Decimal("2066.28"),
        Decimal("959.66"),
    )
    assert (rail.kind, rail.loss, rail.compulsory_paid) == (
        ObjectKind.THIRD_PARTY_PROPERTY,
        Decimal("2240.00"),
        Decimal("1040.34"),
    )
    assert (car.payable, rail.payable) == (Decimal("774.63"), Decimal("839.76"))
    assert car.provisional and not rail.provisional
    objects = loss_objects.case_objects(demo, case.case_id)
    assert [(o.object.title("zh"), o.status) for o in objects] == [
        ("标的车 浙K6H093", "draft"),
        ("三者车1 浙K8C316", "draft"),
        ("三者物损1 丽水市公路管理局", "approved"),
    ]


def test_the_demo_builds_the_same_cases_every_time(tmp_path: Path, demo: Engine) -> None:
    again = create_database_engine(sqlite_url(build_demo_database(tmp_path / "again.sqlite3")))
    try:

        def cases(engine: Engine) -> list[tuple[object, ...]]:
            return sorted(
                (
                    c.claim_no,
                    c.status,
                    c.total,
                    settlement.case_settlement(engine, c.case_id),
                    [
                        (line.kind, line.part_no, line.hours, line.description)
                        for line in estimate_store.load_estimate(
                            engine, c.estimate_id
                        ).estimate.lines
                    ],
                )
                for c in case_list.list_cases(engine)
            )

        assert cases(again) == cases(demo)
    finally:
        again.dispose()

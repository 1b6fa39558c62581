"""The flooded-vehicle checklist of a case and ticked items turned into estimate lines
(settlement.md, Flooded vehicles): on SQLite and PostgreSQL, against the small test catalog
(the Camry, class-1 shop in ZJ: 70.00 an hour for mechanical work)."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.estimate import LineKind
from estimator.domain.flood_vehicle import (
    GUIDE_REASON,
    FloodAction,
    FloodGuide,
    GuideEntry,
    GuideItem,
    LossRatio,
    Span,
)
from estimator.domain.workflow import Role
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from estimator.services.flood_vehicle import add_flood_items, guide_for, shipped_guide
from estimator.services.review import review_estimate
from labor_standards.model import Operation
from tests.services.conftest import make_team
from tests.services.documents import document
from tests.services.test_settlement import imported, priced_at, settlement_document

ALL = (Span(1, 6), Span(1, 6))
ITEMS = (
    GuideItem("BRAKE_INSPECT", "检查制动系统", "Inspect the brakes", FloodAction.INSPECT),
    GuideItem(
        "SEAT_CLEAN",
        "清洗座椅",
        "Clean the seats",
        FloodAction.CLEAN,
        "SEAT",
        Operation.MECH,
        D("2.0"),
    ),
    GuideItem(
        "HEADLAMP", "更换左前大灯", "", FloodAction.REPLACE, "HEADLAMP_L", unit_price=D("3000")
    ),
    GuideItem(
        "MIRROR",
        "更换右后视镜",
        "",
        FloodAction.REPLACE,
        part_no="87910-06A10",
        unit_price=D("900"),
    ),
    GuideItem(
        "LAVIDA_BUMPER",
        "更换前保险杠",
        "",
        FloodAction.REPLACE,
        part_no="5G0 807 221 A",
        unit_price=D("1500.00"),
    ),
    GuideItem(
        "SEAT_MOTOR", "更换座椅电机", "", FloodAction.REPLACE, "SEAT_MOTOR", unit_price=D("850")
    ),
)
GUIDE = FloodGuide(
    tuple(GuideEntry(*ALL, item) for item in ITEMS),
    {(3, "H3"): LossRatio(D("0.08"), D("0.18"))},
)


def test_the_checklist_is_the_guides_items_for_the_cases_level_and_grade(
    priced_db: Engine,
) -> None:
    """Guards settlement.md: level 3 / H3 of the shipped demo guide (8 %–18 %), and the
    engine-restarted flag; a case without a flood record has no checklist."""
    flooded = imported(priced_db, settlement_document())
    dry = imported(priced_db, document())
    checklist = guide_for(priced_db, flooded.case_id)  # type: ignore[arg-type]
    assert (checklist.water_level, checklist.immersion, checklist.engine_restarted) == (
        3,
        "H3",
        True,
    )
    assert checklist.items == shipped_guide().items_for(3, "H3")
    codes = {item.code for item in checklist.items}
    assert {"SEAT_CLEAN", "SEAT_DRY", "CARPET_CLEAN", "SEAT_MOTOR_REPLACE"} <= codes
    assert "ECU_AIRBAG_REPLACE" not in codes  # from H4 on
    assert "CLUSTER_REPLACE" not in codes  # from level 5 on
    assert checklist.ratio == LossRatio(D("0.08"), D("0.18"))
    nothing = guide_for(priced_db, dry.case_id)  # type: ignore[arg-type]
    assert not nothing.known and nothing.items == () and nothing.ratio is None


def test_ticked_items_become_labor_catalog_and_hand_lines(priced_db: Engine) -> None:
    """Cleaning: 2.0 h (the guide's, with its reason) × 70.00 = 140.00; the headlamp: the
    Camry's only HEADLAMP_L part at its catalog price 4,200.00; the mirror by number 980.50;
    a Lavida bumper does not fit the Camry and the seat motor is not in the catalog: hand
    lines at the guide's prices; the inspect item adds no line."""
    team = make_team(priced_db, wang={Role.ASSESSOR})
    created = imported(priced_db, priced_at("1000.00", "0.00"))
    codes = ["seat_clean", "HEADLAMP", "MIRROR", "LAVIDA_BUMPER", "SEAT_MOTOR", "BRAKE_INSPECT"]
    result = add_flood_items(priced_db, created.estimate_id, codes, team["wang"], GUIDE)  # type: ignore[arg-type]
    assert [i.code for i in result.inspect_only] == ["BRAKE_INSPECT"]
    stored = estimate_store.load_estimate(priced_db, created.estimate_id)  # type: ignore[arg-type]
    lines = stored.estimate.lines
    assert len(lines) == 2 + 5 and len(set(stored.line_keys)) == 7
    labor, headlamp, mirror, bumper, motor = lines[2:]
    priced = result.priced.lines[2:7]
    assert (labor.kind, labor.hours, labor.override_reason) == (
        LineKind.LABOR,
        D("2.0"),
        GUIDE_REASON,
    )
    assert priced[0].amount == D("140.00") and priced[0].rate == D("70")
    assert priced[0].description == "清洗座椅 机修"  # the standard does not name SEAT
    assert (headlamp.part_no, headlamp.unit_price, priced[1].amount) == (
        "8113006B30",
        None,
        D("4200.00"),
    )
    assert (mirror.part_no, priced[2].amount) == ("8791006A10", D("980.50"))
    for hand, price in ((bumper, D("1500.00")), (motor, D("850.00"))):
        assert (hand.kind, hand.part_no, hand.unit_price) == (LineKind.PART, "", price)
        assert hand.override_reason == GUIDE_REASON
    assert [p.amount for p in priced[3:]] == [D("1500.00"), D("850.00")]
    assert [p.description for p in priced[3:]] == ["更换前保险杠", "更换座椅电机"]
    with UnitOfWork(priced_db) as uow:
        actions = [e.action for e in uow.audit.entries({"estimate": [str(stored.id)]})]
    assert "edit" in actions


def test_an_unknown_item_adds_nothing(priced_db: Engine) -> None:
    team = make_team(priced_db, wang={Role.ASSESSOR})
    created = imported(priced_db, priced_at("1000.00", "0.00"))
    with pytest.raises(DomainError) as refused:
        add_flood_items(priced_db, created.estimate_id, ["SEAT_CLEAN", "ROOF"], team["wang"], GUIDE)  # type: ignore[arg-type]
    assert refused.value.code == "flood_vehicle.unknown_items"
    assert refused.value.message_zh == "指南中本案 3 级、H3 没有这些项目：ROOF"
    stored = estimate_store.load_estimate(priced_db, created.estimate_id)  # type: ignore[arg-type]
    assert len(stored.estimate.lines) == 2


def test_a_case_without_a_flood_record_has_nothing_to_tick(priced_db: Engine) -> None:
    team = make_team(priced_db, wang={Role.ASSESSOR})
    created = imported(priced_db, document())
    with pytest.raises(DomainError) as refused:
        add_flood_items(priced_db, created.estimate_id, ["SEAT_CLEAN"], team["wang"], GUIDE)  # type: ignore[arg-type]
    assert refused.value.code == "flood_vehicle.no_flood_data"


def test_review_compares_the_total_with_the_guides_range(priced_db: Engine) -> None:
    """R17 on the shipped guide's 8 %–18 % at level 3 / H3 of the actual value 109,800.00:
    8,784.00 to 19,764.00. 8,000 + 500 is below; 10,000 + 500 inside; 20,000 + 0 above."""
    found = {
        repair: [
            f.code
            for f in review_estimate(
                priced_db, str(imported(priced_db, priced_at(repair, rescue)).estimate_id)
            )
            if f.rule == "R17"
        ]
        for repair, rescue in (("8000.00", "500.00"), ("10000.00", "500.00"), ("20000.00", "0.00"))
    }
    assert found == {
        "8000.00": ["review.r17_below"],
        "10000.00": [],
        "20000.00": ["review.r17_above"],
    }
    no_flood = imported(priced_db, priced_at("8000.00", "500.00", flood={}))
    assert [
        f for f in review_estimate(priced_db, str(no_flood.estimate_id)) if f.rule == "R17"
    ] == []


def test_the_shipped_guide_has_a_range_for_every_level_and_grade() -> None:
    guide = shipped_guide()
    assert len(guide.ratios) == 36
    assert all(r.low <= r.high for r in guide.ratios.values())

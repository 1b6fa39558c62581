"""The demo's settlement cases (issue #20 item 5), drafts of the base demo beside its five:
a near-total-loss older car (repair about 92 % of its actual value, so review rule R16 warns
接近推定全损), a flooded car at water level 3 / immersion H3 whose lines are ticked from the
flooded-vehicle guide (so R17 has the guide's loss-ratio range to check), and a two-vehicle
collision that also damaged a guard rail.

The collision is the demo's three-object case: the insured 卡罗拉, the other car (三者车, a
帝豪, a draft) and the guard rail (三者物损, its rail sections, posts and labour as free
lines, approved). The base demo's two-vehicle collision (0123) gets its other car too: the
two-object case.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.services.estimate_store import import_estimate
from estimator.services.flood_vehicle import add_flood_items
from estimator.services.loss_objects import import_into_case
from estimator.services.users import User
from estimator.services.workflow import approve, record_event, submit
from parts_catalog.sample import DEMO_VINS

#: The claim numbers of the settlement cases, in the base demo's series.
OLD_CAR_CLAIM = "RDAA2026330100000128"
FLOOD_CLAIM = "RDAA2026330100000129"
GUARD_RAIL_CLAIM = "RDAA2026330100000130"
#: The guide items ticked on the flooded car (water level 3, H3): the inspections and the
#: cleaning, drying and replacement the assessor found needed.
FLOOD_TICKED = (
    "BRAKE_INSPECT",
    "FLOOR_HARNESS_INSPECT",
    "BRAKE_CLEAN",
    "CARPET_CLEAN",
    "CARPET_DRY",
    "SEAT_CLEAN",
    "SEAT_DRY",
    "DOOR_TRIM_CLEAN",
    "ECU_AIRBAG_DRY",
    "SEAT_MOTOR_REPLACE",
)

_SHOP = {"name": "丽水某汽修", "class": "class2", "partner": False}


def _parts(*part_nos: str) -> list[dict[str, str]]:
    return [{"kind": "part", "part_no": p, "qty": "1"} for p in part_nos]


def _work(kind: str, *components: str) -> list[dict[str, str]]:
    if kind == "paint":
        return [{"kind": "paint", "component_code": c} for c in components]
    return [{"kind": "labor", "component_code": c, "operation": "replace"} for c in components]


def _document(claim_no: str, model: str, plate: str, lines: list[Any], **extra: Any) -> str:
    document: dict[str, Any] = {
        "format": "estimate/1",
        "claim_no": claim_no,
        "priced_on": "2026-11-20",
        "region": "ZJ",
        "shop": _SHOP,
        "vehicle": {"vin": DEMO_VINS[model], "model_code": model, "plate": plate},
        "price_type": "oem_market",
        "parts_management_fee_rate": "0.05",
        "needs_teardown": False,
        "lines": lines,
    }
    vehicle = extra.pop("vehicle", {})
    document |= extra
    document["vehicle"] = {**document["vehicle"], "paint_type": "solid", **vehicle}
    return json.dumps(document, ensure_ascii=False)


def _old_car() -> str:
    """A ride-hailing 帝豪 (1.10 % a month) bought at 89,800.00 on 2020-12-10 and hit head-on
    on 2026-11-18: 71 whole months leave 21.9 %, 19,666.20, near the 20 % floor; the front
    end, both headlamps, the windshield and the driver's airbag come to 18,083.03, 92 %."""
    lines = [
        *_parts(
            "9236759L12",  # 前保险杠皮
            "6195336V22",  # 前保险杠骨架
            "1127969G70",  # 前防撞梁总成
            "8985892F75",  # 发动机盖
            "5944319H38",  # 左前叶子板
            "5445412A64",  # 右前叶子板
            "6530787X54",  # 左前大灯总成
            "9127439K32",  # 右前大灯总成
            "4603273Y61",  # 中网总成
            "1473991V13",  # 散热器总成
            "2375817H44",  # 冷凝器总成
            "3076611Z65",  # 前挡风玻璃
            "2916180S18",  # 主驾驶气囊总成
            "8505807Y27",  # 气囊电脑
        ),
        *_work(
            "labor",
            "FBUMPER",
            "FBUMPER_BEAM",
            "HOOD",
            "FENDER_L",
            "FENDER_R",
            "HEADLAMP_L",
            "HEADLAMP_R",
            "GRILLE",
            "RADIATOR",
            "CONDENSER",
            "WINDSHIELD",
            "AIRBAG_DRIVER",
            "ECU_AIRBAG",
        ),
        *_work("paint", "FBUMPER", "HOOD", "FENDER_L", "FENDER_R"),
        {"kind": "sublet", "description": "四轮定位", "amount": "200"},
        {"kind": "towing", "description": "拖车", "amount": "600"},
    ]
    return _document(
        OLD_CAR_CLAIM,
        "GL-EMGRAND-20",
        "浙K3D518",
        lines,
        salvage="150.00",
        vehicle={
            "new_price": "89800.00",
            "registered_on": "2020-12-10",
            "use_class": "rental_taxi_passenger_9",
        },
        loss_on="2026-11-18",
        policy={
            "vehicle_damage_sum_insured": "19666.20",
            "third_party_limit": "1000000.00",
            "deductible": "0.00",
        },
        liability="full",
    )


def _flood_car() -> str:
    """A private 轩逸 bought at 113,800.00 on 2022-07-20, standing in water to the seat
    cushions (level 3) for 4–12 hours (H3) in the typhoon of 2026-09-14; its engine was not
    restarted. The guide's lines are ticked after import; the towing is the document's."""
    return _document(
        FLOOD_CLAIM,
        "NS-SYLPHY-20",
        "浙K7S260",
        [{"kind": "towing", "description": "拖车 (积水路段)", "amount": "400"}],
        vehicle={
            "new_price": "113800.00",
            "registered_on": "2022-07-20",
            "use_class": "private_passenger_9",
        },
        loss_on="2026-09-14",
        policy={"vehicle_damage_sum_insured": "80342.80", "third_party_limit": "1000000.00"},
        liability="full",
        flood={"water_level": 3, "immersion": "H3", "engine_restarted": False},
    )


def _guard_rail() -> str:
    """A 卡罗拉 that hit another car (main liability, 70 %; the other car minor, with its
    compulsory cover) and then the guard rail (both third-party objects, added after)."""
    lines = [
        *_parts(
            "140681G577",  # 前保险杠皮
            "653936U542",  # 前防撞梁总成
            "832870C156",  # 左前叶子板
            "605783Y901",  # 左前大灯总成
        ),
        *_work("labor", "FBUMPER", "FBUMPER_BEAM", "FENDER_L", "HEADLAMP_L"),
        *_work("paint", "FBUMPER", "FENDER_L"),
        {"kind": "towing", "description": "拖车", "amount": "300"},
    ]
    return _document(
        GUARD_RAIL_CLAIM,
        "TY-COROLLA-19",
        "浙K6H093",
        lines,
        salvage="80.00",
        vehicle={
            "new_price": "119800.00",
            "registered_on": "2023-04-08",
            "use_class": "private_passenger_9",
        },
        loss_on="2026-11-19",
        policy={
            "vehicle_damage_sum_insured": "95000.00",
            "third_party_limit": "1000000.00",
            "deductible": "300.00",
        },
        liability="main",
        other_party={"compulsory": True, "liability": "minor"},
    )


def _other_car(claim_no: str, plate: str) -> str:
    """The other car of a two-vehicle collision (三者车): a 帝豪 hit at the front left, at
    its own class-2 shop."""
    lines = [
        *_parts("9236759L12", "5944319H38"),  # 前保险杠皮, 左前叶子板
        *_work("labor", "FBUMPER", "FENDER_L"),
        *_work("paint", "FBUMPER", "FENDER_L"),
    ]
    return _document(
        claim_no,
        "GL-EMGRAND-20",
        plate,
        lines,
        object={"kind": "third_party_vehicle", "index": 0},
        shop={"name": "丽水某快修", "class": "class2", "partner": False},
    )


def _rail() -> str:
    """The guard rail (三者物损) of the highway authority: three 4 m corrugated rail
    sections, two posts and the fitting, as free lines (quantity × unit price)."""
    lines = [
        {
            "kind": "material",
            "description": "波形梁护栏板 (4 m)",
            "qty": "3",
            "unit_price": "420.00",
        },
        {"kind": "material", "description": "护栏立柱", "qty": "2", "unit_price": "180.00"},
        {"kind": "material", "description": "防阻块及螺栓", "qty": "4", "unit_price": "35.00"},
        {
            "kind": "material",
            "description": "拆除及安装人工 (工时)",
            "qty": "6",
            "unit_price": "80.00",
        },
    ]
    document = {
        "format": "estimate/1",
        "claim_no": GUARD_RAIL_CLAIM,
        "priced_on": "2026-11-20",
        "region": "ZJ",
        "shop": {"name": "丽水市公路养护中心", "class": "class2"},
        "price_type": "oem_market",
        "object": {
            "kind": "third_party_property",
            "index": 0,
            "owner": "丽水市公路管理局",
            "description": "G25 高速 K1203 波形梁护栏",
        },
        "lines": lines,
    }
    return json.dumps(document, ensure_ascii=False)


def load_settlement_cases(
    engine: Engine, users: dict[str, User], now: dt.datetime, *, two_vehicle_case: Any = None
) -> None:
    """Import the three settlement cases as wang's drafts, surveyed hours before ``now``, and
    tick the flood guide's items on the flooded car; the guard-rail collision gets its other
    car and the rail (approved), and ``two_vehicle_case`` (the base demo's 0123) its other
    car."""
    for document, hours_ago in ((_old_car(), 2), (_flood_car(), 4), (_guard_rail(), 6)):
        created = import_estimate(engine, document, actor="wang")
        assert created.case_id is not None, created.problems
        assert created.estimate_id is not None
        record_event(
            engine, created.case_id, EventKind.SURVEY, "wang", now - dt.timedelta(hours=hours_ago)
        )
        if FLOOD_CLAIM in document:
            add_flood_items(engine, created.estimate_id, FLOOD_TICKED, users["wang"])
        if GUARD_RAIL_CLAIM in document:
            _third_parties(engine, users, created.case_id)
    if two_vehicle_case is not None:
        other = _other_car("RDAA2026330100000123", "浙K2P657")
        added = import_into_case(engine, other, two_vehicle_case, actor="wang")
        assert added.estimate_id is not None, added.problems


def _third_parties(engine: Engine, users: dict[str, User], case_id: Any) -> None:
    """The guard-rail collision's other car (a draft) and the rail, submitted and approved."""
    car = import_into_case(engine, _other_car(GUARD_RAIL_CLAIM, "浙K8C316"), case_id, actor="wang")
    assert car.estimate_id is not None, car.problems
    rail = import_into_case(engine, _rail(), case_id, actor="wang")
    assert rail.estimate_id is not None, rail.problems
    submit(engine, rail.estimate_id, users["wang"])
    approve(engine, rail.estimate_id, users["li"], "已与路政核对护栏规格及单价")

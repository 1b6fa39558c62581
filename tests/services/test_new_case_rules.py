"""What a new case's header must hold, for every caller of create_case: a claim number, a
plate or a VIN, and a vehicle model of the catalog (given, or found by the VIN); and what
the header is chosen from (the catalog's models, the priced regions)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.services import case_list, estimate_store
from estimator.services.case_choices import priced_regions, vehicle_models
from estimator.services.case_details import case_details
from estimator.services.users import User
from labor_standards.model import ShopClass
from tests.services.conftest import make_team

CLAIM = "RDAA2026330100000088"
#: A VIN under the test catalog's prefix LVGBE40K (TY-CAMRY-18), its check digit right.
CAMRY_VIN = "LVGBE40K8LG000100"


@pytest.fixture
def wang(priced_db: Engine) -> User:
    return make_team(priced_db, wang={Role.ASSESSOR})["wang"]


def _create(engine: Engine, actor: User, **fields: Any) -> estimate_store.ImportedEstimate:
    header: dict[str, Any] = {
        "claim_no": CLAIM,
        "region": "ZJ",
        "shop_class": ShopClass.CLASS1,
        "plate": "浙A12345",
        "model_code": "TY-CAMRY-18",
    }
    return case_list.create_case(engine, **{**header, **fields}, actor=actor)


@pytest.mark.parametrize(
    ("fields", "refusals"),
    [
        ({"claim_no": "  "}, [("claim_no_required", "claim_no")]),
        ({"plate": "", "vin": ""}, [("plate_or_vin_required", "plate")]),
        ({"model_code": ""}, [("model_required", "model_code")]),
        (
            {"claim_no": "", "plate": "", "model_code": ""},
            [
                ("claim_no_required", "claim_no"),
                ("plate_or_vin_required", "plate"),
                ("model_required", "model_code"),
            ],
        ),
        ({"model_code": "TY-NOPE-99"}, [("unknown_vehicle_model", "vehicle.model_code")]),
        # A VIN whose prefix the catalog does not know names no model.
        (
            {"plate": "", "vin": "LFV3A23C0L3000001", "model_code": ""},
            [("model_required", "model_code")],
        ),
    ],
)
def test_a_header_without_what_a_case_needs_is_refused_and_nothing_is_stored(
    priced_db: Engine, wang: User, fields: dict[str, Any], refusals: list[tuple[str, str]]
) -> None:
    before = len(case_list.list_cases(priced_db))
    refused = _create(priced_db, wang, **fields)
    assert refused.case_id is None and refused.estimate_id is None
    assert [(p.code, p.path) for p in refused.problems] == refusals
    assert len(case_list.list_cases(priced_db)) == before


def test_a_vin_alone_names_the_vehicle_and_its_model(priced_db: Engine, wang: User) -> None:
    created = _create(priced_db, wang, plate="", vin=CAMRY_VIN, model_code="")
    assert created.case_id is not None, created.problems
    details = case_details(priced_db, created.case_id)
    assert (details.values["vin"], details.values["model_code"]) == (CAMRY_VIN, "TY-CAMRY-18")
    assert details.vehicle_class == "C"


def test_a_plate_without_a_vin_is_enough(priced_db: Engine, wang: User) -> None:
    created = _create(priced_db, wang, vin="", model_code="VW-LAVIDA-19")
    assert created.case_id is not None, created.problems
    assert case_details(priced_db, created.case_id).values["model_code"] == "VW-LAVIDA-19"


def test_the_header_is_chosen_from_the_catalogs_models_and_the_priced_regions(
    priced_db: Engine,
) -> None:
    models = vehicle_models(priced_db)
    assert [m.model_code for m in models] == ["TY-CAMRY-18", "VW-LAVIDA-19"]
    camry = models[0]
    assert camry.name == "丰田 凯美瑞 2.0G" and camry.label == "TY-CAMRY-18 — 丰田 凯美瑞 2.0G"
    assert camry.initials.startswith("ftkmr")
    # By code, by Chinese name, by pinyin initials; not by what it does not hold.
    assert [m.model_code for m in models if m.matches("kmr")] == ["TY-CAMRY-18"]
    assert [m.model_code for m in models if m.matches("朗逸")] == ["VW-LAVIDA-19"]
    assert [m.model_code for m in models if m.matches("lavida")] == ["VW-LAVIDA-19"]
    assert not any(m.matches("benz") for m in models)
    # The test standard has labor rates for Zhejiang and Shanghai only.
    assert priced_regions(priced_db) == ["SH", "ZJ"]


def test_without_a_labor_standard_every_province_is_offered(engine: Engine) -> None:
    regions = priced_regions(engine)
    assert len(regions) == 34 and regions[:2] == ["BJ", "TJ"] and "ZJ" in regions

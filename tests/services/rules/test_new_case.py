"""A new case's header and the VIN lookup, decided on a fake unit of work: what the header
must hold, and which model a VIN's registered prefix names. Creating the case (nothing stored
when refused), the catalog's import and the vehicle's resolution stay in
test_new_case_rules.py and test_catalog.py (real databases)."""

from __future__ import annotations

import pytest

from estimator.services.case_choices import check_new_case
from estimator.services.catalog import model_by_vin
from tests.services.fakes import FakeUnitOfWork, FakeVinModel

CAMRY_VIN = "LVGBE40K8LG000100"  # under LVGBE40K, its check digit right


def _uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    uow.catalog.models = [
        FakeVinModel("LVGBE40K", "TY-CAMRY-18", "丰田", "凯美瑞", "C"),
        FakeVinModel("LVGBE4", "A", "甲", "短前缀车型", "B"),
    ]
    return uow


@pytest.mark.parametrize(
    ("fields", "refusals"),
    [
        ({}, []),
        ({"claim_no": "  "}, [("claim_no_required", "claim_no")]),
        ({"plate": "", "vin": ""}, [("plate_or_vin_required", "plate")]),
        ({"plate": "", "vin": CAMRY_VIN}, []),  # a VIN alone names the vehicle
        ({"model_code": ""}, [("model_required", "model_code")]),
        ({"model_code": "", "vin": CAMRY_VIN}, []),  # the model found by the VIN's prefix
        ({"model_code": "", "vin": "LFV3A23C0L3000001"}, [("model_required", "model_code")]),
        (
            {"claim_no": "", "plate": "", "model_code": ""},
            [
                ("claim_no_required", "claim_no"),
                ("plate_or_vin_required", "plate"),
                ("model_required", "model_code"),
            ],
        ),
    ],
)
def test_a_header_needs_a_claim_number_a_plate_or_vin_and_a_model(
    fields: dict[str, str], refusals: list[tuple[str, str]]
) -> None:
    header = {"claim_no": "RDAA2026", "plate": "浙A12345", "vin": "", "model_code": "TY-CAMRY-18"}
    problems = check_new_case(_uow(), **{**header, **fields})
    assert [(p.code, p.path) for p in problems] == refusals


def test_the_refusals_say_what_is_missing_in_both_languages() -> None:
    problems = check_new_case(_uow(), claim_no="", plate="", vin="", model_code="")
    zh = [p.reason("zh") for p in problems]
    en = [p.reason("en") for p in problems]
    assert "报案号" in zh[0] and "claim number" in en[0]
    assert "车牌" in zh[1] and "plate or a VIN" in en[1]
    assert "车型" in zh[2] and "vehicle model" in en[2]


def test_the_longest_registered_prefix_names_the_model() -> None:
    uow = _uow()
    found = model_by_vin(uow, CAMRY_VIN)
    assert (found.model_code, found.model_name, found.vehicle_class, found.matched_prefix) == (
        "TY-CAMRY-18",
        "丰田 凯美瑞",
        "C",
        "LVGBE40K",
    )
    assert found.check.check_digit_ok
    assert model_by_vin(uow, "LVGBE41K2KG000001").model_code == "A"  # only the short one fits
    wrong_digit = model_by_vin(uow, "LVGBE40K1KG000001")
    assert wrong_digit.model_code == "TY-CAMRY-18" and not wrong_digit.check.check_digit_ok
    assert model_by_vin(uow, "WDD2050421R000001").model_code is None

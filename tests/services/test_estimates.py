from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from estimator.services.estimates import price_document
from estimator.services.labor import NoLaborStandard, current_standard, import_labor_standard
from labor_standards.model import Operation, ShopClass
from tests.actors import MAINTAINER
from tests.services.documents import document

TODAY = dt.date(2026, 11, 24)


def price(engine: Engine, doc: dict[str, Any] | str):  # type: ignore[no-untyped-def]
    text = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False)
    return price_document(engine, text, today=TODAY)


def test_labor_standard_import_is_versioned_and_loads_back(
    priced_db: Engine, tmp_path: Path
) -> None:
    standard = current_standard(priced_db)
    assert standard.version_id == 1
    found = standard.labor_time("FBUMPER", Operation.REPLACE, "C")
    assert found is not None and found.value.hours == Decimal("2.0")
    rate = standard.labor_rate("ZJ", ShopClass.FOUR_S, Operation.MECH.labor_type)
    assert rate is not None and rate.value == Decimal("90")
    again = import_labor_standard(priced_db, tmp_path / "l.xlsx", actor=MAINTAINER)
    assert again.status == "already_imported"


def test_no_standard_before_the_first_import(engine: Engine) -> None:
    with pytest.raises(NoLaborStandard):
        current_standard(engine)


def test_the_documented_example_prices_to_the_fen(priced_db: Engine) -> None:
    result = price(priced_db, document())
    assert result.problems == []
    out = result.document
    assert out is not None
    # parts 1880 + 2100 (brand) + 800; fee 5 % of 4780 = 239; labor 2.0×60 + 0 (fog lamp in bumper)
    # + 3.5×80; paint 1.5×400; material 25; sublet 200; towing 300; salvage 90.
    assert out["totals"] == {
        "parts": "4780.00",
        "management_fee": "239.00",
        "labor": "400.00",
        "paint": "600.00",
        "material": "25.00",
        "sublet": "200.00",
        "towing": "300.00",
        "salvage": "90.00",
        "total": "6454.00",
    }
    assert out["total_in_words"] == "陆仟肆佰伍拾肆元整"
    assert out["tier"] == "standard"
    fog = out["lines"][4]
    assert fog["amount"] == "0.00" and fog["included_by"] == 3 and "line 4" in fog["notes"][0]
    fender = out["lines"][5]
    assert (
        fender["looked_up"] == {"hours": "3.00", "rate": "80.00"} and fender["amount"] == "280.00"
    )
    bumper = out["lines"][0]
    assert bumper["looked_up"]["unit_price"] == "1880.00"
    assert bumper["sources"] == ["配件目录 v1 521190K280 ZJ oem_4s 2026-11-01"]
    assert out["salvage_suggestion"] == "94.00"


def test_a_priced_document_prices_again_to_the_same_totals(priced_db: Engine) -> None:
    first = price(priced_db, document())
    second = price(priced_db, first.document)
    assert second.problems == [] and second.document is not None
    assert second.document["totals"] == first.document["totals"]


def test_vin_gives_the_vehicle_class_when_no_model_code(priced_db: Engine) -> None:
    vehicle = {"vin": "LVGBE40K8KG000001", "paint_type": "metallic"}
    result = price(priced_db, document(vehicle=vehicle))
    assert result.problems == [] and result.document is not None
    assert result.document["lines"][3]["looked_up"]["hours"] == "2.00"  # class C row


def test_unknown_model_code_is_rejected(priced_db: Engine) -> None:
    result = price(priced_db, document(vehicle={"model_code": "NOPE"}))
    assert [(p.path, p.code) for p in result.problems] == [
        ("vehicle.model_code", "unknown_vehicle_model")
    ]


@pytest.mark.parametrize(
    ("change", "path", "code"),
    [
        ({"format": "estimate/2"}, "format", "wrong_format"),
        (
            {"lines": [{"kind": "part", "part_no": "NOPE", "qty": "1"}]},
            "lines[0].part_no",
            "no_part",
        ),
        (
            {"lines": [{"kind": "part", "part_no": "52119-0K280", "qty": "-1"}]},
            "lines[0].qty",
            "below_minimum",
        ),
        (
            {"lines": [{"kind": "part", "part_no": "52119-0K280", "qty": "0"}]},
            "lines[0].qty",
            "not_positive",
        ),
        (
            {
                "lines": [
                    {"kind": "material", "description": "漆", "qty": "1", "unit_price": "1.23456"}
                ]
            },
            "lines[0].unit_price",
            "too_many_places",
        ),
        (
            {
                "lines": [
                    {
                        "kind": "labor",
                        "component_code": "FBUMPER",
                        "operation": "ri",
                        "hours": "1.234",
                        "override_reason": "x",
                    }
                ]
            },
            "lines[0].hours",
            "too_many_places",
        ),
        ({"salvage": 12.5}, "salvage", "json_float"),
        (
            {"lines": [{"kind": "sublet", "description": "外修", "amount": 200.0}]},
            "lines[0].amount",
            "json_float",
        ),
        (
            {"lines": [{"kind": "part", "part_no": "52119-0K280", "unit_price": "1700"}]},
            "lines[0].unit_price",
            "override_without_reason",
        ),
        (
            {"lines": [{"kind": "part", "part_no": "52119-0K280", "qyt": "1"}]},
            "lines[0].qyt",
            "unknown_field",
        ),
        ({"lines": [{"kind": "repair"}]}, "lines[0].kind", "unknown_choice"),
        ({"shop": {"class": "class9"}}, "shop.class", "unknown_choice"),
        ({"lines": "none"}, "lines", "not_a_list"),
        ({"needs_teardown": "yes"}, "needs_teardown", "not_boolean"),
        ({"priced_on": "2026-13-01"}, "priced_on", "not_a_date"),
        ({"parts_management_fee_rate": "1.5"}, "parts_management_fee_rate", "above_maximum"),
    ],
)
def test_invalid_documents_are_rejected_with_the_json_path(
    priced_db: Engine, change: dict[str, Any], path: str, code: str
) -> None:
    result = price(priced_db, document(**change))
    assert result.document is None
    assert (path, code) in [(p.path, p.code) for p in result.problems]


def test_broken_json_names_line_and_column(priced_db: Engine) -> None:
    result = price(priced_db, '{"format": "estimate/1",\n "lines": [}')
    (problem,) = result.problems
    assert problem.code == "json_syntax" and problem.path == "line 2, column 12"


def test_missing_rate_is_named(priced_db: Engine) -> None:
    doc = document(
        region="SH",
        shop={"class": "class3"},
        lines=[
            {
                "kind": "labor",
                "component_code": "HOOD",
                "operation": "repair_medium",
                "hours": "1",
                "override_reason": "no standard row",
            }
        ],
    )
    (problem,) = price(priced_db, doc).problems
    assert (
        problem.describe("en")
        == "lines[0].rate: no rate for region SH, shop class class3, labor type sheet_metal"
    )


def test_default_price_type_follows_the_shop_class(priced_db: Engine) -> None:
    lines = [{"kind": "part", "part_no": "52119-0K280"}]
    market = price(priced_db, {**document(lines=lines), "price_type": None})
    assert market.document is not None
    assert market.document["lines"][0]["looked_up"]["price_type"] == "oem_market"
    four_s = price(priced_db, {**document(lines=lines, shop={"class": "4s"}), "price_type": None})
    assert four_s.document is not None
    assert four_s.document["lines"][0]["looked_up"]["price_type"] == "oem_4s"

"""The ``estimate/1`` writer beside its parser: what it writes reads back as the same estimate."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from estimator.domain.estimate import Estimate, EstimateLine, LineKind
from estimator.domain.estimate_json import FORMAT, document_of, line_document, parse_estimate
from estimator.domain.loss_objects import INSURED, ObjectRef, object_from_document
from estimator.domain.settlement_payout import ObjectKind
from labor_standards.model import Operation, PaintType, ShopClass
from parts_catalog.model import PriceType

ESTIMATE = Estimate(
    priced_on=dt.date(2026, 3, 2),
    region="ZJ",
    shop_class=ShopClass.CLASS1,
    vehicle_class="",
    paint_type=PaintType.METALLIC,
    price_type=PriceType.BRAND,
    lines=(
        EstimateLine(
            LineKind.PART,
            part_no="521190K902",
            qty=Decimal("2"),
            price_type=PriceType.OEM_4S,
            unit_price=Decimal("1280.5"),
            override_reason="4S 店报价",
        ),
        EstimateLine(
            LineKind.LABOR, component_code="FB", operation=Operation.REPLACE, hours=Decimal("1.5")
        ),
        EstimateLine(LineKind.PAINT, component_code="FB", panels=Decimal("1.25")),
        EstimateLine(
            LineKind.MATERIAL, description="密封胶", qty=Decimal("3"), unit_price=Decimal("12")
        ),
        EstimateLine(LineKind.TOWING, description="拖车 12 公里", amount=Decimal("300.00")),
    ),
    parts_management_fee_rate=Decimal("0.05"),
    salvage=Decimal("80.00"),
    needs_teardown=True,
    claim_no="PDAA2026330100000123",
    shop_name="杭州顺达汽修",
    partner=True,
    vin="LVGBE40K8GG123456",
    model_code="TOY-CAM-18",
    plate="浙A12345",
)


def test_an_estimate_written_as_estimate_1_reads_back_the_same() -> None:
    text = json.dumps(document_of(ESTIMATE), ensure_ascii=False)
    read, problems = parse_estimate(text, today=dt.date(2026, 5, 1))
    assert problems == []
    assert read == ESTIMATE


def test_a_line_names_only_the_fields_it_has_with_decimals_as_text() -> None:
    assert line_document(ESTIMATE.lines[1]) == {
        "kind": "labor",
        "component_code": "FB",
        "operation": "replace",
        "hours": "1.5",
    }
    assert line_document(ESTIMATE.lines[0])["unit_price"] == "1280.5"
    assert line_document(ESTIMATE.lines[0])["qty"] == "2"


def test_no_salvage_leaves_the_field_out() -> None:
    document = document_of(
        Estimate(
            priced_on=dt.date(2026, 3, 2),
            region="ZJ",
            shop_class=ShopClass.FOUR_S,
            vehicle_class="",
            paint_type=PaintType.SOLID,
            price_type=PriceType.OEM_4S,
        )
    )
    assert document["format"] == FORMAT
    assert "salvage" not in document
    assert document["lines"] == []


def test_the_object_a_document_names_is_read_and_written_back() -> None:
    """settlement.md, Contract: ``"object": {"kind", "index"}`` (a property item with its
    owner and description); absent, the insured vehicle; a bad one by its path."""
    assert object_from_document({"format": "estimate/1"}) == (INSURED, [])
    rail = {"kind": "third_party_property", "index": 1, "owner": "路政", "description": "护栏"}
    ref, problems = object_from_document({"object": rail})
    assert problems == [] and ref == ObjectRef(ObjectKind.THIRD_PARTY_PROPERTY, 1, "路政", "护栏")
    written = document_of(ESTIMATE, ref)
    assert written["object"] == rail and object_from_document(written) == (ref, [])
    assert "object" not in document_of(ESTIMATE)
    for wrong, path in (
        ({"kind": "truck"}, "object.kind"),
        ({"kind": "third_party_vehicle", "index": -1}, "object.index"),
        ({"kind": "insured_vehicle", "index": 2}, "object.index"),
        ({"kind": "third_party_vehicle", "colour": "red"}, "object.colour"),
    ):
        assert [p.path for p in object_from_document({"object": wrong})[1]] == [path]

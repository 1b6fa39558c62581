"""The settlement fields of ``estimate/1`` (settlement.md, Contract): read as given, every bad
value named by its JSON path and reason, nothing given when the document has none."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from estimator.domain.depreciation import DepreciationClass, UseClass, VehicleKind
from estimator.domain.estimate_json import decode, estimate_from_document
from estimator.domain.settlement_inputs import CaseSettlement, settlement_from_document
from estimator.domain.settlement_payout import OtherParty
from tests.services.documents import document

FULL: dict[str, Any] = {
    "loss_on": "2026-11-20",
    "policy": {
        "vehicle_damage_sum_insured": "150000.00",
        "third_party_limit": "1000000.00",
        "deductible": "500.00",
    },
    "liability": "主责",
    "other_party": {"compulsory": True, "liability": "minor"},
    "flood": {"water_level": 3, "immersion": "h3", "engine_restarted": False},
    "total_loss_salvage": "3000.00",
}
VEHICLE = {
    "new_price": "180000.00",
    "registered_on": "2021-06-15",
    "use_class": "private_passenger_9",
}


def _full() -> dict[str, Any]:
    doc = document(**FULL)
    doc["vehicle"] = {**doc["vehicle"], **VEHICLE}
    return doc


def test_every_field_is_read_as_given() -> None:
    """Guards the Contract: each optional field lands in its place, names normalised."""
    found, problems = settlement_from_document(_full())
    assert problems == []
    assert found == CaseSettlement(
        new_price=Decimal("180000.00"),
        registered_on=dt.date(2021, 6, 15),
        use_class=DepreciationClass(UseClass.PRIVATE, VehicleKind.PASSENGER_9),
        loss_on=dt.date(2026, 11, 20),
        vehicle_damage_sum_insured=Decimal("150000.00"),
        third_party_limit=Decimal("1000000.00"),
        deductible=Decimal("500.00"),
        liability="main",
        other_party_compulsory=True,
        other_party_liability="minor",
        total_loss_salvage=Decimal("3000.00"),
        water_level=3,
        immersion="H3",
        engine_restarted=False,
    )
    assert found.liability_share == Decimal("0.70")
    assert found.other_party == OtherParty(compulsory=True, liability=Decimal("0.30"))
    assert found.value_known
    # The estimate itself still reads: the new fields are known to it.
    estimate, problems = estimate_from_document(_full(), today=dt.date(2026, 11, 20))
    assert problems == [] and estimate is not None


def test_a_document_without_them_gives_nothing() -> None:
    found, problems = settlement_from_document(document())
    assert problems == [] and found.empty
    assert found.other_party is None
    assert found.liability_share == Decimal("1.00")  # full, when not stated
    assert not found.value_known


def test_a_decimal_liability_is_kept_as_its_decimal() -> None:
    found, problems = settlement_from_document(
        document(liability="0.65", other_party={"liability": "0.35"})
    )
    assert problems == []
    assert (found.liability, found.other_party_liability) == ("0.65", "0.35")
    assert found.other_party_compulsory is True  # an other party has compulsory cover
    assert found.other_party == OtherParty(True, Decimal("0.35"))


def test_every_bad_value_is_named_by_its_path() -> None:
    """Guards the Contract's input checks: one problem per bad value, with its path and the
    registry's reason in both languages; nothing stops at the first."""
    doc = document(
        loss_on="2026-13-01",
        policy={"deductible": "-5", "third_party_limit": 1000000.5, "excess": "1"},
        liability="mostly",
        other_party={"compulsory": "yes"},
        flood={"water_level": 7, "immersion": "H9"},
        total_loss_salvage="abc",
    )
    doc["vehicle"] = {**doc["vehicle"], "new_price": "0", "use_class": "private_bus"}
    text = doc_text(doc)
    _, problems = settlement_from_document(decode(text)[0])
    by_path = {p.path: p for p in problems}
    assert set(by_path) == {
        "vehicle.new_price",
        "vehicle.use_class",
        "loss_on",
        "policy.deductible",
        "policy.third_party_limit",
        "policy.excess",
        "liability",
        "other_party.compulsory",
        "flood.water_level",
        "flood.immersion",
        "total_loss_salvage",
    }
    assert by_path["flood.water_level"].reason("zh") == "水淹高度应为 1 到 6 级的整数"
    assert by_path["flood.immersion"].reason("en") == "the immersion grade must be one of H1 to H6"
    assert "private_passenger_9" in by_path["vehicle.use_class"].reason("en")
    assert "主责" in by_path["liability"].reason("zh")
    assert by_path["policy.third_party_limit"].code == "json_float"
    assert by_path["vehicle.new_price"].code == "not_positive"


def test_a_registration_after_the_loss_is_refused() -> None:
    doc = document(loss_on="2020-01-01")
    doc["vehicle"] = {**doc["vehicle"], **VEHICLE}
    _, problems = settlement_from_document(doc)
    assert [p.path for p in problems] == ["loss_on"]
    assert "2021-06-15" in problems[0].reason("zh")


def doc_text(doc: dict[str, Any]) -> str:
    """The document as JSON text, a float kept as written (decode makes it a JsonFloat)."""
    return json.dumps(doc, ensure_ascii=False)


def test_the_object_is_checked_by_kind_and_index() -> None:
    """``object`` names any loss object (domain.loss_objects reads it); a bad index or kind
    is refused by its path."""
    for given in (
        {"kind": "insured_vehicle", "index": 0},
        {"kind": "insured_vehicle"},
        {"kind": "third_party_vehicle", "index": 1},
        {"kind": "third_party_property", "index": 0, "owner": "路政", "description": "护栏"},
    ):
        assert settlement_from_document(document(object=given))[1] == []
    bad = settlement_from_document(document(object={"kind": "truck", "index": -1}))
    assert sorted(str(p.path) for p in bad[1]) == ["object.index", "object.kind"]

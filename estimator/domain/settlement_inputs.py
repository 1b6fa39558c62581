"""The case's settlement data (settlement.md, Contract): the insured vehicle's new price, first
registration and depreciation class, the loss date, the policy, the liability both ways, the
whole-vehicle salvage and the flood record, as ``estimate/1`` gives them and as the case keeps
them. Pure: every bad value becomes a Problem naming its JSON path.

Every field is optional: a case without a new price has no actual value (the payout then has
no total-loss test and caps the vehicle damage at the sum insured only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from estimator.domain.depreciation import DepreciationClass, parse_class
from estimator.domain.errors import DomainError
from estimator.domain.estimate_json import JsonFloat, JsonReader
from estimator.domain.settlement_payout import (
    LIABILITY_ALIASES,
    LIABILITY_SHARES,
    ObjectKind,
    OtherParty,
    Policy,
    liability_share,
)
from kernel.money import MONEY_PLACES, ZERO_FEN
from kernel.problems import Problem, register_messages

#: Sums insured and limits above 100 million yuan are typing slips.
MAX_POLICY_AMOUNT = Decimal("100000000")
#: The flood record's water levels (settlement.md, Flooded vehicles).
WATER_LEVELS = range(1, 7)
IMMERSION_GRADES = ("H1", "H2", "H3", "H4", "H5", "H6")
SETTLEMENT_INPUT_MESSAGES: dict[str, tuple[str, str]] = {
    "settlement.no_table": (
        "产品附带的折旧率表无法读取，请重新安装本软件",
        "the depreciation table shipped with the product cannot be read: reinstall the program",
    ),
    "settlement.bad_water_level": (
        "水淹高度应为 1 到 6 级的整数",
        "the water level must be a whole number from 1 to 6",
    ),
    "settlement.bad_index": (
        "序号应为 0 或更大的整数",
        "the index must be a whole number, 0 or more",
    ),
    "settlement.bad_immersion": (
        "水淹时间应为 H1 到 H6 之一",
        "the immersion grade must be one of H1 to H6",
    ),
}
register_messages(SETTLEMENT_INPUT_MESSAGES)


@dataclass(frozen=True)
class CaseSettlement:
    """What the payout needs beyond the estimate, as stored on the case (None: not given)."""

    new_price: Decimal | None = None
    registered_on: dt.date | None = None
    use_class: DepreciationClass | None = None
    loss_on: dt.date | None = None
    vehicle_damage_sum_insured: Decimal | None = None
    third_party_limit: Decimal | None = None
    deductible: Decimal | None = None
    #: A liability name (``main``) or a decimal share as text (``0.65``).
    liability: str | None = None
    #: None: no other vehicle (not a two-vehicle case).
    other_party_compulsory: bool | None = None
    other_party_liability: str | None = None
    total_loss_salvage: Decimal | None = None
    water_level: int | None = None
    immersion: str | None = None
    engine_restarted: bool | None = None

    @property
    def empty(self) -> bool:
        """Whether the document gave none of the fields."""
        return self == CaseSettlement()

    @property
    def liability_share(self) -> Decimal:
        """The insured's liability share at the default named shares."""
        return self.liability_share_at(None)

    def liability_share_at(self, shares: Mapping[str, Decimal] | None) -> Decimal:
        """The insured's liability share, a name read in ``shares`` (the settings in force);
        full liability when not stated (the conservative estimate: the insurer pays the whole
        loss less compulsory and deductible)."""
        return liability_share(self.liability, shares) if self.liability else Decimal("1.00")

    @property
    def policy(self) -> Policy:
        """The policy as the payout reads it."""
        return Policy(
            vehicle_damage_sum_insured=self.vehicle_damage_sum_insured,
            third_party_limit=self.third_party_limit,
            deductible=self.deductible if self.deductible is not None else ZERO_FEN,
        )

    @property
    def other_party(self) -> OtherParty | None:
        """The other vehicle of a two-vehicle case at the default named shares."""
        return self.other_party_at(None)

    def other_party_at(self, shares: Mapping[str, Decimal] | None) -> OtherParty | None:
        """The other vehicle of a two-vehicle case (its liability name read in ``shares``),
        or None when there is none."""
        if self.other_party_compulsory is None and self.other_party_liability is None:
            return None
        other = self.other_party_liability
        return OtherParty(
            compulsory=self.other_party_compulsory is not False,
            liability=liability_share(other, shares) if other else None,
        )

    @property
    def value_known(self) -> bool:
        """Whether the actual value can be worked out (price, registration, class, loss date)."""
        needed = (self.new_price, self.registered_on, self.use_class, self.loss_on)
        return all(v is not None for v in needed)


def liability_text(value: str) -> str:
    """A liability as stored: its English name (主责 → ``main``) or the decimal it is."""
    text = value.strip().lower()
    name = LIABILITY_ALIASES.get(text, text)
    if name in LIABILITY_SHARES:
        return name
    return str(liability_share(value))


def settlement_from_document(document: object) -> tuple[CaseSettlement, list[Problem]]:
    """The settlement fields of a decoded ``estimate/1`` document; every bad one a Problem."""
    r = JsonReader()
    doc: dict[str, Any] = document if isinstance(document, dict) else {}
    vehicle = doc.get("vehicle", {})
    vehicle = vehicle if isinstance(vehicle, dict) else {}
    new_price = r.number(
        vehicle,
        "new_price",
        "vehicle.",
        places=MONEY_PLACES,
        positive=True,
        maximum=MAX_POLICY_AMOUNT,
    )
    registered_on = _date(r, vehicle, "registered_on", "vehicle.")
    use_class = _use_class(r, vehicle)
    loss_on = _date(r, doc, "loss_on", "")
    if registered_on and loss_on and registered_on > loss_on:
        r.fail(
            "loss_on",
            "settlement.loss_before_registration",
            loss_on.isoformat(),
            loss_on=loss_on.isoformat(),
            registered_on=registered_on.isoformat(),
        )
    policy = r.obj(doc.get("policy", {}), "policy")
    r.unknown(policy, {"vehicle_damage_sum_insured", "third_party_limit", "deductible"}, "policy.")
    amounts = {
        key: r.number(policy, key, "policy.", places=MONEY_PLACES, maximum=MAX_POLICY_AMOUNT)
        for key in ("vehicle_damage_sum_insured", "third_party_limit", "deductible")
    }
    other = r.obj(doc.get("other_party", {}), "other_party")
    r.unknown(other, {"compulsory", "liability"}, "other_party.")
    compulsory = r.flag(other, "compulsory", "other_party.") if "compulsory" in other else None
    if "other_party" in doc and compulsory is None:
        compulsory = True  # every vehicle on the road carries compulsory cover
    _object(r, doc)
    flood = r.obj(doc.get("flood", {}), "flood")
    r.unknown(flood, {"water_level", "immersion", "engine_restarted"}, "flood.")
    found = CaseSettlement(
        new_price=new_price,
        registered_on=registered_on,
        use_class=use_class,
        loss_on=loss_on,
        vehicle_damage_sum_insured=amounts["vehicle_damage_sum_insured"],
        third_party_limit=amounts["third_party_limit"],
        deductible=amounts["deductible"],
        liability=_liability(r, doc, "liability", ""),
        other_party_compulsory=compulsory,
        other_party_liability=_liability(r, other, "liability", "other_party."),
        total_loss_salvage=r.number(
            doc, "total_loss_salvage", "", places=MONEY_PLACES, maximum=MAX_POLICY_AMOUNT
        ),
        water_level=_water_level(r, flood),
        immersion=_immersion(r, flood),
        engine_restarted=(
            r.flag(flood, "engine_restarted", "flood.") if "engine_restarted" in flood else None
        ),
    )
    return found, r.problems


def _object(r: JsonReader, doc: dict[str, Any]) -> None:
    """``object``: which loss object the document estimates (domain.loss_objects reads it
    whole; here only its kind and index are checked, as the other settlement fields are)."""
    if "object" not in doc:
        return
    data = r.obj(doc["object"], "object")
    r.unknown(data, {"kind", "index", "owner", "description"}, "object.")
    r.choice(data, "kind", "object.", ObjectKind)
    index = data.get("index", 0)
    if isinstance(index, bool) or not isinstance(index, int) or index < 0:
        r.fail("object.index", "settlement.bad_index", index)


def _date(r: JsonReader, data: dict[str, Any], key: str, path: str) -> dt.date | None:
    text = r.text(data, key, path)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        r.fail(f"{path}{key}", "not_a_date", text)
        return None


def _use_class(r: JsonReader, vehicle: dict[str, Any]) -> DepreciationClass | None:
    text = r.text(vehicle, "use_class", "vehicle.")
    if not text:
        return None
    try:
        return parse_class(text)
    except DomainError as error:
        r.problems.append(
            Problem(error.code, path="vehicle.use_class", value=text, params=error.params)
        )
        return None


def _liability(r: JsonReader, data: dict[str, Any], key: str, path: str) -> str | None:
    text = r.text(data, key, path)
    if not text:
        return None
    try:
        return liability_text(text)
    except DomainError as error:
        r.problems.append(Problem(error.code, path=f"{path}{key}", value=text, params=error.params))
        return None


def _water_level(r: JsonReader, flood: dict[str, Any]) -> int | None:
    value = flood.get("water_level")
    if value is None:
        return None
    if isinstance(value, str) and not isinstance(value, JsonFloat) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or value not in WATER_LEVELS:
        r.fail("flood.water_level", "settlement.bad_water_level", value)
        return None
    return value


def _immersion(r: JsonReader, flood: dict[str, Any]) -> str | None:
    text = r.text(flood, "immersion", "flood.").upper()
    if not text:
        return None
    if text not in IMMERSION_GRADES:
        r.fail("flood.immersion", "settlement.bad_immersion", text)
        return None
    return text

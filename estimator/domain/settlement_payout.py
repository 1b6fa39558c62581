"""The payout estimate (赔款预估) of a case, per loss object and in total (settlement.md). Pure.

Per object, in this order, each step kept in the result:
1. loss: repair cost plus rescue cost (the estimate's total, salvage of parts already
   deducted), or, for a vehicle past the total-loss threshold, the total-loss settlement;
2. compulsory cover first (交强险): the insured vehicle's damage is paid by the other vehicle's
   compulsory cover (up to 2,000 yuan when that party bears any liability, 100 when none; only
   in a two-vehicle case); third parties are paid by this policy's compulsory cover up to its
   limit (2,000 / 100 by the insured's liability), shared between them in proportion to their
   losses when they exceed it;
3. the insured's liability share;
4. commercial cover: (loss − compulsory paid) × share, to the fen, capped: the insured vehicle
   at the vehicle-damage sum insured (the actual value when it is not stated), third parties
   together at the third-party limit (shared in proportion when they exceed it);
5. the absolute deductible, last, never below zero. It is the vehicle-damage cover's (the 2020
   clauses set an absolute deductible there only), so it applies to the insured vehicle.

``payable`` is what this insurer's commercial cover pays after the deductible;
``compulsory_paid`` is shown beside it and not included. A payout from a version that is not
approved yet is provisional.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from estimator.domain.depreciation import ActualValue
from estimator.domain.errors import DomainError
from estimator.domain.settlement import (
    TotalLossAssessment,
    TotalLossPolicy,
    assess_total_loss,
    check_share,
)
from estimator.domain.settlement_messages import versions_words, worded
from kernel.money import FEN, ZERO_FEN, format_money, round_fen

#: Named liability shares (事故责任比例): full, main, equal, minor, none.
LIABILITY_SHARES: dict[str, Decimal] = {
    "full": Decimal("1.00"),
    "main": Decimal("0.70"),
    "equal": Decimal("0.50"),
    "minor": Decimal("0.30"),
    "none": Decimal("0.00"),
}
#: The Chinese names accepted for them.
LIABILITY_ALIASES: dict[str, str] = {
    "全责": "full",
    "全部责任": "full",
    "主责": "main",
    "主要责任": "main",
    "同责": "equal",
    "同等责任": "equal",
    "次责": "minor",
    "次要责任": "minor",
    "无责": "none",
    "无责任": "none",
}


class ObjectKind(StrEnum):
    """The loss objects of a case (损失标的)."""

    INSURED_VEHICLE = "insured_vehicle"
    THIRD_PARTY_VEHICLE = "third_party_vehicle"
    THIRD_PARTY_PROPERTY = "third_party_property"

    @property
    def third_party(self) -> bool:
        """Whether the object belongs to a third party (paid by compulsory and 三者险)."""
        return self is not ObjectKind.INSURED_VEHICLE


def liability_share(value: str | Decimal, shares: Mapping[str, Decimal] | None = None) -> Decimal:
    """A liability share from its name (``main``, 主责: its share in ``shares``, the settings
    in force, else the default) or a decimal from 0 to 1 (``0.70``)."""
    if isinstance(value, Decimal):
        return check_share(worded("settlement.field.liability"), value)
    text = value.strip().lower()
    name = LIABILITY_ALIASES.get(text, text)
    if name in LIABILITY_SHARES:
        return (shares or LIABILITY_SHARES).get(name, LIABILITY_SHARES[name])
    try:
        share = Decimal(text)
    except ArithmeticError:
        raise DomainError("settlement.bad_liability", value=value) from None
    if not (share.is_finite() and 0 <= share <= 1) or share != share.quantize(Decimal("0.0001")):
        raise DomainError("settlement.bad_liability", value=value)
    return share


@dataclass(frozen=True)
class CompulsoryLimits:
    """The compulsory cover's property-damage limits (交强险财产损失赔偿限额)."""

    with_liability: Decimal = Decimal("2000.00")
    without_liability: Decimal = Decimal("100.00")

    def limit(self, share: Decimal) -> Decimal:
        """The limit for a party bearing ``share`` of the liability."""
        return self.with_liability if share > 0 else self.without_liability


@dataclass(frozen=True)
class Policy:
    """This insurer's policy as the payout reads it; ``None`` is "not stated"."""

    #: 车损险保险金额; the actual value caps the vehicle damage when it is not stated.
    vehicle_damage_sum_insured: Decimal | None = None
    #: 三者险责任限额, for all third parties of the case together; not capped when not stated.
    third_party_limit: Decimal | None = None
    #: 绝对免赔额 of the vehicle-damage cover.
    deductible: Decimal = ZERO_FEN
    #: Whether the insured vehicle has compulsory cover (every vehicle on the road must).
    compulsory: bool = True


@dataclass(frozen=True)
class OtherParty:
    """The other vehicle of a two-vehicle case: its compulsory cover and its liability share
    (``None``: what the insured does not bear)."""

    compulsory: bool = True
    liability: Decimal | None = None


@dataclass(frozen=True)
class LossObject:
    """A loss object of the case as the payout reads it, from its latest priced version."""

    kind: ObjectKind
    #: Repair cost: the estimate's total without rescue, salvage of parts already deducted.
    repair_cost: Decimal
    rescue_cost: Decimal = ZERO_FEN
    index: int = 0
    #: Whether the version it is priced from is approved (else the payout is provisional).
    approved: bool = False
    #: A vehicle's actual value (None for property, or a vehicle whose new price is unknown).
    value: ActualValue | None = None
    #: The whole vehicle's salvage as entered (None: the policy's share of the actual value).
    total_loss_salvage: Decimal | None = None
    #: The number of the object's version it is priced from (0: not said).
    version_no: int = 0


@dataclass(frozen=True)
class ObjectPayout:
    """Every step of one object's payout."""

    kind: ObjectKind
    index: int
    loss: Decimal
    actual_value: Decimal | None
    assessment: TotalLossAssessment | None
    compulsory_paid: Decimal
    liability_share: Decimal
    #: (loss − compulsory paid) × liability share, before the cap.
    liable: Decimal
    #: The cap applied (sum insured, actual value, or this object's part of the third-party
    #: limit); None when nothing capped it.
    cap: Decimal | None
    commercial_paid: Decimal
    deductible: Decimal
    payable: Decimal
    provisional: bool
    #: The number of the object's version it is priced from (0: not said).
    version_no: int = 0

    @property
    def total_loss(self) -> bool:
        """Whether the object was settled as a total loss."""
        return self.assessment is not None and self.assessment.total_loss

    def to_json(self) -> dict[str, object]:
        """The object as ``estimator estimate payout ID --json`` prints it."""
        return {
            "kind": self.kind.value,
            "index": self.index,
            "loss": format_money(self.loss),
            "actual_value": None if self.actual_value is None else format_money(self.actual_value),
            "total_loss": self.total_loss,
            "compulsory_paid": format_money(self.compulsory_paid),
            "liability_share": _share_text(self.liability_share),
            "commercial_paid": format_money(self.commercial_paid),
            "deductible": format_money(self.deductible),
            "payable": format_money(self.payable),
            "provisional": self.provisional,
        }


@dataclass(frozen=True)
class CasePayout:
    """The payout of every object of a case and the case's totals."""

    objects: tuple[ObjectPayout, ...]

    @property
    def payable(self) -> Decimal:
        """What this insurer's commercial cover pays for the case."""
        return sum((o.payable for o in self.objects), ZERO_FEN)

    @property
    def compulsory_paid(self) -> Decimal:
        """Compulsory cover paid on the objects (shown beside, not in, ``payable``)."""
        return sum((o.compulsory_paid for o in self.objects), ZERO_FEN)

    @property
    def commercial_paid(self) -> Decimal:
        """Commercial cover before the deductible."""
        return sum((o.commercial_paid for o in self.objects), ZERO_FEN)

    @property
    def provisional(self) -> bool:
        """Whether any object is priced from a version not approved yet."""
        return any(o.provisional for o in self.objects)

    def unapproved_versions(self, language: str) -> str:
        """The versions not approved yet that the payout is priced from, in words
        (标的车第2版、三者车1第1版): what makes it provisional."""
        named = [(o.kind.value, o.index, o.version_no) for o in self.objects if o.provisional]
        return versions_words(named, language)

    def to_json(self) -> dict[str, object]:
        """The shape ``estimator estimate payout ID --json`` prints (amounts as two-decimal
        strings, ``actual_value`` null when the vehicle's new price is unknown)."""
        return {
            "objects": [o.to_json() for o in self.objects],
            "payable": format_money(self.payable),
            "provisional": self.provisional,
        }


def _share_text(share: Decimal) -> str:
    """A liability share with two places (0.70), or more when it has them (0.333)."""
    two = share.quantize(Decimal("0.01"))
    return str(two if two == share else share.normalize())


def share_limit(amounts: Sequence[Decimal], limit: Decimal | None) -> list[Decimal]:
    """``amounts`` as they are when their sum is within ``limit``; else the limit shared in
    proportion to them: each rounded down to the fen, and the fens left over given one each to
    the largest remainders (the first on a tie), so that the parts add up to the limit."""
    total = sum(amounts, ZERO_FEN)
    if limit is None or total <= limit:
        return list(amounts)
    exact = [limit * amount / total for amount in amounts]
    parts = [share.quantize(FEN, rounding=ROUND_DOWN) for share in exact]
    left = int((limit - sum(parts, ZERO_FEN)) / FEN)
    by_remainder = sorted(range(len(parts)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_remainder[:left]:
        parts[i] += FEN
    return parts


def estimate_payout(
    objects: Sequence[LossObject],
    policy: Policy,
    liability: Decimal,
    other_party: OtherParty | None = None,
    *,
    total_loss_policy: TotalLossPolicy | None = None,
    limits: CompulsoryLimits | None = None,
) -> CasePayout:
    """The payout of a case's ``objects`` under ``policy``, the insured bearing ``liability``
    (a share from 0 to 1); ``other_party`` is the other vehicle of a two-vehicle case."""
    _check_case(objects, policy, liability)
    limits = limits or CompulsoryLimits()
    tl_policy = total_loss_policy or TotalLossPolicy()
    assessed = [_assess(o, tl_policy) for o in objects]
    losses = [_loss(o, a) for o, a in zip(objects, assessed, strict=True)]
    compulsory = _compulsory(objects, losses, policy, liability, other_party, limits)
    liable = [
        round_fen((loss - paid) * liability) for loss, paid in zip(losses, compulsory, strict=True)
    ]
    caps = [_cap(o, policy) for o in objects]
    commercial = [
        amount if cap is None or o.kind.third_party else min(amount, cap)
        for o, amount, cap in zip(objects, liable, caps, strict=True)
    ]
    third = [i for i, o in enumerate(objects) if o.kind.third_party]
    shared = share_limit([liable[i] for i in third], policy.third_party_limit)
    for i, paid in zip(third, shared, strict=True):
        commercial[i] = paid
    results = []
    for i, obj in enumerate(objects):
        value = None if obj.value is None else obj.value.value
        # The absolute deductible is the vehicle-damage cover's.
        deductible = ZERO_FEN if obj.kind.third_party else min(policy.deductible, commercial[i])
        results.append(
            ObjectPayout(
                kind=obj.kind,
                index=obj.index,
                loss=losses[i],
                actual_value=value,
                assessment=assessed[i],
                compulsory_paid=compulsory[i],
                liability_share=liability,
                liable=liable[i],
                cap=caps[i],
                commercial_paid=commercial[i],
                deductible=deductible,
                payable=commercial[i] - deductible,
                provisional=not obj.approved,
                version_no=obj.version_no,
            )
        )
    return CasePayout(tuple(results))


def _check_case(objects: Sequence[LossObject], policy: Policy, liability: Decimal) -> None:
    """Refuse a case without exactly one insured vehicle, an object named twice, a share
    outside 0–1 or a negative figure."""
    check_share(worded("settlement.field.liability"), liability)
    insured = sum(1 for o in objects if o.kind is ObjectKind.INSURED_VEHICLE)
    if insured != 1:
        raise DomainError("settlement.no_insured_vehicle", count=insured)
    seen: set[tuple[ObjectKind, int]] = set()
    for obj in objects:
        if (obj.kind, obj.index) in seen:
            raise DomainError(
                "settlement.duplicate_object",
                kind=worded(f"settlement.object.{obj.kind.value}"),
                index=obj.index + 1,
            )
        seen.add((obj.kind, obj.index))
    figures = (
        ("sum_insured", policy.vehicle_damage_sum_insured),
        ("third_party_limit", policy.third_party_limit),
        ("deductible", policy.deductible),
    )
    for name, amount in figures:
        if amount is not None and amount < 0:
            raise DomainError(
                "settlement.negative_amount", field=worded(f"settlement.field.{name}"), value=amount
            )


def _cap(obj: LossObject, policy: Policy) -> Decimal | None:
    """Step 4's cap: the third-party limit (shared by all third parties), or the sum insured of
    the insured vehicle, its actual value when no sum insured is stated; None when neither."""
    if obj.kind.third_party:
        return policy.third_party_limit
    if policy.vehicle_damage_sum_insured is not None:
        return policy.vehicle_damage_sum_insured
    return None if obj.value is None else obj.value.value


def _assess(obj: LossObject, policy: TotalLossPolicy) -> TotalLossAssessment | None:
    """The total-loss assessment of a vehicle whose actual value is known."""
    for name, amount in (("repair_cost", obj.repair_cost), ("rescue_cost", obj.rescue_cost)):
        if amount < 0:
            raise DomainError(
                "settlement.negative_amount", field=worded(f"settlement.field.{name}"), value=amount
            )
    if obj.value is None or obj.kind is ObjectKind.THIRD_PARTY_PROPERTY:
        return None
    return assess_total_loss(
        obj.repair_cost, obj.rescue_cost, obj.value.value, policy, obj.total_loss_salvage
    )


def _loss(obj: LossObject, assessment: TotalLossAssessment | None) -> Decimal:
    """Step 1: the total-loss settlement of a total loss, else repair plus rescue."""
    if assessment is not None and assessment.total_loss:
        return assessment.settlement
    return obj.repair_cost + obj.rescue_cost


def _compulsory(
    objects: Sequence[LossObject],
    losses: Sequence[Decimal],
    policy: Policy,
    liability: Decimal,
    other_party: OtherParty | None,
    limits: CompulsoryLimits,
) -> list[Decimal]:
    """Step 2: the insured vehicle's damage from the other vehicle's compulsory cover, the
    third parties' from this policy's, shared in proportion past its limit."""
    paid = [ZERO_FEN] * len(objects)
    if other_party is not None and other_party.compulsory:
        other_share = other_party.liability if other_party.liability is not None else 1 - liability
        check_share(worded("settlement.field.liability"), other_share)
        for i, obj in enumerate(objects):
            if obj.kind is ObjectKind.INSURED_VEHICLE:
                paid[i] = min(losses[i], limits.limit(other_share))
    if policy.compulsory:
        third = [i for i, o in enumerate(objects) if o.kind.third_party]
        shared = share_limit([losses[i] for i in third], limits.limit(liability))
        for i, amount in zip(third, shared, strict=True):
            paid[i] = amount
    return paid

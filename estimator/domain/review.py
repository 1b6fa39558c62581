"""Core-loss review rules R01–R17 (workflow.md; R16 and R17 from settlement.md): each a small function over the priced
estimate, the catalog slice and the standard as of the pricing date. Pure.

Every finding names its rule, severity, the line it concerns (index in the estimate's lines,
or None) and says what was expected and what was found, with the numbers, in both languages.
Thresholds are data (``ReviewPolicy``), not code.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from estimator.domain.advice import Choice, repair_or_replace
from estimator.domain.estimate import Estimate, EstimateLine, LineKind
from estimator.domain.flood_vehicle import LossRatio, check_ratio
from estimator.domain.guarantee import PartnerAgreement
from estimator.domain.pricing import Catalog, PricedEstimate
from estimator.domain.regions import region_name
from estimator.domain.routing import belongs_to_large_group
from estimator.domain.settlement import LossState, TotalLossPolicy, assess_total_loss, percent
from estimator.domain.workflow import Group
from kernel.problems import Worded, WordedByCode
from labor_standards.model import SHOP_CLASS_ZH, LaborStandard, Operation, ShopClass
from parts_catalog.model import PriceType

#: Shop classes as words in English findings (the Chinese ones are SHOP_CLASS_ZH).
_SHOP_CLASS_EN = {
    ShopClass.FOUR_S: "4S dealer",
    ShopClass.CLASS1: "class 1",
    ShopClass.CLASS2: "class 2",
    ShopClass.CLASS3: "class 3",
}


class Severity(StrEnum):
    """How much a finding matters: block stops submission; warn needs a reason to approve."""

    BLOCK = "block"
    WARN = "warn"
    INFO = "info"


@dataclass(frozen=True)
class Finding(WordedByCode):
    """One rule's finding."""

    rule: str
    severity: Severity
    line: int | None
    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ReviewPolicy:
    """Configurable thresholds of the rules."""

    repair_share: Decimal = Decimal("0.80")
    max_fee_rate: Decimal = Decimal("0.10")
    max_fee_rate_complex: Decimal = Decimal("0.15")
    complex_categories: frozenset[str] = frozenset({"机械件", "电器件", "安全件"})
    catalog_max_age_days: int = 180
    min_reason_chars: int = 4
    implausible_reasons: frozenset[str] = frozenset(
        {"无", "没有", "同上", "见上", "na", "n/a", "none", "test", "xxx", "...", "。", "1"}
    )


@dataclass(frozen=True)
class ReviewContext:
    """What the rules read."""

    priced: PricedEstimate
    catalog: Catalog
    standard: LaborStandard
    today: dt.date
    large_case_group: bool = False
    #: The estimating assessor (the case's) and their group, for R11 (None: not an assessor).
    assessor: str = ""
    assessor_group: Group | None = None
    first_submission: tuple[EstimateLine, ...] | None = None
    line_keys: tuple[str, ...] = ()
    first_keys: tuple[str, ...] = ()
    agreement: PartnerAgreement | None = None  # the shop's, when it is a partner
    policy: ReviewPolicy = field(default_factory=ReviewPolicy)
    #: The vehicle's actual value for R16 (None: its new price or dates are not known).
    actual_value: Decimal | None = None
    #: The whole-vehicle salvage entered on the case (None: the policy's share).
    total_loss_salvage: Decimal | None = None
    total_loss_policy: TotalLossPolicy = field(default_factory=TotalLossPolicy)
    #: The case's flood record and the guide's loss-ratio range for it, for R17 (None: no
    #: flood record, or the guide has no range for it).
    flood_level: int | None = None
    flood_grade: str | None = None
    flood_ratio: LossRatio | None = None

    @property
    def estimate(self) -> Estimate:
        """The estimate under review."""
        return self.priced.estimate


Rule = Callable[[ReviewContext], Iterator[Finding]]


def _money(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:,.2f}"


def r01_part_price_above_catalog(ctx: ReviewContext) -> Iterator[Finding]:
    """R01: part unit price above the catalog price for the region, price type and date; a
    part not in the catalog, priced by hand (手工配件), always needs a price check (核价)."""
    for p in ctx.priced.lines:
        if p.kind is LineKind.PART and any(n.code == "note_not_in_catalog" for n in p.notes):
            yield Finding(
                "R01",
                Severity.WARN,
                p.index,
                "review.r01_not_in_catalog",
                {"description": p.description, "unit_price": _money(p.unit_price)},
            )
            continue
        if (
            p.kind is LineKind.PART
            and p.unit_price is not None
            and p.looked_up_unit_price is not None
            and p.unit_price > p.looked_up_unit_price
        ):
            yield Finding(
                "R01",
                Severity.WARN,
                p.index,
                "review.r01_above_catalog",
                {
                    "unit_price": _money(p.unit_price),
                    "looked_up_unit_price": _money(p.looked_up_unit_price),
                    "part": Worded(p.description, p.part_no),
                },
            )


def r02_labor_above_standard(ctx: ReviewContext) -> Iterator[Finding]:
    """R02: labor hours above the standard, or a rate above the region's rate."""
    for p in ctx.priced.lines:
        if p.kind is not LineKind.LABOR:
            continue
        if p.hours is not None and p.looked_up_hours is not None and p.hours > p.looked_up_hours:
            yield Finding(
                "R02",
                Severity.WARN,
                p.index,
                "review.r02_hours",
                {
                    "description": p.description,
                    "hours": p.hours,
                    "looked_up_hours": p.looked_up_hours,
                },
            )
        if p.rate is not None and p.looked_up_rate is not None and p.rate > p.looked_up_rate:
            yield Finding(
                "R02",
                Severity.WARN,
                p.index,
                "review.r02_rate",
                {
                    "description": p.description,
                    "rate": _money(p.rate),
                    "looked_up_rate": _money(p.looked_up_rate),
                },
            )


def r03_included_charged_again(ctx: ReviewContext) -> Iterator[Finding]:
    """R03: an operation that another line includes, still charged (an overridden line)."""
    for p in ctx.priced.lines:
        if p.included_by is not None and p.amount > 0:
            yield Finding(
                "R03",
                Severity.WARN,
                p.index,
                "review.r03",
                {
                    "description": p.description,
                    "line": p.included_by + 1,
                    "amount": _money(p.amount),
                },
            )


def r04_repaired_and_replaced(ctx: ReviewContext) -> Iterator[Finding]:
    """R04: the same component both repaired and replaced."""
    labor = [p for p in ctx.priced.lines if p.kind is LineKind.LABOR and p.operation is not None]
    replaced = {p.component_code: p for p in labor if p.operation is Operation.REPLACE}
    for p in labor:
        if p.operation is not None and p.operation.is_repair and p.component_code in replaced:
            name = ctx.standard.component_name(p.component_code)  # a word, not the code
            yield Finding(
                "R04",
                Severity.BLOCK,
                p.index,
                "review.r04",
                {"name": name, "line": (replaced[p.component_code].index or 0) + 1},
            )


def r05_duplicates(ctx: ReviewContext) -> Iterator[Finding]:
    """R05: the same part or operation twice (a pair is one line of quantity 2, not two lines)."""
    keys: list[tuple[str, ...]] = []
    for p in ctx.priced.lines:
        if p.kind is LineKind.PART:
            keys.append(("part", p.part_no))
        elif p.kind is LineKind.LABOR and p.operation is not None:
            keys.append(("labor", p.component_code, p.operation.value))
        elif p.kind is LineKind.PAINT:
            keys.append(("paint", p.component_code))
        else:
            keys.append(("other", str(p.index)))
    counts = Counter(keys)
    seen: set[tuple[str, ...]] = set()
    for p, key in zip(ctx.priced.lines, keys, strict=True):
        if counts[key] > 1 and key[0] != "other":
            if key in seen:
                yield Finding(
                    "R05",
                    Severity.WARN,
                    p.index,
                    "review.r05",
                    {"description": p.description, "count": counts[key]},
                )
            seen.add(key)


def r06_replaced_where_repair_is_cheaper(ctx: ReviewContext) -> Iterator[Finding]:
    """R06: replaced although repair costs less than the threshold share, without a reason."""
    for p in ctx.priced.lines:
        if p.kind is not LineKind.PART or not p.component_code or p.override_reason:
            continue
        if ctx.standard.panels(p.component_code) is None:
            continue  # not a repairable panel (lamps, glass, mechanical parts)
        advice, problems = repair_or_replace(
            ctx.estimate,
            ctx.catalog,
            ctx.standard,
            component_code=p.component_code,
            part_no=p.part_no,
            threshold=ctx.policy.repair_share,
        )
        if advice is not None and not problems and advice.suggestion is Choice.REPAIR:
            yield Finding(
                "R06",
                Severity.WARN,
                p.index,
                "review.r06",
                {
                    "description": p.description,
                    "repair_cost": _money(advice.repair_cost),
                    "replace_cost": _money(advice.replace_cost),
                    "repair_share": ctx.policy.repair_share,
                },
            )


def r07_salvage_not_deducted(ctx: ReviewContext) -> Iterator[Finding]:
    """R07: replaced parts with salvage value but no salvage deducted."""
    salvage = ctx.estimate.salvage or Decimal(0)
    if ctx.priced.salvage_suggestion > 0 and salvage == 0:
        yield Finding(
            "R07",
            Severity.WARN,
            None,
            "review.r07",
            {"salvage_suggestion": _money(ctx.priced.salvage_suggestion)},
        )


def r08_implausible_reason(ctx: ReviewContext) -> Iterator[Finding]:
    """R08: an override whose reason says nothing (one without a reason cannot be saved)."""
    policy = ctx.policy
    for p in ctx.priced.lines:
        reason = p.override_reason.strip()
        if p.overridden and (
            len(reason) < policy.min_reason_chars or reason.casefold() in policy.implausible_reasons
        ):
            yield Finding(
                "R08",
                Severity.WARN,
                p.index,
                "review.r08",
                {"description": p.description, "reason": reason},
            )


def r09_part_not_for_model(ctx: ReviewContext) -> Iterator[Finding]:
    """R09: a part not listed for this vehicle model."""
    model = ctx.estimate.model_code
    for p in ctx.priced.lines:
        if p.kind is not LineKind.PART or not model:
            continue
        entry = ctx.catalog.part(p.part_no)
        if entry is not None and entry.models and model not in entry.models:
            yield Finding(
                "R09",
                Severity.WARN,
                p.index,
                "review.r09",
                {"part_no": p.part_no, "model": model, "models": ";".join(entry.models)},
            )


def r10_catalog_age(ctx: ReviewContext) -> Iterator[Finding]:
    """R10: a price dated long before the pricing date, or a pricing date still to come."""
    estimate = ctx.estimate
    if estimate.priced_on > ctx.today:
        yield Finding(
            "R10",
            Severity.WARN,
            None,
            "review.r10_future",
            {"priced_on": estimate.priced_on, "today": ctx.today},
        )
    limit = estimate.priced_on - dt.timedelta(days=ctx.policy.catalog_max_age_days)
    for p in ctx.priced.lines:
        effective = p.price_effective_date
        if p.kind is LineKind.PART and effective is not None and effective < limit:
            yield Finding(
                "R10",
                Severity.INFO,
                p.index,
                "review.r10_old_price",
                {
                    "part_no": p.part_no,
                    "effective": effective,
                    "days": ctx.policy.catalog_max_age_days,
                },
            )


def r11_large_case_outside_group(ctx: ReviewContext) -> Iterator[Finding]:
    """R11: a large case (over 10,000 or the teardown tier) estimated by an assessor who is not
    in the large-case group."""
    total = ctx.priced.totals.total if ctx.priced.totals else None
    if belongs_to_large_group(total, ctx.priced.tier) and ctx.assessor_group is not Group.LARGE:
        yield Finding(
            "R11",
            Severity.WARN,
            None,
            "review.r11",
            {"total": _money(total), "assessor": ctx.assessor or "—"},
        )


def r12_paint(ctx: ReviewContext) -> Iterator[Finding]:
    """R12: paint on a component without paint panels; several panels without a discount."""
    paint = [p for p in ctx.priced.lines if p.kind is LineKind.PAINT]
    for p in paint:
        if p.looked_up_panels is None:
            yield Finding(
                "R12",
                Severity.BLOCK,
                p.index,
                "review.r12_no_panels",
                {"component_name": ctx.standard.component_name(p.component_code)},
            )
    panels = sum((p.panels or Decimal(0) for p in paint), Decimal(0))
    discounted = any(a.adjustment == "paint_discount" for a in ctx.priced.adjustments)
    if panels >= 3 and not discounted:
        yield Finding(
            "R12",
            Severity.INFO,
            None,
            "review.r12_no_discount",
            {
                "panels": panels,
                "region": Worded(
                    region_name(ctx.estimate.region), region_name(ctx.estimate.region, "en")
                ),
            },
        )


def r13_fee_rate(ctx: ReviewContext) -> Iterator[Finding]:
    """R13: parts management fee rate above the configured maximum."""
    rate = ctx.estimate.parts_management_fee_rate
    complex_parts = any(
        (entry := ctx.catalog.part(p.part_no)) is not None
        and entry.category in ctx.policy.complex_categories
        for p in ctx.priced.lines
        if p.kind is LineKind.PART
    )
    limit = ctx.policy.max_fee_rate_complex if complex_parts else ctx.policy.max_fee_rate
    if rate > limit:
        yield Finding("R13", Severity.WARN, None, "review.r13", {"rate": rate, "limit": limit})


#: Price types from the costliest down: a line may be priced at the allowed type or below it.
_PRICE_TYPE_RANK = (
    PriceType.OEM_4S,
    PriceType.OEM_MARKET,
    PriceType.BRAND,
    PriceType.AFTERMARKET,
    PriceType.REMAN,
    PriceType.USED,
)


def _agreement_in_force(ctx: ReviewContext) -> PartnerAgreement | None:
    agreement = ctx.agreement
    if agreement is None or not ctx.estimate.partner:
        return None
    on = ctx.estimate.priced_on
    return agreement if agreement.valid_from <= on <= agreement.valid_to else None


def r14_price_type_for_shop(ctx: ReviewContext) -> Iterator[Finding]:
    """R14: a part priced above what the shop may charge: at a partner shop above the price
    type its agreement sets for the part's category (the agreed type itself is no finding),
    otherwise a 4S price at a shop that is not a 4S shop."""
    agreement = _agreement_in_force(ctx)
    for p in ctx.priced.lines:
        if p.kind is not LineKind.PART or p.price_type is None:
            continue
        if agreement is not None:
            entry = ctx.catalog.part(p.part_no) if p.part_no else None
            agreed = agreement.price_types.get(
                entry.category if entry else "", agreement.default_price_type
            )
            if _PRICE_TYPE_RANK.index(p.price_type) < _PRICE_TYPE_RANK.index(agreed):
                yield Finding(
                    "R14",
                    Severity.WARN,
                    p.index,
                    "review.r14_agreement",
                    {
                        "part_no": p.part_no,
                        "price_type": Worded(p.price_type.label_zh, p.price_type.value),
                        "agreed": Worded(agreed.label_zh, agreed.value),
                    },
                )
        elif ctx.estimate.shop_class is not ShopClass.FOUR_S and p.price_type is PriceType.OEM_4S:
            yield Finding(
                "R14",
                Severity.WARN,
                p.index,
                "review.r14",
                {
                    "part_no": p.part_no,
                    "shop_class": Worded(
                        SHOP_CLASS_ZH[ctx.estimate.shop_class],
                        _SHOP_CLASS_EN[ctx.estimate.shop_class],
                    ),
                },
            )


def r15_unexplained_changes(ctx: ReviewContext) -> Iterator[Finding]:
    """R15: a line changed since the first submission (qty, part type, repair → replace) with
    no explanation."""
    if ctx.first_submission is None:
        return
    first = dict(zip(ctx.first_keys, ctx.first_submission, strict=True))
    for key, line, priced in zip(ctx.line_keys, ctx.estimate.lines, ctx.priced.lines, strict=False):
        before = first.get(key)
        if before is None or line.override_reason:
            continue
        changes = []
        if before.qty != line.qty:
            changes.append(f"qty {before.qty.normalize()} → {line.qty.normalize()}")
        if before.price_type != line.price_type:
            changes.append(f"price type {before.price_type} → {line.price_type}")
        if (
            before.operation is not None
            and before.operation.is_repair
            and line.operation is Operation.REPLACE
        ):
            changes.append("repair → replace")
        if before.part_no != line.part_no:
            changes.append(f"part {before.part_no} → {line.part_no}")
        if changes:
            text = "; ".join(changes)
            yield Finding(
                "R15",
                Severity.WARN,
                priced.index,
                "review.r15",
                {"description": priced.description, "text": text},
            )


def r16_total_loss_priced_as_repair(ctx: ReviewContext) -> Iterator[Finding]:
    """R16: repair plus rescue (施救费, the towing lines) at or past the total-loss threshold
    of the actual value while the estimate still prices a repair; a warning from the
    near-total-loss line (settlement.md)."""
    totals = ctx.priced.totals
    if ctx.actual_value is None or ctx.actual_value <= 0 or totals is None:
        return
    rescue = totals.towing
    repair = totals.total - rescue
    if repair <= 0 or rescue < 0:  # nothing priced as a repair
        return
    salvage = ctx.total_loss_salvage
    if salvage is not None and not 0 <= salvage <= ctx.actual_value:
        salvage = None  # a salvage past the value is refused where it is entered
    found = assess_total_loss(repair, rescue, ctx.actual_value, ctx.total_loss_policy, salvage)
    if found.state is LossState.REPAIR:
        return
    # Amounts with thousands separators, as the other findings show them.
    params: dict[str, object] = {
        "cost": _money(found.cost),
        "value": _money(found.actual_value),
        "ratio": percent(found.ratio, 2),
        "warning": percent(found.policy.warning),
        "threshold": percent(found.policy.threshold),
        "salvage": _money(found.salvage),
        "settlement": _money(found.settlement),
    }
    code = "review.r16_total_loss" if found.total_loss else "review.r16_near"
    yield Finding("R16", Severity.WARN, None, code, params)


def r17_flood_outside_guide_range(ctx: ReviewContext) -> Iterator[Finding]:
    """R17: a flooded vehicle's estimate total outside the guide's loss-ratio range of the
    actual value for its water level and immersion grade (settlement.md); nothing without a
    flood record or an actual value."""
    totals = ctx.priced.totals
    ratio, value = ctx.flood_ratio, ctx.actual_value
    if ratio is None or value is None or value <= 0 or totals is None:
        return
    found = check_ratio(totals.total, value, ratio)
    if not (found.below or found.above):
        return
    params: dict[str, object] = {
        "total": _money(found.total),
        "value": _money(found.value),
        "low": _money(found.low),
        "high": _money(found.high),
        "low_ratio": percent(ratio.low, 2),
        "high_ratio": percent(ratio.high, 2),
        "level": ctx.flood_level,
        "grade": ctx.flood_grade,
    }
    code = "review.r17_below" if found.below else "review.r17_above"
    yield Finding("R17", Severity.WARN, None, code, params)


RULES: tuple[Rule, ...] = (
    r01_part_price_above_catalog,
    r02_labor_above_standard,
    r03_included_charged_again,
    r04_repaired_and_replaced,
    r05_duplicates,
    r06_replaced_where_repair_is_cheaper,
    r07_salvage_not_deducted,
    r08_implausible_reason,
    r09_part_not_for_model,
    r10_catalog_age,
    r11_large_case_outside_group,
    r12_paint,
    r13_fee_rate,
    r14_price_type_for_shop,
    r15_unexplained_changes,
    r16_total_loss_priced_as_repair,
    r17_flood_outside_guide_range,
)


def review(ctx: ReviewContext) -> list[Finding]:
    """Every rule's findings, in rule order."""
    return [finding for rule in RULES for finding in rule(ctx)]


def blocks_submission(findings: list[Finding]) -> bool:
    """Whether any finding stops the estimate from being submitted."""
    return any(f.severity is Severity.BLOCK for f in findings)

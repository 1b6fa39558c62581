"""What a flood assessment is computed from, as a JSON document (``flood-inputs/1``). Pure.

A saved flood version keeps its inputs, not only its figures: the stacks, the category
rules, the water depths and the proposed base height. Every number is a decimal string
written as it was read (``str(Decimal)``), so a saved version assesses again to the fen.

The test results, the ``tested_ok`` costs and the policy (flood-assessment.md, last section)
are optional top-level keys ``tests``, ``tested_ok`` and ``policy``, written only when set:
a document without them reads as it did before they existed. So are the adjuster's disposal
choices per lot (``disposal``) and the categories' default discount rates of a damaged sale
(``damaged_discounts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from estimator.domain.flood import (
    CategoryRules,
    FloodAssessment,
    LayerState,
    RepairItem,
    Stack,
    StateRule,
    WaterDepth,
    assess,
    check,
)
from estimator.domain.flood_book import BookLine
from estimator.domain.flood_disposal import DisposalChoice, DisposalOption
from estimator.domain.flood_lots import TestResult
from estimator.domain.flood_settlement import Policy, VatBasis, check_policy
from kernel.problems import Problem

FORMAT = "flood-inputs/1"


@dataclass(frozen=True)
class AssessmentInputs:
    """Everything an assessment needs."""

    stacks: tuple[Stack, ...]
    rules: Mapping[str, CategoryRules]
    depth: WaterDepth
    #: None: the default (the deepest water + 10 cm).
    proposed_base_height_cm: Decimal | None = None
    #: Where the stacks and rules came from (file names), for the record.
    sources: Mapping[str, str] = field(default_factory=dict)
    #: The inventory sheet's title, for problems that point into it.
    inventory_sheet: str = "inventory"
    #: Per category, the cost per unit of testing and repacking a unit that passes.
    tested_ok: Mapping[str, Decimal] = field(default_factory=dict)
    #: Test results per lot (tested, failed), as entered on the screen or in the tests sheet.
    test_results: tuple[TestResult, ...] = ()
    #: The policy (保单) the net loss is settled under; None: no settlement.
    policy: Policy | None = None
    #: The adjuster's disposal per lot (a lot without one gets the proposal, the cheapest).
    disposal_choices: tuple[DisposalChoice, ...] = ()
    #: Per category, the default discount rate of a damaged sale (rules ``*`` row).
    damaged_discounts: Mapping[str, Decimal] = field(default_factory=dict)
    #: The stock on the books per SKU (账面库存), for 账实核对; empty: none given.
    book: tuple[BookLine, ...] = ()

    def check(self) -> list[Problem]:
        """What stops (errors) or qualifies (notes) an assessment of these inputs."""
        return check(self.stacks, self.rules, self.depth, self.inventory_sheet)

    def assess(self) -> FloodAssessment:
        """The assessment of these inputs (they must pass ``flood.check``)."""
        return assess(self.stacks, self.rules, self.depth, self.proposed_base_height_cm)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def inputs_document(inputs: AssessmentInputs) -> dict[str, Any]:
    """The inputs as a JSON-ready document."""
    return {
        "format": FORMAT,
        "stacks": [
            {
                "location": s.location,
                "zone": s.zone,
                "sku": s.sku,
                "description": s.description,
                "category": s.category,
                "qty": s.qty,
                "units_per_layer": s.units_per_layer,
                "carton_height_cm": str(s.carton_height_cm),
                "base_height_cm": str(s.base_height_cm),
                "unit_cost": str(s.unit_cost),
                "source_row": s.source_row,
                **_observed_document(s),
            }
            for s in inputs.stacks
        ],
        "rules": {
            name: {
                "salvage_ratio": str(r.salvage_ratio),
                "softens": r.softens,
                "states": {
                    state.value: {
                        "items": [[i.item, str(i.cost_per_unit)] for i in rule.items],
                        "loss_ratio": _text(rule.loss_ratio),
                    }
                    for state, rule in r.states.items()
                },
                # Only when set: documents without it stay byte-identical.
                **({"wicking_cm": str(r.wicking_cm)} if r.wicking_cm else {}),
            }
            for name, r in inputs.rules.items()
        },
        "depth": {
            "site_cm": _text(inputs.depth.site_cm),
            "zones": {zone: str(d) for zone, d in inputs.depth.zones.items()},
        },
        "proposed_base_height_cm": _text(inputs.proposed_base_height_cm),
        "sources": dict(inputs.sources),
        "inventory_sheet": inputs.inventory_sheet,
        **_settlement_keys(inputs),
        **_disposal_keys(inputs),
        **_book_keys(inputs),
    }


def _settlement_keys(inputs: AssessmentInputs) -> dict[str, Any]:
    """The optional keys: only those that are set (an older document has none)."""
    keys: dict[str, Any] = {}
    if inputs.tested_ok:
        keys["tested_ok"] = {name: str(cost) for name, cost in inputs.tested_ok.items()}
    if inputs.test_results:
        keys["tests"] = [
            {
                "category": r.category,
                "sku": r.sku,
                "state": r.state,
                "tested": r.tested,
                "failed": r.failed,
            }
            for r in inputs.test_results
        ]
    if inputs.policy is not None:
        p = inputs.policy
        keys["policy"] = {
            "sum_insured": str(p.sum_insured),
            "deductible_amount": str(p.deductible_amount),
            "deductible_rate": str(p.deductible_rate),
            "rescue_costs": str(p.rescue_costs),
            "debris_costs": _text(p.debris_costs),
            "vat_basis": p.vat_basis.value,
            "book_value": _text(p.book_value),
        }
    return keys


def _observed_document(s: Stack) -> dict[str, Any]:
    """A stack's observations, only those made (older documents stay byte-identical)."""
    observed: dict[str, Any] = {}
    if s.water_mark_cm is not None:
        observed["water_mark_cm"] = str(s.water_mark_cm)
    if s.observed_collapse is not None:
        observed["observed_collapse"] = s.observed_collapse
    return observed


def _observed_collapse(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ValueError(f"observed_collapse: expected true, false or null, found {value!r}")


def _decimal(value: object) -> Decimal:
    if not isinstance(value, str):
        raise ValueError(f"expected a decimal string, found {value!r}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a decimal: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not a finite decimal: {value!r}")
    return number


def _optional(value: object) -> Decimal | None:
    return None if value is None else _decimal(value)


def _count(value: object, name: str) -> int:
    # bool is an int to Python, not a count to anyone else.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{name} must be a whole number of units, found {value!r}")
    return value


def _tests(document: Mapping[str, Any]) -> tuple[TestResult, ...]:
    results = []
    for r in document.get("tests", []):
        result = TestResult(
            str(r["category"]),
            str(r["sku"]),
            str(r["state"]),
            _count(r["tested"], "tested"),
            _count(r["failed"], "failed"),
        )
        if result.failed > result.tested:
            raise ValueError(f"{result.failed} failed is more than the {result.tested} tested")
        results.append(result)
    return tuple(results)


def _tested_ok(document: Mapping[str, Any]) -> dict[str, Decimal]:
    costs = {str(name): _decimal(cost) for name, cost in document.get("tested_ok", {}).items()}
    negative = [name for name, cost in costs.items() if cost < 0]
    if negative:
        raise ValueError(f"negative tested_ok cost for {negative[0]!r}")
    return costs


def _policy(document: Mapping[str, Any]) -> Policy | None:
    p = document.get("policy")
    if p is None:
        return None
    try:
        vat = VatBasis(p["vat_basis"])
    except ValueError:
        raise ValueError(
            f"vat_basis must be included or excluded, found {p['vat_basis']!r}"
        ) from None
    policy = Policy(
        sum_insured=_decimal(p["sum_insured"]),
        deductible_amount=_decimal(p["deductible_amount"]),
        deductible_rate=_decimal(p["deductible_rate"]),
        rescue_costs=_decimal(p["rescue_costs"]),
        debris_costs=_optional(p.get("debris_costs")),
        vat_basis=vat,
        book_value=_optional(p.get("book_value")),
    )
    problems = check_policy(policy, "policy", None)
    if problems:
        first = problems[0]
        raise ValueError(f"policy {first.column}: {first.reason('en')}")
    return policy


def inputs_from_document(document: Mapping[str, Any]) -> AssessmentInputs:
    """Inputs back from :func:`inputs_document`; ``ValueError`` says what is wrong."""
    if document.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} document")
    try:
        stacks = tuple(
            Stack(
                location=s["location"],
                sku=s["sku"],
                category=s["category"],
                qty=int(s["qty"]),
                units_per_layer=int(s["units_per_layer"]),
                carton_height_cm=_decimal(s["carton_height_cm"]),
                unit_cost=_decimal(s["unit_cost"]),
                base_height_cm=_decimal(s["base_height_cm"]),
                zone=s.get("zone"),
                description=s.get("description", ""),
                source_row=s.get("source_row"),
                water_mark_cm=_optional(s.get("water_mark_cm")),
                observed_collapse=_observed_collapse(s.get("observed_collapse")),
            )
            for s in document["stacks"]
        )
        rules = {
            name: CategoryRules(
                name,
                {
                    LayerState(state): StateRule(
                        tuple(RepairItem(item, _decimal(cost)) for item, cost in rule["items"]),
                        _optional(rule.get("loss_ratio")),
                    )
                    for state, rule in r["states"].items()
                },
                salvage_ratio=_decimal(r["salvage_ratio"]),
                softens=bool(r["softens"]),
                wicking_cm=_optional(r.get("wicking_cm")) or Decimal(0),
            )
            for name, r in document["rules"].items()
        }
        depth = WaterDepth(
            _optional(document["depth"].get("site_cm")),
            {zone: _decimal(d) for zone, d in document["depth"].get("zones", {}).items()},
        )
        proposed = _optional(document.get("proposed_base_height_cm"))
        tests, tested_ok, policy = _tests(document), _tested_ok(document), _policy(document)
        choices, discounts = _choices(document), _discounts(document)
        book = _book(document)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"malformed {FORMAT} document: {error!r}") from None
    return AssessmentInputs(
        stacks,
        rules,
        depth,
        proposed,
        dict(document.get("sources", {})),
        str(document.get("inventory_sheet", "inventory")),
        tested_ok,
        tests,
        policy,
        disposal_choices=choices,
        damaged_discounts=discounts,
        book=book,
    )


def _disposal_keys(inputs: AssessmentInputs) -> dict[str, Any]:
    """The optional disposal keys: only those that are set (an older document has none)."""
    keys: dict[str, Any] = {}
    if inputs.disposal_choices:
        keys["disposal"] = [
            {
                "category": c.category,
                "sku": c.sku,
                "state": c.state,
                "choice": None if c.choice is None else c.choice.value,
                "reason": c.reason,
                "discount_rate": _text(c.discount_rate),
                "quote": _text(c.quote),
            }
            for c in inputs.disposal_choices
        ]
    if inputs.damaged_discounts:
        keys["damaged_discounts"] = {
            name: str(rate) for name, rate in inputs.damaged_discounts.items()
        }
    return keys


def _rate(value: object, what: str) -> Decimal:
    rate = _decimal(value)
    if not 0 <= rate <= 1:
        raise ValueError(f"{what} must be between 0 and 1, found {value!r}")
    return rate


def _choices(document: Mapping[str, Any]) -> tuple[DisposalChoice, ...]:
    choices = []
    for c in document.get("disposal", []):
        option = c.get("choice")
        try:
            chosen = None if option is None else DisposalOption(option)
        except ValueError:
            raise ValueError(
                f"disposal choice must be recondition, damaged_sale or write_off, found {option!r}"
            ) from None
        reason = c.get("reason", "")
        if not isinstance(reason, str):
            raise ValueError(f"disposal reason must be text, found {reason!r}")
        rate, quote = c.get("discount_rate"), _optional(c.get("quote"))
        if quote is not None and quote < 0:
            raise ValueError(f"negative disposal quote {c['quote']!r}")
        choices.append(
            DisposalChoice(
                str(c["category"]),
                str(c["sku"]),
                str(c["state"]),
                chosen,
                reason,
                None if rate is None else _rate(rate, "disposal discount_rate"),
                quote,
            )
        )
    return tuple(choices)


def _discounts(document: Mapping[str, Any]) -> dict[str, Decimal]:
    return {
        str(name): _rate(rate, f"damaged_discounts of {name!r}")
        for name, rate in document.get("damaged_discounts", {}).items()
    }


def _book_keys(inputs: AssessmentInputs) -> dict[str, Any]:
    """The books per SKU, only when given (an older document has none)."""
    if not inputs.book:
        return {}
    return {
        "book": [
            {"sku": line.sku, "qty": line.qty, "value": _text(line.value)} for line in inputs.book
        ]
    }


def _book(document: Mapping[str, Any]) -> tuple[BookLine, ...]:
    lines = []
    for entry in document.get("book", []):
        qty = entry["qty"]
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 0:
            raise ValueError(f"book qty must be a whole number ≥ 0, found {qty!r}")
        value = _optional(entry.get("value"))
        if value is not None and value < 0:
            raise ValueError(f"negative book value {entry['value']!r}")
        lines.append(BookLine(str(entry["sku"]), qty, value))
    return tuple(lines)

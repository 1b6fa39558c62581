"""The estimating engine: estimating-rules.md, from entered lines to totals and 大写. Pure.

``price_estimate`` takes an estimate, the slice of the catalog it needs and the labor
standard, and returns every line's looked-up values, amount, notes and sources, the
paint discount and cap adjustments, the estimate-level charges, totals, the amount in
words and the tier, or the problems that stop it (a lookup that finds nothing, an override
without a reason). The same input gives the same amounts, to the fen, in any line order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from typing import Protocol

from estimator.domain.estimate import Estimate, EstimateLine, LineKind, Tier, tier_for
from estimator.domain.messages import FIELD_ZH
from estimator.domain.words import amount_in_words
from kernel.lookup import Found
from kernel.money import ZERO, ZERO_FEN, round_fen
from kernel.problems import Language, Problem, Worded, render
from labor_standards.model import LaborKey, LaborStandard, Operation
from parts_catalog.model import CatalogEntry, PriceType


class Catalog(Protocol):
    """What pricing asks of the parts catalog (a CatalogSnapshot, or a fake in tests)."""

    def part(self, part_no: str) -> CatalogEntry | None: ...

    def price(
        self, part_no: str, region: str, price_type: PriceType, on: dt.date
    ) -> Found[Decimal] | None: ...


@dataclass(frozen=True, slots=True)
class Note:
    """A note printed with a line: included, overridden, capped, discounted."""

    code: str
    params: dict[str, object] = field(default_factory=dict, hash=False)

    def text(self, language: Language | None = None) -> str:
        """The note in the user's language."""
        return render(self.code, self.params, language)


@dataclass(frozen=True)
class PricedLine:
    """A line with its looked-up and effective values, amount, notes and sources."""

    index: int | None  # position in the estimate's lines; None for adjustment lines
    kind: LineKind
    description: str
    amount: Decimal
    qty: Decimal | None = None
    unit_price: Decimal | None = None
    looked_up_unit_price: Decimal | None = None
    price_type: PriceType | None = None
    price_effective_date: dt.date | None = None
    part_no: str = ""
    component_code: str = ""
    operation: Operation | None = None
    hours: Decimal | None = None
    looked_up_hours: Decimal | None = None
    rate: Decimal | None = None
    looked_up_rate: Decimal | None = None
    panels: Decimal | None = None
    looked_up_panels: Decimal | None = None
    price_per_panel: Decimal | None = None
    looked_up_price_per_panel: Decimal | None = None
    override_reason: str = ""
    overridden: tuple[str, ...] = ()
    included_by: int | None = None
    salvage_suggestion: Decimal | None = None
    recover_old_part: bool = False
    adjustment: str = ""  # "paint_discount" or "paint_cap" on adjustment lines
    notes: tuple[Note, ...] = ()
    sources: tuple[str, ...] = ()

    def looked_up_values(self) -> dict[str, Decimal]:
        """The values the catalog and the standard gave (kept beside any override)."""
        values = {
            "unit_price": self.looked_up_unit_price,
            "hours": self.looked_up_hours,
            "rate": self.looked_up_rate,
            "panels": self.looked_up_panels,
            "price_per_panel": self.looked_up_price_per_panel,
        }
        return {name: value for name, value in values.items() if value is not None}


@dataclass(frozen=True)
class Totals:
    """合计: every figure the sheet shows. total = parts + fee + labor + paint + material
    + sublet + towing − salvage."""

    parts: Decimal
    management_fee: Decimal
    labor: Decimal
    paint: Decimal
    material: Decimal
    sublet: Decimal
    towing: Decimal
    salvage: Decimal
    total: Decimal


@dataclass(frozen=True)
class PricedEstimate:
    """The priced estimate, or the problems that stopped pricing (then ``totals`` is None)."""

    estimate: Estimate
    lines: tuple[PricedLine, ...]
    adjustments: tuple[PricedLine, ...]
    problems: tuple[Problem, ...]
    totals: Totals | None = None
    total_in_words: str = ""
    tier: Tier | None = None
    salvage_suggestion: Decimal = ZERO

    @property
    def ok(self) -> bool:
        """Whether pricing went through."""
        return not self.problems


def _problem(index: int, fieldname: str, code: str, **params: object) -> Problem:
    return Problem(code, path=f"lines[{index}].{fieldname}", params=params)


def _effective(
    index: int,
    line: EstimateLine,
    name: str,
    given: Decimal | None,
    found: Found[Decimal] | None,
    problems: list[Problem],
    missing: Callable[[], Problem],
) -> tuple[Decimal | None, bool]:
    """The value to use for a looked-up field: the override if given (with a reason), else
    the looked-up value. Returns (value, overridden)."""
    if given is not None:
        if not line.override_reason.strip():
            problems.append(_problem(index, name, "override_without_reason", field=name))
        return given, True
    if found is None:
        problems.append(missing())
        return None, False
    return found.value, False


def _override_note(name: str, looked_up: Decimal | None, value: Decimal, reason: str) -> Note:
    shown = "—" if looked_up is None else str(looked_up)
    params: dict[str, object] = {
        "field": Worded(FIELD_ZH[name], name),
        "looked_up": shown,
        "value": str(value),
        "reason": reason,
    }
    return Note("note_override", params)


def _price_part(
    index: int, line: EstimateLine, estimate: Estimate, catalog: Catalog, problems: list[Problem]
) -> PricedLine | None:
    entry = catalog.part(line.part_no)
    price_type = line.price_type or estimate.price_type
    notes: list[Note] = []
    sources: list[str] = []
    found = None
    if entry is None:
        if line.unit_price is None:
            problems.append(_problem(index, "part_no", "no_part", part_no=line.part_no))
            return None
        notes.append(Note("note_not_in_catalog"))
    else:
        found = catalog.price(line.part_no, estimate.region, price_type, estimate.priced_on)
        if found is not None:
            sources.append(found.source)
    missing = partial(
        _problem,
        index,
        "unit_price",
        "no_part_price",
        part_no=line.part_no,
        region=estimate.region,
        price_type=price_type.value,
        on=estimate.priced_on.isoformat(),
    )
    unit_price, overridden = _effective(
        index, line, "unit_price", line.unit_price, found, problems, missing
    )
    if unit_price is None:
        return None
    looked_up = None if found is None else found.value
    if overridden and entry is not None:
        notes.append(_override_note("unit_price", looked_up, unit_price, line.override_reason))
    amount = round_fen(line.qty * unit_price)
    salvage = None
    if entry is not None and entry.salvage_rate:
        salvage = round_fen(amount * entry.salvage_rate)
    return PricedLine(
        index,
        LineKind.PART,
        entry.name_zh if entry else (line.description or line.part_no),
        amount,
        qty=line.qty,
        unit_price=unit_price,
        looked_up_unit_price=looked_up,
        price_type=price_type,
        price_effective_date=None if found is None or overridden else found.effective_date,
        part_no=line.part_no,
        component_code=entry.component_code if entry else line.component_code,
        override_reason=line.override_reason,
        overridden=("unit_price",) if overridden else (),
        salvage_suggestion=salvage,
        recover_old_part=bool(entry and entry.recover_old_part),
        notes=tuple(notes),
        sources=tuple(sources),
    )


def _price_labor(
    index: int,
    line: EstimateLine,
    estimate: Estimate,
    standard: LaborStandard,
    problems: list[Problem],
) -> tuple[PricedLine | None, tuple[LaborKey, ...]]:
    if line.operation is None or not line.component_code:
        fieldname = "operation" if line.component_code else "component_code"
        problems.append(_problem(index, fieldname, "missing_field", field=fieldname))
        return None, ()
    time = standard.labor_time(line.component_code, line.operation, estimate.vehicle_class)
    labor_type = line.operation.labor_type
    rate_found = standard.labor_rate(estimate.region, estimate.shop_class, labor_type)
    hours, hours_overridden = _effective(
        index,
        line,
        "hours",
        line.hours,
        None if time is None else Found(time.value.hours, time.source),
        problems,
        partial(
            _problem,
            index,
            "hours",
            "no_labor_time",
            component=line.component_code,
            operation=line.operation.value,
            vehicle_class=estimate.vehicle_class,
        ),
    )
    rate, rate_overridden = _effective(
        index,
        line,
        "rate",
        line.rate,
        rate_found,
        problems,
        partial(
            _problem,
            index,
            "rate",
            "no_labor_rate",
            region=estimate.region,
            shop_class=estimate.shop_class.value,
            labor_type=labor_type.value,
        ),
    )
    if hours is None or rate is None:
        return None, ()
    looked_up_hours = None if time is None else time.value.hours
    looked_up_rate = None if rate_found is None else rate_found.value
    notes = []
    overridden = []
    if hours_overridden:
        overridden.append("hours")
        notes.append(_override_note("hours", looked_up_hours, hours, line.override_reason))
    if rate_overridden:
        overridden.append("rate")
        notes.append(_override_note("rate", looked_up_rate, rate, line.override_reason))
    sources = tuple(f.source for f in (time, rate_found) if f is not None)
    # A component the standard does not name (a flood guide's seats): the line's words first.
    name = (time.value.component_name if time else "") or line.description or line.component_code
    priced = PricedLine(
        index,
        LineKind.LABOR,
        f"{name} {line.operation.label_zh}",
        round_fen(hours * rate),
        component_code=line.component_code,
        operation=line.operation,
        hours=hours,
        looked_up_hours=looked_up_hours,
        rate=rate,
        looked_up_rate=looked_up_rate,
        override_reason=line.override_reason,
        overridden=tuple(overridden),
        notes=tuple(notes),
        sources=sources,
    )
    return priced, (time.value.includes if time else ())


def _price_paint(
    index: int,
    line: EstimateLine,
    estimate: Estimate,
    standard: LaborStandard,
    problems: list[Problem],
) -> PricedLine | None:
    if not line.component_code:
        problems.append(_problem(index, "component_code", "missing_field", field="component_code"))
        return None
    panels_found = standard.panels(line.component_code)
    rate_found = standard.paint_rate(estimate.region, estimate.vehicle_class, estimate.paint_type)
    panels, panels_overridden = _effective(
        index,
        line,
        "panels",
        line.panels,
        panels_found,
        problems,
        partial(_problem, index, "panels", "no_paint_panels", component=line.component_code),
    )
    per_panel, price_overridden = _effective(
        index,
        line,
        "price_per_panel",
        line.price_per_panel,
        None if rate_found is None else Found(rate_found.value.price_per_panel, rate_found.source),
        problems,
        partial(
            _problem,
            index,
            "price_per_panel",
            "no_paint_rate",
            region=estimate.region,
            vehicle_class=estimate.vehicle_class,
            paint_type=estimate.paint_type.value,
        ),
    )
    if panels is None or per_panel is None:
        return None
    looked_up_panels = None if panels_found is None else panels_found.value
    looked_up_price = None if rate_found is None else rate_found.value.price_per_panel
    notes = []
    overridden = []
    if panels_overridden:
        overridden.append("panels")
        notes.append(_override_note("panels", looked_up_panels, panels, line.override_reason))
    if price_overridden:
        overridden.append("price_per_panel")
        notes.append(
            _override_note("price_per_panel", looked_up_price, per_panel, line.override_reason)
        )
    sources = tuple(f.source for f in (panels_found, rate_found) if f is not None)
    return PricedLine(
        index,
        LineKind.PAINT,
        f"{standard.component_name(line.component_code)} 喷漆",
        round_fen(panels * per_panel),
        component_code=line.component_code,
        panels=panels,
        looked_up_panels=looked_up_panels,
        price_per_panel=per_panel,
        looked_up_price_per_panel=looked_up_price,
        override_reason=line.override_reason,
        overridden=tuple(overridden),
        notes=tuple(notes),
        sources=sources,
    )


def _price_entered(index: int, line: EstimateLine, problems: list[Problem]) -> PricedLine | None:
    if line.kind is LineKind.MATERIAL:
        if line.unit_price is None:
            problems.append(_problem(index, "unit_price", "missing_field", field="unit_price"))
            return None
        return PricedLine(
            index,
            line.kind,
            line.description,
            round_fen(line.qty * line.unit_price),
            qty=line.qty,
            unit_price=line.unit_price,
        )
    if line.amount is None:
        problems.append(_problem(index, "amount", "missing_field", field="amount"))
        return None
    return PricedLine(index, line.kind, line.description, round_fen(line.amount))


def _apply_inclusions(
    lines: list[PricedLine],
    includes: dict[int, tuple[LaborKey, ...]],
    standard: LaborStandard,
    vehicle_class: str,
) -> list[PricedLine]:
    """Zero labor lines another line's standard includes (transitively, in any order);
    flag, never zero, an overridden line."""
    labor: dict[int, tuple[PricedLine, LaborKey]] = {
        p.index: (p, LaborKey(p.component_code, p.operation))
        for p in lines
        if p.kind is LineKind.LABOR and p.operation is not None and p.index is not None
    }
    if not labor:
        return lines
    graph: dict[LaborKey, tuple[LaborKey, ...]] = {
        key: includes.get(i, ()) for i, (_, key) in labor.items()
    }

    def edges(key: LaborKey) -> tuple[LaborKey, ...]:
        if key not in graph:
            found = standard.labor_time(key.component_code, key.operation, vehicle_class)
            graph[key] = found.value.includes if found else ()
        return graph[key]

    reach: dict[LaborKey, set[LaborKey]] = {}
    for _, key in labor.values():
        if key in reach:
            continue
        seen: set[LaborKey] = set()
        stack = list(graph[key])
        while stack:
            found = stack.pop()
            if found in seen or found == key:
                continue
            seen.add(found)
            stack.extend(edges(found))
        reach[key] = seen

    by_key: dict[LaborKey, list[int]] = {}
    for index, (_, key) in labor.items():
        by_key.setdefault(key, []).append(index)

    def rank(index: int) -> tuple[Decimal, str, str, int]:
        # Order-independent tie-break for lines that include each other: more hours wins.
        line, key = labor[index]
        return (-(line.looked_up_hours or ZERO), key.component_code, key.operation.value, index)

    # p includes target when target's key is in p's reach; two lines that reach each other
    # (a cycle in the standard) resolve by rank, never by line order.
    best: dict[int, int] = {}
    for index, (_, key) in labor.items():
        for included in reach[key]:
            for target in by_key.get(included, ()):
                if key in reach[included] and rank(target) < rank(index):
                    continue
                if target not in best or rank(index) < rank(best[target]):
                    best[target] = index
    result = {p.index: p for p in lines}
    for target, by_index in best.items():
        line, by = labor[target][0], labor[by_index][0]
        params = {"line": by_index + 1, "name": by.description}
        if "hours" in line.overridden:
            note = Note("note_included_overridden", params)
            result[target] = _with(line, notes=(*line.notes, note), included_by=by_index)
        else:
            note = Note("note_included", params)
            result[target] = _with(
                line,
                hours=ZERO_FEN,
                amount=ZERO_FEN,
                notes=(*line.notes, note),
                included_by=by_index,
            )
    return [result[p.index] for p in lines]


def _with(line: PricedLine, **changes: object) -> PricedLine:

    return replace(line, **changes)  # type: ignore[arg-type]


def _paint_adjustments(
    lines: Sequence[PricedLine], estimate: Estimate, standard: LaborStandard
) -> list[PricedLine]:
    paint_lines = [p for p in lines if p.kind is LineKind.PAINT]
    if not paint_lines:
        return []
    adjustments: list[PricedLine] = []
    paint_total = sum((p.amount for p in paint_lines), ZERO)
    total_panels = sum((p.panels or ZERO for p in paint_lines), ZERO)
    discount = standard.discount_for(estimate.region, total_panels)
    if discount is not None and discount.factor < 1:
        discounted = round_fen(paint_total * discount.factor)
        note = Note(
            "note_paint_discount", {"panels": str(total_panels), "factor": str(discount.factor)}
        )
        adjustments.append(
            PricedLine(
                None,
                LineKind.PAINT,
                "多幅折扣",
                discounted - paint_total,
                adjustment="paint_discount",
                notes=(note,),
            )
        )
        paint_total = discounted
    rate = standard.paint_rate(estimate.region, estimate.vehicle_class, estimate.paint_type)
    if rate is not None and paint_total > rate.value.full_vehicle_price:
        cap = rate.value.full_vehicle_price
        note = Note("note_paint_cap", {"cap": str(cap)})
        adjustments.append(
            PricedLine(
                None,
                LineKind.PAINT,
                "全车喷漆封顶",
                cap - paint_total,
                adjustment="paint_cap",
                notes=(note,),
                sources=(rate.source,),
            )
        )
    return adjustments


def price_estimate(estimate: Estimate, catalog: Catalog, standard: LaborStandard) -> PricedEstimate:
    """Price every line, then inclusions, paint discount and cap, charges, totals, tier."""
    problems: list[Problem] = []
    priced: list[PricedLine] = []
    includes: dict[int, tuple[LaborKey, ...]] = {}
    for index, line in enumerate(estimate.lines):
        result: PricedLine | None
        if line.kind is LineKind.PART:
            result = _price_part(index, line, estimate, catalog, problems)
        elif line.kind is LineKind.LABOR:
            result, included = _price_labor(index, line, estimate, standard, problems)
            includes[index] = included
        elif line.kind is LineKind.PAINT:
            result = _price_paint(index, line, estimate, standard, problems)
        else:
            result = _price_entered(index, line, problems)
        if result is not None:
            priced.append(result)
    if problems:
        return PricedEstimate(estimate, tuple(priced), (), tuple(problems))
    priced = _apply_inclusions(priced, includes, standard, estimate.vehicle_class)
    adjustments = _paint_adjustments(priced, estimate, standard)

    def total_of(kind: LineKind, rows: Sequence[PricedLine]) -> Decimal:
        return sum((p.amount for p in rows if p.kind is kind), ZERO).quantize(Decimal("0.01"))

    parts = total_of(LineKind.PART, priced)
    fee = round_fen(parts * estimate.parts_management_fee_rate)
    suggestion = sum((p.salvage_suggestion or ZERO for p in priced), ZERO).quantize(Decimal("0.01"))
    salvage = estimate.salvage if estimate.salvage is not None else ZERO
    salvage = round_fen(salvage)
    labor = total_of(LineKind.LABOR, priced)
    paint = total_of(LineKind.PAINT, [*priced, *adjustments])
    material = total_of(LineKind.MATERIAL, priced)
    sublet = total_of(LineKind.SUBLET, priced)
    towing = total_of(LineKind.TOWING, priced)
    total = parts + fee + labor + paint + material + sublet + towing - salvage
    totals = Totals(parts, fee, labor, paint, material, sublet, towing, salvage, total)
    return PricedEstimate(
        estimate,
        tuple(priced),
        tuple(adjustments),
        (),
        totals,
        amount_in_words(total),
        tier_for(total, estimate.needs_teardown),
        suggestion,
    )


def salvage_problem(priced: PricedEstimate) -> Problem | None:
    """Why the salvage cannot stand: more than the total it is deducted from (the estimate
    would be negative). None when it can, or when the estimate was not priced."""
    totals = priced.totals
    if totals is None or totals.total >= 0:
        return None
    return salvage_above(totals.salvage, totals.total + totals.salvage)


def salvage_above(salvage: Decimal, gross: Decimal) -> Problem:
    """The problem of a salvage above ``gross``, the total it is deducted from."""
    return Problem(
        "salvage_exceeds_total",
        path="salvage",
        value=salvage,
        params={"salvage": f"{salvage:,.2f}", "total": f"{gross:,.2f}"},
    )

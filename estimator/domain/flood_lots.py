"""Lots of a flood assessment and their test results (flood-assessment.md, last section). Pure.

The damaged units of an assessment form lots (批) per category, SKU and state (submerged,
partial, collapsed), each with its GB/T 2828.1 sample size. A lot without test results keeps
the assumed rules' loss (the sum of its rounded lines, so the lots add up to the assessment's
loss). A lot with results (tested, failed) uses the measured failure rate::

    loss = round_fen(assumed × failed / tested + tested_ok × (tested − failed) / tested)

where ``assumed`` is the lot's full-repair (or write-off) loss under the rules and
``tested_ok`` the lot's cost of testing and repacking the units that pass.

Decisions the document leaves open, taken here:
- The rules' ``tested_ok`` items are a per-unit cost per category (the rules sheet's rows with
  state ``tested_ok``); a category without them costs nothing for a unit that passes. Like any
  per-unit loss it never exceeds the unit's cost, and each stack's share is rounded to the fen.
- A result must have tested ≥ 1 (a failure rate of 0/0 means nothing), failed ≤ tested ≤ units,
  name an existing lot, and be the only result of its lot.
- The lot's loss is gross (before salvage). Its rule salvage (written-off units under the rules)
  is kept beside it, so that the disposal step (flood_disposal) can net each lot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from estimator.domain.flood import STATE_ZH, FloodAssessment, LayerState
from estimator.domain.flood_sampling import sample_size
from kernel.money import ZERO, format_money, round_fen
from kernel.problems import Problem, Worded, register_messages

if TYPE_CHECKING:
    from estimator.domain.flood_disposal import Disposal

#: The rules sheet's state of the items done to a unit that passes its test (检测合格).
TESTED_OK = "tested_ok"
#: The states whose units form lots, in the order lots are listed within a stack.
LOT_STATES = (LayerState.SUBMERGED, LayerState.PARTIAL, LayerState.COLLAPSED)
#: The sheet that test results come from by default.
TESTS_SHEET = "tests"

register_messages(
    {
        "flood_lot_unknown": (
            "没有这个批次：品类 {category}、商品编码 {sku}、状态“{state}”",
            "there is no lot of the category {category}, SKU {sku} and state '{state}'",
        ),
        "flood_lot_duplicate": (
            "批次 {category} / {sku} / “{state}”的检测结果重复",
            "the lot {category} / {sku} / '{state}' has a second test result",
        ),
        "flood_lot_tested_zero": (
            "检测数量至少为 1",
            "at least one unit must be tested",
        ),
        "flood_lot_failed_over_tested": (
            "不合格数 {failed} 多于检测数 {tested}",
            "{failed} failed is more than the {tested} tested",
        ),
        "flood_lot_tested_over_units": (
            "检测数 {tested} 多于批次件数 {units}",
            "{tested} tested is more than the lot's {units} units",
        ),
    }
)


@dataclass(frozen=True)
class Lot:
    """The units of one category, SKU and state, their sample and their money."""

    category: str
    sku: str
    state: LayerState
    units: int
    sample_size: int
    #: The rules' loss of every unit (full repair or write-off): sum of the rounded lines.
    assumed_loss: Decimal
    #: Testing and repacking every unit (the ``tested_ok`` items), rounded per stack.
    tested_ok_loss: Decimal
    #: The rules' salvage of the lot (its written-off units): sum of the rounded lines.
    assumed_salvage: Decimal = ZERO
    #: Per stack line, units × unit_cost (exact): the lot's value, line by line, so that a
    #: write-off's salvage rounds per line like the rules' (flood_disposal).
    line_values: tuple[Decimal, ...] = ()

    @property
    def value(self) -> Decimal:
        """The lot's value: Σ units × unit_cost, each line rounded to the fen."""
        return sum((round_fen(v) for v in self.line_values), ZERO)

    @property
    def key(self) -> tuple[str, str, str]:
        """(category, sku, state): what a test result names."""
        return self.category, self.sku, self.state.value


@dataclass(frozen=True)
class TestResult:
    """Units tested and units failed in one lot, as entered."""

    category: str
    sku: str
    state: str
    tested: int
    failed: int
    #: The row it came from, to point problems back at it.
    source_row: int | None = field(default=None, compare=False)

    __test__ = False  # not a pytest test class

    @property
    def key(self) -> tuple[str, str, str]:
        """(category, sku, state) of the lot it is for."""
        return self.category, self.sku, self.state


@dataclass(frozen=True)
class LotAssessment:
    """A lot, its test result if any, and its loss (measured or assumed)."""

    lot: Lot
    result: TestResult | None
    loss: Decimal
    #: What is done with the lot (flood_disposal.dispose_lots); None before that step.
    disposal: Disposal | None = None

    @property
    def salvage(self) -> Decimal:
        """The salvage under the chosen disposal; before it, the rules' share of the lot's."""
        if self.disposal is not None:
            return self.disposal.salvage
        if self.result is None:
            return self.lot.assumed_salvage
        return round_fen(self.lot.assumed_salvage * self.result.failed / self.result.tested)

    @property
    def settled_loss(self) -> Decimal:
        """The loss under the chosen disposal (before it: the lot's loss)."""
        return self.loss if self.disposal is None else self.disposal.loss

    @property
    def net(self) -> Decimal:
        """Loss less salvage under the chosen disposal."""
        return self.settled_loss - self.salvage

    @property
    def basis(self) -> str:
        """``measured`` when the lot has a test result, else ``assumed``."""
        return "assumed" if self.result is None else "measured"

    def to_json(self) -> dict[str, object]:
        """The lot's entry of the JSON ``lots`` list (flood-assessment.md keys, in order)."""
        return {
            "category": self.lot.category,
            "sku": self.lot.sku,
            "state": self.lot.state.value,
            "units": self.lot.units,
            "sample_size": self.lot.sample_size,
            "tested": None if self.result is None else self.result.tested,
            "failed": None if self.result is None else self.result.failed,
            "basis": self.basis,
            "disposal": None if self.disposal is None else self.disposal.chosen.value,
            "loss": format_money(self.settled_loss),
            "proposed": None if self.disposal is None else self.disposal.proposed.value,
            "reason": None if self.disposal is None else self.disposal.reason,
            "salvage": format_money(self.salvage),
            "net": format_money(self.net),
        }


class _Sums:
    """Running sums of one lot while the stacks are walked."""

    __slots__ = ("assumed", "salvage", "tested_ok", "units", "values")

    def __init__(self) -> None:
        self.units = 0
        self.assumed = ZERO
        self.tested_ok = ZERO
        self.salvage = ZERO
        self.values: list[Decimal] = []


def lots(
    assessment: FloodAssessment, tested_ok: Mapping[str, Decimal] | None = None
) -> tuple[Lot, ...]:
    """The assessment's damaged units grouped per category, SKU and state (first seen first);
    ``tested_ok`` is the per-unit cost of testing and repacking a passed unit, per category."""
    costs = tested_ok or {}
    sums: dict[tuple[str, str, LayerState], _Sums] = {}
    for a in assessment.stacks:
        stack = a.stack
        ok = min(costs.get(stack.category, ZERO), stack.unit_cost)
        for line in a.lines:
            if line.state not in LOT_STATES or not line.units:
                continue
            s = sums.setdefault((stack.category, stack.sku, line.state), _Sums())
            s.units += line.units
            s.assumed += line.loss
            s.tested_ok += round_fen(line.units * ok)
            s.salvage += line.salvage
            s.values.append(line.units * stack.unit_cost)
    return tuple(
        Lot(
            category,
            sku,
            state,
            s.units,
            sample_size(s.units),
            s.assumed,
            s.tested_ok,
            s.salvage,
            tuple(s.values),
        )
        for (category, sku, state), s in sums.items()
    )


def state_zh(state: str) -> str:
    """The state's Chinese name (the text itself when it names no state)."""
    try:
        return STATE_ZH[LayerState(state)]
    except ValueError:
        return state


def lot_words(category: str, sku: str, state: str) -> dict[str, object]:
    """What every problem of a lot's row names: its category, SKU and state in words."""
    return {"category": category, "sku": sku, "state": Worded(state_zh(state), state)}


def row_gate(
    known: Mapping[tuple[str, str, str], object],
    seen: set[tuple[str, str, str]],
    key: tuple[str, str, str],
    where: tuple[str, int | None, str],
    params: dict[str, object],
    repeated: str,
) -> Problem | None:
    """A lot's row (``where``: sheet, row, SKU) naming no lot, or a lot already given a row
    (``repeated``: that problem's code); None, and the lot marked seen, otherwise."""
    sheet, row, sku = where
    if key not in known:
        return Problem("flood_lot_unknown", sheet, row, "sku", sku, params)
    if key in seen:
        return Problem(repeated, sheet, row, "sku", sku, params)
    seen.add(key)
    return None


def check_results(
    lots: Sequence[Lot], results: Sequence[TestResult], sheet: str = TESTS_SHEET
) -> list[Problem]:
    """Why each result cannot be used (none: all can); problems point at the result's row."""
    by_key = {lot.key: lot for lot in lots}
    problems: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for r in results:
        row = r.source_row
        params = lot_words(r.category, r.sku, r.state) | {"tested": r.tested, "failed": r.failed}
        gate = row_gate(by_key, seen, r.key, (sheet, row, r.sku), params, "flood_lot_duplicate")
        if gate is not None:
            problems.append(gate)
            continue
        lot = by_key[r.key]
        params["units"] = lot.units
        if r.tested < 1:
            problems.append(
                Problem("flood_lot_tested_zero", sheet, row, "tested", r.tested, params)
            )
        elif r.tested > lot.units:
            problems.append(
                Problem("flood_lot_tested_over_units", sheet, row, "tested", r.tested, params)
            )
        if r.failed < 0 or r.failed > r.tested:
            problems.append(
                Problem("flood_lot_failed_over_tested", sheet, row, "failed", r.failed, params)
            )
    return problems


def measured_loss(lot: Lot, tested: int, failed: int) -> Decimal:
    """Failed share × the full-repair loss + passed share × testing and repacking, to the fen."""
    return round_fen((lot.assumed_loss * failed + lot.tested_ok_loss * (tested - failed)) / tested)


def assess_lots(
    lots: Sequence[Lot], results: Sequence[TestResult] = ()
) -> tuple[LotAssessment, ...]:
    """Each lot with its loss: measured when it has a result, else assumed.

    The results must pass :func:`check_results` (otherwise ``ValueError``)."""
    problems = check_results(lots, results)
    if problems:
        raise ValueError(problems[0].reason("en"))
    by_key = {r.key: r for r in results}
    out = []
    for lot in lots:
        r = by_key.get(lot.key)
        loss = lot.assumed_loss if r is None else measured_loss(lot, r.tested, r.failed)
        out.append(LotAssessment(lot, r, loss))
    return tuple(out)


def still_assumed(assessed: Sequence[LotAssessment]) -> tuple[LotAssessment, ...]:
    """The lots without test results (the report names them)."""
    return tuple(a for a in assessed if a.result is None)

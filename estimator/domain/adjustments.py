"""Core-loss review adjustments (核损): the reviewer's amount on a line, and the totals that
follow from them. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from estimator.domain.estimate import LineKind
from estimator.domain.pricing import PricedEstimate, Totals
from kernel.money import ZERO, round_fen


@dataclass(frozen=True)
class ReviewAdjustment:
    """The reviewer's amount for one line (index in the estimate's lines), and why."""

    line: int
    amount: Decimal
    reason: str
    reviewer: str


def reviewed_totals(priced: PricedEstimate, adjustments: Mapping[int, ReviewAdjustment]) -> Totals:
    """The totals with the reviewer's amounts in place of the assessor's; the management fee
    follows the reviewed parts total (rounded once). Paint discount and cap lines stay as
    priced."""
    assert priced.totals is not None
    sums = dict.fromkeys(LineKind, ZERO)
    for line in priced.lines:
        assert line.index is not None
        adjusted = adjustments.get(line.index)
        sums[line.kind] += line.amount if adjusted is None else adjusted.amount
    for line in priced.adjustments:
        sums[line.kind] += line.amount
    e = priced.estimate
    parts = round_fen(sums[LineKind.PART])
    fee = round_fen(parts * e.parts_management_fee_rate)
    t = priced.totals
    labor, paint = round_fen(sums[LineKind.LABOR]), round_fen(sums[LineKind.PAINT])
    material, sublet = round_fen(sums[LineKind.MATERIAL]), round_fen(sums[LineKind.SUBLET])
    towing = round_fen(sums[LineKind.TOWING])
    total = parts + fee + labor + paint + material + sublet + towing - t.salvage
    return Totals(parts, fee, labor, paint, material, sublet, towing, t.salvage, total)

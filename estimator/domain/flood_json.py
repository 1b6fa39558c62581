"""The flood assessment as JSON (flood-assessment.md, Output). Pure.

Amounts are strings with two decimals. A per-unit loss keeps its exact digits when it has
more than two (432.0995 from a loss ratio): the line's loss is units × that, then rounded,
and printing a rounded unit loss would not multiply back to it. Heights and depths in cm are
plain decimal strings ("80", "35.5").
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from estimator.domain.flood import FloodAssessment, Stack
from estimator.domain.flood_book import BookCheckLine, book_check_json
from estimator.domain.flood_lots import LotAssessment, assess_lots, lots
from estimator.domain.flood_settlement import Settlement
from kernel.money import FEN, format_money


def cm(value: Decimal) -> str:
    """A length in cm without exponent or trailing zeros: 80, 35.5."""
    return format(value.normalize(), "f")


def unit_amount(value: Decimal) -> str:
    """A per-unit amount: two decimals, or its exact digits when it has more."""
    if value == value.quantize(FEN):
        return str(value.quantize(FEN))
    return format(value.normalize(), "f")


def assessment_document(
    a: FloodAssessment,
    lot_results: Sequence[LotAssessment] | None = None,
    settlement: Settlement | None = None,
    book_check: Sequence[BookCheckLine] | None = None,
) -> dict[str, object]:
    """The JSON document of an assessment (the keys of flood-assessment.md and a few more):
    ``lots`` from ``lot_results`` (else every lot as assumed), the ``settlement`` object
    when a policy was given, and ``book_check`` when the inventory has a book sheet."""
    shown = assess_lots(lots(a)) if lot_results is None else lot_results
    document = _assessment(a)
    document["lots"] = [lot.to_json() for lot in shown]
    if settlement is not None:
        document["settlement"] = settlement.to_json()
    if book_check is not None:
        document["book_check"] = book_check_json(book_check)
    return document


def _observed(stack: Stack) -> dict[str, object]:
    """A stack's observations, only those made (the keys are absent otherwise)."""
    observed: dict[str, object] = {}
    if stack.water_mark_cm is not None:
        observed["water_mark_cm"] = cm(stack.water_mark_cm)
    if stack.observed_collapse is not None:
        observed["observed_collapse"] = stack.observed_collapse
    return observed


def _assessment(a: FloodAssessment) -> dict[str, object]:
    """The assessment's own keys."""
    return {
        "depth": {
            "site_cm": None if a.depth.site_cm is None else cm(a.depth.site_cm),
            "zones": {zone: cm(d) for zone, d in a.depth.zones.items()},
        },
        "totals": {
            "units": a.totals.units,
            "wet_units": a.totals.wet_units,
            "loss": format_money(a.totals.loss),
            "salvage": format_money(a.totals.salvage),
            "net": format_money(a.totals.net),
        },
        "categories": [
            {
                "category": c.category,
                "units": c.units,
                "wet_units": c.wet_units,
                "collapsed_units": c.collapsed_units,
                "written_off_units": c.written_off_units,
                "sample_size": c.sample_size,
                "loss": format_money(c.loss),
                "salvage": format_money(c.salvage),
                "net": format_money(c.net),
            }
            for c in a.categories
        ],
        "zones": [
            {
                "zone": z.zone,
                "depth_cm": None if z.depth_cm is None else cm(z.depth_cm),
                "stacks": z.stacks,
                "wet_units": z.wet_units,
                "loss": format_money(z.loss),
                "salvage": format_money(z.salvage),
                "net": format_money(z.net),
            }
            for z in a.zones
        ],
        "stacks": [
            {
                "location": s.stack.location,
                "zone": s.stack.zone,
                "sku": s.stack.sku,
                "category": s.stack.category,
                "qty": s.stack.qty,
                "depth_cm": cm(s.depth_cm),
                **_observed(s.stack),
                "states": [
                    {
                        "state": line.state.value,
                        "layers": line.layers,
                        "units": line.units,
                        "unit_loss": unit_amount(line.unit_loss),
                        "loss": format_money(line.loss),
                        "written_off_units": line.written_off_units,
                        "salvage": format_money(line.salvage),
                        "net": format_money(line.net),
                    }
                    for line in s.lines
                ],
                "loss": format_money(s.loss),
                "salvage": format_money(s.salvage),
                "net": format_money(s.net),
            }
            for s in a.stacks
        ],
        "prevention": {
            "proposed_base_height_cm": cm(a.prevention.proposed_base_height_cm),
            "loss": format_money(a.prevention.loss),
            "salvage": format_money(a.prevention.salvage),
            "net": format_money(a.prevention.net),
            "avoided": format_money(a.prevention.avoided),
        },
    }

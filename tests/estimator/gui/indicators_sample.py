"""An indicators document as indicators.md's report contract gives it: two groups, three
assessors, three months (the dashboard's tests and its screenshots)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def _case(
    claim_no: str,
    assessor: str,
    group: str,
    tier: str,
    cycle_hours: str,
    clocks: list[dict[str, Any]],
    chases: int = 0,
    returns: int = 0,
) -> dict[str, Any]:
    return {
        "claim_no": claim_no,
        "assessor": assessor,
        "group": group,
        "tier": tier,
        "front_end_cycle_hours": cycle_hours,
        "clocks": clocks,
        "chases": chases,
        "returns": returns,
        "supplements": 0,
        "first_total": "24952.39",
        "approved_total": "23800.00",
    }


def _clock(clock: str, state: str, late_hours: str | None = None) -> dict[str, Any]:
    return {
        "clock": clock,
        "due": "2026-10-06T09:00:00+08:00",
        "done": None if state in ("running", "overdue") else "2026-10-07T11:00:00+08:00",
        "state": state,
        "late_hours": late_hours,
    }


CASES = [
    _case(
        "PDAA202609001",
        "wang",
        "large",
        "teardown",
        "348.00",
        [_clock("teardown_items", "met_late", "26.00"), _clock("teardown_estimate", "met")],
        chases=1,
        returns=1,
    ),
    _case("PDAA202610002", "wang", "large", "teardown", "312.00", [_clock("review", "met")]),
    _case(
        "PDAA202611003",
        "wang",
        "large",
        "teardown",
        "384.00",
        [_clock("resubmission", "overdue", "30.50")],
        returns=2,
    ),
    _case("PDAA202609004", "li", "ordinary", "standard", "72.00", [_clock("contact", "met")]),
    _case(
        "PDAA202610005",
        "li",
        "ordinary",
        "standard",
        "84.00",
        [_clock("standard", "met_late", "3.00")],
    ),
    _case(
        "PDAA202609006",
        "zhao",
        "ordinary",
        "on_site",
        "150.00",
        [_clock("arrival", "met_late", "0.50"), _clock("on_site", "overdue", "5.00")],
        chases=4,
    ),
    _case("PDAA202611007", "zhao", "ordinary", "standard", "157.20", [], chases=0, returns=1),
]

BY_ASSESSOR = [
    {
        "assessor": "wang",
        "group": "large",
        "cases": 3,
        "front_end_cycle_avg_days": "14.50",
        "attainment": {
            "teardown_items": "0.6667",
            "teardown_estimate": "1.0000",
            "resubmission": "0.5000",
            "review": "0.9000",
        },
        "deviation": "0.0830",
        "chases": 1,
        "penalty": "100.00",
        "onsite_collection_rate": None,
    },
    {
        "assessor": "li",
        "group": "ordinary",
        "cases": 2,
        "front_end_cycle_avg_days": "3.25",
        "attainment": {"contact": "0.9500", "arrival": "0.9000", "standard": "0.8750"},
        "deviation": "0.0310",
        "chases": 0,
        "penalty": "0.00",
        "onsite_collection_rate": "0.9500",
    },
    {
        "assessor": "zhao",
        "group": "ordinary",
        "cases": 2,
        "front_end_cycle_avg_days": "6.40",
        "attainment": {
            "contact": "0.8000",
            "arrival": "0.7500",
            "on_site": "0.6667",
            "standard": "0.7000",
        },
        "deviation": "0.1204",
        "chases": 4,
        "penalty": "1500.00",
        "onsite_collection_rate": "0.8000",
    },
]

BY_GROUP = [
    {
        "group": "large",
        "cases": 3,
        "front_end_cycle_avg_days": "14.50",
        "attainment": {
            "teardown_items": "0.6667",
            "teardown_estimate": "1.0000",
            "resubmission": "0.5000",
            "review": "0.9000",
        },
        "deviation": "0.0830",
        "chases": 1,
        "penalty": "100.00",
    },
    {
        "group": "ordinary",
        "cases": 4,
        "front_end_cycle_avg_days": "4.83",
        "attainment": {
            "contact": "0.8750",
            "arrival": "0.8250",
            "on_site": "0.6667",
            "standard": "0.7875",
        },
        "deviation": "0.0757",
        "chases": 4,
        "penalty": "1500.00",
    },
]

BY_MONTH = [
    {"month": m, "group": g, "front_end_cycle_avg_days": v, "attainment": {}}
    for m, g, v in (
        ("2026-09", "large", "14.50"),
        ("2026-10", "large", "13.00"),
        ("2026-11", "large", "16.00"),
        ("2026-09", "ordinary", "4.63"),
        ("2026-10", "ordinary", "3.50"),
        ("2026-11", "ordinary", "6.55"),
    )
] + [
    {"month": "2026-10", "assessor": "wang", "front_end_cycle_avg_days": "13.00"},
]


def sample_document(start: dt.date, end: dt.date) -> dict[str, Any]:
    """The document for any period (the figures do not depend on it)."""
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "timezone": "Asia/Shanghai",
        "cases": [dict(c) for c in CASES],
        "by_assessor": [dict(r) for r in BY_ASSESSOR],
        "by_group": [dict(r) for r in BY_GROUP],
        "by_month": [dict(r) for r in BY_MONTH],
    }

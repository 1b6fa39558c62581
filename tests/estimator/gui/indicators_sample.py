"""An indicators document made by the report itself (``build_document``) from hand-made case
timings: two groups, three assessors, September to November 2026 (the dashboard's tests and
its screenshots), so that the sample has exactly the real document's shape."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from estimator.domain.clocks import Clock
from estimator.domain.indicator_figures import CycleTargets
from estimator.domain.indicators import CaseTiming
from estimator.services.indicators import build_document

ZONE = "Asia/Shanghai"
#: The time of reading: the end of the sample's last month, in the afternoon.
NOW = dt.datetime(2026, 11, 30, 15, 30, tzinfo=ZoneInfo(ZONE))
FIRST, LAST = dt.date(2026, 9, 1), dt.date(2026, 11, 30)


def at(month: int, day: int, hour: float = 9) -> dt.datetime:
    """A moment of 2026 in the display zone."""
    minutes = round(hour * 60)
    return dt.datetime(2026, month, day, minutes // 60, minutes % 60, tzinfo=ZoneInfo(ZONE))


def _case(
    claim_no: str,
    assessor: str,
    group: str,
    tier: str,
    cycle_hours: float,
    last_submission: dt.datetime,
    clocks: tuple[Clock, ...] = (),
    **figures: Any,
) -> CaseTiming:
    return CaseTiming(
        claim_no=claim_no,
        assessor=assessor,
        large_case_group=group == "large",
        deadlines=clocks,
        cycle=dt.timedelta(hours=cycle_hours),
        group=group,
        tier=tier,
        last_submission=last_submission,
        submissions=figures.pop("submissions", 1),
        first_total=figures.pop("first_total", Decimal("10000.00")),
        approved_total=figures.pop("approved_total", Decimal("10000.00")),
        **figures,
    )


TIMINGS = [
    _case(
        "PDAA202609001",
        "wang",
        "large",
        "teardown",
        348,
        at(9, 20, 10),
        (
            Clock("teardown_items", at(9, 10), at(9, 11, 11), at(9, 8)),  # 26 hours late
            Clock("teardown_estimate", at(9, 18), at(9, 17), at(9, 11, 11)),
            Clock("review", at(9, 21, 10), at(9, 21, 12), at(9, 20, 10)),  # 26 hours' review
        ),
        chases=1,
        penalty=Decimal("100.00"),
        submissions=2,
        returns=1,
        first_total=Decimal("24952.39"),
        approved_total=Decimal("23800.00"),
    ),
    _case(
        "PDAA202610002",
        "wang",
        "large",
        "teardown",
        312,
        at(10, 15, 10),
        (Clock("review", at(10, 16, 10), at(10, 15, 16), at(10, 15, 10)),),  # 6 hours
    ),
    _case(
        "PDAA202611003",
        "wang",
        "large",
        "teardown",
        384,
        at(11, 20),
        # Returned on the 26th and not resubmitted: overdue by 30.50 hours at NOW.
        (Clock("resubmission", at(11, 29), None, at(11, 26)),),
        returns=1,
        supplements=1,
        first_total=Decimal("20000.00"),
        approved_total=Decimal("22000.00"),
    ),
    _case(
        "PDAA202609004",
        "li",
        "ordinary",
        "standard",
        72,
        at(9, 8),
        (Clock("contact", at(9, 5, 10), at(9, 5, 9.5), at(9, 5, 9)),),
    ),
    _case(
        "PDAA202610005",
        "li",
        "ordinary",
        "standard",
        84,
        at(10, 9),
        (Clock("standard", at(10, 6), at(10, 6, 12), at(10, 3)),),  # 3 hours late
        first_total=Decimal("5000.00"),
        approved_total=Decimal("4800.00"),
    ),
    _case(
        "PDAA202609006",
        "zhao",
        "ordinary",
        "on_site",
        150,
        at(9, 25),
        (
            Clock("arrival", at(9, 20), at(9, 20, 9.5), at(9, 20, 8)),  # half an hour late
            Clock("on_site", at(9, 21), at(9, 21, 14), at(9, 20, 9.5)),  # 5 hours late
        ),
        chases=4,
        penalty=Decimal("1500.00"),
    ),
    _case(
        "PDAA202611007",
        "zhao",
        "ordinary",
        "standard",
        157.2,
        at(11, 12),
        submissions=2,
        returns=1,
    ),
]


def sample_document(start: dt.date = FIRST, end: dt.date = LAST) -> dict[str, Any]:
    """The report's document of the sample cases for the days ``start`` to ``end``."""
    return build_document(TIMINGS, start, end, NOW, ZONE, CycleTargets())

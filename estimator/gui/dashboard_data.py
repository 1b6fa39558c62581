"""What the dashboard reads from the indicators document (indicators.md, "Report contract"):
the figures as numbers, the report periods, and the numbers as the workstation writes them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum
from typing import Any

from estimator.domain.clocks import CLOCK_NAMES

#: The front-end cycle targets in days when the settings give none (indicators.md).
DEFAULT_CYCLE_TARGETS = {"large": Decimal(20), "ordinary": Decimal(5)}
HOURS_PER_DAY = Decimal(24)


class Period(Enum):
    """The report periods offered by the chooser."""

    THIS_MONTH = "this_month"
    LAST_3_MONTHS = "last_3_months"
    CUSTOM = "custom"


def period_dates(
    period: Period, today: dt.date, start: dt.date, end: dt.date
) -> tuple[dt.date, dt.date]:
    """The first and last day of ``period`` (custom: ``start`` and ``end`` in order)."""
    if period is Period.THIS_MONTH:
        return today.replace(day=1), today
    if period is Period.LAST_3_MONTHS:
        month = today.month - 2
        year = today.year + (month - 1) // 12
        return dt.date(year, (month - 1) % 12 + 1, 1), today
    return (start, end) if start <= end else (end, start)


def number(value: object) -> Decimal | None:
    """A figure of the document as a Decimal (None: absent or not a number)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def as_float(value: object) -> float | None:
    """A figure for drawing (charts measure in floats; the text keeps the Decimal)."""
    figure = number(value)
    return None if figure is None else float(figure)


def _rounded(value: Decimal | float, places: int) -> Decimal:
    """Rounded half up, as figures are read (6.25 days shows as 6.3)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def days_text(days: Decimal | float | None) -> str:
    """Days with one decimal (empty: no figure)."""
    return "" if days is None else f"{_rounded(days, 1):,.1f}"


def percent_text(ratio: Decimal | float | None, places: int = 1) -> str:
    """A ratio as a percentage (0.875 → 87.5%)."""
    if ratio is None:
        return ""
    return f"{_rounded(Decimal(str(ratio)) * 100, places):,.{places}f}%"


def money_text(amount: Decimal | float | None, places: int = 2) -> str:
    """An amount grouped by thousands (yuan)."""
    return "" if amount is None else f"{_rounded(amount, places):,.{places}f}"


def cycle_days(case: Mapping[str, Any]) -> Decimal | None:
    """A case's front-end cycle in days (the document gives hours)."""
    hours = number(case.get("front_end_cycle_hours"))
    return None if hours is None else hours / HOURS_PER_DAY


def present_clocks(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """The clocks that have an attainment in any of ``rows``, in the dashboard's order."""
    found = {clock for row in rows for clock in (row.get("attainment") or {})}
    return [c for c in CLOCK_NAMES if c in found] + sorted(found - set(CLOCK_NAMES))


def months(document: Mapping[str, Any]) -> list[str]:
    """The months of the document's monthly rows, in order."""
    return sorted({str(row["month"]) for row in document.get("by_month", []) if "month" in row})


def monthly(document: Mapping[str, Any], figure: str) -> list[float | None]:
    """One figure per month of the document's monthly rows (all its cases), in month order."""
    values = {
        str(row.get("month")): as_float(row.get(figure)) for row in document.get("by_month", [])
    }
    return [values.get(month) for month in months(document)]


def assessor_groups(document: Mapping[str, Any]) -> dict[str, str]:
    """Each assessor's group, as their cases give it (the figures per assessor do not)."""
    return {
        str(case["assessor"]): str(case.get("group") or "")
        for case in document.get("cases", [])
        if case.get("assessor")
    }


def late_clocks(case: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A case's clocks that were overdue or met late."""
    return [c for c in case.get("clocks", []) if c.get("state") in ("overdue", "met_late")]


def assessor_cases(document: Mapping[str, Any], assessor: str) -> list[Mapping[str, Any]]:
    """The cases of one assessor, by claim number."""
    chosen = [c for c in document.get("cases", []) if c.get("assessor") == assessor]
    return sorted(chosen, key=lambda c: str(c.get("claim_no", "")))

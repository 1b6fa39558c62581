"""The working-day calendar (工作日历): weekdays, public holidays and 调休 make-up working days. Pure.

The calendar is data per year (resources/calendars/CN-YYYY.json, loaded by the services); the
domain only takes a ``Calendar`` value. Days are counted in local time (Asia/Shanghai), so a
deadline set at 17:00 local on a Friday lands at 17:00 local on the counted day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from kernel.clock import LOCAL_ZONE


@dataclass(frozen=True)
class Calendar:
    """Which days count. By default every day (calendar days). ``weekdays`` are the ordinary
    working weekdays (0 = Monday); ``holidays`` never count; ``make_up_days`` (调休, a Saturday
    or Sunday that is a working day) always count."""

    weekdays: frozenset[int] = frozenset(range(7))
    holidays: frozenset[dt.date] = frozenset()
    make_up_days: frozenset[dt.date] = frozenset()
    zone: str = LOCAL_ZONE

    def counts(self, day: dt.date) -> bool:
        """Whether ``day`` is a counted (working) day."""
        if day in self.make_up_days:
            return True
        return day.weekday() in self.weekdays and day not in self.holidays

    def add_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """``start`` plus ``days`` counted days, the local time of day kept; the result is in
        ``start``'s zone."""
        zone = ZoneInfo(self.zone)
        local = start.astimezone(zone) if start.tzinfo is not None else start
        remaining = days
        while remaining > 0:
            local += dt.timedelta(days=1)
            if self.counts(local.date()):
                remaining -= 1
        return local.astimezone(start.tzinfo) if start.tzinfo is not None else local


#: Every day counts.
CALENDAR_DAYS = Calendar()

#: Monday to Friday, no holidays known.
WORKING_WEEK = Calendar(frozenset(range(5)))


def working_calendar(
    holidays: frozenset[dt.date] = frozenset(), make_up_days: frozenset[dt.date] = frozenset()
) -> Calendar:
    """Monday to Friday with the given public holidays and make-up working days."""
    return Calendar(frozenset(range(5)), holidays, make_up_days)

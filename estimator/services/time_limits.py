"""The time-limit policy the services use: the limits and the working-day calendar as data.

The calendar is shipped per year as resources/calendars/CN-YYYY.json (public holidays and 调休
make-up working days, with the notice it comes from); a year an administrator imported
(``estimator calendar import``, stored per year) replaces the shipped file of that year; a year
with neither counts Monday to Friday. The limits are indicators.md's defaults until the settings (issue #19) supply them:
``time_limit_policy`` is the one place they are read.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from estimator.domain.clocks import TimeLimitPolicy
from estimator.domain.errors import DomainError
from estimator.domain.settings_schema import DayKind, Settings
from estimator.domain.working_days import Calendar, working_calendar
from estimator.services.settings import settings_in
from kernel.problems import register_messages

if TYPE_CHECKING:
    from estimator.persistence.uow import UnitOfWork

register_messages(
    {
        "calendar_file_unreadable": (
            "工作日历文件 {file} 无法读取：{detail}",
            "the working-day calendar {file} cannot be read: {detail}",
        ),
    }
)


def _dates(values: object, file: str) -> frozenset[dt.date]:
    if not isinstance(values, list):
        raise DomainError("calendar_file_unreadable", file=file, detail="list of dates expected")
    try:
        return frozenset(dt.date.fromisoformat(str(v)) for v in values)
    except ValueError as error:
        raise DomainError("calendar_file_unreadable", file=file, detail=str(error)) from error


def read_calendar_year(text: str, file: str) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """A year's (holidays, make-up working days) from the JSON of a calendar file."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise DomainError("calendar_file_unreadable", file=file, detail=str(error)) from error
    if not isinstance(data, dict):
        raise DomainError("calendar_file_unreadable", file=file, detail="an object expected")
    return (
        _dates(data.get("holidays", []), file),
        _dates(data.get("make_up_working_days", []), file),
    )


def calendar_file(year: int, country: str = "CN") -> Path | None:
    """The shipped calendar file of ``year``, if there is one."""
    found = resources.files("estimator.resources").joinpath("calendars", f"{country}-{year}.json")
    return Path(str(found)) if found.is_file() else None


@cache
def shipped_calendar(years: tuple[int, ...] = (), country: str = "CN") -> Calendar:
    """Monday to Friday with the shipped holidays and make-up days of every file found (of
    ``years`` if given, else of every shipped year)."""
    folder = Path(str(resources.files("estimator.resources").joinpath("calendars")))
    wanted = set(years)
    holidays: set[dt.date] = set()
    make_up: set[dt.date] = set()
    for path in sorted(folder.glob(f"{country}-*.json")) if folder.is_dir() else []:
        year = path.stem.rpartition("-")[2]
        if wanted and (not year.isdigit() or int(year) not in wanted):
            continue
        off, worked = read_calendar_year(path.read_text(encoding="utf-8"), path.name)
        holidays |= off
        make_up |= worked
    return working_calendar(frozenset(holidays), frozenset(make_up))


#: The clocks whose limits are whole days, each of which counts calendar or working days.
DAY_CLOCKS = ("awaiting_teardown", "teardown_items", "teardown_estimate", "resubmission", "review")


def merged_calendar(stored: list[tuple[dt.date, str]], shipped: Calendar | None = None) -> Calendar:
    """The shipped calendar with every year found in ``stored`` (day, holiday|workday)
    replaced by the stored days of that year."""
    base = shipped or shipped_calendar()
    years = {day.year for day, _kind in stored}
    holidays = {d for d in base.holidays if d.year not in years}
    make_up = {d for d in base.make_up_days if d.year not in years}
    holidays |= {day for day, kind in stored if kind == "holiday"}
    make_up |= {day for day, kind in stored if kind == "workday"}
    return working_calendar(frozenset(holidays), frozenset(make_up))


def calendar_in(uow: UnitOfWork) -> Calendar:
    """The working-day calendar in force, read in ``uow``: the imported years, else shipped."""
    stored = [(row.day, row.kind) for row in uow.calendar.days()]
    return merged_calendar(stored) if stored else shipped_calendar()


def policy_in(uow: UnitOfWork, settings: Settings | None = None) -> TimeLimitPolicy:
    """:func:`time_limit_policy` with the settings and the calendar stored in ``uow``."""
    return time_limit_policy(settings or settings_in(uow), calendar_in(uow))


def time_limit_policy(
    settings: Settings | None = None, calendar: Calendar | None = None
) -> TimeLimitPolicy:
    """The limits in force: the administrators' settings (indicators.md's defaults where none
    is stored; ``estimator settings``) on ``calendar`` (by default the shipped one; the
    services pass :func:`calendar_in`)."""
    chosen = settings or Settings.of({})
    days = {clock: chosen.days_limit(clock) for clock in DAY_CLOCKS}
    return TimeLimitPolicy(
        contact=chosen.minutes_limit("clock.contact.minutes"),
        arrival_city=chosen.minutes_limit("clock.arrival.city_minutes"),
        arrival_suburban=chosen.minutes_limit("clock.arrival.suburban_minutes"),
        entrusted_survey=chosen.hours_limit("entrusted_survey"),
        on_site=chosen.hours_limit("on_site"),
        standard=chosen.hours_limit("standard"),
        awaiting_teardown_days=days["awaiting_teardown"][0],
        teardown_items_days=days["teardown_items"][0],
        teardown_estimate_days=days["teardown_estimate"][0],
        resubmission_days=days["resubmission"][0],
        review_days=days["review"][0],
        working_day_clocks=frozenset(
            c for c, (_n, kind) in days.items() if kind is DayKind.WORKING
        ),
        calendar=calendar or shipped_calendar(),
    )

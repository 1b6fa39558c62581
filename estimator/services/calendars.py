"""The working-day calendar as data (工作日历, indicators.md): imported from a workbook by an
administrator (``estimator calendar import``: every bad row named and nothing stored, else the
years it covers replaced; audited with the file's SHA-256 and counts), its empty template, and
the calendar in force (``time_limits.calendar_in``: the imported years, else the shipped file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from estimator.documents.calendar_workbook import read_calendar
from estimator.documents.calendar_workbook import write_template as _write_template
from estimator.domain.workflow import Role
from estimator.domain.working_days import Calendar
from estimator.persistence.pending import CalendarDayRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.imports import read_whole
from estimator.services.time_limits import calendar_in
from estimator.services.users import User, require_roles
from kernel.problems import Problem, register_messages

register_messages(
    {
        "calendar_empty": (
            "日历工作簿中没有任何日期，未作改动",
            "the calendar workbook holds no date; nothing changed",
        ),
    }
)

#: Who imports the calendar.
IMPORTERS = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class CalendarImport:
    """What an import stored (years, holidays, working days) or why it stored nothing."""

    problems: list[Problem] = field(default_factory=list)
    years: tuple[int, ...] = ()
    holidays: int = 0
    workdays: int = 0
    sha256: str = ""

    @property
    def stored(self) -> bool:
        """Whether the days were stored."""
        return not self.problems


def import_calendar(engine: Engine, path: Path, actor: User) -> CalendarImport:
    """Import the calendar workbook at ``path``: refused whole when any row is bad, else the
    years it covers replace what was stored for them (audited ``calendar_import``)."""
    require_roles(actor, IMPORTERS)
    parsed, refused, digest = read_whole(path, read_calendar)
    if parsed is None:
        return CalendarImport(refused, sha256=digest)
    if parsed.errors:
        return CalendarImport(parsed.errors, sha256=digest)
    if not parsed.days:
        return CalendarImport([Problem("calendar_empty")], sha256=digest)
    years = tuple(sorted({d.day.year for d in parsed.days}))
    holidays = sum(1 for d in parsed.days if d.kind == "holiday")
    workdays = len(parsed.days) - holidays
    with UnitOfWork(engine, write=True) as uow:
        uow.calendar.replace_years(
            [
                CalendarDayRow(day=d.day, year=d.day.year, kind=d.kind, name=d.name)
                for d in parsed.days
            ]
        )
        uow.audit.record(
            actor=actor.username,
            entity="calendar",
            entity_id=",".join(str(y) for y in years),
            action="calendar_import",
            detail={
                "file": path.name,
                "sha256": digest,
                "years": list(years),
                "holidays": holidays,
                "workdays": workdays,
            },
        )
        uow.commit()
    return CalendarImport([], years, holidays, workdays, digest)


def calendar_in_force(engine: Engine) -> Calendar:
    """The working-day calendar the clocks use now."""
    with UnitOfWork(engine) as uow:
        return calendar_in(uow)


def write_calendar_template(path: Path) -> None:
    """The empty calendar workbook (``estimator template calendar``)."""
    _write_template(path)

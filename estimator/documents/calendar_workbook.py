"""The working-day calendar workbook (工作日历): a sheet ``days`` with a row per public holiday
or 调休 working day (date, kind = holiday | workday, name), read with every bad row named
(a bad date, an unknown kind, a date twice), and its empty template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from kernel.problems import Problem
from kernel.workbook import (
    MAX_ROWS,
    ColumnSpec,
    ParsedWorkbook,
    RowChecker,
    SheetSpec,
    Workbook,
    cell_date,
    cell_text,
    choice,
)
from kernel.workbook import write_template as write_workbook_template

#: A calendar holds a few dozen days a year: a file of more rows is not a calendar.
CALENDAR_MAX_ROWS = 5000

DAYS = SheetSpec(
    "days",
    ("日历", "工作日历", "节假日"),
    (
        ColumnSpec("date", ("日期",), required=True),
        ColumnSpec("kind", ("类型", "放假/上班"), required=True),
        ColumnSpec("name", ("名称", "节日")),
    ),
)

#: The kinds and the words accepted for them.
KIND_ALIASES = {
    "holiday": "holiday",
    "放假": "holiday",
    "休": "holiday",
    "节假日": "holiday",
    "workday": "workday",
    "上班": "workday",
    "班": "workday",
    "调休上班": "workday",
}

EXPLANATIONS = {
    "date": "日期，如 2027-01-01 / a date such as 2027-01-01; each date once",
    "kind": (
        "holiday（放假：不计工作日）或 workday（调休上班的周六、周日：计为工作日） / holiday "
        "(a day off) or workday (a Saturday or Sunday worked)"
    ),
    "name": "节日名称，如 元旦 / the holiday's name, e.g. New Year",
}


@dataclass(frozen=True)
class CalendarDay:
    """A row of the calendar: a holiday or a make-up working day."""

    day: dt.date
    kind: str  # holiday | workday
    name: str = ""


@dataclass
class ParsedCalendar(ParsedWorkbook):
    """A calendar workbook once validated."""

    days: list[CalendarDay] = field(default_factory=list)


def read_calendar(path: Path, *, max_rows: int = CALENDAR_MAX_ROWS) -> ParsedCalendar:
    """Read and validate a calendar workbook. Raises WorkbookRefused for bad files."""
    parsed = ParsedCalendar()
    with Workbook(path, max_rows=min(max_rows, MAX_ROWS)) as book:
        reader, problems = book.sheet(DAYS)
        parsed.problems.extend(problems)
        if parsed.errors or reader is None:
            return parsed
        first_row: dict[dt.date, int] = {}
        for row in reader:
            parsed.rows_read += 1
            check = RowChecker(reader.title, row)
            day = check.get("date", cell_date, required=True)
            kind = check.get("kind", choice(KIND_ALIASES), required=True)
            name = check.get("name", cell_text, limit=60) or ""
            if day is not None and day in first_row:
                check.problems.append(
                    Problem(
                        "duplicate_key",
                        reader.title,
                        row.number,
                        "date",
                        row.values.get("date"),
                        {"other_row": first_row[day]},
                    )
                )
            elif day is not None:
                first_row[day] = row.number
            if check.problems:
                parsed.problems.extend(check.problems)
                parsed.rows_rejected += 1
                continue
            parsed.days.append(CalendarDay(day, kind, name))
    return parsed


def write_template(path: Path) -> None:
    """The empty calendar workbook with its explanation sheet."""
    write_workbook_template(path, [DAYS], EXPLANATIONS)

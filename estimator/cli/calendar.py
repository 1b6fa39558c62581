"""``estimator calendar``: the working-day calendar (工作日历) imported from a workbook (an
administrator; every bad row named and nothing stored; audited with the file's SHA-256)."""

from __future__ import annotations

import argparse
from typing import Any

from estimator.cli.common import (
    OK,
    REJECTED,
    import_group,
    import_whole,
    say,
)
from kernel.problems import register_messages

register_messages(
    {
        "calendar.calendar": ("工作日历", "the working-day calendar"),
        "calendar.import_command": (
            "从工作簿导入工作日历（节假日与调休上班日，按年份替换；管理员）",
            "import the working-day calendar from a workbook (holidays and make-up working "
            "days, replacing those years; administrators)",
        ),
        "calendar.file": (
            "日历工作簿 (.xlsx，工作表 days：date、kind、name)",
            "the calendar workbook (.xlsx, sheet days: date, kind, name)",
        ),
        "calendar.imported": (
            "已导入 {years} 年工作日历：节假日 {holidays} 天，调休上班 {workdays} 天",
            "imported the working-day calendar of {years}: {holidays} holidays, {workdays} "
            "make-up working days",
        ),
        "calendar.not_imported": (
            "工作日历未导入：{count} 个问题，未作改动",
            "the calendar was not imported: {count} problems; nothing changed",
        ),
    }
)


def add_parser(sub: Any) -> None:
    """``calendar import FILE --as ADMIN``."""
    import_group(sub, "calendar", cmd_calendar_import)


def cmd_calendar_import(args: argparse.Namespace) -> int:
    """Import the calendar workbook as the signed-in administrator."""
    from estimator.services.calendars import IMPORTERS, import_calendar

    result = import_whole(args, IMPORTERS, import_calendar, "calendar.not_imported")
    if result is None:
        return REJECTED
    years = "、".join(str(y) for y in result.years)
    print(say("calendar.imported", years=years, holidays=result.holidays, workdays=result.workdays))
    return OK

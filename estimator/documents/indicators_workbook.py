"""The service indicators workbook: the report's tables (cases, clocks, by assessor, by group,
by month, attainment per clock) with native Excel charts (openpyxl.chart)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from estimator.domain.clocks import CLOCK_STATE_ZH as STATE_ZH
from estimator.domain.clocks import CLOCK_ZH
from estimator.domain.estimate import TIER_ZH
from estimator.domain.workflow import GROUP_ZH

#: The figure columns of the assessor, group and month sheets: (document key, header, kind).
FIGURE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("cases", "案件 cases", "count"),
    ("front_end_cycle_avg_days", "前端周期均值(天) cycle avg (days)", "number"),
    ("front_end_cycle_median_days", "前端周期中位数(天) cycle median (days)", "number"),
    ("front_end_cycle_within_target", "周期达标率 cycle within target", "ratio"),
    ("resubmission_compliance", "退回重报达成率 resubmission compliance", "ratio"),
    ("escalations", "升级 escalations", "count"),
    ("chases", "催问 chases", "count"),
    ("penalty", "催问扣款(元) penalty (yuan)", "number"),
    ("onsite_collection_rate", "现场单证收集率 on-site documents", "ratio"),
    ("deviation", "估损偏差率 deviation", "ratio"),
    ("supplements_per_case", "每案追加 supplements per case", "number"),
    ("supplement_growth", "追加增幅 supplement growth", "ratio"),
    ("review_hours_avg", "核损平均时长(小时) review (h)", "number"),
    ("returns_per_submission", "每次提交退回 returns per submission", "ratio"),
)


_GROUPS = {g.value: word for g, word in GROUP_ZH.items()}


def _number(value: Any) -> Any:
    """A document string as a number for Excel (None stays empty)."""
    return None if value is None else float(value)


def _word(words: dict[str, str], code: str | None) -> str | None:
    """A code in words (the code itself if unknown)."""
    return None if code is None else words.get(code, code)


def _moment(text: str | None) -> dt.datetime | None:
    """An ISO time of the document as the wall time Excel shows (the zone is in the header)."""
    return None if text is None else dt.datetime.fromisoformat(text).replace(tzinfo=None)


def _header(sheet: Worksheet, cells: Sequence[str]) -> None:
    sheet.append(list(cells))
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _figures_sheet(
    sheet: Worksheet,
    key: str,
    title: str,
    rows: list[dict[str, Any]],
    words: dict[str, str] | None = None,
) -> None:
    """One row per assessor, group or month (``key`` in ``words`` if given): the figures, then
    attainment per clock."""
    clocks = sorted({name for row in rows for name in row["attainment"]})
    _header(
        sheet,
        [
            title,
            *(h for _k, h, _t in FIGURE_COLUMNS),
            *(f"达成率 {_word(CLOCK_ZH, c)}" for c in clocks),
        ],
    )
    for row in rows:
        cells = [_word(words, row[key]) if words else row[key]]
        cells += [row[k] if kind == "count" else _number(row[k]) for k, _h, kind in FIGURE_COLUMNS]
        cells += [_number(row["attainment"].get(c)) for c in clocks]
        sheet.append(cells)
    ratio_columns = [i for i, (_k, _h, kind) in enumerate(FIGURE_COLUMNS, 2) if kind == "ratio"]
    ratio_columns += range(len(FIGURE_COLUMNS) + 2, len(FIGURE_COLUMNS) + 2 + len(clocks))
    for line in sheet.iter_rows(min_row=2):
        for column in ratio_columns:
            line[column - 1].number_format = "0.00%"


def _cases_sheet(sheet: Worksheet, cases: list[dict[str, Any]]) -> None:
    _header(
        sheet,
        [
            "报案号 claim no.",
            "定损员 assessor",
            "组 group",
            "档位 tier",
            "前端周期(小时) cycle (h)",
            "催问 chases",
            "退回 returns",
            "追加 supplements",
            "首次定损金额 first total",
            "核定金额 approved total",
        ],
    )
    for c in cases:
        sheet.append(
            [
                c["claim_no"],
                c["assessor"],
                _word(_GROUPS, c["group"]),
                _word(TIER_ZH, c["tier"]),
                _number(c["front_end_cycle_hours"]),
                c["chases"],
                c["returns"],
                c["supplements"],
                _number(c["first_total"]),
                _number(c["approved_total"]),
            ]
        )


def _clocks_sheet(sheet: Worksheet, cases: list[dict[str, Any]], zone: str) -> None:
    _header(
        sheet,
        [
            "报案号 claim no.",
            "定损员 assessor",
            "时效 clock",
            f"到期 due ({zone})",
            f"完成 done ({zone})",
            "状态 state",
            "超时(小时) late (h)",
        ],
    )
    for c in cases:
        for clock in c["clocks"]:
            sheet.append(
                [
                    c["claim_no"],
                    c["assessor"],
                    _word(CLOCK_ZH, clock["clock"]),
                    _moment(clock["due"]),
                    _moment(clock["done"]),
                    _word(STATE_ZH, clock["state"]),
                    _number(clock["late_hours"]),
                ]
            )
    for line in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in line:
            cell.number_format = "yyyy-mm-dd hh:mm"
    for column, size in (("A", 24), ("C", 16), ("D", 18), ("E", 18)):
        sheet.column_dimensions[column].width = size


def _attainment_sheet(sheet: Worksheet, overall: dict[str, Any]) -> None:
    """Attainment per clock over the whole range, and its bar chart."""
    _header(sheet, ["时效 clock", "达成率 attainment"])
    for name, rate in overall["attainment"].items():
        sheet.append([_word(CLOCK_ZH, name), _number(rate)])
        sheet.cell(sheet.max_row, 2).number_format = "0.00%"
    chart = BarChart()
    chart.title = "时效达成率 attainment per clock"
    chart.y_axis.title = "达成率 attainment"
    rows = max(sheet.max_row, 2)
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=rows), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows))
    sheet.add_chart(chart, "D2")


def _month_chart(sheet: Worksheet) -> None:
    """A line chart of the monthly front-end cycle average (column B of the month sheet)."""
    chart = LineChart()
    chart.title = "前端周期均值(天) cycle average per month"
    rows = max(sheet.max_row, 2)
    chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=rows), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows))
    sheet.add_chart(chart, f"A{rows + 3}")


def _deviation_chart(sheet: Worksheet) -> None:
    """A bar chart of the estimate deviation per assessor."""
    column = 2 + [k for k, _h, _t in FIGURE_COLUMNS].index("deviation")
    chart = BarChart()
    chart.title = "估损偏差率 deviation per assessor"
    rows = max(sheet.max_row, 2)
    chart.add_data(Reference(sheet, min_col=column, min_row=1, max_row=rows), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=rows))
    sheet.add_chart(chart, f"A{rows + 3}")


def write_workbook(document: dict[str, Any], path: Path) -> None:
    """Write the indicators document (services/indicators.py) as a workbook at ``path``."""
    book = Workbook()
    assessors = book.active
    assert assessors is not None
    assessors.title = "按定损员 by assessor"
    _figures_sheet(assessors, "assessor", "定损员 assessor", document["by_assessor"])
    _deviation_chart(assessors)
    groups = book.create_sheet("按组 by group")
    _figures_sheet(groups, "group", "组 group", document["by_group"], _GROUPS)
    months = book.create_sheet("按月 by month")
    _figures_sheet(months, "month", "月份 month", document["by_month"])
    _month_chart(months)
    _attainment_sheet(book.create_sheet("时效达成率 attainment"), document["overall"])
    _cases_sheet(book.create_sheet("案件 cases"), document["cases"])
    _clocks_sheet(book.create_sheet("时效明细 clocks"), document["cases"], document["timezone"])
    book.save(path)

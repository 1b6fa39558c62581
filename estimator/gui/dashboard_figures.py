"""The dashboard's table of every figure per group (and all cases), and the words and
formats of the figures the assessors' table shares with it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from estimator.gui import dashboard_data as data

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _count(value: object) -> str:
    figure = data.number(value)
    return "" if figure is None else f"{int(figure):,}"


def _two(value: Decimal | None) -> str:
    return data.money_text(value, 2)


def _hours(value: Decimal | None) -> str:
    return data.money_text(value, 1)


#: How each figure of the document is written.
FORMATS: dict[str, Callable[[Any], str]] = {
    "cases": _count,
    "front_end_cycle_avg_days": lambda v: data.days_text(data.number(v)),
    "front_end_cycle_median_days": lambda v: data.days_text(data.number(v)),
    "front_end_cycle_within_target": lambda v: data.percent_text(data.number(v)),
    "resubmission_compliance": lambda v: data.percent_text(data.number(v)),
    "escalations": _count,
    "chases": _count,
    "penalty": lambda v: data.money_text(data.number(v)),
    "deviation": lambda v: data.percent_text(data.number(v)),
    "supplements_per_case": lambda v: _two(data.number(v)),
    "supplement_growth": lambda v: data.percent_text(data.number(v)),
    "review_hours_avg": lambda v: _hours(data.number(v)),
    "returns_per_submission": lambda v: _two(data.number(v)),
    "onsite_collection_rate": lambda v: data.percent_text(data.number(v)),
}


def figure_text(row: Mapping[str, Any], key: str) -> str:
    """A figure of a row of the document as the dashboard writes it (empty: none)."""
    return FORMATS[key](row.get(key))


def _figure(key: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda figures: figure_text(figures, key)


def _attainment(clock: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda figures: data.percent_text(
        data.number((figures.get("attainment") or {}).get(clock))
    )


class GroupFigures(QTableWidget):
    """Every figure of indicators.md per group and for all cases of the period, a row each."""

    def __init__(self) -> None:
        super().__init__()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setMinimumSectionSize(110)  # the figures side by side, legible

    def label(self, key: str) -> str:
        """The name of a figure (a row here, a column of the assessors' table)."""
        names = {
            "cases": self.tr("Cases"),
            "front_end_cycle_avg_days": self.tr("Front-end cycle, average (days)"),
            "front_end_cycle_median_days": self.tr("Front-end cycle, median (days)"),
            "front_end_cycle_within_target": self.tr("Cycle within target"),
            "resubmission_compliance": self.tr("Resubmission on time"),
            "escalations": self.tr("Escalations"),
            "chases": self.tr("Chases"),
            "penalty": self.tr("Penalty (yuan)"),
            "deviation": self.tr("Estimate deviation"),
            "supplements_per_case": self.tr("Supplements per case"),
            "supplement_growth": self.tr("Growth by supplements"),
            "review_hours_avg": self.tr("Review time, average (hours)"),
            "returns_per_submission": self.tr("Returns per submission"),
            "onsite_collection_rate": self.tr("On-site documents collected"),
        }
        return names[key]

    def show_figures(
        self,
        columns: Sequence[tuple[str, Mapping[str, Any], Decimal | None]],
        clocks: Sequence[tuple[str, str]],
    ) -> None:
        """Show ``columns`` (heading, figures, cycle target in days or None) with a row per
        figure and one per clock of ``clocks`` (key, name) for its attainment."""
        keys = list(FORMATS)
        rows: list[tuple[str, Callable[[Mapping[str, Any]], str]]] = [
            (self.label("cases"), lambda f: figure_text(f, "cases"))
        ]
        rows.append((self.tr("Cycle target (days)"), lambda _f: ""))
        rows += [(self.label(k), _figure(k)) for k in keys[1:]]
        rows += [
            (self.tr("Attainment: %1").replace("%1", name), _attainment(clock))
            for clock, name in clocks
        ]
        self.clear()
        self.setColumnCount(len(columns))
        self.setRowCount(len(rows) if columns else 0)
        self.setHorizontalHeaderLabels([heading for heading, _f, _t in columns])
        self.setVerticalHeaderLabels([label for label, _text in rows])
        for column, (_heading, figures, target) in enumerate(columns):
            for row, (_label, text) in enumerate(rows):
                value = text(figures) if row != 1 else data.days_text(target)
                item = QTableWidgetItem(value)
                item.setTextAlignment(RIGHT)
                self.setItem(row, column, item)

    def cell(self, label: str, column: int) -> str:
        """The text of the figure named ``label`` in ``column`` (for tests and readers)."""
        for row in range(self.rowCount()):
            header = self.verticalHeaderItem(row)
            item = self.item(row, column)
            if header is not None and header.text() == label and item is not None:
                return item.text()
        raise KeyError(label)

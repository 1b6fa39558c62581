"""服务指标看板: the managers' dashboard of indicators.md, with a drill-down to the cases.

The figures come from a ``source(start, end)`` giving the indicators document (the JSON of
indicators.md's report contract); it runs off the GUI thread while a busy bar shows. Charts:
attainment per clock, front-end cycle per assessor against its target, the monthly trend,
deviation and chases per assessor; a table per assessor; clicking an assessor lists their
cases, and double-clicking a case asks the main window to open it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from estimator.gui import dashboard_data as data
from estimator.gui.banner import OfflineBanner
from estimator.gui.dashboard_charts import PALETTE, BarChart, LineChart, Series
from estimator.gui.dashboard_figures import GroupFigures, figure_text
from estimator.gui.labels import clock_state_text
from estimator.gui.models import TIER_TEXT, tr
from estimator.gui.operations import OperationRunner, Screen
from estimator.services.indicators import indicators_document
from estimator.services.settings import current_settings
from estimator.services.users import list_users

if TYPE_CHECKING:
    from estimator.services.database import Database

#: Gives the indicators document for a period (first and last day, inclusive).
Source = Callable[[dt.date, dt.date], dict[str, Any]]
GROUP_COLOURS = {"large": PALETTE[0], "ordinary": PALETTE[1]}
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: The figures of the assessors' table, in its order (then the attainment per clock).
ASSESSOR_FIGURES = (
    "cases",
    "front_end_cycle_avg_days",
    "front_end_cycle_median_days",
    "front_end_cycle_within_target",
    "deviation",
    "chases",
    "penalty",
    "escalations",
    "resubmission_compliance",
    "supplements_per_case",
    "supplement_growth",
    "review_hours_avg",
    "returns_per_submission",
    "onsite_collection_rate",
)


class IndicatorsDashboard(QWidget):
    """The indicators per period as charts and tables, for managers and administrators."""

    #: A case's claim number, to open in the editor.
    open_case = Signal(str)
    #: A load finished (shown or refused).
    loaded = Signal()

    def __init__(
        self,
        source: Source,
        *,
        cycle_targets: Mapping[str, Decimal] | None = None,
        names: Mapping[str, str] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Service indicators dashboard"))
        self.source, self.today = source, today
        self.cycle_targets = dict(cycle_targets or data.DEFAULT_CYCLE_TARGETS)
        #: The assessors' names by username (the document names them by username).
        self.names = dict(names or {})
        self.document: dict[str, Any] = {}
        self.assessor = ""
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.addLayout(self._period_bar())
        self.offline = OfflineBanner()
        layout.addWidget(self.offline)
        # The load runs on a worker thread; a lost server or a refusal is said in the status.
        self.runner = OperationRunner(Screen(self.status.setText, self.offline, self.reload), self)
        self.runner.busy.connect(self._busy)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._charts_page(), self.tr("Charts"))
        self.tabs.addTab(self._tables_page(), self.tr("Assessors and cases"))
        self.group_figures = GroupFigures()
        self.tabs.addTab(self.group_figures, self.tr("Figures per group"))
        layout.addWidget(self.tabs, 1)
        self.resize(1340, 740)
        self.reload()

    # -- building ------------------------------------------------------------------------

    def _period_bar(self) -> QHBoxLayout:
        self.period = QComboBox()
        self.period.addItem(self.tr("This month"), data.Period.THIS_MONTH)
        self.period.addItem(self.tr("Last 3 months"), data.Period.LAST_3_MONTHS)
        self.period.addItem(self.tr("Custom period"), data.Period.CUSTOM)
        today = self.today()
        self.from_date, self.to_date = QDateEdit(), QDateEdit()
        for edit, day in ((self.from_date, today.replace(day=1)), (self.to_date, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.dateChanged.connect(lambda _d: self._custom_changed())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.progress.hide()  # shown while reading
        self.status = QLabel()
        self.period.currentIndexChanged.connect(lambda _i: self._period_changed())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Period")))
        bar.addWidget(self.period)
        bar.addWidget(QLabel(self.tr("From")))
        bar.addWidget(self.from_date)
        bar.addWidget(QLabel(self.tr("To")))
        bar.addWidget(self.to_date)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.progress)
        bar.addWidget(self.status, 1)
        self._period_changed(load=False)
        return bar

    def _charts_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.attainment_chart = BarChart(self.tr("Time-limit attainment per clock"))
        self.cycle_chart = BarChart(self.tr("Front-end cycle per assessor (days)"))
        self.trend_chart = LineChart(self.tr("Front-end cycle per month (days)"))
        self.deviation_chart = BarChart(self.tr("Estimate deviation per assessor"))
        self.chases_chart = BarChart(self.tr("Chases and penalty per assessor (yuan)"))
        self.attainment_chart.value_text = lambda v: data.percent_text(v, 0)
        self.attainment_chart.top = 1.0
        self.attainment_chart.percent = self.deviation_chart.percent = True
        self.chases_chart.whole = True
        self.cycle_chart.value_text = data.days_text
        self.trend_chart.value_text = data.days_text
        self.deviation_chart.value_text = data.percent_text
        self.chases_chart.value_text = lambda v: data.money_text(v, 0)
        for chart in (self.cycle_chart, self.deviation_chart, self.chases_chart):
            chart.category_clicked.connect(self.show_assessor)
            chart.setCursor(Qt.CursorShape.PointingHandCursor)
            chart.hint = self.tr("Click an assessor to list their cases")
        for chart in (self.attainment_chart, self.cycle_chart, self.deviation_chart):
            chart.empty_text = self.tr("No figures in this period")
        self.chases_chart.empty_text = self.trend_chart.empty_text = self.cycle_chart.empty_text
        grid.addWidget(self.attainment_chart, 0, 0, 1, 2)
        grid.addWidget(self.cycle_chart, 0, 2)
        grid.addWidget(self.trend_chart, 1, 0)
        grid.addWidget(self.deviation_chart, 1, 1)
        grid.addWidget(self.chases_chart, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        return page

    def _tables_page(self) -> QWidget:
        self.assessor_table = self._table()
        self.assessor_table.currentCellChanged.connect(
            lambda row, _c, _pr, _pc: self._assessor_row_chosen(row)
        )
        self.cases_title = QLabel()
        self.case_table = self._table()
        self.case_table.cellDoubleClicked.connect(lambda row, _c: self._open_row(row))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.cases_title)
        lower_layout.addWidget(self.case_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.assessor_table)
        splitter.addWidget(lower)
        splitter.setSizes([260, 400])
        return splitter

    @staticmethod
    def _table() -> QTableWidget:
        table = QTableWidget()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    # -- words ---------------------------------------------------------------------------

    def clock_name(self, clock: str) -> str:
        """A clock's short name as the dashboard shows it."""
        names = {
            "contact": self.tr("Customer contact"),
            "arrival": self.tr("Arrival on site"),
            "entrusted_survey": self.tr("Entrusted survey"),
            "on_site": self.tr("On-site estimate"),
            "standard": self.tr("Standard estimate"),
            "awaiting_teardown": self.tr("Awaiting teardown"),
            "teardown_items": self.tr("Teardown items fixed"),
            "teardown_estimate": self.tr("Teardown estimate"),
            "resubmission": self.tr("Resubmission"),
            "review": self.tr("Review"),
        }
        return names.get(clock, clock)

    def person(self, username: str) -> str:
        """An assessor's name as shown (the username when the name is not known)."""
        return self.names.get(username) or username

    def group_name(self, group: object) -> str:
        """A group's name (empty: no group)."""
        if group == "large":
            return self.tr("Large-case group")
        if group == "ordinary":
            return self.tr("Ordinary group")
        return ""

    # -- loading -------------------------------------------------------------------------

    def period_dates(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the chosen period."""
        return data.period_dates(
            self.period.currentData(),
            self.today(),
            self.from_date.date().toPython(),  # type: ignore[arg-type]
            self.to_date.date().toPython(),  # type: ignore[arg-type]
        )

    def _period_changed(self, *, load: bool = True) -> None:
        custom = self.period.currentData() is data.Period.CUSTOM
        self.from_date.setEnabled(custom)
        self.to_date.setEnabled(custom)
        if not custom:
            start, end = self.period_dates()
            for edit, day in ((self.from_date, start), (self.to_date, end)):
                blocked = edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(blocked)
        if load:
            self.reload()

    def _custom_changed(self) -> None:
        if self.period.currentData() is data.Period.CUSTOM:
            self.reload()

    @property
    def busy(self) -> bool:
        """Whether a load is running."""
        return self.runner.is_busy

    def reload(self) -> None:
        """Read the indicators of the chosen period in the background (a newer load wins)."""
        self._generation += 1
        generation, source = self._generation, self.source
        start, end = self.period_dates()
        self.status.setText(self.tr("Reading the indicators…"))
        self.runner.start(
            lambda: source(start, end), lambda doc: self._loaded(generation, doc), key="indicators"
        )

    def _busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)  # 0, 0: the busy bar
        self.progress.setVisible(busy)
        self.refresh_button.setEnabled(not busy)
        if not busy:  # after the result is shown (the runner hands it over next)
            QTimer.singleShot(0, self.loaded.emit)

    def _loaded(self, generation: int, document: dict[str, Any]) -> None:
        if generation == self._generation:  # else overtaken by a newer period
            self.show_document(document)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.wait()  # a thread must not outlive its QThread object
        super().closeEvent(event)

    # -- showing -------------------------------------------------------------------------

    def show_document(self, document: dict[str, Any]) -> None:
        """Show the figures of an indicators document."""
        self.document = document
        cases = len(document.get("cases", []))
        self.status.setText(
            self.tr("%1 cases from %2 to %3")
            .replace("%1", f"{cases:,}")
            .replace("%2", str(document.get("from", "")))
            .replace("%3", str(document.get("to", "")))
        )
        self._show_attainment()
        self._show_assessor_charts()
        self._show_trend()
        self._fill_assessors()
        self._show_group_figures()
        self.show_assessor(self.assessor if self._assessor_row(self.assessor) >= 0 else "")

    def _assessors(self) -> list[Mapping[str, Any]]:
        """The figures per assessor with the assessor's group (from their cases), by group."""
        groups = data.assessor_groups(self.document)
        rows = [
            {"group": groups.get(str(r.get("assessor")), ""), **r}
            for r in self.document.get("by_assessor", [])
        ]
        return sorted(rows, key=lambda r: (str(r.get("group") or ""), str(r.get("assessor"))))

    def _groups(self) -> list[Mapping[str, Any]]:
        return sorted(self.document.get("by_group", []), key=lambda r: str(r.get("group")))

    def _show_attainment(self) -> None:
        groups = self._groups()
        clocks = data.present_clocks(groups)
        series = [
            Series(
                self.group_name(g.get("group")),
                tuple(data.as_float((g.get("attainment") or {}).get(c)) for c in clocks),
            )
            for g in groups
        ]
        colours = [GROUP_COLOURS.get(str(g.get("group")), PALETTE[2]) for g in groups]
        self.attainment_chart.set_data(
            [self.clock_name(c) for c in clocks], series, keys=clocks, series_colours=colours
        )

    def _show_assessor_charts(self) -> None:
        rows = self._assessors()
        keys = [str(r.get("assessor")) for r in rows]
        names = [self.person(k) for k in keys]
        colours = [GROUP_COLOURS.get(str(r.get("group")), PALETTE[2]) for r in rows]
        groups = sorted({str(r.get("group")) for r in rows if r.get("group") in GROUP_COLOURS})
        legend = [(self.group_name(g), GROUP_COLOURS[g]) for g in groups]
        targets = [self._target(r.get("group")) for r in rows]
        self.cycle_chart.set_data(
            names,
            [
                Series(
                    self.tr("Average"),
                    tuple(data.as_float(r.get("front_end_cycle_avg_days")) for r in rows),
                )
            ],
            keys=keys,
            targets=targets,
            target_name=self.tr("Target"),
            colours=colours,
            legend=legend,
        )
        self.deviation_chart.set_data(
            names,
            [Series(self.tr("Deviation"), tuple(data.as_float(r.get("deviation")) for r in rows))],
            keys=keys,
            colours=colours,
            legend=legend,
        )
        penalties = tuple(data.as_float(r.get("penalty")) for r in rows)
        # A bar without chases carries no words: side by side they would only overlap.
        labels = [
            self.tr("Chases: %1 · %2")
            .replace("%1", str(r.get("chases") or 0))
            .replace("%2", data.money_text(data.number(r.get("penalty")), 0))
            if r.get("chases")
            else ""
            for r in rows
        ]
        self.chases_chart.set_data(
            names,
            [Series(self.tr("Penalty"), penalties)],
            keys=keys,
            bar_labels=[labels],
            colours=colours,
            legend=legend,
        )

    def _target(self, group: object) -> float | None:
        target = self.cycle_targets.get(str(group))
        return None if target is None else float(target)

    def _show_trend(self) -> None:
        """The cycle of all cases per month (average and median) against the groups' targets."""
        series = [
            Series(
                self.tr("Average"), tuple(data.monthly(self.document, "front_end_cycle_avg_days"))
            ),
            Series(
                self.tr("Median"), tuple(data.monthly(self.document, "front_end_cycle_median_days"))
            ),
        ]
        lines = [
            (self.tr("Target: %1").replace("%1", self.group_name(n)), float(self.cycle_targets[n]))
            for n in ("large", "ordinary")
            if n in self.cycle_targets
        ]
        self.trend_chart.set_data(data.months(self.document), series, target_lines=lines)

    def _show_group_figures(self) -> None:
        groups = self._groups()
        columns = [
            (
                self.group_name(g.get("group")) or str(g.get("group")),
                g,
                self.cycle_targets.get(str(g.get("group"))),
            )
            for g in groups
        ]
        if groups:
            columns.append((self.tr("All cases"), self.document.get("overall") or {}, None))
        clocks = data.present_clocks(groups)
        self.group_figures.show_figures(columns, [(c, self.clock_name(c)) for c in clocks])

    # -- tables and the drill-down -------------------------------------------------------

    def _fill_assessors(self) -> None:
        rows = self._assessors()
        clocks = data.present_clocks(rows)
        headers = [
            self.tr("Assessor"),
            self.tr("Group"),
            *(self.group_figures.label(k) for k in ASSESSOR_FIGURES),
            *(self.clock_name(c) for c in clocks),
        ]
        table = self.assessor_table
        blocked = table.blockSignals(True)
        table.clear()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            attainment = row.get("attainment") or {}
            texts = [
                self.person(str(row.get("assessor", ""))),
                self.group_name(row.get("group")),
                *(figure_text(row, k) for k in ASSESSOR_FIGURES),
                *(data.percent_text(data.number(attainment.get(c))) for c in clocks),
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(row.get("assessor", "")))
                if column >= 2:
                    item.setTextAlignment(RIGHT)
                table.setItem(index, column, item)
        table.blockSignals(blocked)

    def _assessor_row(self, assessor: str) -> int:
        for row in range(self.assessor_table.rowCount()):
            item = self.assessor_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == assessor:
                return row
        return -1

    def _assessor_row_chosen(self, row: int) -> None:
        item = self.assessor_table.item(row, 0) if row >= 0 else None
        chosen = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if chosen and chosen != self.assessor:
            self._list_cases(str(chosen))

    def show_assessor(self, assessor: str) -> None:
        """The drill-down: ``assessor``'s row chosen and their cases listed (tab shown when
        chosen from a chart)."""
        row = self._assessor_row(assessor)
        blocked = self.assessor_table.blockSignals(True)
        if row >= 0:
            self.assessor_table.selectRow(row)
        else:
            self.assessor_table.clearSelection()
        self.assessor_table.blockSignals(blocked)
        self._list_cases(assessor if row >= 0 else "")
        if row >= 0 and self.sender() in (
            self.cycle_chart,
            self.deviation_chart,
            self.chases_chart,
        ):
            self.tabs.setCurrentIndex(1)

    def _list_cases(self, assessor: str) -> None:
        self.assessor = assessor
        cases = data.assessor_cases(self.document, assessor) if assessor else []
        self.cases_title.setText(
            self.tr("Cases of %1 (double-click to open)").replace("%1", self.person(assessor))
            if assessor
            else self.tr("Choose an assessor to list their cases.")
        )
        headers = [
            self.tr("Claim no."),
            self.tr("Tier"),
            self.tr("Late or overdue clocks"),
            self.tr("Front-end cycle (days)"),
            self.tr("Chases"),
            self.tr("Returns"),
        ]
        table = self.case_table
        table.clear()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        # The late clocks take the width; the figures beside them stay near.
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setRowCount(len(cases))
        for index, case in enumerate(cases):
            tier = str(case.get("tier") or "")
            late = "；".join(
                f"{self.clock_name(str(c.get('clock')))} {clock_state_text(str(c.get('state')), data.number(c.get('late_hours')))}"
                for c in data.late_clocks(case)
            )
            texts = [
                str(case.get("claim_no", "")),
                tr(TIER_TEXT[tier]) if tier in TIER_TEXT else tier,
                late,
                data.days_text(data.cycle_days(case)),
                str(case.get("chases", 0)),
                str(case.get("returns", 0)),
            ]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column >= 3:
                    item.setTextAlignment(RIGHT)
                elif column == 2:
                    item.setToolTip(text)  # whole, when the column is narrower
                table.setItem(index, column, item)

    def _open_row(self, row: int) -> None:
        item = self.case_table.item(row, 0)
        if item is not None and item.text():
            self.open_case.emit(item.text())


def dashboard_for(engine: Database) -> IndicatorsDashboard:
    """The dashboard on the database's indicators, with the cycle targets of the settings."""
    settings = current_settings(engine)
    targets = {
        group: Decimal(settings.whole(f"cycle.target.{group}_days"))
        for group in data.DEFAULT_CYCLE_TARGETS
    }

    def source(start: dt.date, end: dt.date) -> dict[str, Any]:
        return indicators_document(engine, start, end)

    names = {user.username: user.display_name for user in list_users(engine)}
    return IndicatorsDashboard(source, cycle_targets=targets, names=names)

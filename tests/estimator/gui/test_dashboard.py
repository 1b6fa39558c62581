"""The managers' dashboard (服务指标看板): charts, tables and the drill-down from an injected
indicators document; the period chooser reloads; the main window opens it for managers."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.gui.dashboard import IndicatorsDashboard
from estimator.gui.dashboard_charts import PALETTE, LineChart, Series, tick_text, value_ticks
from estimator.gui.dashboard_data import Period, period_dates
from estimator.services import case_list
from estimator.services.users import create_user, list_users
from tests.estimator.gui.conftest import window
from tests.estimator.gui.indicators_sample import sample_document

TODAY = dt.date(2026, 12, 7)
#: The dashboard's today in the tests: the last day of the sample's three months.
SAMPLE_TODAY = dt.date(2026, 11, 30)


class Source:
    """The injected source: the sample document of the period asked for, and every period
    asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[dt.date, dt.date]] = []
        self.error: Exception | None = None

    def __call__(self, start: dt.date, end: dt.date) -> dict[str, Any]:
        self.asked.append((start, end))
        if self.error is not None:
            raise self.error
        return sample_document(start, end)


def _opened(
    qtbot: QtBot, source: Source, names: dict[str, str] | None = None
) -> IndicatorsDashboard:
    dashboard = IndicatorsDashboard(source, today=lambda: SAMPLE_TODAY, names=names)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: bool(dashboard.document) and not dashboard.busy)
    return dashboard


def _dashboard(
    qtbot: QtBot, source: Source, names: dict[str, str] | None = None
) -> IndicatorsDashboard:
    """The dashboard on the sample's three months (September to November 2026)."""
    dashboard = _opened(qtbot, source, names)
    dashboard.period.setCurrentIndex(dashboard.period.findData(Period.LAST_3_MONTHS))
    qtbot.waitUntil(lambda: not dashboard.busy and dashboard.document.get("from") == "2026-09-01")
    return dashboard


def test_the_period_choices_give_their_first_and_last_day() -> None:
    custom = (dt.date(2026, 9, 1), dt.date(2026, 11, 30))
    assert period_dates(Period.THIS_MONTH, TODAY, *custom) == (dt.date(2026, 12, 1), TODAY)
    assert period_dates(Period.LAST_3_MONTHS, TODAY, *custom) == (dt.date(2026, 10, 1), TODAY)
    assert period_dates(Period.LAST_3_MONTHS, dt.date(2027, 2, 3), *custom)[0] == dt.date(
        2026, 12, 1
    )
    assert period_dates(Period.CUSTOM, TODAY, *reversed(custom)) == custom


def test_the_charts_show_the_documents_figures(qtbot: QtBot) -> None:
    dashboard = _dashboard(qtbot, Source())
    attainment = dashboard.attainment_chart
    # The clocks in the groups' figures, in the order of indicators.md; a bar per group.
    assert attainment.keys == [
        "contact",
        "arrival",
        "on_site",
        "standard",
        "teardown_items",
        "teardown_estimate",
        "resubmission",
        "review",
    ]
    assert [s.name for s in attainment.series] == ["Large-case group", "Ordinary group"]
    assert attainment.series_colours == [PALETTE[0], PALETTE[1]]  # each group its colour
    large, ordinary = attainment.series
    # wang met one of his two review clocks; li met the contact clock, not the standard one.
    assert large.values == (None, None, None, None, 0.0, 1.0, 0.0, 0.5)
    assert ordinary.values == (1.0, 0.0, 0.0, 0.0, None, None, None, None)
    assert [text for _v, text in attainment.ticks] == ["0%", "25%", "50%", "75%", "100%"]
    # The cycle per assessor (large-case group first) against its group's target:
    # wang (348 + 312 + 384) h / 3 = 14.5 days, li (72 + 84) / 2 h, zhao (150 + 157.2) / 2 h.
    cycle = dashboard.cycle_chart
    assert cycle.categories == ["wang", "li", "zhao"]
    assert cycle.series[0].values == (14.5, 3.25, 6.4)
    assert cycle.targets == [20.0, 5.0, 5.0]
    assert [text for _v, text in cycle.ticks] == ["0", "10", "20", "30"]
    # The monthly trend of all cases, average and median, and the groups' targets as lines:
    # September's cycles are 14.5, 3 and 6.25 days.
    trend = dashboard.trend_chart
    assert trend.categories == ["2026-09", "2026-10", "2026-11"]
    assert {s.name: s.values for s in trend.series} == {
        "Average": (7.92, 8.25, 11.28),
        "Median": (6.25, 8.25, 11.28),
    }
    assert [v for _n, v in trend.target_lines] == [20.0, 5.0]
    # |24,952.39 − 23,800| ÷ 23,800, 0 and 2,000 ÷ 22,000 averaged for wang.
    assert dashboard.deviation_chart.series[0].values == (0.0464, 0.0208, 0.0)
    assert [t for _v, t in dashboard.deviation_chart.ticks] == ["0%", "2%", "4%", "6%"]
    chases = dashboard.chases_chart
    assert chases.series[0].values == (100.0, 0.0, 1500.0)
    assert chases.bar_labels[0][2] == "Chases: 4 · 1,500"
    assert chases.bar_labels[0][1] == ""  # no chase, no words under the others' labels
    assert [t for _v, t in chases.ticks] == ["0", "500", "1,000", "1,500", "2,000"]
    assert dashboard.status.text() == "7 cases from 2026-09-01 to 2026-11-30"
    # A name cut short under its bars is whole in the tip, with the figures.
    assert attainment.tip(4) == "Teardown items fixed: 0%"
    assert cycle.tip(0) == "wang: 14.5\nClick an assessor to list their cases"
    # Hovering a category puts its tip on the chart.
    scene_pos = cycle.plot_widget.mapToScene(cycle.category_centre(2))
    cycle.plot_widget.scene().sigMouseMoved.emit(scene_pos)
    assert cycle.plot_widget.toolTip() == "zhao: 6.4\nClick an assessor to list their cases"


def test_the_value_axis_reads_in_round_steps_with_the_places_they_need() -> None:
    assert value_ticks(1.0) == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert [tick_text(v, 0.25) for v in value_ticks(1.0)] == [
        "0.00",
        "0.25",
        "0.50",
        "0.75",
        "1.00",
    ]
    assert [tick_text(v, 0.25, percent=True) for v in (0.25, 0.5)] == ["25%", "50%"]
    # A count reads in whole steps (not 0, 0, 1, 1, 1).
    assert value_ticks(2.0, whole=True) == [0.0, 1.0, 2.0]
    assert [tick_text(v, 1.0) for v in value_ticks(2.0, whole=True)] == ["0", "1", "2"]
    assert value_ticks(0.3) == [0.0, 0.1, 0.2, 0.3]
    assert value_ticks(1620.0) == [0.0, 500.0, 1000.0, 1500.0, 2000.0]
    assert [tick_text(v, 0.025, percent=True) for v in (0.025, 0.05)] == ["2.5%", "5.0%"]


def _cells(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_the_table_has_a_row_per_assessor_with_the_group(qtbot: QtBot) -> None:
    table = _dashboard(qtbot, Source()).assessor_table
    assert table.rowCount() == 3
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[:16] == [
        "Assessor",
        "Group",
        "Cases",
        "Front-end cycle, average (days)",
        "Front-end cycle, median (days)",
        "Cycle within target",
        "Estimate deviation",
        "Chases",
        "Penalty (yuan)",
        "Escalations",
        "Resubmission on time",
        "Supplements per case",
        "Growth by supplements",
        "Review time, average (hours)",
        "Returns per submission",
        "On-site documents collected",
    ]
    assert headers[16:18] == ["Customer contact", "Arrival on site"]
    # wang: 2 returns in 4 submissions, one supplement in 3 cases that grew 2,000 on 20,000,
    # reviews of 26 and 6 hours, the resubmission overdue (an escalation).
    assert _cells(table, 0)[:16] == [
        "wang",
        "Large-case group",
        "3",
        "14.5",
        "14.5",
        "100.0%",
        "4.6%",
        "1",
        "100.00",
        "1",
        "0.0%",
        "0.33",
        "10.0%",
        "16.0",
        "0.50",
        "",
    ]
    assert _cells(table, 2)[:16] == [
        "zhao",
        "Ordinary group",
        "2",
        "6.4",
        "6.4",
        "0.0%",
        "0.0%",
        "4",
        "1,500.00",
        "0",
        "",
        "0.00",
        "",
        "",
        "0.33",
        "",
    ]
    # Attainment per clock: li met the contact clock, zhao was late on site.
    assert _cells(table, 1)[16] == "100.0%"
    assert _cells(table, 2)[17] == "0.0%"


def test_the_figures_per_group_and_of_all_cases_stand_against_the_targets(qtbot: QtBot) -> None:
    dashboard = _dashboard(qtbot, Source())
    figures = dashboard.group_figures
    headings = [figures.horizontalHeaderItem(c).text() for c in range(figures.columnCount())]
    assert headings == ["Large-case group", "Ordinary group", "All cases"]
    assert [figures.cell("Cases", c) for c in range(3)] == ["3", "4", "7"]
    assert [figures.cell("Cycle target (days)", c) for c in range(2)] == ["20.0", "5.0"]
    # The ordinary group's cycles: 3, 3.5, 6.25 and 6.55 days; the median 4.875.
    assert figures.cell("Front-end cycle, median (days)", 1) == "4.9"
    assert figures.cell("Cycle within target", 1) == "50.0%"
    assert figures.cell("Escalations", 0) == "1"
    assert figures.cell("Resubmission on time", 0) == "0.0%"
    assert figures.cell("Resubmission on time", 1) == ""
    assert figures.cell("Review time, average (hours)", 0) == "16.0"
    assert figures.cell("Attainment: Review", 0) == "50.0%"
    assert figures.cell("Supplements per case", 2) == "0.14"  # 1 in 7 cases
    assert figures.cell("Returns per submission", 1) == "0.20"  # 1 in 5


def test_clicking_an_assessors_bar_lists_their_cases_and_a_double_click_opens_one(
    qtbot: QtBot,
) -> None:
    dashboard = _dashboard(qtbot, Source(), {"wang": "王定损", "zhao": "赵定损"})
    chart = dashboard.cycle_chart
    # Assessors are shown by name (by username when the name is not known).
    assert chart.categories == ["王定损", "li", "赵定损"]
    assert dashboard.assessor_table.item(2, 0).text() == "赵定损"
    qtbot.mouseClick(
        chart.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=chart.category_centre(2)
    )
    assert dashboard.tabs.currentIndex() == 1
    assert dashboard.assessor == "zhao"
    assert dashboard.cases_title.text() == "Cases of 赵定损 (double-click to open)"
    cases = dashboard.case_table
    assert [cases.item(r, 0).text() for r in range(cases.rowCount())] == [
        "PDAA202609006",
        "PDAA202611007",
    ]
    first = _cells(cases, 0)
    assert first[1] == "On site"
    assert "Arrival on site" in first[2] and "Met (late by 0.50 hours)" in first[2]
    assert "On-site estimate" in first[2] and "Met (late by 5.00 hours)" in first[2]
    assert first[3:] == ["6.3", "4", "0"]
    assert _cells(cases, 1)[2] == ""  # nothing late
    qtbot.waitUntil(lambda: cases.viewport().isVisible())
    rect = cases.visualItemRect(cases.item(1, 0))
    with qtbot.waitSignal(dashboard.open_case) as opened:
        # A double click follows a press, as a hand gives it (the view opens what was pressed).
        qtbot.mousePress(cases.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(cases.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["PDAA202611007"]


def test_choosing_an_assessor_in_the_table_lists_their_cases(qtbot: QtBot) -> None:
    dashboard = _dashboard(qtbot, Source())
    dashboard.tabs.setCurrentIndex(1)
    dashboard.assessor_table.setCurrentCell(0, 0)
    assert dashboard.assessor == "wang"
    cases = dashboard.case_table
    assert cases.rowCount() == 3
    assert "Teardown items fixed" in cases.item(0, 2).text()
    assert "Overdue by 30.50 hours" in cases.item(2, 2).text()


def test_changing_the_period_reads_the_indicators_again(qtbot: QtBot) -> None:
    source = Source()
    dashboard = _opened(qtbot, source)
    assert source.asked == [(dt.date(2026, 11, 1), SAMPLE_TODAY)]
    # November holds the case resubmitted late and the one with its last submission then.
    assert dashboard.status.text() == "2 cases from 2026-11-01 to 2026-11-30"
    assert dashboard.trend_chart.categories == ["2026-11"]
    assert not dashboard.from_date.isEnabled()
    dashboard.period.setCurrentIndex(dashboard.period.findData(Period.LAST_3_MONTHS))
    qtbot.waitUntil(lambda: len(source.asked) == 2 and not dashboard.busy)
    assert source.asked[-1] == (dt.date(2026, 9, 1), SAMPLE_TODAY)
    qtbot.waitUntil(lambda: dashboard.status.text() == "7 cases from 2026-09-01 to 2026-11-30")
    dashboard.period.setCurrentIndex(dashboard.period.findData(Period.CUSTOM))
    assert dashboard.from_date.isEnabled()
    qtbot.waitUntil(lambda: not dashboard.busy)
    dashboard.from_date.setDate(QDate(2026, 10, 1))
    dashboard.to_date.setDate(QDate(2026, 10, 31))
    # Each date change reads anew on a worker of its own: in whichever order they finish,
    # the newest period is the one shown.
    qtbot.waitUntil(lambda: (dt.date(2026, 10, 1), dt.date(2026, 10, 31)) in source.asked)
    qtbot.waitUntil(lambda: dashboard.status.text() == "2 cases from 2026-10-01 to 2026-10-31")
    assert dashboard.cycle_chart.categories == ["wang", "li"]


class Refused(Exception):
    """A refusal worded in both languages, as the services raise them."""

    message_zh = "期间无效"
    message_en = "The period is not valid"


def test_a_failed_read_is_said_and_the_figures_stay(qtbot: QtBot) -> None:
    source = Source()
    dashboard = _dashboard(qtbot, source)
    source.error = Refused()
    dashboard.reload()
    qtbot.waitUntil(lambda: len(source.asked) == 3 and not dashboard.busy)
    qtbot.waitUntil(lambda: dashboard.status.text() in ("期间无效", "The period is not valid"))
    assert dashboard.cycle_chart.categories == ["wang", "li", "zhao"]
    assert dashboard.refresh_button.isEnabled()


@pytest.fixture
def manager(demo: Engine) -> Any:
    return create_user(demo, "sun", "manager-pass-1", {Role.MANAGER}, actor="admin")


def test_a_manager_opens_the_dashboard_and_a_case_from_it(
    qtbot: QtBot, demo: Engine, manager: Any, tmp_path: Path
) -> None:
    """The real indicators of the demo database, drilled down to a case opened in the editor."""
    main = window(qtbot, demo, manager, tmp_path)
    assert main.dashboard_action.shortcut().toString() == "Ctrl+Shift+I"
    dashboard = main.open_dashboard()
    qtbot.addWidget(dashboard)
    dashboard.period.setCurrentIndex(dashboard.period.findData(Period.CUSTOM))
    dashboard.from_date.setDate(QDate(2000, 1, 1))
    dashboard.to_date.setDate(QDate(2100, 12, 31))

    def every_case_read() -> bool:
        document = dashboard.document
        return not dashboard.busy and bool(document) and document["from"] == "2000-01-01"

    qtbot.waitUntil(every_case_read, timeout=20000)
    assert dashboard.cycle_targets == {"large": 20, "ordinary": 5}
    first = dashboard.document["cases"][0]
    names = {u.username: u.display_name for u in list_users(demo)}
    assert names[first["assessor"]] in dashboard.cycle_chart.categories  # by name
    dashboard.show_assessor(first["assessor"])
    table = dashboard.case_table
    row = [table.item(r, 0).text() for r in range(table.rowCount())].index(first["claim_no"])
    table.cellDoubleClicked.emit(row, 0)
    opened = next(c for c in case_list.list_cases(demo) if c.claim_no == first["claim_no"])
    qtbot.waitUntil(lambda: main.editor.estimate_id == opened.estimate_id)
    assert main.case_filter.text() == first["claim_no"]
    # A case no longer in the list is said, nothing else changes.
    table.item(0, 0).setText("PDAA000000000")
    table.cellDoubleClicked.emit(0, 0)
    assert main.statusBar().currentMessage() == "Case PDAA000000000 is not in the case list."
    assert main.editor.estimate_id == opened.estimate_id
    main.close()


def test_an_assessor_has_no_dashboard(
    qtbot: QtBot, demo: Engine, assessor: Any, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    assert not hasattr(main, "dashboard_action")
    assert main.dashboard is None


def test_the_busy_bar_shows_while_the_source_reads_off_the_gui_thread(qtbot: QtBot) -> None:
    source = Source()
    dashboard = _dashboard(qtbot, source)
    assert not dashboard.progress.isVisible()
    release, threads = threading.Event(), []

    def slow(start: dt.date, end: dt.date) -> dict[str, Any]:
        threads.append(threading.current_thread())
        release.wait(10)
        return source(start, end)

    dashboard.source = slow
    dashboard.reload()
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert dashboard.busy and dashboard.progress.isVisible()
    assert not dashboard.refresh_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not dashboard.busy)
    assert not dashboard.progress.isVisible() and dashboard.refresh_button.isEnabled()


def test_a_period_without_figures_shows_empty_charts_and_tables(qtbot: QtBot) -> None:
    empty = {"from": "2026-12-01", "to": "2026-12-07", "timezone": "Asia/Shanghai"}
    dashboard = IndicatorsDashboard(lambda _s, _e: dict(empty), today=lambda: TODAY)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: bool(dashboard.document) and not dashboard.busy)
    assert dashboard.cycle_chart.categories == [] == dashboard.trend_chart.categories
    assert dashboard.assessor_table.rowCount() == 0
    assert dashboard.status.text() == "0 cases from 2026-12-01 to 2026-12-07"
    dashboard.grab()  # paints without figures


def test_the_months_of_a_long_period_are_labelled_every_few(qtbot: QtBot) -> None:
    chart = LineChart("Trend")
    qtbot.addWidget(chart)
    chart.resize(420, 300)
    chart.show()
    months = [f"{2024 + m // 12}-{m % 12 + 1:02d}" for m in range(36)]
    chart.set_data(months, [Series("Average", tuple(float(m) for m in range(36)))])
    labels = chart.category_labels
    assert 2 < len(labels) < 36
    assert labels[0] == (0.0, "2024-01")  # whole, not cut short
    assert all(text in months for _x, text in labels)
    chart.set_data(months[:3], [Series("Average", (1.0, 2.0, 3.0))])
    assert [text for _x, text in chart.category_labels] == months[:3]


def test_only_a_claims_manager_opens_on_the_dashboard(
    qtbot: QtBot, demo: Engine, manager: Any, tmp_path: Path
) -> None:
    assert window(qtbot, demo, manager, tmp_path).opens_on_dashboard()
    admin = create_user(demo, "root2", "admin-pass-12", {Role.ADMIN}, actor="admin")
    assert not window(qtbot, demo, admin, tmp_path).opens_on_dashboard()
    both = create_user(demo, "qian", "both-pass-123", {Role.MANAGER, Role.REVIEWER}, actor="admin")
    assert not window(qtbot, demo, both, tmp_path).opens_on_dashboard()

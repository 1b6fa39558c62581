"""A first demo launch: the window opens on today's cases while the history is replayed
behind it (gui/demo_history_bar.py); the window stays usable, loses nothing, shows the
progress in the status bar and reads the cases again when the history is in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.gui.dashboard_data import Period
from estimator.gui.demo_history_bar import DemoHistoryBar, replay_behind
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list, demo_history, estimate_store
from estimator.services.demo_cache import DemoLaunch, launch_demo_database
from estimator.services.users import User, authenticate
from tests.estimator.gui.conftest import window

COUNT = 12


@pytest.fixture
def launch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quick_first_launch: None) -> DemoLaunch:
    """A first launch of the day: today's cases built, twelve history cases pending."""
    monkeypatch.setattr(demo_history, "CASE_COUNT", COUNT)
    launched = launch_demo_database(tmp_path / "demo.sqlite3", cache_dir=tmp_path / "cache")
    assert launched.pending is not None
    return launched


@pytest.fixture
def engine(launch: DemoLaunch) -> Iterator[Engine]:
    opened = create_database_engine(sqlite_url(launch.path))
    yield opened
    opened.dispose()


@pytest.fixture
def wang(engine: Engine) -> User:
    return authenticate(engine, "wang", "demo-wang-1")


def test_the_window_works_while_the_history_comes_in_and_loses_nothing(
    qtbot: QtBot, launch: DemoLaunch, engine: Engine, wang: User, tmp_path: Path, chinese: None
) -> None:
    main = window(qtbot, engine, wang, tmp_path)
    shown = main.cases.rowCount()
    bar = replay_behind(main, launch.pending)
    assert isinstance(bar, DemoHistoryBar) and bar.running()
    assert bar.label.text().startswith("正在后台生成演示的三个月历史数据")
    # The assessor removes a line of a draft while the replay writes beside.
    draft = next(c for c in case_list.list_cases(engine) if c.status is EstimateStatus.DRAFT)
    main.editor.open(draft.estimate_id)
    before = main.editor.lines.rowCount()
    main.editor.table.setCurrentIndex(main.editor.lines.index(0, 0))
    main.editor.remove_selected()
    assert bar.running()  # the change was made beside the replay, not after it
    qtbot.waitUntil(lambda: bar.label.text().endswith(f"/{COUNT} 个案件"), timeout=60_000)
    qtbot.waitUntil(lambda: bar.outcome is not None or bar.failed, timeout=120_000)
    assert not bar.failed and bar.outcome is not None
    assert bar.outcome.complete and bar.outcome.cases == COUNT
    assert not bar.outcome.cached  # the assessor's change is not every later demo's
    stored = estimate_store.load_estimate(engine, draft.estimate_id)
    assert len(stored.estimate.lines) == before - 1  # nothing lost
    assert main.cases.rowCount() == len(case_list.list_cases(engine)) > shown
    assert main.statusBar().currentMessage() == f"演示的三个月历史数据已生成：{COUNT} 个案件"


def test_the_managers_dashboard_reads_the_history_once_it_is_in(
    qtbot: QtBot, launch: DemoLaunch, engine: Engine, tmp_path: Path
) -> None:
    zhou = authenticate(engine, "zhou", "demo-zhou-1")
    main = window(qtbot, engine, zhou, tmp_path)
    dashboard = main.open_dashboard()
    dashboard.period.setCurrentIndex(dashboard.period.findData(Period.LAST_3_MONTHS))
    qtbot.waitUntil(lambda: not dashboard.busy and bool(dashboard.document), timeout=60_000)
    before = len(dashboard.document["cases"])
    bar = replay_behind(main, launch.pending)
    assert bar is not None
    qtbot.waitUntil(lambda: bar.outcome is not None or bar.failed, timeout=120_000)
    qtbot.waitUntil(
        lambda: not dashboard.busy and len(dashboard.document["cases"]) > before, timeout=60_000
    )
    # What the dashboard shows is what the database holds now, the history included.
    now_held = dashboard.source(*dashboard.period_dates())
    assert len(dashboard.document["cases"]) == len(now_held["cases"])
    dashboard.close()


def test_closing_the_window_stops_the_replay(
    qtbot: QtBot, launch: DemoLaunch, engine: Engine, wang: User, tmp_path: Path
) -> None:
    main = window(qtbot, engine, wang, tmp_path)
    bar = replay_behind(main, launch.pending)
    assert bar is not None and bar.running()
    main.close()
    assert not bar.running()
    assert bar.outcome is None
    assert len(case_list.list_cases(engine)) < 8 + COUNT  # cut short between two cases


def test_nothing_is_replayed_when_nothing_is_pending(
    qtbot: QtBot, engine: Engine, wang: User, tmp_path: Path
) -> None:
    main = window(qtbot, engine, wang, tmp_path)
    assert replay_behind(main, None) is None

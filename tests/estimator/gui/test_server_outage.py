"""A real PostgreSQL server stops under the workstation: the case list, the review desk and
the editor each show the banner instead of the driver's error, nothing crashes, and once the
server is started again the banners go and the same window reads everything again. Behind
them, an outage no screen caught shows the banner (or a message), never a traceback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, create_engine, text

from benchmarks.pg_server import PgServer
from estimator.gui.banner import OfflineBanner, OutageReporter
from estimator.gui.commands import LinesState
from estimator.persistence.database import create_database_engine
from estimator.services.connection import DatabaseUnavailable
from estimator.services.demo import DEMO_USERS, load_demo_data
from estimator.services.users import User, authenticate
from tests.estimator.gui.conftest import window


def _fast(*banners: OfflineBanner) -> None:
    for banner in banners:
        banner.retry.setInterval(20)


def _user(engine: Engine, name: str) -> User:
    return authenticate(engine, name, {n: p for n, _d, _r, p in DEMO_USERS}[name])


@pytest.fixture
def demo_on_postgres(own_server: PgServer) -> Iterator[Engine]:
    admin = create_engine(own_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE demo"))
    admin.dispose()
    engine = create_database_engine(own_server.url("demo"))
    load_demo_data(engine)
    yield engine
    engine.dispose()


@pytest.mark.postgresql
def test_the_server_stops_under_the_window_and_comes_back(
    qtbot: QtBot, own_server: PgServer, demo_on_postgres: Engine, tmp_path: Path
) -> None:
    main = window(qtbot, demo_on_postgres, _user(demo_on_postgres, "li"), tmp_path)
    desk = main.desk
    assert desk is not None and desk.queue.rowCount() == 1
    listed = main.cases.rowCount()
    assert listed == 8 and main.editor.stored is not None
    shown = main.editor.stored.id
    _fast(main.offline, main.editor.offline, desk.offline)

    own_server.stop()
    main.case_filter.setText("RDAA")  # a refresh of the case list
    assert main.offline.isVisible() and "cannot be reached" in main.offline.text()
    assert main.cases.rowCount() == listed  # the list as last read stays
    desk.refresh()
    assert not desk.offline.isHidden()
    assert main.editor.reload() is False  # the editor's reload: under its banner
    assert main.editor.offline.isVisible()
    other = next(
        row for row in range(main.cases.rowCount()) if main.cases.case_at(row).estimate_id != shown
    )
    main.case_table.selectRow(other)  # opening another case: not shown, not saved over
    assert main.editor.stored is None and main.editor.lines.rowCount() == 0
    assert main.editor.estimate_id == main.cases.case_at(other).estimate_id
    assert not main.editor.store(LinesState((), ()))  # nothing read: nothing saved over it
    assert "Not done" in main.editor.message.text()
    qtbot.wait(100)  # retried while still down: still shown, nothing crashed
    assert main.offline.isVisible() and main.editor.offline.isVisible()

    own_server.start()
    qtbot.waitUntil(
        lambda: main.offline.isHidden() and main.editor.offline.isHidden()
        and desk.offline.isHidden(),
        timeout=10000,
    )  # fmt: skip
    assert main.cases.rowCount() == listed and desk.queue.rowCount() == 1
    assert main.editor.stored is not None
    assert main.editor.stored.id == main.cases.case_at(other).estimate_id
    assert main.editor.lines.rowCount() > 0


def test_an_outage_no_screen_caught_shows_the_banner_in_front(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    # The window in front is the workstation (a window an earlier test left open in this
    # process must not be the one the outage is shown on).
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main, timeout=3000)
    banners = main.findChildren(OfflineBanner)
    _fast(*banners)
    seen: list[BaseException] = []
    reporter = OutageReporter(demo)
    reporter.previous = lambda _kind, error, _tb: seen.append(error)
    reachable = False
    monkeypatch.setattr("estimator.gui.banner.server_reachable", lambda _engine: reachable)
    unreachable = DatabaseUnavailable("the database server cannot be reached (test)")
    reporter(DatabaseUnavailable, unreachable, None)
    shown = [banner for banner in banners if banner.isVisible()]
    assert len(shown) == 1 and "cannot be reached" in shown[0].text() and seen == []
    qtbot.wait(100)  # still down: still shown
    assert shown[0].isVisible()
    reachable = True
    qtbot.waitUntil(shown[0].isHidden, timeout=3000)

    other = ValueError("not an outage")
    reporter(ValueError, other, None)
    assert seen == [other]  # everything else goes where it went before


def test_an_outage_in_a_window_without_a_banner_is_a_message(qtbot: QtBot, demo: Engine) -> None:
    lone = QWidget()
    qtbot.addWidget(lone)
    lone.show()
    reporter = OutageReporter(demo)
    reporter(DatabaseUnavailable, DatabaseUnavailable("down (test)"), None)
    assert isinstance(reporter.box, QMessageBox) and reporter.box.isVisible()
    assert "cannot be reached" in reporter.box.text()
    first = reporter.box
    reporter(DatabaseUnavailable, DatabaseUnavailable("down (test)"), None)
    assert reporter.box is first  # said once, not a stack of boxes
    first.close()


def test_the_hook_is_installed_for_the_running_workstation(demo: Engine) -> None:
    from estimator.gui.banner import report_outages

    before = sys.excepthook
    try:
        installed = report_outages(demo)
        assert sys.excepthook is installed and installed.previous is before
    finally:
        sys.excepthook = before

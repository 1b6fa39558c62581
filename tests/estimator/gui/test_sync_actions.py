"""The workstation's offline work (sync.md): a team server (an SQLite file here; the services
are tested on PostgreSQL in tests/services/test_sync.py) with wang's case, the workstation
on a laptop's own database. Work offline checks the case out and the status line says so;
an edit shows one case to check in and Check in clears it; a conflict shows both sides and
re-applying settles it; a server out of reach disables Check in and says why, never raising
nor freezing the window."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.sync_words import where_words
from estimator.domain.workflow import Role
from estimator.gui.commands import LinesState, SetLinesCommand
from estimator.gui.main_window import MainWindow
from estimator.gui.sync_actions import SERVER_KEY, OfflineWork
from estimator.gui.sync_dialogs import SHOWN_CHARS, SyncConflictDialog
from estimator.persistence.database import create_database_engine
from estimator.services import case_details, sync
from estimator.services.sync import CaseOutcome, CaseStatus, Device, SyncStatus
from estimator.services.sync_release import release_checkout
from estimator.services.users import User
from tests.conftest import migrated_copy
from tests.services.conftest import import_test_data, make_team
from tests.services.test_sync import new_case, qtys, set_qty

UNREACHABLE = "postgresql+psycopg://estimator@127.0.0.1:1/x"


@pytest.fixture(scope="module")
def priced_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the test catalog and labor standard, for copies."""
    folder = tmp_path_factory.mktemp("sync-gui")
    engine = create_database_engine(migrated_copy(sqlite_template, folder / "priced.sqlite3"))
    try:
        import_test_data(engine, folder)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return folder / "priced.sqlite3"


@pytest.fixture
def server_url(priced_template: Path, tmp_path: Path) -> str:
    return migrated_copy(priced_template, tmp_path / "server.sqlite3")


@pytest.fixture
def server(server_url: str) -> Iterator[Engine]:
    engine = create_database_engine(server_url)
    yield engine
    engine.dispose()


@pytest.fixture
def laptop(priced_template: Path, tmp_path: Path) -> Iterator[Engine]:
    engine = create_database_engine(migrated_copy(priced_template, tmp_path / "laptop.sqlite3"))
    yield engine
    engine.dispose()


@pytest.fixture
def team(server: Engine) -> dict[str, User]:
    return make_team(server, wang={Role.ASSESSOR}, boss={Role.MANAGER})


def _workstation(
    qtbot: QtBot, laptop: Engine, user: User, tmp_path: Path, url: str
) -> tuple[MainWindow, OfflineWork]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(SERVER_KEY, url)
    main = MainWindow(laptop, user, settings=settings)
    qtbot.addWidget(main)
    main.show()
    work = main.offline_work
    qtbot.waitUntil(lambda: work.reachable is not None and work.found is not None, timeout=15000)
    return main, work


def _idle(qtbot: QtBot, work: OfflineWork) -> None:
    qtbot.waitUntil(lambda: not work.jobs.is_busy and not work.background.is_busy, timeout=15000)


def _cells(table: QTableWidget) -> list[tuple[str, ...]]:
    def text(r: int, c: int) -> str:
        item = table.item(r, c)
        return item.text() if item is not None else ""

    return [tuple(text(r, c) for c in range(table.columnCount())) for r in range(table.rowCount())]


def _line(qtbot: QtBot, work: OfflineWork, text: str) -> None:
    qtbot.waitUntil(lambda: work.label.text() == text, timeout=15000)


def checked_out_in_the_workstation(
    qtbot: QtBot, server: Engine, server_url: str, laptop: Engine, user: User, tmp: Path, claim: str
) -> tuple[MainWindow, OfflineWork, uuid.UUID, uuid.UUID]:
    """A new case of ``user``'s on the server, checked out through 离线工作 in a workstation on
    the laptop: (window, its offline actions, case id, version id)."""
    case_id, version = new_case(server, user.username, claim)
    main, work = _workstation(qtbot, laptop, user, tmp, server_url)
    work.checkout_action.trigger()
    qtbot.waitUntil(lambda: work.outcome_dialog is not None, timeout=15000)
    _idle(qtbot, work)
    return main, work, case_id, version


def test_work_offline_checks_out_an_edit_is_pending_and_check_in_clears_it(
    qtbot: QtBot,
    server: Engine,
    server_url: str,
    laptop: Engine,
    team: dict[str, User],
    tmp_path: Path,
) -> None:
    _case_id, version = new_case(server, "wang", "SYNC-GUI-1")
    main, work = _workstation(qtbot, laptop, team["wang"], tmp_path, server_url)
    assert work.reachable is not None and work.reachable.reachable
    assert work.checkin_action.isEnabled()
    assert work.label.text() == "In sync"  # nothing held yet
    work.checkout_action.trigger()
    qtbot.waitUntil(lambda: work.outcome_dialog is not None, timeout=15000)
    assert work.outcome_dialog is not None
    assert _cells(work.outcome_dialog.table) == [("SYNC-GUI-1", "checked out", "")]
    assert "1 case(s)" in work.outcome_dialog.summary.text()
    _idle(qtbot, work)
    listed = [main.cases.case_at(r).claim_no for r in range(main.cases.rowCount())]
    assert listed == ["SYNC-GUI-1"]  # in the case list
    assert [(c.claim_no, c.checked_out) for c in sync.status(laptop).cases] == [
        ("SYNC-GUI-1", True)
    ]
    _line(qtbot, work, "In sync")
    set_qty(laptop, version, 0, "2", team["wang"])  # worked on offline
    work.refresh_status()
    _line(qtbot, work, "Offline: 1 case(s) to check in")
    work.checkin_action.trigger()
    _line(qtbot, work, "In sync")
    _idle(qtbot, work)
    assert qtys(server, version)[0] == qtys(laptop, version)[0]
    assert sync.status(laptop).pending == 0
    assert work.conflict_dialog is None
    assert "Checked in: 1 case(s); 0 in conflict, 0 refused." in main.statusBar().currentMessage()


def test_a_save_while_the_status_is_being_read_is_counted_by_one_more_read(
    qtbot: QtBot,
    server: Engine,
    server_url: str,
    laptop: Engine,
    team: dict[str, User],
    tmp_path: Path,
) -> None:
    _main, work, _case_id, version = checked_out_in_the_workstation(
        qtbot, server, server_url, laptop, team["wang"], tmp_path, "SYNC-GUI-5"
    )
    _line(qtbot, work, "In sync")
    before_the_save = sync.status(laptop)
    work._reading = True  # a read of the status under way, begun before the save
    set_qty(laptop, version, 0, "9", team["wang"])
    work.refresh_status()  # the save's request meets the read under way
    work._status_read(before_the_save)  # that read ends: it did not see the save
    _line(qtbot, work, "Offline: 1 case(s) to check in")
    _idle(qtbot, work)


PlateConflict = Callable[[str], tuple[MainWindow, OfflineWork, uuid.UUID]]


@pytest.fixture
def plate_conflict(
    qtbot: QtBot,
    server: Engine,
    server_url: str,
    laptop: Engine,
    team: dict[str, User],
    tmp_path: Path,
) -> PlateConflict:
    """A case (of the claim number given) checked out in the workstation, its plate changed
    here (浙A11111) and, after the manager released it, on the server (浙A22222); check-in
    triggered until its conflict dialog shows."""

    def make(claim_no: str) -> tuple[MainWindow, OfflineWork, uuid.UUID]:
        main, work, case_id, _version = checked_out_in_the_workstation(
            qtbot, server, server_url, laptop, team["wang"], tmp_path, claim_no
        )
        here = case_details.case_details(laptop, case_id)
        case_details.update_case(
            laptop, case_id, {"plate": "浙A11111"}, here.row_version, team["wang"]
        )
        release_checkout(server, case_id, team["boss"])  # the manager, meanwhile at the office
        there = case_details.case_details(server, case_id)
        case_details.update_case(
            server, case_id, {"plate": "浙A22222"}, there.row_version, team["wang"]
        )
        work.checkin_action.trigger()
        qtbot.waitUntil(lambda: work.conflict_dialog is not None, timeout=15000)
        return main, work, case_id

    return make


def test_a_conflict_shows_both_sides_and_re_applying_settles_it(
    qtbot: QtBot, server: Engine, laptop: Engine, plate_conflict: PlateConflict
) -> None:
    main, work, case_id = plate_conflict("SYNC-GUI-2")
    dialog = work.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    cells = _cells(dialog.table)
    assert any(row[1:] == ("浙K12345", "浙A11111", "浙A22222") for row in cells), cells
    assert not any("totals_json" in row[0] for row in cells)  # derived: said by the lines
    assert "SYNC-GUI-2" in dialog.windowTitle()
    dialog.reapply_button.click()
    qtbot.waitUntil(
        lambda: case_details.case_details(server, case_id).values["plate"] == "浙A11111",
        timeout=15000,
    )
    _idle(qtbot, work)
    _line(qtbot, work, "In sync")
    assert work.conflict_dialog is None
    assert sync.status(laptop).pending == 0
    assert "Checked in: 1 case(s); 0 in conflict" in main.statusBar().currentMessage()


def test_a_conflict_left_for_later_stays_pending_and_checked_out(
    qtbot: QtBot, server: Engine, laptop: Engine, plate_conflict: PlateConflict
) -> None:
    _main, work, case_id = plate_conflict("SYNC-GUI-3")
    assert work.conflict_dialog is not None
    work.conflict_dialog.later_button.click()
    _idle(qtbot, work)
    assert work.conflict_dialog is None
    _line(qtbot, work, "Offline: 1 case(s) to check in")
    assert case_details.case_details(server, case_id).values["plate"] == "浙A22222"
    assert [c.checked_out for c in sync.status(laptop).cases] == [True]


def test_a_server_out_of_reach_disables_check_in_and_says_why(
    qtbot: QtBot, laptop: Engine, tmp_path: Path
) -> None:
    user = make_team(laptop, wang={Role.ASSESSOR})["wang"]
    started = time.monotonic()
    main, work = _workstation(qtbot, laptop, user, tmp_path, UNREACHABLE)
    assert work.reachable is not None and not work.reachable.reachable
    assert not work.checkin_action.isEnabled()
    assert "The team server cannot be reached" in work.checkin_action.toolTip()
    assert "127.0.0.1" in work.checkin_action.toolTip()
    assert work.label.text() == "In sync · server unreachable"
    assert "cannot be reached" in work.label.toolTip()
    work.checkout_action.trigger()  # tried anyway: said, nothing raised
    _idle(qtbot, work)
    assert "the team server cannot be reached" in main.statusBar().currentMessage()
    assert work.outcome_dialog is None
    assert time.monotonic() - started < 30


def test_no_server_set_leaves_the_status_line_hidden_and_check_in_disabled(
    qtbot: QtBot, laptop: Engine, tmp_path: Path
) -> None:
    user = make_team(laptop, wang={Role.ASSESSOR})["wang"]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(laptop, user, settings=settings)
    qtbot.addWidget(main)
    work = main.offline_work
    assert work.server is None and not work.label.isVisibleTo(main)
    assert not work.checkin_action.isEnabled()
    assert "No team server is set" in work.checkin_action.toolTip()
    assert sync.status(laptop).cases == ()  # nothing asked of the laptop either


def test_the_team_server_cannot_be_the_workstations_own_database(
    qtbot: QtBot, laptop: Engine, tmp_path: Path
) -> None:
    user = make_team(laptop, wang={Role.ASSESSOR})["wang"]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(laptop, user, settings=settings)
    qtbot.addWidget(main)
    own = laptop.url.render_as_string(hide_password=False)
    assert not main.offline_work.set_server(own)
    assert settings.value(SERVER_KEY) is None
    assert "own database" in main.statusBar().currentMessage()


def test_the_conflict_dialog_words_a_field_a_line_set_and_a_whole_row(qtbot: QtBot) -> None:
    clashes = (
        {
            "table": "cases",
            "key": "k",
            "column": "plate",
            "base": "浙K1",
            "mine": "浙A1",
            "theirs": "浙A2",
        },
        {
            "table": "estimate_lines",
            "key": "v",
            "column": None,
            "base": 10,
            "mine": 10,
            "theirs": 11,
        },
        {
            "table": "case_events",
            "key": "e",
            "column": None,
            "base": {"kind": "survey"},
            "mine": None,
            "theirs": {"kind": "survey", "note": "x" * 200},
        },
    )
    case = CaseOutcome(str(uuid.uuid4()), "SYNC-W", "conflict", clashes=clashes)
    dialog = SyncConflictDialog(case)
    qtbot.addWidget(dialog)
    rows = _cells(dialog.table)
    assert rows[0] == ("case · plate", "浙K1", "浙A1", "浙A2")
    assert rows[1] == (
        "lines (a version's lines)",
        "10 line(s)",
        "10 line(s)",
        "11 line(s)",
    )
    assert rows[2][:3] == ("case event (whole row)", '{"kind": "survey"}', "—")
    assert rows[2][3].endswith("…") and len(rows[2][3]) == SHOWN_CHARS
    item = dialog.table.item(2, 3)
    assert item is not None and "x" * 200 in item.toolTip()  # the whole value at hand
    dialog.discard_button.click()
    assert dialog.choice == "discard" and dialog.result() == dialog.DialogCode.Accepted


def test_the_first_work_offline_asks_for_the_server_and_a_save_in_the_editor_updates_the_line(
    qtbot: QtBot,
    server: Engine,
    server_url: str,
    laptop: Engine,
    team: dict[str, User],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _case_id, version = new_case(server, "wang", "SYNC-GUI-4")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(laptop, team["wang"], settings=settings)
    qtbot.addWidget(main)
    main.show()
    work = main.offline_work
    monkeypatch.setattr(work, "ask_server", lambda: server_url)
    work.checkout_action.trigger()
    qtbot.waitUntil(lambda: work.outcome_dialog is not None, timeout=15000)
    assert settings.value(SERVER_KEY) == server_url  # asked once, remembered
    _idle(qtbot, work)
    _line(qtbot, work, "In sync")
    main.case_table.selectRow(0)
    assert main.editor.estimate_id == version
    before = main.editor.state()
    after = LinesState(before.lines[:-1], before.keys[:-1])
    main.editor.undo_stack.push(SetLinesCommand(main.editor, before, after, "remove"))
    assert len(qtys(laptop, version)) == len(before.lines) - 1  # saved on the laptop
    _line(qtbot, work, "Offline: 1 case(s) to check in")


def test_the_status_line_reads_in_chinese(
    qtbot: QtBot, laptop: Engine, tmp_path: Path, chinese: None
) -> None:
    user = make_team(laptop, wang={Role.ASSESSOR})["wang"]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(laptop, user, settings=settings)
    qtbot.addWidget(main)
    work = main.offline_work
    device = Device("d-1", "丽水-笔记本")
    changed = CaseStatus(str(uuid.uuid4()), "SYNC-ZH", True, True, False)
    work.found = SyncStatus(device, "wang", (changed,), 3, "")
    assert work.line_text() == "离线：待检入 1 个案件"
    work.found = SyncStatus(device, "wang", (changed,), 3, "batch-1")
    assert work.line_text() == "检入未完成"
    work.found = SyncStatus(device, "wang", (), 0, "")
    assert work.line_text() == "已同步"
    assert work.checkin_action.text() == "检入(&I)"
    assert work.checkout_action.text() == "离线工作(&W)…"


def test_where_a_clash_is_reads_as_words_in_either_language() -> None:
    assert where_words("cases", "plate", "zh") == "案件 · 车牌"
    assert where_words("estimates", "total", "zh") == "估损单版本 · 合计"
    assert where_words("estimate_lines", None, "en") == "lines"
    assert where_words("cases", "unknown_column", "en") == "case · unknown_column"

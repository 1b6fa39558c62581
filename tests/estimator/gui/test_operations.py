"""The operation runner maps each way an action can end once, onto a fake screen: the server
lost → the banner (retried), refused storage → the edit kept, a stale save → the conflict bar,
a refusal → the message bar in the interface's language, anything else → logged and said.
Actions on a worker thread deliver their result on the GUI thread."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QThread
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.workflow import EstimateStatus
from estimator.gui.banner import OfflineBanner, not_done_text
from estimator.gui.operations import (
    OperationRunner,
    Outcome,
    Screen,
    outcome_of,
    unexpected_text,
)
from estimator.persistence.uow import StaleEdit, StorageError
from estimator.services import case_list, estimate_store, workflow
from estimator.services.case_details import CaseEditConflict
from estimator.services.catalog import CatalogEditConflict
from estimator.services.connection import DatabaseUnavailable
from estimator.services.users import User
from kernel.problems import Problem
from tests.estimator.gui.conftest import confirm_submit

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor


def _conflict(kind: type[DomainError]) -> DomainError:
    """A conflict of ``kind`` without the stored versions its constructor compares."""
    error = kind.__new__(kind)
    DomainError.__init__(error, "edit_conflict", who="王", changes=Problem("no_line_changes"))
    return error


@dataclass
class FakeScreen:
    """Records what the runner showed where."""

    messages: list[str] = field(default_factory=list)
    kept: list[DomainError] = field(default_factory=list)
    conflicts: list[DomainError] = field(default_factory=list)
    rereads: int = 0

    def reread(self) -> None:
        self.rereads += 1

    def screen(self, banner: OfflineBanner | None = None, *, own: bool = True) -> Screen:
        return Screen(
            message=self.messages.append,
            banner=banner,
            reread=self.reread,
            storage=self.kept.append if own else None,
            conflict=self.conflicts.append if own else None,
        )


@pytest.fixture
def zh_locale() -> object:
    before = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    yield
    QLocale.setDefault(before)


def test_each_error_has_one_outcome() -> None:
    assert outcome_of(DatabaseUnavailable("gone")) is Outcome.OFFLINE
    assert outcome_of(StorageError(Problem("disk_full"))) is Outcome.STORAGE
    for kind in (estimate_store.EditConflict, CaseEditConflict, CatalogEditConflict):
        assert outcome_of(_conflict(kind)) is Outcome.CONFLICT
    assert outcome_of(StaleEdit()) is Outcome.CONFLICT
    assert outcome_of(DomainError("not_allowed:unmasked")) is Outcome.REFUSED
    assert outcome_of(ValueError("bug")) is Outcome.UNEXPECTED


def test_success_returns_the_result_and_says_what_changed(qtbot: QtBot) -> None:
    fake = FakeScreen()
    runner = OperationRunner(fake.screen())
    with qtbot.waitSignal(runner.changed) as changed:
        outcome, result = runner.run(lambda: 42, changes="estimate")
    assert (outcome, result) == (Outcome.DONE, 42)
    assert changed.args == ["estimate"]
    assert fake.messages == []


def test_lost_server_shows_the_banner_and_rereads_when_it_answers(qtbot: QtBot) -> None:
    fake = FakeScreen()
    banner = OfflineBanner()
    qtbot.addWidget(banner)
    banner.show()  # its parent is shown; the banner itself shows only while down
    banner.hide()
    runner = OperationRunner(fake.screen(banner))

    def lost() -> None:
        raise DatabaseUnavailable("connection refused")

    outcome, result = runner.run(lost, key="submit")
    assert (outcome, result) == (Outcome.OFFLINE, None)
    assert fake.messages == [not_done_text()]
    assert not banner.isHidden()
    banner._try_again()  # the retry timer's work: the screen is read again
    assert fake.rereads == 1
    runner.run(lambda: None, key="submit")  # another action succeeding is not the reread
    assert not banner.isHidden()
    runner.run(fake.reread, key="load")  # read again once the server answers: it goes
    assert banner.isHidden()


def test_lost_server_with_a_retry_retries_that_action(qtbot: QtBot) -> None:
    fake = FakeScreen()
    banner = OfflineBanner()
    qtbot.addWidget(banner)
    runner = OperationRunner(fake.screen(banner))
    retried: list[str] = []

    def lost() -> None:
        raise DatabaseUnavailable("gone")

    runner.run(lost, key="save", again=lambda: retried.append("save"))
    assert fake.messages == []  # the banner says it: the edit is kept and retried
    banner._try_again()
    assert retried == ["save"] and fake.rereads == 0


def test_refused_storage_keeps_the_edit() -> None:
    fake = FakeScreen()
    refused = StorageError(Problem("disk_full"))

    def full() -> None:
        raise refused

    assert OperationRunner(fake.screen()).run(full)[0] is Outcome.STORAGE
    assert fake.kept == [refused] and fake.messages == []


def test_stale_save_goes_to_the_conflict_bar() -> None:
    fake = FakeScreen()
    for error in (_conflict(estimate_store.EditConflict), StaleEdit()):

        def stale(error: DomainError = error) -> None:
            raise error

        assert OperationRunner(fake.screen()).run(stale)[0] is Outcome.CONFLICT
    assert len(fake.conflicts) == 2 and fake.messages == []


def test_a_screen_without_its_own_handlers_shows_them_as_messages(zh_locale: object) -> None:
    fake = FakeScreen()
    runner = OperationRunner(fake.screen(own=False))
    for error in (StorageError(Problem("disk_full")), StaleEdit()):

        def refused(error: DomainError = error) -> None:
            raise error

        runner.run(refused)
    assert fake.messages == [StorageError(Problem("disk_full")).message_zh, StaleEdit().message_zh]


def test_refusal_is_said_in_the_interface_language(zh_locale: object) -> None:
    fake = FakeScreen()

    def refuse() -> None:
        raise DomainError("not_allowed")

    assert OperationRunner(fake.screen()).run(refuse)[0] is Outcome.REFUSED
    assert fake.messages == ["只有定损员可以建立或保存水浸案件"]


def test_unexpected_error_is_logged_not_printed(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = FakeScreen()

    def bug() -> None:
        raise KeyError("line 7")

    with caplog.at_level(logging.ERROR, logger="estimator.gui.operations"):
        assert OperationRunner(fake.screen()).run(bug)[0] is Outcome.UNEXPECTED
    assert fake.messages == [unexpected_text()]
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "KeyError" not in captured.err


def test_worker_result_arrives_on_the_gui_thread(qtbot: QtBot) -> None:
    fake = FakeScreen()
    runner = OperationRunner(fake.screen())
    ran_in: list[int] = []
    delivered: list[tuple[int, bool]] = []

    def slow() -> int:
        ran_in.append(threading.get_ident())
        return 7

    def done(value: int) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        delivered.append((value, QThread.currentThread() is app.thread()))

    with qtbot.waitSignal(runner.busy) as busy:
        runner.start(slow, done, changes="sheet")
    assert busy.args == [True] and runner.is_busy
    with qtbot.waitSignal(runner.busy) as idle:
        pass
    assert idle.args == [False] and not runner.is_busy
    assert delivered == [(7, True)]
    assert ran_in and ran_in[0] != threading.get_ident()


def test_worker_failure_is_mapped_on_the_gui_thread(qtbot: QtBot, zh_locale: object) -> None:
    fake = FakeScreen()
    runner = OperationRunner(fake.screen())

    def refuse() -> None:
        raise DomainError("no_case")

    runner.start(refuse, lambda _value: pytest.fail("not done"))
    qtbot.waitUntil(lambda: not runner.is_busy)
    assert fake.messages == ["没有该案件"]


# --- the screens use it ---------------------------------------------------------------


def _draft_editor(qtbot: QtBot, demo: Engine, assessor: User) -> EstimateEditor:
    from estimator.gui.editor import EstimateEditor

    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    editor = EstimateEditor(demo, assessor)
    qtbot.addWidget(editor)
    editor.show()
    editor.open(draft.estimate_id)
    return editor


def test_an_editor_action_that_fails_unexpectedly_is_said_and_logged(
    qtbot: QtBot,
    demo: Engine,
    assessor: User,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    editor = _draft_editor(qtbot, demo, assessor)
    estimate_id = editor.estimate_id
    assert estimate_id is not None

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("a bug in the service")

    monkeypatch.setattr(workflow, "submit", broken)
    with caplog.at_level(logging.ERROR, logger="estimator.gui.operations"):
        editor.submit()
        confirm_submit(editor)  # the open warnings' reasons (issue 26.3)
    assert editor.message.text() == unexpected_text()
    assert estimate_store.load_estimate(demo, estimate_id).status is EstimateStatus.DRAFT
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    assert "Traceback" not in capsys.readouterr().err
    assert editor.isVisible() and not editor.offline.isVisible()


def test_an_editor_action_without_the_server_shows_the_banner_until_it_answers(
    qtbot: QtBot, demo: Engine, assessor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _draft_editor(qtbot, demo, assessor)
    editor.offline.retry.setInterval(20)
    real_submit = workflow.submit
    down = [True]

    def submit(*args: object, **kwargs: object) -> object:
        if down[0]:
            raise DatabaseUnavailable("the database server cannot be reached (test)")
        return real_submit(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workflow, "submit", submit)
    editor.submit()
    confirm_submit(editor)  # the open warnings' reasons (issue 26.3)
    assert editor.message.text() == not_done_text() and editor.offline.isVisible()
    down[0] = False  # the server answers: the estimate is read again and the banner goes
    qtbot.waitUntil(lambda: not editor.offline.isVisible(), timeout=3000)
    editor.submit()
    confirm_submit(editor)
    assert editor.stored is not None and editor.stored.status is EstimateStatus.SUBMITTED


def test_without_logging_set_up_the_error_goes_to_a_file_not_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from estimator.gui import operations

    monkeypatch.setattr(operations.log, "propagate", False)  # nothing above it handles it
    monkeypatch.setattr(operations.log, "handlers", [])
    monkeypatch.setattr(
        operations.QStandardPaths, "writableLocation", staticmethod(lambda _where: str(tmp_path))
    )
    fake = FakeScreen()

    def bug() -> None:
        raise ZeroDivisionError("a bug")

    assert OperationRunner(fake.screen()).run(bug)[0] is Outcome.UNEXPECTED
    for handler in operations.log.handlers:
        handler.close()
    written = (tmp_path / operations.LOG_FILE).read_text(encoding="utf-8")
    assert "ZeroDivisionError" in written and "Traceback" in written
    assert "Traceback" not in capfd.readouterr().err
    assert fake.messages == [unexpected_text()]

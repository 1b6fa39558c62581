"""One runner for the user's actions (Anki's ``CollectionOp``): an action is a small function
that calls services; the runner runs it (on the GUI thread, or a slow one on a worker thread)
and maps how it ended in ONE place:

- the server lost (``DatabaseUnavailable``) → the screen's offline banner, retried;
- the write refused (``StorageError``: disk full, read-only) → the screen keeps the edit;
- a stale save (someone saved first) → the screen's conflict bar;
- a refusal in both languages (``DomainError`` …) → the message bar, in the interface's language;
- anything else → logged, and said as an unexpected error (never a traceback on stderr).

Success tells the views what changed (``changed``)."""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QThread, Signal, Slot

from estimator.domain.errors import DomainError
from estimator.gui.banner import OfflineBanner, not_done_text
from estimator.gui.labels import in_language
from estimator.services import estimate_store
from estimator.services.case_details import CaseEditConflict
from estimator.services.catalog import CatalogEditConflict
from estimator.services.connection import DatabaseUnavailable

R = TypeVar("R")
log = logging.getLogger(__name__)

#: Refusal codes of a save based on a version someone else has since changed (``StaleEdit``
#: of the persistence layer, which the GUI does not import).
STALE_CODES = frozenset({"stale_edit"})


class Outcome(enum.Enum):
    """How an action ended."""

    DONE = "done"
    OFFLINE = "offline"
    STORAGE = "storage"
    CONFLICT = "conflict"
    REFUSED = "refused"
    UNEXPECTED = "unexpected"


def outcome_of(error: BaseException) -> Outcome:
    """Which of the outcomes an error raised by an action is (the one mapping)."""
    if isinstance(error, DatabaseUnavailable):
        return Outcome.OFFLINE
    if isinstance(error, estimate_store.StorageError):
        return Outcome.STORAGE
    if isinstance(error, estimate_store.EditConflict | CaseEditConflict | CatalogEditConflict):
        return Outcome.CONFLICT
    if isinstance(error, DomainError) and error.code in STALE_CODES:
        return Outcome.CONFLICT
    if _bilingual(error):
        return Outcome.REFUSED
    return Outcome.UNEXPECTED


def _bilingual(error: BaseException) -> bool:
    return isinstance(getattr(error, "message_zh", None), str) and isinstance(
        getattr(error, "message_en", None), str
    )


#: The file unexpected errors are written to when nothing else handles the log.
LOG_FILE = "estimator-errors.log"


def unexpected_log() -> logging.Logger:
    """The log of unexpected errors: wherever the application's logging goes, or else a file
    in the user's application data (never the terminal: Python's last resort prints there)."""
    if not log.hasHandlers():
        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
        )
        handler: logging.Handler
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(folder / LOG_FILE, encoding="utf-8", delay=True)
        except OSError:
            handler = logging.NullHandler()  # nowhere to write: said on screen all the same
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        log.addHandler(handler)
    return log


def unexpected_text() -> str:
    """What an action that failed for a reason nobody foresaw says."""
    return QCoreApplication.translate(
        "OperationRunner",
        "Not done: an unexpected error occurred. It was written to the log; nothing else was changed.",
    )


@dataclass
class Screen:
    """Where a screen shows the outcomes: its message bar, its offline banner and, when it
    keeps refused edits or resolves conflicts itself, its handlers for those."""

    message: Callable[[str], None]
    banner: OfflineBanner | None = None
    #: Read the screen again once the server answers (the banner goes away then).
    reread: Callable[[], object] | None = None
    #: The banner's key for that rereading (shared by the screen's actions).
    reread_key: str = "load"
    #: A refused write (disk full, read-only): the screen keeps the edit ("Save again").
    storage: Callable[[DomainError], None] | None = None
    #: A stale save: the screen shows its conflict bar (re-apply / discard).
    conflict: Callable[[DomainError], None] | None = None
    #: The server lost, for a screen that keeps the edit and says so in its own words.
    offline: Callable[[], None] | None = None


class _Worker(QThread):
    """Runs one action off the GUI thread; hands back itself and ``(True, result)`` or
    ``(False, error)``."""

    ended = Signal(object)

    def __init__(self, action: Callable[[], Any]) -> None:
        super().__init__()
        self.action = action

    def run(self) -> None:
        try:
            outcome: tuple[bool, object] = (True, self.action())
        except Exception as error:  # noqa: BLE001 — delivered to the GUI thread, mapped there
            outcome = (False, error)
        self.ended.emit((self, outcome))


@dataclass
class _Running(Generic[R]):
    worker: _Worker
    key: str
    done: Callable[[R], object] | None
    changes: str


class OperationRunner(QObject):
    """Runs a screen's actions and shows how each ended (see the module's docstring)."""

    #: An action succeeded; what it changed (a word such as "estimate", "case", "lines").
    changed = Signal(str)
    #: True while an action runs on a worker thread (the screen shows it is busy).
    busy = Signal(bool)

    def __init__(self, screen: Screen, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.screen = screen
        self._running: list[_Running[Any]] = []

    def run(
        self,
        action: Callable[[], R],
        *,
        key: str = "action",
        changes: str = "",
        again: Callable[[], object] | None = None,
    ) -> tuple[Outcome, R | None]:
        """Run ``action`` now, on the GUI thread: ``(DONE, result)``, or the failure's
        outcome (already shown) and None. ``again`` retries it under the banner."""
        try:
            result = action()
        except Exception as error:  # noqa: BLE001 — the one place actions' errors are mapped
            return self.fail(error, key=key, again=again), None
        self._succeeded(key, changes)
        return Outcome.DONE, result

    def start(
        self,
        action: Callable[[], R],
        done: Callable[[R], object] | None = None,
        *,
        key: str = "action",
        changes: str = "",
    ) -> None:
        """Run a slow ``action`` on a worker thread; ``done(result)`` (or the failure's
        outcome) follows on the GUI thread. The action must not touch widgets: it calls
        services only (Python's collector runs on the GUI thread alone, see qt_guard)."""
        worker = _Worker(action)
        running: _Running[R] = _Running(worker, key, done, changes)
        # A slot of the runner, which lives on the GUI thread: the call is queued there.
        worker.ended.connect(self._delivered)
        self._running.append(running)
        self.busy.emit(True)
        worker.start()

    @property
    def is_busy(self) -> bool:
        """Whether an action is running on a worker thread."""
        return bool(self._running)

    def wait(self) -> None:
        """Wait for the actions on worker threads (a closing screen: no thread outlives it)."""
        for running in list(self._running):
            running.worker.wait()

    @Slot(object)
    def _delivered(self, payload: tuple[_Worker, tuple[bool, object]]) -> None:
        worker, outcome = payload
        running = next(r for r in self._running if r.worker is worker)
        self._ended(running, outcome)

    def _ended(self, running: _Running[Any], outcome: tuple[bool, object]) -> None:
        running.worker.wait()
        running.worker.deleteLater()
        self._running.remove(running)
        if not self._running:
            self.busy.emit(False)
        succeeded, value = outcome
        if not succeeded:
            assert isinstance(value, BaseException)
            self.fail(value, key=running.key)
            return
        self._succeeded(running.key, running.changes)
        if running.done is not None:
            running.done(value)

    def _succeeded(self, key: str, changes: str) -> None:
        if self.screen.banner is not None:
            self.screen.banner.up(key)
        if changes:
            self.changed.emit(changes)

    def fail(
        self,
        error: BaseException,
        *,
        key: str = "action",
        again: Callable[[], object] | None = None,
    ) -> Outcome:
        """Show how an action failed, on the screen (the one place errors are mapped)."""
        outcome = outcome_of(error)
        screen = self.screen
        if outcome is Outcome.OFFLINE:
            if screen.offline is not None:
                screen.offline()
            elif again is None:
                screen.message(not_done_text())
            if screen.banner is not None and again is not None:
                screen.banner.down(key, again)
            elif screen.banner is not None:
                screen.banner.down(screen.reread_key if screen.reread else key, screen.reread)
        elif outcome is Outcome.STORAGE and screen.storage is not None:
            screen.storage(_domain(error))
        elif outcome is Outcome.CONFLICT and screen.conflict is not None:
            screen.conflict(_domain(error))
        elif outcome is not Outcome.UNEXPECTED:
            screen.message(in_language(error))  # type: ignore[arg-type]
        else:
            unexpected_log().error("unexpected error in an action", exc_info=error)
            screen.message(unexpected_text())
        return outcome


def _domain(error: BaseException) -> DomainError:
    assert isinstance(error, DomainError)
    return error

"""The demo's history coming in behind the open window (services/demo_pending.py): the
replay runs in a thread of its own, its progress in the status bar; when it is complete the
case list, the review desk and the dashboard read the database again."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from estimator.gui.main_window import MainWindow
    from estimator.services.demo_pending import HistoryOutcome, PendingHistory

#: How long the closing window waits for the case being replayed (a fraction of a second).
_STOP_WAIT_S = 10.0


class DemoHistoryBar(QObject):
    """Replays the demo's pending history beside ``window``, shown in its status bar."""

    advanced = Signal(int, int)
    finished = Signal(object)  # the HistoryOutcome, or the error that ended the replay

    def __init__(self, window: MainWindow, pending: PendingHistory) -> None:
        super().__init__(window)
        self.window = window
        self.pending = pending
        self.outcome: HistoryOutcome | None = None
        self.failed = False
        self.label = QLabel(self.tr("Building the demo's three months of history…"))
        window.statusBar().addPermanentWidget(self.label)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="demo-history", daemon=True)
        self.advanced.connect(self._advanced)
        self.finished.connect(self._finished)
        window.installEventFilter(self)  # closing the window stops the replay
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        """Start the replay."""
        self._thread.start()

    def running(self) -> bool:
        """Whether the replay is still going."""
        return self._thread.is_alive()

    def stop(self) -> None:
        """End the replay after the case in hand and wait for it (the window closes, the
        application quits); the demo database keeps the cases replayed so far."""
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(_STOP_WAIT_S)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def _run(self) -> None:
        """The thread: the replay through the services; its end told to the window."""
        try:
            outcome: object = self.pending.run(self._progress, self._stop.is_set)
        except Exception as error:  # noqa: BLE001 - told in the status bar, never a crash
            outcome = error
        if not self._stop.is_set():  # a closed window is told nothing
            self.finished.emit(outcome)

    def _progress(self, done: int, total: int) -> None:
        if not self._stop.is_set():
            self.advanced.emit(done, total)

    def _advanced(self, done: int, total: int) -> None:
        self.label.setText(
            self.tr("Building the demo's three months of history: %1 of %2 cases")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )

    def _finished(self, outcome: object) -> None:
        self.window.statusBar().removeWidget(self.label)
        self.label.deleteLater()
        if isinstance(outcome, Exception):
            self.failed = True
            self.window.statusBar().showMessage(
                self.tr("The demo's history could not be built; today's cases are all there.")
            )
            return
        self.outcome = cast("HistoryOutcome", outcome)
        self.window.refresh_cases()
        if self.window.desk is not None:
            self.window.desk.refresh()
        if self.window.dashboard is not None:
            self.window.dashboard.reload()
        self.window.statusBar().showMessage(
            self.tr("The demo's three months of history are in: %1 cases").replace(
                "%1", str(self.outcome.cases)
            ),
            15000,
        )


def replay_behind(window: MainWindow, pending: PendingHistory | None) -> DemoHistoryBar | None:
    """Start replaying ``pending`` behind ``window`` (nothing when there is none)."""
    if pending is None:
        return None
    bar = DemoHistoryBar(window, pending)
    bar.start()
    return bar

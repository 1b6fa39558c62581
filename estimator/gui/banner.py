"""The banner shown wherever the database server cannot be reached (the case list, the part
search and edits in the editor, the review desk): it says so, and retries what failed until
the server answers again; then it goes away. Nothing the user entered is dropped meanwhile.

``report_outages`` is the last resort behind it: an outage that no screen caught shows the
banner of the window in front (or a message) instead of a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QThread, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from estimator.services.connection import DatabaseUnavailable, server_reachable

if TYPE_CHECKING:
    from estimator.services.database import Database


def not_done_text() -> str:
    """What an action refused for want of the server says, on any screen."""
    return QCoreApplication.translate(
        "OfflineBanner",
        "Not done: the database server cannot be reached. Try again when it is back.",
    )


#: How long to wait before trying again when the database server could not be reached.
RETRY_MS = 5000


class OfflineBanner(QLabel):
    """Hidden while the server answers. ``run(key, action)`` runs ``action``; when the server
    cannot be reached the banner shows and ``action`` is tried again every ``RETRY_MS``
    until it succeeds (the newest action per key wins). ``down``/``up`` let a caller with
    its own retry (the editor's kept edit) share the banner."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            text
            or self.tr(
                "The database server cannot be reached. Nothing you entered is lost; retrying…"
            ),
            parent,
        )
        self.setObjectName("offline-banner")
        self.setStyleSheet("background: #fff3e0; color: #e65100; padding: 6px;")
        self.setWordWrap(True)
        self.hide()
        self._pending: dict[str, Callable[[], object] | None] = {}
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self._try_again)

    def run(self, key: str, action: Callable[[], object]) -> bool:
        """Run ``action``; False (and shown, retried later) when the server is unreachable."""
        try:
            action()
        except DatabaseUnavailable:
            self.down(key, lambda: self.run(key, action))
            return False
        self.up(key)
        return True

    def not_done(self) -> str:
        """What an action refused for want of the server says (the user tries it again)."""
        return not_done_text()

    def down(self, key: str, again: Callable[[], object] | None = None) -> None:
        """``key`` failed for want of the server; ``again`` (if given) retries it later."""
        self._pending[key] = again
        self.show()
        if again is not None:
            self.retry.start()

    def up(self, key: str) -> None:
        """``key`` reached the server; the banner goes once nothing else is waiting."""
        self._pending.pop(key, None)
        if not self._pending:
            self.hide()

    def _try_again(self) -> None:
        for again in [a for a in self._pending.values() if a is not None]:
            again()


#: The key of what the last resort shows: cleared once the server answers a round trip.
UNCAUGHT = "uncaught"


class OutageReporter:
    """``sys.excepthook`` while the workstation runs: a :class:`DatabaseUnavailable` that
    reached the event loop uncaught is shown on the banner of the window in front (retried
    until the server answers, then hidden), or in a message when that window has none; any
    other error goes to the hook that was there before."""

    def __init__(self, engine: Database) -> None:
        self.engine = engine
        self.previous = sys.excepthook
        self.box: QMessageBox | None = None

    def install(self) -> OutageReporter:
        sys.excepthook = self
        return self

    def __call__(
        self,
        kind: type[BaseException],
        error: BaseException,
        traceback: TracebackType | None,
    ) -> None:
        app = QApplication.instance()
        in_gui_thread = app is not None and QThread.currentThread() is app.thread()
        if isinstance(error, DatabaseUnavailable) and in_gui_thread:
            self.show()
        else:
            self.previous(kind, error, traceback)

    def show(self) -> None:
        """Say the server cannot be reached, where the user is looking."""
        banner = self._banner()
        if banner is not None:
            self._wait_for_server(banner)
            return
        if self.box is not None and self.box.isVisible():
            return  # said already
        text = QCoreApplication.translate(
            "OfflineBanner",
            "The database server cannot be reached. Nothing you entered is lost; retrying…",
        )
        self.box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("OutageReporter", "Database server unavailable"),
            text,
            QMessageBox.StandardButton.Ok,
            QApplication.activeWindow(),
        )
        self.box.open()

    def _banner(self) -> OfflineBanner | None:
        front = QApplication.activeWindow()  # or, when none is known, any window shown
        windows = [front] if front is not None else QApplication.topLevelWidgets()
        for window in windows:
            for banner in window.findChildren(OfflineBanner) if window.isVisible() else []:
                parent = banner.parentWidget()
                if parent is not None and parent.isVisible():
                    return banner
        return None

    def _wait_for_server(self, banner: OfflineBanner) -> None:
        def check() -> None:
            if server_reachable(self.engine):
                banner.up(UNCAUGHT)
            else:
                banner.down(UNCAUGHT, check)

        banner.down(UNCAUGHT, check)


def report_outages(engine: Database) -> OutageReporter:
    """Install the last resort for outages no screen caught (see :class:`OutageReporter`)."""
    return OutageReporter(engine).install()

"""The banner shown wherever the database server cannot be reached (the case list, the part
search and edits in the editor, the review desk): it says so, and retries what failed until
the server answers again; then it goes away. Nothing the user entered is dropped meanwhile."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from estimator.services.connection import DatabaseUnavailable

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

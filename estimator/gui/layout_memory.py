"""Splitter sizes remembered in the main window's settings (QSettings), per screen."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QSplitter, QWidget


class SplitterMemory(QObject):
    """Restores a screen's splitters when it is first shown and saves them when moved; the
    settings are its window's ``settings`` (a screen without one remembers nothing)."""

    def __init__(self, screen: QWidget, splitters: dict[str, QSplitter]) -> None:
        super().__init__(screen)
        self.screen = screen
        self.splitters = splitters
        self.restored = False
        screen.installEventFilter(self)
        for splitter in splitters.values():
            splitter.splitterMoved.connect(lambda _pos, _index: self.save())

    def settings(self) -> QSettings | None:
        """The window's settings, if it has any."""
        found = getattr(self.screen.window(), "settings", None)
        return found if isinstance(found, QSettings) else None

    def save(self) -> None:
        """Store every splitter's state (once restored: never the default over the saved)."""
        settings = self.settings()
        if settings is not None and self.restored:
            for name, splitter in self.splitters.items():
                settings.setValue(name, splitter.saveState())

    def restore(self) -> None:
        """Put every splitter back as it was saved."""
        self.restored = True
        settings = self.settings()
        if settings is None:
            return
        for name, splitter in self.splitters.items():
            state = settings.value(name)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.screen and event.type() == QEvent.Type.Show and not self.restored:
            self.restore()
        return super().eventFilter(watched, event)

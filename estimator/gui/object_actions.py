"""The loss objects' actions in the Estimate menu: the next and previous object of the open
case (Ctrl+PgDown, Ctrl+PgUp), adding a third-party vehicle or property item (the strip's
"+ 三者车" and "+ 三者物损" buttons), and changing or removing the third-party object shown
(as a tab's right-click menu does); each greyed in the menu while it cannot be done."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from estimator.domain.settlement_payout import ObjectKind

if TYPE_CHECKING:
    from estimator.gui.main_window import MainWindow

NEXT_KEY = "Ctrl+PgDown"
PREVIOUS_KEY = "Ctrl+PgUp"


class ObjectActions(QObject):
    """The Estimate menu's loss-object actions of a main window."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        strip = window.editor.objects
        self.actions: dict[str, QAction] = {}
        menu.addSeparator()
        table: list[tuple[str, str, str, Callable[[], object], Callable[[], bool]]] = [
            ("next", self.tr("Ne&xt loss object"), NEXT_KEY, lambda: strip.step(1), self._many),
            (
                "previous",
                self.tr("P&revious loss object"),
                PREVIOUS_KEY,
                lambda: strip.step(-1),
                self._many,
            ),
            (
                "vehicle",
                self.tr("Add a &third-party vehicle…"),
                "",
                lambda: strip.add_object(ObjectKind.THIRD_PARTY_VEHICLE),
                strip.may_add,
            ),
            (
                "property",
                self.tr("Add th&ird-party property…"),
                "",
                lambda: strip.add_object(ObjectKind.THIRD_PARTY_PROPERTY),
                strip.may_add,
            ),
            (
                "change",
                self.tr("&Modify loss object…"),
                "",
                strip.change_object,
                lambda: strip.may_change(strip.current()),
            ),
            (
                "remove",
                self.tr("Remove loss o&bject"),
                "",
                strip.remove_object,
                lambda: strip.may_remove(strip.current()),
            ),
        ]
        for name, label, key, run, ready in table:
            action = QAction(label, window)
            if key:
                action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, r=run, k=ready: self._run(r, k))
            menu.addAction(action)
            menu.aboutToShow.connect(lambda a=action, k=ready: a.setEnabled(self._shown() and k()))
            menu.aboutToHide.connect(lambda a=action: a.setEnabled(True))
            self.actions[name] = action
        shown = [
            QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
            for k in (NEXT_KEY, PREVIOUS_KEY)
        ]
        strip.bar.setToolTip(
            self.tr("Loss objects of the case: %1 next, %2 previous")
            .replace("%1", shown[0])
            .replace("%2", shown[1])
        )

    def _shown(self) -> bool:
        return self.window.editor.isVisible()

    def _many(self) -> bool:
        return len(self.window.editor.objects.objects) > 1

    def _run(self, run: Callable[[], object], ready: Callable[[], bool]) -> None:
        if self._shown() and ready():
            run()


def add_object_actions(window: MainWindow, menu: QMenu) -> ObjectActions:
    """Add the loss objects' actions to the window's Estimate menu."""
    return ObjectActions(window, menu)

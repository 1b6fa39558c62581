"""The payout estimate's actions in the Estimate menu: 赔款预估 (Ctrl+Shift+Y) brings the
editor's payout tab forward with room to read it, 车辆价值与保单… (Ctrl+Shift+V) opens the
case's settlement data; a save there reads the editor again (its findings follow: R16)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from estimator.gui.flood_vehicle_action import add_flood_vehicle_action
from estimator.gui.object_actions import add_object_actions

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor
    from estimator.gui.main_window import MainWindow

PAYOUT_KEY = "Ctrl+Shift+Y"
SETTLEMENT_KEY = "Ctrl+Shift+V"
#: The height the payout tab is given when it is brought forward (its table and figures).
PAYOUT_HEIGHT = 240


def show_payout(editor: EstimateEditor) -> bool:
    """Bring the editor's payout tab forward, tall enough to read; False with no case."""
    if editor.stored is None:
        return False
    tabs = editor.review_tabs
    tabs.setCurrentWidget(tabs.payout)
    lines, below = editor.center.sizes()
    if below < PAYOUT_HEIGHT:
        taken = min(PAYOUT_HEIGHT - below, max(0, lines - 160))
        editor.center.setSizes([lines - taken, below + taken])
    tabs.payout.table.setFocus()
    return True


class PayoutActions(QObject):
    """The Estimate menu's payout actions of a main window."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        editor = window.editor
        panel = editor.review_tabs.payout
        panel.settled.connect(editor.reload)
        self.actions: dict[str, QAction] = {}
        for name, label, key, run in (
            ("payout", self.tr("Pa&yout estimate"), PAYOUT_KEY, lambda: show_payout(editor)),
            (
                "settlement",
                self.tr("&Vehicle value and policy…"),
                SETTLEMENT_KEY,
                panel.open_settlement,
            ),
        ):
            action = QAction(label, window)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _checked=False, r=run: self._run(r))
            menu.addAction(action)
            menu.aboutToShow.connect(lambda a=action: a.setEnabled(self._ready()))
            menu.aboutToHide.connect(lambda a=action: a.setEnabled(True))
            self.actions[name] = action
        shown = QKeySequence(SETTLEMENT_KEY).toString(QKeySequence.SequenceFormat.NativeText)
        panel.settlement_button.setToolTip(f"{panel.settlement_button.text()} ({shown})")
        self.flood = add_flood_vehicle_action(window, menu)  # 水淹车检查清单 (Ctrl+Shift+W)
        self.objects = add_object_actions(window, menu)  # 损失标的: switch, add

    def _ready(self) -> bool:
        editor = self.window.editor
        return editor.isVisible() and editor.stored is not None

    def _run(self, run: object) -> None:
        if self._ready() and callable(run):
            run()


def add_payout_actions(window: MainWindow, menu: QMenu) -> PayoutActions:
    """Add the payout actions to the window's Estimate menu (kept as ``payout_actions``)."""
    return PayoutActions(window, menu)

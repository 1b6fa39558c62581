"""The flooded-vehicle checklist's action in the Estimate menu: 水淹车检查清单… (Ctrl+Shift+W)
opens the checklist of the editor's case (gui/flood_vehicle_dialog.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from estimator.gui.flood_vehicle_dialog import FloodVehicleDialog, open_flood_checklist

if TYPE_CHECKING:
    from estimator.gui.main_window import MainWindow

FLOOD_CHECKLIST_KEY = "Ctrl+Shift+W"


class FloodVehicleAction(QObject):
    """The Estimate menu's flood checklist action of a main window."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: FloodVehicleDialog | None = None
        self.action = QAction(self.tr("&Flooded-vehicle checklist…"), window)
        self.action.setShortcut(QKeySequence(FLOOD_CHECKLIST_KEY))
        self.action.triggered.connect(lambda _checked=False: self.open())
        menu.addAction(self.action)
        menu.aboutToShow.connect(lambda: self.action.setEnabled(self._ready()))
        menu.aboutToHide.connect(lambda: self.action.setEnabled(True))

    def _ready(self) -> bool:
        editor = self.window.editor
        return editor.isVisible() and editor.stored is not None

    def open(self) -> FloodVehicleDialog | None:
        """Open the checklist of the editor's case (nothing while no case is shown)."""
        if not self._ready():
            return None
        self.dialog = open_flood_checklist(self.window.editor)
        return self.dialog


def add_flood_vehicle_action(window: MainWindow, menu: QMenu) -> FloodVehicleAction:
    """Add the flood checklist action to the window's Estimate menu."""
    return FloodVehicleAction(window, menu)

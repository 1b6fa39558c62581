"""The bar shown when a save was refused because someone else saved first: what they changed,
and the two ways on — re-apply my edit on their version, or drop it. Nothing is overwritten
without the user choosing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class ConflictBar(QWidget):
    """Hidden until ``show_conflict``; emits ``reapply`` or ``discard``."""

    reapply = Signal()
    discard = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("edit-conflict")
        self.setStyleSheet("#edit-conflict { background: #fff8e1; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setStyleSheet("color: #6d4c00; padding: 4px;")
        self.reapply_button = QPushButton(self.tr("Reload and re-apply my edit"))
        self.discard_button = QPushButton(self.tr("Discard my edit"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.reapply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.reapply_button.clicked.connect(self.reapply)
        self.discard_button.clicked.connect(self.discard)
        self.hide()

    def show_conflict(self, message: str) -> None:
        """Show what the other person changed."""
        self.text.setText(message)
        self.show()

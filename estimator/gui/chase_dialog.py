"""The chase dialog (催问…, Ctrl+Shift+H in the editor): who chased and through whom, as
words in two lists, and an optional note; the editor records what it returns."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.chases import NOTE_LIMIT, ChaseBy, ChaseVia


class ChaseDialog(QDialog):
    """Asks who chased the case, through whom, and a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a chase"))
        self.by = QComboBox()
        for party, text in (
            (ChaseBy.CUSTOMER, self.tr("Customer")),
            (ChaseBy.SHOP, self.tr("Repair shop")),
            (ChaseBy.SALES, self.tr("Sales staff")),
        ):
            self.by.addItem(text, party.value)
        self.via = QComboBox()
        for route, text in (
            (ChaseVia.GM_OFFICE, self.tr("General manager's office")),
            (ChaseVia.CLAIMS_MANAGER, self.tr("Claims manager")),
        ):
            self.via.addItem(text, route.value)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(self.tr("Optional"))
        self.note.setMinimumWidth(self.fontMetrics().horizontalAdvance("W" * 28))
        form = QFormLayout()
        form.addRow(self.tr("Chased by"), self.by)
        form.addRow(self.tr("Through"), self.via)
        form.addRow(self.tr("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.by.setFocus()

    def chosen(self) -> tuple[ChaseBy, ChaseVia, str]:
        """Who chased, through whom, and the note (trimmed)."""
        return (
            ChaseBy(self.by.currentData()),
            ChaseVia(self.via.currentData()),
            self.note.text().strip(),
        )

"""The chase dialog (催问…, Ctrl+Shift+H in the editor): who chased and through whom, as
words in two lists, and an optional note; the editor records what it returns."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.chases import NOTE_LIMIT, ChaseBy, ChaseVia
from estimator.services import chases

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor


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

    def recorded(self, count: int, penalty: Decimal) -> str:
        """What the status line says once the chase is stored."""
        return (
            self.tr("Chase recorded: %1 for this case, penalty %2 yuan in all.")
            .replace("%1", str(count))
            .replace("%2", f"{penalty:,.2f}")
        )

    def chosen(self) -> tuple[ChaseBy, ChaseVia, str]:
        """Who chased, through whom, and the note (trimmed)."""
        return (
            ChaseBy(self.by.currentData()),
            ChaseVia(self.via.currentData()),
            self.note.text().strip(),
        )


def record_chase(editor: EstimateEditor) -> ChaseDialog | None:
    """Ask who chased the editor's case through whom, then record it (the history shows it,
    the status line the case's count and penalty). None without an open case."""
    if editor.stored is None:
        return None
    dialog = ChaseDialog(editor)
    dialog.accepted.connect(lambda: _store_chase(editor, dialog))
    dialog.open()
    return dialog


def _store_chase(editor: EstimateEditor, dialog: ChaseDialog) -> None:
    if editor.stored is None:
        return
    by, via, note = dialog.chosen()
    case_id, stored = editor.stored.case_id, editor.stored
    _, result = editor.runner.run(
        lambda: chases.record_chase(editor.engine, case_id, by, via, editor.user, note),
        key="chase",
    )
    if result is None:
        return
    editor.review_tabs.show_estimate(stored)
    # Good news goes to the window's status line: the message line is for problems (red).
    window = editor.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(dialog.recorded(result.count, result.penalty), 15000)

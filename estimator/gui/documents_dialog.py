"""The on-site documents dialog (现场单证…, Ctrl+Shift+O in the editor): the case's procedure
and its checklist, one row per item with its state; the keys 1…9 tick an item as collected on
site (or untick it back to missing). Every change is recorded at once through the service
(audited; the history shows it), so closing the dialog loses nothing."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.onsite_documents import DocumentState, Procedure
from estimator.gui.operations import OperationRunner, Screen
from estimator.services import onsite_documents
from estimator.services.onsite_documents import Checklist
from estimator.services.settings import display_zone
from estimator.services.users import User
from kernel.clock import to_local

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor
    from estimator.services.database import Database

#: The number keys that tick the items, in the checklist's order.
ITEM_KEYS = "123456789"


class DocumentsDialog(QDialog):
    """The case's procedure and on-site documents checklist, recorded as they change."""

    def __init__(
        self, engine: Database, case_id: uuid.UUID, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.case_id, self.user = engine, case_id, user
        self.setWindowTitle(self.tr("On-site documents"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.runner = OperationRunner(Screen(self.message.setText), self)
        self.words = {
            "driving_licence": self.tr("Driving licence"),
            "vehicle_licence": self.tr("Vehicle licence"),
            "accident_determination": self.tr("Accident determination or agreement"),
            "bank_card": self.tr("Bank card"),
            "id_card": self.tr("ID card"),
            "claim_application": self.tr("Claim application"),
        }
        self.procedure = QComboBox()
        self.procedure.addItem(self.tr("Simple procedure"), Procedure.SIMPLE.value)
        self.procedure.addItem(self.tr("Ordinary procedure"), Procedure.ORDINARY.value)
        self.procedure.setEnabled(bool(user.roles & onsite_documents.RECORDERS))
        self.grid = QGridLayout()
        self.rows: list[tuple[str, QComboBox, QLabel]] = []
        self.summary = QLabel()
        hint = QLabel(self.tr("Keys 1–9: tick or untick an item as collected on site."))
        hint.setStyleSheet("color: #555")
        form = QFormLayout()
        form.addRow(self.tr("Procedure"), self.procedure)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(self.grid)
        layout.addWidget(self.summary)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for index, key in enumerate(ITEM_KEYS):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda i=index: self.toggle(i))
        self.zone = display_zone(engine)
        self.checklist = onsite_documents.document_checklist(engine, case_id)
        self._show(self.checklist)
        self.procedure.currentIndexChanged.connect(self._choose_procedure)

    def state_text(self, state: DocumentState) -> str:
        """A state in words."""
        return {
            DocumentState.ONSITE: self.tr("Collected on site"),
            DocumentState.LATER: self.tr("Collected later"),
            DocumentState.NOT_NEEDED: self.tr("Not needed"),
            DocumentState.MISSING: self.tr("Missing"),
        }[state]

    def toggle(self, index: int) -> None:
        """Key ``index + 1``: the item collected on site, or (if it was) missing again."""
        if index >= len(self.checklist.items):
            return
        item = self.checklist.items[index]
        on_site = item.state is DocumentState.ONSITE
        self.record(item.item, DocumentState.MISSING if on_site else DocumentState.ONSITE)

    def record(self, item: str, state: DocumentState) -> None:
        """Record an item's state now and show the checklist after it."""
        self.message.clear()
        _, result = self.runner.run(
            lambda: onsite_documents.record_document(
                self.engine, self.case_id, item, state, self.user
            ),
            key="documents",
        )
        self._show(result or self.checklist)

    def _choose_procedure(self) -> None:
        procedure = Procedure(self.procedure.currentData())
        self.message.clear()
        _, result = self.runner.run(
            lambda: onsite_documents.set_procedure(self.engine, self.case_id, procedure, self.user),
            key="procedure",
        )
        self._show(result or self.checklist)

    def _show(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self.procedure.blockSignals(True)
        self.procedure.setCurrentIndex(self.procedure.findData(checklist.procedure.value))
        self.procedure.blockSignals(False)
        if [code for code, _box, _when in self.rows] != [i.item for i in checklist.items]:
            self._build_rows(checklist)
        for (_code, box, when), item in zip(self.rows, checklist.items, strict=True):
            box.blockSignals(True)
            box.setCurrentIndex(box.findData(item.state.value))
            box.blockSignals(False)
            shown = f"{to_local(item.at, self.zone):%m-%d %H:%M}" if item.at else ""
            when.setText(shown)
        complete = self.tr("yes") if checklist.complete_at_survey else self.tr("no")
        text = self.tr("Complete at the survey: %1").replace("%1", complete)
        if checklist.collected_at is not None:
            at = f"{to_local(checklist.collected_at, self.zone):%Y-%m-%d %H:%M}"
            text += "  " + self.tr("All collected at %1").replace("%1", at)
        self.summary.setText(text)

    def _build_rows(self, checklist: Checklist) -> None:
        while (found := self.grid.takeAt(0)) is not None:
            if (widget := found.widget()) is not None:
                widget.deleteLater()
        self.rows = []
        writes = bool(self.user.roles & onsite_documents.RECORDERS)
        for row, item in enumerate(checklist.items):
            key = QLabel(ITEM_KEYS[row] if row < len(ITEM_KEYS) else "")
            key.setStyleSheet("color: #555; font-weight: bold")
            box = QComboBox()
            for state in DocumentState:
                box.addItem(self.state_text(state), state.value)
            box.setEnabled(writes)
            box.activated.connect(
                lambda _i, b=box, code=item.item: self.record(code, DocumentState(b.currentData()))
            )
            when = QLabel()
            self.grid.addWidget(key, row, 0)
            self.grid.addWidget(QLabel(self.words.get(item.item, item.item)), row, 1)
            self.grid.addWidget(box, row, 2)
            self.grid.addWidget(when, row, 3)
            self.rows.append((item.item, box, when))


def open_documents(editor: EstimateEditor) -> DocumentsDialog | None:
    """Open the editor's case's documents dialog (Ctrl+Shift+O); the history shows what was
    recorded once it closes. None without a case or when the case cannot be read (the
    editor's message line says why)."""
    if (stored := editor.stored) is None:
        return None
    case_id = stored.case_id
    _, dialog = editor.runner.run(
        lambda: DocumentsDialog(editor.engine, case_id, editor.user, editor), key="documents"
    )
    if dialog is not None:
        dialog.finished.connect(lambda _code: editor.review_tabs.show_estimate(stored))
        dialog.open()
    return dialog

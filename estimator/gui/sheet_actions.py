"""The editor's documents of an estimate version: the estimate sheet (preview, print), the
customer's signature, the approval notice and the shop's invoice — each an action run by the
editor's operation runner."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox

from estimator.gui.operations import Outcome
from estimator.services import workflow
from estimator.services.documents import estimate_sheet, signing_facts

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor
    from estimator.gui.invoice_dialog import InvoiceDialog
    from estimator.gui.sheet_preview import SheetPreview


class SheetActions(QObject):
    """Sheet, signature, notice and invoice of the editor's open version."""

    def __init__(self, editor: EstimateEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def write_sheet(self, path: Path) -> Path:
        """Write this version's estimate sheet as a PDF (in the interface's language)."""
        from estimator.gui.labels import screen_language

        editor = self.editor
        assert editor.estimate_id is not None
        path.write_bytes(
            estimate_sheet(editor.engine, editor.estimate_id, language=screen_language())
        )
        return path

    def open_sheet(self) -> SheetPreview | None:
        """Show the estimate sheet in the in-app preview (print, save as); it is built off
        the GUI thread while the preview says so."""
        from estimator.gui.labels import screen_language
        from estimator.gui.sheet_preview import SheetPreview

        editor = self.editor
        if editor.estimate_id is None or editor.stored is None:
            return None
        engine, estimate_id, language = editor.engine, editor.estimate_id, screen_language()
        name = f"估损单-{editor.stored.estimate.claim_no}-v{editor.stored.version_no}.pdf"
        preview = SheetPreview(name, editor)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.build(lambda: estimate_sheet(engine, estimate_id, language=language))
        preview.open()
        return preview

    def print_sheet(self) -> SheetPreview | None:
        """Open the sheet's preview and, once it is shown, Qt's print dialog."""
        preview = self.open_sheet()
        if preview is not None:
            preview.ready.connect(preview.print_sheet, Qt.ConnectionType.QueuedConnection)
        return preview

    def customer_signs(self, signature_png: bytes | None) -> None:
        """Record the customer's signature (drawn, or None for ink on the print)."""
        editor = self.editor
        estimate_id = editor.estimate_id
        assert estimate_id is not None
        outcome, _ = editor.runner.run(
            lambda: workflow.customer_signed(
                editor.engine, estimate_id, editor.user, signature_png
            ),
            key="sign",
        )
        if outcome is Outcome.DONE:
            editor.reload()

    def ask_customer_signature(self) -> None:
        """Let the customer sign on the screen, seeing the claim, their name and the total."""
        from estimator.gui.signature_pad import CustomerSignatureDialog

        editor = self.editor
        estimate_id = editor.estimate_id
        if estimate_id is None:
            return
        _, facts = editor.runner.run(lambda: signing_facts(editor.engine, estimate_id))
        if facts is None:
            return
        dialog = CustomerSignatureDialog(editor, facts)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.customer_signs(dialog.pad.png())

    def send_notice(self) -> str:
        """Copy the approval notices to the clipboard and record that they were sent."""
        editor = self.editor
        assert editor.estimate_id is not None
        notice = workflow.approval_notice(editor.engine, editor.estimate_id)
        text = f"{notice.to_customer}\n\n{notice.to_shop}"
        QGuiApplication.clipboard().setText(text)
        workflow.record_notification_sent(editor.engine, editor.estimate_id, editor.user)
        editor.reload()
        return text

    def show_notice(self) -> None:
        """Show the approval notices (copied to the clipboard, sending recorded)."""
        _, text = self.editor.runner.run(self.send_notice, key="notice")
        if text is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Approval notice"),
            self.tr("Copied to the clipboard; sending recorded.") + "\n\n" + text,
            QMessageBox.StandardButton.Ok,
            self.editor,
        )
        box.open()

    def open_invoice(self) -> InvoiceDialog | None:
        """Enter or import the shop's final invoice and reconcile it (approved estimates)."""
        from estimator.gui.invoice_dialog import InvoiceDialog

        editor = self.editor
        estimate_id = editor.estimate_id
        if estimate_id is None:
            return None
        _, dialog = editor.runner.run(
            lambda: InvoiceDialog(editor.engine, estimate_id, editor.user, editor), key="invoice"
        )
        if dialog is None:
            return None
        dialog.saved.connect(editor.reload)
        dialog.open()
        return dialog

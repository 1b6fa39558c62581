"""The estimate editor: case header, part search with type-ahead, lines, totals and 大写."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from estimator.domain.pricing import PricedEstimate
from estimator.domain.review import Finding
from estimator.domain.workflow import DomainError, EstimateStatus, is_editable
from estimator.gui.banner import OfflineBanner, needs_server
from estimator.gui.case_bar import CaseBar
from estimator.gui.case_details import CaseDetailsDialog
from estimator.gui.commands import (
    EditQuantityCommand,
    LinesState,
    SetLinesCommand,
    changed_position,
    reapply,
    with_value,
)
from estimator.gui.conflict import ConflictBar
from estimator.gui.finder import Finder
from estimator.gui.labels import in_language
from estimator.gui.layout_memory import SplitterMemory
from estimator.gui.line_actions import LineActions
from estimator.gui.models import (
    EstimateLinesModel,
    LineColumn,
)
from estimator.gui.review_tabs import ReviewTabs
from estimator.gui.totals_rail import TotalsRail
from estimator.services import estimate_store, workflow
from estimator.services.catalog import search_parts
from estimator.services.connection import DatabaseUnavailable
from estimator.services.documents import estimate_sheet, may_sign, signing_facts
from estimator.services.estimates import part_prices, price
from estimator.services.partners import partner_shops
from estimator.services.salvage import set_salvage
from estimator.services.users import User
from parts_catalog.model import PriceType

if TYPE_CHECKING:  # loaded when first opened
    from estimator.gui.invoice_dialog import InvoiceDialog
    from estimator.gui.sheet_preview import SheetPreview

#: Where the keyboard is, visibly: the focused search box, results or lines get a frame.
FOCUS_STYLE = (
    "QLineEdit#finder-search:focus, QTableView#finder-results:focus,"
    " QTableView#estimate-lines:focus { border: 2px solid #1565c0; }"
)
SEARCH_DELAY_MS = 120


class EstimateEditor(QWidget):
    """Edits one estimate version; every change is an undoable command saved at once."""

    changed = Signal()

    def __init__(self, engine: Engine, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.user = user
        self.estimate_id: uuid.UUID | None = None
        self.stored: estimate_store.StoredEstimate | None = None
        self.priced: PricedEstimate | None = None
        #: Lines the user asked for that the database refused to store (disk full,
        #: read-only): shown and kept until "Save again" stores them.
        self.unsaved: LinesState | None = None
        self.undo_stack = QUndoStack(self)
        self._build()

    @property
    def current_findings(self) -> list[Finding]:
        """The self-check's findings of the open version (shown in the review tabs)."""
        return self.review_tabs.current_findings

    # --- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        self.case_bar = CaseBar(self.engine)
        self.header = self.case_bar.header
        self.guarantee = self.case_bar.guarantee
        self.details_button = self.case_bar.details_button
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        # Shown while the database server cannot be reached; the unsaved edit is retried.
        self.offline = OfflineBanner(
            self.tr(
                "The database server cannot be reached. Your edit is kept and will be saved when the connection is back; retrying…"
            )
        )
        # A save refused because someone else saved first: (the version it was based on,
        # the user's edit), kept until re-applied on the newest version or discarded.
        self.conflict = ConflictBar()
        self._conflict: tuple[LinesState, LinesState] | None = None
        self.conflict.reapply.connect(self.reapply_my_edit)
        self.conflict.discard.connect(self.discard_my_edit)

        self.finder = Finder()
        self.search = self.finder.search
        self.matches = self.finder.matches
        self.results = self.finder.results
        self.line_actions = LineActions(self)
        self.finder.operation.connect(self.line_actions.run)
        self.finder.to_lines.connect(self.line_actions.focus_lines)

        self.lines = EstimateLinesModel()
        self.lines.on_quantity = self.change_quantity
        self.lines.on_override = self.override
        self.lines.on_entered = self.change_entered
        self.lines.on_refused = self.refuse_cell
        self.table = QTableView()
        self.table.setObjectName("estimate-lines")
        self.table.installEventFilter(self.line_actions)  # F/W/S/Z/N, A, Esc on the lines
        self.table.setModel(self.lines)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Letters on the lines are operation keys (F, W, S, Z, N, A): F2 or a double click
        # edits a cell, never a stray letter.
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LineColumn.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LineColumn.NOTES, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LineColumn.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LineColumn.KIND, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in (
            (LineColumn.REFERENCE, 100),
            (LineColumn.QTY, 64),
            (LineColumn.PRICE, 76),
            (LineColumn.AMOUNT, 84),
            (LineColumn.NOTES, 110),
        ):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().hide()
        # Compact rows: at 1366×768 the editor shows at least 12 lines (editor-ux.md §2).
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setToolTip(
            self.tr(
                "F2: edit the cell · Del: remove · F/W/S/Z/N: material, sublet, towing, salvage, part not in catalog · A: apply the advice · Esc: back to the search"
            )
        )
        self.remove = QPushButton(self.tr("Remove line (Del)"))

        self.rail = TotalsRail()
        self.rail.apply_advice.connect(self.apply_advice)
        self.totals_labels = self.rail.labels
        self.words = self.rail.words
        self.tier = self.rail.tier
        self.advice = self.rail.advice

        self.retry_button = QPushButton(self.tr("Save again"))
        self.retry_button.hide()
        self.submit_button = QPushButton(self.tr("Submit for review"))
        self.supplement_button = QPushButton(self.tr("Supplement (追加定损)"))
        self.notice_button = QPushButton(self.tr("Approval notice"))
        self.sheet_button = QPushButton(self.tr("Estimate sheet (PDF)"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.sign_button = QPushButton(self.tr("Customer signs…"))
        self.invoice_button = QPushButton(self.tr("Shop invoice…"))
        action_row = QWidget()
        action_row.setMinimumWidth(240)  # squeezed in a narrow window, never widening it
        actions = QHBoxLayout(action_row)  # one compact row: the lines keep the height
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(4)
        actions.addWidget(self.remove)
        actions.addStretch(1)
        for button in (
            self.sheet_button,
            self.sign_button,
            self.notice_button,
            self.supplement_button,
            self.invoice_button,
            self.retry_button,
            self.submit_button,
        ):
            actions.addWidget(button)
        lines_panel = QWidget()
        lines_layout = QVBoxLayout(lines_panel)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addWidget(self.table)
        lines_box = ReviewTabs(self.engine, self.user, self._selected_line)
        self.review_tabs = lines_box
        self.findings = lines_box.findings
        self.changes = lines_box.changes
        self.history = lines_box.history
        self.photos = lines_box.photos
        self.tabs = lines_box

        # Finder | lines (over the review tabs) | totals rail (editor-ux.md §2).
        self.center = QSplitter(Qt.Orientation.Vertical)
        self.center.addWidget(lines_panel)
        self.center.addWidget(lines_box)
        self.center.setStretchFactor(0, 4)
        self.center.setSizes([520, 140])
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.addWidget(self.finder)
        self.body.addWidget(self.center)
        self.body.addWidget(self.rail)
        self.body.setStretchFactor(1, 1)
        # Explicit minimums: a narrow window squeezes the panels rather than growing wide.
        for panel, width in ((self.finder, 120), (self.center, 240), (self.rail, 120)):
            panel.setMinimumWidth(width)
        lines_box.setMinimumWidth(240)
        lines_panel.setMinimumWidth(240)
        self.body.setSizes([250, 760, 190])
        self.layout_memory = SplitterMemory(
            self, {"editor/body": self.body, "editor/center": self.center}
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.case_bar)
        layout.addWidget(self.offline)
        layout.addWidget(self.conflict)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)
        layout.addWidget(action_row)
        self.setStyleSheet(FOCUS_STYLE)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.remove.clicked.connect(self.remove_selected)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_advice(current.row())
        )
        self.retry_button.clicked.connect(self.save_again)
        self.details_button.clicked.connect(lambda: self.open_case_details())
        self.submit_button.clicked.connect(self.submit)
        self.supplement_button.clicked.connect(self.supplement)
        self.notice_button.clicked.connect(self.show_notice)
        self.sheet_button.clicked.connect(self.open_sheet)
        self.print_button.clicked.connect(self.print_sheet)
        self.sign_button.clicked.connect(self.ask_customer_signature)
        self.invoice_button.clicked.connect(lambda: self.open_invoice())
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.remove_selected)

    def sizeHint(self) -> QSize:
        """Wide: the finder, the lines and the totals side by side (editor-ux.md §2)."""
        return QSize(1040, 700)

    # --- loading ---------------------------------------------------------------------

    def open(self, estimate_id: uuid.UUID) -> None:
        """Show an estimate version (a new undo history starts)."""
        self.estimate_id = estimate_id
        self.undo_stack.clear()
        self.unsaved = None
        self.reload()

    def reload(self) -> bool:
        """Read the stored version again, price it and show it. When the server cannot be
        reached the banner says so and it is read again later; until then a version other
        than the one asked for is not shown (nor saved over: see ``store``). False then."""
        if self.estimate_id is None:
            return True
        if self.unsaved is not None and self._showing_asked_for():
            # An edit kept while the server was away is saved first (the save then reads
            # the version again); reading over it would lose it.
            self.offline.up("load")
            self.retry_save()
            return self.unsaved is None
        if self.offline.run("load", self._reload):
            return True
        if not self._showing_asked_for():
            self.stored = self.priced = None
            self.lines.set_priced(None, False)
            self.header.setText(self.tr("Waiting for the database server…"))
        return False

    def _showing_asked_for(self) -> bool:
        return self.stored is not None and self.stored.id == self.estimate_id

    def _unreachable(self) -> None:
        """An action refused for want of the server: said, and the estimate read again
        (the banner gone) once the server answers."""
        self.message.setText(self.offline.not_done())
        self.offline.down("load", self.reload)

    def _reload(self) -> None:
        assert self.estimate_id is not None
        self.unsaved = None
        self.retry_button.hide()
        self.stored = estimate_store.load_estimate(self.engine, self.estimate_id)
        priced, problems = estimate_store.price_stored(self.stored, self.engine)
        self.priced = priced if priced is not None and priced.ok else None
        self.message.setText(
            "\n".join(p.describe() for p in (problems or (priced.problems if priced else ())))
        )
        editable = is_editable(self.stored.status)
        self.lines.set_priced(
            self.priced, editable, estimate_store.review_adjustments(self.engine, self.stored.id)
        )
        self.finder.set_read_only(not editable)
        self.rail.show_advice("", False)  # the lines were read again: no line is selected
        self.remove.setEnabled(editable)
        self.submit_button.setEnabled(editable)
        self.supplement_button.setEnabled(
            self.stored.status in (EstimateStatus.APPROVED, EstimateStatus.SIGNED)
        )
        # Only the case's assessor collects the customer's signature (the service checks too).
        signs = may_sign(self.engine, self.stored.id, self.user)
        self.sign_button.setVisible(signs)
        self.sign_button.setEnabled(signs and self.stored.status is EstimateStatus.APPROVED)
        is_approved = self.stored.status in (
            EstimateStatus.APPROVED,
            EstimateStatus.SIGNED,
            EstimateStatus.CLOSED,
        )
        self.notice_button.setEnabled(is_approved)
        self.invoice_button.setEnabled(is_approved)
        self.details_button.setEnabled(True)
        self.review_tabs.show_estimate(self.stored)
        self.case_bar.show_estimate(
            self.stored, self.priced, self.review_tabs.return_reason(self.stored)
        )
        self._show_totals()
        if self.lines.review and self.stored is not None:
            approved = estimate_store.approved_totals(self.engine, self.stored.id).total
            self.totals_labels["total"].setText(
                f"{self.priced.totals.total:,.2f} → {approved:,.2f}"
                if self.priced and self.priced.totals
                else ""
            )
        self.changed.emit()

    @needs_server
    def submit(self) -> None:
        """Submit this version for core-loss review."""
        if self.estimate_id is None:
            return
        try:
            workflow.submit(self.engine, self.estimate_id, self.user)
        except DomainError as error:
            self.message.setText(self._message(error))
            return
        self.undo_stack.clear()
        self.reload()

    def send_notice(self) -> str:
        """Copy the approval notices to the clipboard and record that they were sent."""
        assert self.estimate_id is not None
        notice = workflow.approval_notice(self.engine, self.estimate_id)
        text = f"{notice.to_customer}\n\n{notice.to_shop}"
        QGuiApplication.clipboard().setText(text)
        workflow.record_notification_sent(self.engine, self.estimate_id, self.user)
        self.reload()
        return text

    @needs_server
    def show_notice(self) -> None:
        """Show the approval notices (copied to the clipboard, sending recorded)."""
        try:
            text = self.send_notice()
        except DomainError as error:
            self.message.setText(self._message(error))
            return
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Approval notice"),
            self.tr("Copied to the clipboard; sending recorded.") + "\n\n" + text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()

    def write_sheet(self, path: Path) -> Path:
        """Write this version's estimate sheet as a PDF (in the interface's language)."""
        from estimator.gui.sheet_preview import sheet_language

        assert self.estimate_id is not None
        path.write_bytes(estimate_sheet(self.engine, self.estimate_id, language=sheet_language()))
        return path

    def open_sheet(self) -> SheetPreview | None:
        """Show the estimate sheet in the in-app preview (print, save as); it is built off
        the GUI thread while the preview says so."""
        from estimator.gui.sheet_preview import SheetPreview, sheet_language

        if self.estimate_id is None or self.stored is None:
            return None
        engine, estimate_id, language = self.engine, self.estimate_id, sheet_language()
        name = f"估损单-{self.stored.estimate.claim_no}-v{self.stored.version_no}.pdf"
        preview = SheetPreview(name, self)
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

    @needs_server
    def customer_signs(self, signature_png: bytes | None) -> None:
        """Record the customer's signature (drawn, or None for ink on the print)."""
        assert self.estimate_id is not None
        try:
            workflow.customer_signed(self.engine, self.estimate_id, self.user, signature_png)
        except DomainError as error:
            self.message.setText(self._message(error))
            return
        self.reload()

    @needs_server
    def ask_customer_signature(self) -> None:
        """Let the customer sign on the screen, seeing the claim, their name and the total."""
        from estimator.gui.signature_pad import CustomerSignatureDialog

        if self.estimate_id is None:
            return
        try:
            facts = signing_facts(self.engine, self.estimate_id)
        except DomainError as error:
            self.message.setText(self._message(error))
            return
        dialog = CustomerSignatureDialog(self, facts)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.customer_signs(dialog.pad.png())

    @needs_server
    def supplement(self) -> None:
        """Start a supplement (追加定损) of this approved version and open it."""
        if self.estimate_id is None:
            return
        try:
            new_id = workflow.supplement(self.engine, self.estimate_id, self.user)
        except DomainError as error:
            self.message.setText(self._message(error))
            return
        self.open(new_id)

    def _message(self, error: DomainError) -> str:
        return in_language(error)

    @needs_server
    def open_invoice(self) -> InvoiceDialog | None:
        """Enter or import the shop's final invoice and reconcile it (approved estimates)."""
        if self.estimate_id is None:
            return None
        from estimator.gui.invoice_dialog import InvoiceDialog

        dialog = InvoiceDialog(self.engine, self.estimate_id, self.user, self)
        dialog.saved.connect(self.reload)
        dialog.open()
        return dialog

    def open_case_details(self) -> CaseDetailsDialog | None:
        """Correct the open case's details; the header (and, after a pricing change in a
        draft, the prices) show the saved details at once."""
        if self.stored is None:
            return None
        if self.unsaved is not None or self._conflict is not None:
            self.message.setText(
                self.tr(
                    "First save again, re-apply or discard the edit that was not saved; then change the case details."
                )
            )
            return None
        try:
            dialog = CaseDetailsDialog(
                self.engine, self.stored.case_id, self.user, self, partner_shops(self.engine)
            )
        except DatabaseUnavailable:
            self.message.setText(
                self.tr(
                    "The database server cannot be reached: the case details cannot be opened now. Try again when the connection is back."
                )
            )
            return None
        dialog.saved.connect(lambda _update: self.reload())
        dialog.open()
        return dialog

    def _show_totals(self) -> None:
        self.rail.show_totals(self.priced)

    # --- search ----------------------------------------------------------------------

    def run_search(self) -> None:
        """Type-ahead: rank parts for the text, fitting this vehicle first (again later,
        under the banner, when the server cannot be reached)."""
        self.offline.run("search", self._search)

    def _search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.matches.set_matches([])
            return
        model = self.stored.estimate.model_code if self.stored else None
        try:
            found = search_parts(self.engine, text, model_code=model or None, limit=30)
        except LookupError:
            found = search_parts(self.engine, text, limit=30)
        prices: dict[str, dict[PriceType, Decimal]] = {}
        if self.stored is not None and found:
            e = self.stored.estimate
            prices = part_prices(self.engine, [m.part_no for m in found], e.region, e.priced_on)
        self.matches.set_matches(found, prices)
        if found:
            self.results.selectRow(0)

    # --- edits -----------------------------------------------------------------------

    def state(self) -> LinesState:
        """The current lines and keys: the unsaved ones while a save is refused."""
        assert self.stored is not None
        if self.unsaved is not None:
            return self.unsaved
        return LinesState(self.stored.estimate.lines, self.stored.line_keys)

    def store(self, state: LinesState) -> bool:
        """Save a state in one transaction and show what was saved. When the database
        refuses the write (disk full, read-only), the state stays on screen, unsaved, with
        the reason and a "Save again" button; False then."""
        assert self.estimate_id is not None
        if not self._showing_asked_for():
            self.message.setText(self.offline.not_done())  # not read yet: nothing to save on
            return False
        if self._conflict is not None:
            self.message.setText(self.tr("First re-apply or discard the edit that was refused."))
            return False
        position = changed_position(self.state(), state)
        try:
            estimate_store.replace_lines(
                self.engine,
                self.estimate_id,
                list(state.lines),
                self.user,
                list(state.keys),
                based_on=self.stored,
            )
        except DatabaseUnavailable:
            # Nothing was written: keep the edit on screen and save it when the server is back.
            self._keep_unsaved(state, "")  # the banner says why, and saves it when back
            self.offline.down("save", self.retry_save)
            return False
        except estimate_store.StorageError as error:
            self._keep_unsaved(state, self._message(error))
            return False
        except estimate_store.EditConflict as conflict:
            self._conflict = (self.state(), state)
            self.conflict.show_conflict(self._message(conflict))
            return False
        except DomainError as error:
            self.message.setText(self._message(error))
            return False
        self.unsaved = None  # stored
        self.offline.up("save")
        self.reload()
        self.select_position(position)  # the view stays on the changed line (undo, redo too)
        return True

    def _keep_unsaved(self, state: LinesState, reason: str) -> None:
        assert self.stored is not None
        self.unsaved = state
        try:
            priced, _problems = price(self.engine, replace(self.stored.estimate, lines=state.lines))
        except DatabaseUnavailable:
            priced = None  # shown as it was; the lines themselves are kept below
        if priced is not None and priced.ok:
            self.priced = priced
            self.lines.set_priced(priced, True, {})
            self._show_totals()
        self.retry_button.show()
        self.message.setText(
            (reason + "\n" if reason else "")
            + self.tr(
                "Not saved: your change is kept on screen. Press Save again when the problem is fixed."
            )
        )

    def save_again(self) -> None:
        """Store the lines a refused save kept on screen (an undoable step once stored)."""
        if self.unsaved is None or self.stored is None:
            return
        before = LinesState(self.stored.estimate.lines, self.stored.line_keys)
        self.undo_stack.push(SetLinesCommand(self, before, self.unsaved, self.tr("Save again")))

    def reapply_my_edit(self) -> None:
        """Load the newest version and save the refused edit again on top of it."""
        if self._conflict is None:
            return
        base, mine = self._conflict
        self._settle_conflict()
        self.store(reapply(base, mine, self.state()))

    def discard_my_edit(self) -> None:
        """Drop the refused edit and show the newest version."""
        self._settle_conflict()

    def _settle_conflict(self) -> None:
        self._conflict = None
        self.conflict.hide()
        self.undo_stack.clear()  # its steps were made on a version that is no longer current
        self.reload()

    def retry_save(self) -> None:
        """Save the edit kept while the server could not be reached (again later if it
        still cannot be)."""
        if self.unsaved is not None:
            self.save_again()

    def add_selected_as_replace(self) -> None:
        """Add the selected part with its replace labor and paint from the standard."""
        self.add_selected(with_labor=True)

    @needs_server
    def add_selected(self, *, with_labor: bool) -> None:
        """Add the selected search result as replace (H) or as the part only (B)."""
        self.line_actions.run("H" if with_labor else "B")

    def change_quantity(self, position: int, qty: Decimal) -> None:
        """Change a line's quantity (an undoable, saved edit). Queued, so the table's editor
        has finished committing before the model is refreshed."""

        def push() -> None:
            command = EditQuantityCommand(
                self, self.state(), position, qty, self.tr("Change quantity")
            )
            self.undo_stack.push(command)

        QTimer.singleShot(0, push)

    def ask_reason(self, field: str) -> str | None:
        """Ask why a looked-up value is overridden (None: cancelled; Ctrl+Enter confirms)."""
        label = {
            "unit_price": self.tr("unit price"),
            "hours": self.tr("hours"),
            "panels": self.tr("panels"),
        }.get(field, field)
        from estimator.gui.reason_dialog import ReasonDialog

        why = self.tr("Why is the %1 changed?").replace("%1", label)
        return ReasonDialog.ask(self, self.tr("Override reason"), why)

    def override(self, position: int, field: str, value: Decimal) -> None:
        """Override a looked-up value; refused without a written reason."""

        def push() -> None:
            reason = self.ask_reason(field)
            if not reason:
                self.message.setText(self.tr("An override needs a reason; nothing was changed."))
                return
            before = self.state()
            lines = list(before.lines)
            line = lines[position]
            lines[position] = with_value(line, field, value, reason)
            after = LinesState(tuple(lines), before.keys)
            self.undo_stack.push(SetLinesCommand(self, before, after, self.tr("Override")))

        QTimer.singleShot(0, push)

    @needs_server
    def show_advice(self, row: int) -> None:
        """Repair or replace (修换) for the component of the selected part or repair line."""
        text, can_apply = self.line_actions.advice(row)
        self.rail.show_advice(text, can_apply)

    @needs_server
    def apply_advice(self) -> None:
        """Apply the advice of the selected line (one undo step)."""
        self.line_actions.apply_advice(self.table.currentIndex().row())

    # --- keyboard, cells, salvage, layout ------------------------------------------

    def refuse_cell(self, message: str) -> None:
        """A typed value that was not taken: said in place, nothing stored."""
        self.message.setText(message)

    def change_entered(self, position: int, field: str, value: Decimal) -> None:
        """Change an entered value (material qty/unit price, sublet/towing amount): no reason,
        the assessor typed it in the first place."""

        def push() -> None:
            before = self.state()
            lines = list(before.lines)
            lines[position] = with_value(lines[position], field, value)
            after = LinesState(tuple(lines), before.keys)
            self.undo_stack.push(SetLinesCommand(self, before, after, self.tr("Change amount")))

        QTimer.singleShot(0, push)

    def store_salvage(self, salvage: Decimal | None) -> bool:
        """Save the estimate's salvage against the version shown (False: refused, said)."""
        assert self.estimate_id is not None
        if self.unsaved is not None or self._conflict is not None or not self._showing_asked_for():
            self.message.setText(self.tr("First save or settle the lines; then set the salvage."))
            return False
        try:
            set_salvage(self.engine, self.estimate_id, salvage, self.user, based_on=self.stored)
        except DatabaseUnavailable:
            self.message.setText(self.offline.not_done())
            return False
        except estimate_store.StorageError as error:
            self.message.setText(self._message(error))
            return False
        except DomainError as error:  # an edit conflict too: the newest version is shown
            self.message.setText(self._message(error))
            self.reload()
            return False
        self.reload()
        return True

    def select_position(self, position: int | None) -> None:
        """Select and show the row of an entered line (the last row when it is gone)."""
        if position is None or not self.lines.rowCount():
            return
        rows = [r for r in range(self.lines.rowCount()) if self.lines.line_at(r).index is not None]
        if not rows:
            return
        row = next((r for r in rows if self.lines.line_at(r).index == position), rows[-1])
        index = self.lines.index(row, LineColumn.NAME)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def _selected_line(self) -> tuple[uuid.UUID, int] | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.stored is None:
            return None
        position = self.lines.line_at(index.row()).index
        if position is None or position >= len(self.stored.line_keys):
            return None
        return self.stored.line_keys[position], position + 1

    def remove_selected(self) -> None:
        """Remove the selected entered line."""
        index = self.table.currentIndex()
        if not index.isValid() or self.stored is None or not is_editable(self.stored.status):
            return
        position = self.lines.line_at(index.row()).index
        if position is None:
            return
        before = self.state()
        lines = list(before.lines)
        keys = list(before.keys)
        del lines[position], keys[position]
        self.undo_stack.push(
            SetLinesCommand(
                self, before, LinesState(tuple(lines), tuple(keys)), self.tr("Remove line")
            )
        )

    def current_index(self) -> QModelIndex:
        """The table's current index (for tests and shortcuts)."""
        return self.table.currentIndex()

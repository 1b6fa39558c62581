"""The estimate editor: case header, part search with type-ahead, lines, totals and 大写."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.pricing import PricedEstimate
from estimator.domain.review import Finding
from estimator.domain.workflow import DomainError, EstimateStatus, is_editable
from estimator.gui.banner import OfflineBanner, needs_server
from estimator.gui.case_bar import CaseBar
from estimator.gui.case_details import CaseDetailsDialog
from estimator.gui.commands import EditQuantityCommand, LinesState, SetLinesCommand, reapply
from estimator.gui.conflict import ConflictBar
from estimator.gui.labels import in_language
from estimator.gui.models import (
    TIER_TEXT,
    EstimateLinesModel,
    LineColumn,
    PartMatchesModel,
)
from estimator.gui.review_tabs import ReviewTabs
from estimator.services import cases
from estimator.services.catalog import search_parts
from estimator.services.connection import DatabaseUnavailable
from estimator.services.documents import estimate_sheet, may_sign, signing_facts
from estimator.services.estimates import part_prices, price, repair_or_replace_advice
from estimator.services.guarantee import (
    agreed_price_type,
)
from estimator.services.labor import NoLaborStandard, current_standard
from estimator.services.partners import partner_shops
from estimator.services.users import User
from labor_standards.model import Operation
from parts_catalog.model import PriceType

if TYPE_CHECKING:  # loaded when first opened
    from estimator.gui.invoice_dialog import InvoiceDialog
    from estimator.gui.sheet_preview import SheetPreview

TOTALS = (
    ("parts", "Parts"),
    ("management_fee", "Management fee"),
    ("labor", "Labor"),
    ("paint", "Paint"),
    ("material", "Material"),
    ("sublet", "Sublet"),
    ("towing", "Towing"),
    ("salvage", "Salvage (deducted)"),
    ("total", "Total"),
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
        self.stored: cases.StoredEstimate | None = None
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

        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Find a part: Chinese, pinyin initials (qbxg) or part number")
        )
        self.search.setClearButtonEnabled(True)
        self.matches = PartMatchesModel()
        self.results = QTableView()
        self.results.setModel(self.matches)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.results.verticalHeader().hide()
        self.add_replace = QPushButton(self.tr("Add as replace (Enter)"))
        self.add_part = QPushButton(self.tr("Add part only"))
        search_box = QGroupBox(self.tr("Parts catalog"))
        search_layout = QVBoxLayout(search_box)
        search_layout.addWidget(self.search)
        search_layout.addWidget(self.results)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_replace)
        buttons.addWidget(self.add_part)
        search_layout.addLayout(buttons)

        self.lines = EstimateLinesModel()
        self.lines.on_quantity = self.change_quantity
        self.lines.on_override = self.override
        self.table = QTableView()
        self.table.setModel(self.lines)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            LineColumn.NAME, QHeaderView.ResizeMode.Stretch
        )
        self.table.horizontalHeader().setSectionResizeMode(
            LineColumn.NOTES, QHeaderView.ResizeMode.Stretch
        )
        # The line number needs little room, the part number or component a whole header.
        self.table.horizontalHeader().setSectionResizeMode(
            LineColumn.NUMBER, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setColumnWidth(LineColumn.REFERENCE, 160)
        self.table.verticalHeader().hide()
        self.remove = QPushButton(self.tr("Remove line (Del)"))

        self.totals_labels: dict[str, QLabel] = {}
        totals_box = QGroupBox(self.tr("Totals"))
        grid = QGridLayout(totals_box)
        # Three rows of totals leave the lines table the height: it is where the work is.
        for row, (name, label) in enumerate(TOTALS):
            grid.addWidget(QLabel(self.tr(label)), row % 3, (row // 3) * 2)
            value = QLabel("0.00")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, row % 3, (row // 3) * 2 + 1)
            self.totals_labels[name] = value
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        self.words = QLabel()
        self.words.setStyleSheet("font-weight: bold;")
        self.tier = QLabel()
        summary = QHBoxLayout()
        summary.addWidget(QLabel(self.tr("In words")))
        summary.addWidget(self.words)
        summary.addStretch(1)
        summary.addWidget(QLabel(self.tr("Tier")))
        summary.addWidget(self.tier)
        grid.addLayout(summary, 3, 0, 1, 6)

        self.retry_button = QPushButton(self.tr("Save again"))
        self.retry_button.hide()
        self.submit_button = QPushButton(self.tr("Submit for review"))
        self.supplement_button = QPushButton(self.tr("Supplement (追加定损)"))
        self.notice_button = QPushButton(self.tr("Approval notice"))
        self.sheet_button = QPushButton(self.tr("Estimate sheet (PDF)"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.sign_button = QPushButton(self.tr("Customer signs…"))
        self.invoice_button = QPushButton(self.tr("Shop invoice…"))
        actions = QHBoxLayout()
        actions.addWidget(self.remove)
        actions.addStretch(1)
        actions.addWidget(self.invoice_button)
        actions.addWidget(self.retry_button)
        actions.addWidget(self.submit_button)
        documents = QHBoxLayout()
        for button in (
            self.sheet_button,
            self.sign_button,
            self.notice_button,
            self.supplement_button,
        ):
            documents.addWidget(button)
        documents.addStretch(1)
        lines_tab = QWidget()
        lines_layout = QVBoxLayout(lines_tab)
        lines_layout.setContentsMargins(0, 0, 0, 0)
        lines_layout.addWidget(self.table)
        lines_layout.addWidget(self.advice)
        lines_layout.addLayout(actions)
        lines_layout.addLayout(documents)
        lines_layout.addWidget(totals_box)
        lines_box = ReviewTabs(self.engine, self.user, self._selected_line)
        lines_box.insertTab(0, lines_tab, self.tr("Lines"))
        lines_box.setCurrentIndex(0)
        self.review_tabs = lines_box
        self.findings = lines_box.findings
        self.changes = lines_box.changes
        self.history = lines_box.history
        self.photos = lines_box.photos
        self.tabs = lines_box

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(search_box)
        splitter.addWidget(lines_box)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 740])  # the search's list is short; the lines are the work
        layout = QVBoxLayout(self)
        layout.addWidget(self.case_bar)
        layout.addWidget(self.offline)
        layout.addWidget(self.conflict)
        layout.addWidget(self.message)
        layout.addWidget(splitter)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.add_selected_as_replace)
        self.results.doubleClicked.connect(lambda _index: self.add_selected_as_replace())
        self.add_replace.clicked.connect(self.add_selected_as_replace)
        self.add_part.clicked.connect(lambda: self.add_selected(with_labor=False))
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
        self.stored = cases.load_estimate(self.engine, self.estimate_id)
        priced, problems = cases.price_stored(self.stored, self.engine)
        self.priced = priced if priced is not None and priced.ok else None
        self.message.setText(
            "\n".join(p.describe() for p in (problems or (priced.problems if priced else ())))
        )
        editable = is_editable(self.stored.status)
        self.lines.set_priced(
            self.priced, editable, cases.review_adjustments(self.engine, self.stored.id)
        )
        self.search.setEnabled(editable)
        self.add_replace.setEnabled(editable)
        self.add_part.setEnabled(editable)
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
            approved = cases.approved_totals(self.engine, self.stored.id).total
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
            cases.submit(self.engine, self.estimate_id, self.user)
        except DomainError as error:
            self.message.setText(self._message(error))
            return
        self.undo_stack.clear()
        self.reload()

    def send_notice(self) -> str:
        """Copy the approval notices to the clipboard and record that they were sent."""
        assert self.estimate_id is not None
        notice = cases.approval_notice(self.engine, self.estimate_id)
        text = f"{notice.to_customer}\n\n{notice.to_shop}"
        QGuiApplication.clipboard().setText(text)
        cases.record_notification_sent(self.engine, self.estimate_id, self.user)
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
            cases.customer_signed(self.engine, self.estimate_id, self.user, signature_png)
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
            new_id = cases.supplement(self.engine, self.estimate_id, self.user)
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
        priced = self.priced
        for name, label in self.totals_labels.items():
            value = getattr(priced.totals, name) if priced and priced.totals else Decimal("0.00")
            label.setText(f"{value:,.2f}")
        self.words.setText(priced.total_in_words if priced else "")
        self.tier.setText(self.tr(TIER_TEXT[priced.tier.value]) if priced and priced.tier else "")

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
        try:
            cases.replace_lines(
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
        except cases.StorageError as error:
            self._keep_unsaved(state, self._message(error))
            return False
        except cases.EditConflict as conflict:
            self._conflict = (self.state(), state)
            self.conflict.show_conflict(self._message(conflict))
            return False
        except DomainError as error:
            self.message.setText(self._message(error))
            return False
        self.unsaved = None  # stored
        self.offline.up("save")
        self.reload()
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
        """Add the selected search result (and, as replace, its labor and paint lines)."""
        rows = self.results.selectionModel().selectedRows() if self.results.selectionModel() else []
        if not rows or self.stored is None or not is_editable(self.stored.status):
            return
        match = self.matches.match_at(rows[0].row())
        e = self.stored.estimate
        # At a partner shop with a valid agreement, a part is priced as agreed for its category.
        agreed = agreed_price_type(self.engine, e.shop_name, match.category) if e.partner else None
        new = [
            EstimateLine(
                LineKind.PART,
                part_no=match.part_no,
                price_type=agreed if agreed is not e.price_type else None,
            )
        ]
        if with_labor and match.component_code:
            new.append(
                EstimateLine(
                    LineKind.LABOR, component_code=match.component_code, operation=Operation.REPLACE
                )
            )
            try:
                if current_standard(self.engine).panels(match.component_code) is not None:
                    new.append(EstimateLine(LineKind.PAINT, component_code=match.component_code))
            except NoLaborStandard:
                pass
        before = self.state()
        after = LinesState((*before.lines, *new), (*before.keys, *([None] * len(new))))
        self.undo_stack.push(
            SetLinesCommand(self, before, after, self.tr("Add %1").replace("%1", match.name_zh))
        )

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
        """Ask why a looked-up value is overridden (None: cancelled)."""
        label = {"unit_price": self.tr("unit price"), "hours": self.tr("hours")}.get(field, field)
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
            if field == "unit_price":
                lines[position] = replace(line, unit_price=value, override_reason=reason)
            else:
                lines[position] = replace(line, hours=value, override_reason=reason)
            after = LinesState(tuple(lines), before.keys)
            self.undo_stack.push(SetLinesCommand(self, before, after, self.tr("Override")))

        QTimer.singleShot(0, push)

    @needs_server
    def show_advice(self, row: int) -> None:
        """Repair or replace (修换) for the component of the selected part line."""
        self.advice.setText("")
        if self.stored is None or not 0 <= row < self.lines.rowCount():
            return
        line = self.lines.line_at(row)
        if line.kind is not LineKind.PART or not line.component_code:
            return
        advice = repair_or_replace_advice(
            self.engine, self.stored.estimate, line.component_code, line.part_no
        )
        if advice is None:
            return
        choice = self.tr("replace") if advice.suggestion.value == "replace" else self.tr("repair")
        self.advice.setText(
            self.tr("Repair or replace: repair %1, replace %2 (%3 %) → suggest %4")
            .replace("%1", f"{advice.repair_cost:,.2f}")
            .replace("%2", f"{advice.replace_cost:,.2f}")
            .replace("%3", f"{advice.share * 100:.0f}")
            .replace("%4", choice)
            + ("" if not advice.replace_needs_reason else self.tr("; replacing needs a reason"))
        )

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

"""The estimate editor: case header, part search with type-ahead, lines, totals and 大写."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.pricing import PricedEstimate
from estimator.domain.review import Finding
from estimator.domain.workflow import EstimateStatus, is_editable
from estimator.gui.authority_action import AuthorityAction
from estimator.gui.case_bar import CaseBar
from estimator.gui.case_details import CaseDetailsDialog
from estimator.gui.chase_dialog import record_chase
from estimator.gui.commands import EditQuantityCommand, LinesState, SetLinesCommand, with_value
from estimator.gui.documents_dialog import open_documents
from estimator.gui.events_dialog import open_events
from estimator.gui.finder import Finder
from estimator.gui.layout_memory import SplitterMemory
from estimator.gui.line_actions import LineActions
from estimator.gui.models import (
    EstimateLinesModel,
    LineColumn,
)
from estimator.gui.object_tabs import ObjectTabs
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.gui.review_tabs import ReviewTabs
from estimator.gui.save_state import SaveState
from estimator.gui.sheet_actions import SheetActions
from estimator.gui.submit_dialog import SubmitDialog, ask_reasons
from estimator.gui.totals_rail import TotalsRail
from estimator.services import chases, estimate_store, workflow
from estimator.services.catalog import catalog_is_empty, search_parts
from estimator.services.documents import may_sign
from estimator.services.estimates import part_prices
from estimator.services.partners import partner_shops
from estimator.services.users import User
from parts_catalog.model import PriceType

if TYPE_CHECKING:
    from estimator.services.database import Database

#: Where the keyboard is, visibly: the focused search box, results or lines get a frame.
FOCUS_STYLE = (
    "QLineEdit#finder-search:focus, QTableView#finder-results:focus,"
    " QTableView#estimate-lines:focus { border: 2px solid #1565c0; }"
)
SEARCH_DELAY_MS = 120


class EstimateEditor(QWidget):
    """Edits one estimate version; every change is an undoable command saved at once."""

    changed = Signal()

    def __init__(self, engine: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.user = user
        self.estimate_id: uuid.UUID | None = None
        self.stored: estimate_store.StoredEstimate | None = None
        self.priced: PricedEstimate | None = None
        self.undo_stack = QUndoStack(self)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        # Saving, the kept edit, the banner and the conflict bar (gui/save_state.py).
        self.save = SaveState(self)
        self.offline, self.conflict = self.save.offline, self.save.conflict
        self.retry_button = self.save.retry_button
        self.state, self.store = self.save.state, self.save.store
        self.store_salvage = self.save.store_salvage
        # Every other action of the editor runs through one runner: a lost server shows
        # the banner and reads the estimate again once it answers.
        self.runner = OperationRunner(Screen(self.message.setText, self.offline, self.reload), self)
        self.submit_dialog: SubmitDialog | None = None  # the open warnings' reasons, if asked
        self.documents = SheetActions(self)
        self.write_sheet, self.open_sheet = self.documents.write_sheet, self.documents.open_sheet
        self.print_sheet, self.open_invoice = (
            self.documents.print_sheet,
            self.documents.open_invoice,
        )
        self.send_notice, self.show_notice = self.documents.send_notice, self.documents.show_notice
        self.customer_signs = self.documents.customer_signs
        self.ask_customer_signature = self.documents.ask_customer_signature
        self._build()

    @property
    def unsaved(self) -> LinesState | None:
        """Lines kept on screen that a save could not store (see ``SaveState``)."""
        return self.save.unsaved

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

        self.finder = Finder()
        self.search = self.finder.search
        self.matches = self.finder.matches
        self.results = self.finder.results
        self.line_actions = LineActions(self)
        self.finder.operation.connect(self.line_actions.run)
        self.finder.to_lines.connect(self.line_actions.focus_lines)

        self._build_table()
        self._place(self._build_actions())
        self._connect()

    def _build_table(self) -> None:
        """The lines: operation keys on the table, F2 or a double click edits a cell."""
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

    def _build_actions(self) -> QWidget:
        """The totals rail and the row of actions under the lines."""
        self.rail = TotalsRail()
        self.rail.apply_advice.connect(self.apply_advice)
        self.totals_labels = self.rail.labels
        self.words = self.rail.words
        self.tier = self.rail.tier
        self.advice = self.rail.advice

        self.submit_button = QPushButton(self.tr("Submit for review"))
        self.authority = AuthorityAction(self)  # 权限内核定, beside submit
        self.authority_button = self.authority.button
        self.supplement_button = QPushButton(self.tr("Supplement"))
        self.notice_button = QPushButton(self.tr("Approval notice"))
        self.sheet_button = QPushButton(self.tr("Estimate sheet (PDF)"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.sign_button = QPushButton(self.tr("Customer signs…"))
        self.invoice_button = QPushButton(self.tr("Shop invoice…"))
        self.chase_button = QPushButton(self.tr("Chase…"))
        self.documents_button = QPushButton(self.tr("On-site documents…"))
        self.events_button = QPushButton(self.tr("Field events…"))
        action_row = QWidget()
        action_row.setMinimumWidth(240)  # squeezed in a narrow window, never widening it
        actions = QHBoxLayout(action_row)  # one compact row: the lines keep the height
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(4)
        actions.addWidget(self.remove)
        actions.addStretch(1)
        row = (
            self.sheet_button,
            self.sign_button,
            self.notice_button,
            self.supplement_button,
            self.invoice_button,
            self.chase_button,
            self.documents_button,
            self.events_button,
            self.retry_button,
            self.authority_button,
            self.submit_button,
        )
        for button in row:
            actions.addWidget(button)
        #: What acts on the open case's estimate: disabled until one is shown (issue #25).
        others = (self.remove, self.details_button, self.print_button)
        self.case_buttons = others + tuple(b for b in row if b is not self.retry_button)
        self.no_case_shown()
        return action_row

    def _place(self, action_row: QWidget) -> None:
        """Finder | lines (over the review tabs) | totals rail (editor-ux.md §2)."""
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
        self.objects = ObjectTabs(self)  # the case's loss objects, under the case bar

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
        layout.addWidget(self.objects)
        layout.addWidget(self.offline)
        layout.addWidget(self.conflict)
        layout.addWidget(self.message)
        layout.addWidget(self.body, 1)
        layout.addWidget(action_row)
        self.setStyleSheet(FOCUS_STYLE)

    def _connect(self) -> None:
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.remove.clicked.connect(self.remove_selected)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_advice(current.row())
        )
        self.details_button.clicked.connect(lambda: self.open_case_details())
        self.submit_button.clicked.connect(self.submit)
        self.supplement_button.clicked.connect(self.supplement)
        self.notice_button.clicked.connect(self.show_notice)
        self.sheet_button.clicked.connect(self.open_sheet)
        self.print_button.clicked.connect(self.print_sheet)
        self.sign_button.clicked.connect(self.ask_customer_signature)
        self.invoice_button.clicked.connect(lambda: self.open_invoice())
        self.chase_button.clicked.connect(lambda: record_chase(self))
        self.documents_button.clicked.connect(lambda: open_documents(self))
        self.events_button.clicked.connect(lambda: open_events(self))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.remove_selected)

    def sizeHint(self) -> QSize:
        """Wide: the finder, the lines and the totals side by side (editor-ux.md §2)."""
        return QSize(1040, 700)

    # --- loading ---------------------------------------------------------------------

    def open(self, estimate_id: uuid.UUID) -> None:
        """Show an estimate version (a new undo history starts)."""
        self.estimate_id = estimate_id
        self.undo_stack.clear()
        self.save.unsaved = None
        self.finder.clear()  # the last case's search is no use on this one
        self.reload()

    def reload(self) -> bool:
        """Read the stored version again, price it and show it. When the server cannot be
        reached the banner says so and it is read again later; until then a version other
        than the one asked for is not shown (nor saved over: see ``store``). False then."""
        if self.estimate_id is None:
            return True
        if self.unsaved is not None and self.showing_asked_for():
            # An edit kept while the server was away is saved first (the save then reads
            # the version again); reading over it would lose it.
            self.offline.up("load")
            self.save.retry_save()
            return self.unsaved is None
        if self.runner.run(self._reload, key="load", again=self.reload)[0] is Outcome.DONE:
            return True
        if not self.showing_asked_for():
            self.stored = self.priced = None
            self.no_case_shown()
            self.lines.set_priced(None, False)
            self.header.setText(self.tr("Waiting for the database server…"))
        return False

    def no_case_shown(self) -> None:
        """Nothing to act on (none open, or not read yet): the case's actions wait for one."""
        for button in self.case_buttons:
            button.setEnabled(False)
        self.finder.set_keys_enabled(False)

    def showing_asked_for(self) -> bool:
        """Whether the version shown is the one asked for (read since it was opened)."""
        return self.stored is not None and self.stored.id == self.estimate_id

    def _reload(self) -> None:
        assert self.estimate_id is not None
        self.save.unsaved = None
        self.retry_button.hide()
        self.stored = estimate_store.load_estimate(self.engine, self.estimate_id)
        priced, problems = estimate_store.price_stored(self.stored, self.engine)
        self.priced = priced if priced is not None and priced.ok else None
        refusals = self.save.read_only_words(self.stored.case_id)  # checked out elsewhere
        shown = [p.describe() for p in (problems or (priced.problems if priced else ()))]
        self.message.setText("\n".join([*shown, *refusals]))
        editable = is_editable(self.stored.status) and not refusals
        self.lines.set_priced(
            self.priced, editable, estimate_store.review_adjustments(self.engine, self.stored.id)
        )
        self.finder.set_read_only(not editable)
        self.rail.clear_line()  # the lines were read again: no line is selected
        self.remove.setEnabled(editable)
        self.submit_button.setEnabled(editable)
        self.supplement_button.setEnabled(
            self.stored.status in (EstimateStatus.APPROVED, EstimateStatus.SIGNED)
        )
        # Only the case's assessor collects the customer's signature (the service checks too).
        signs = may_sign(self.engine, self.stored.id, self.user)
        self.sign_button.setVisible(signs)
        self.sign_button.setEnabled(signs and self.stored.status is EstimateStatus.APPROVED)
        self.authority.refresh(self.stored)
        is_approved = self.stored.status in (
            EstimateStatus.APPROVED,
            EstimateStatus.SIGNED,
            EstimateStatus.CLOSED,
        )
        self.notice_button.setEnabled(is_approved)
        self.invoice_button.setEnabled(is_approved)
        self.chase_button.setEnabled(bool(self.user.roles & chases.RECORDERS))
        # The details, the sheet, documents and events: read by all (recorded by assessors).
        for button in (self.details_button, self.sheet_button, self.print_button):
            button.setEnabled(True)
        self.documents_button.setEnabled(True)
        self.events_button.setEnabled(True)
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

    def submit(self) -> None:
        """Submit this version for core-loss review."""
        estimate_id = self.estimate_id
        if estimate_id is None:
            return

        def submit_with(reasons: dict[tuple[str, int | None], str]) -> None:
            submitted = self.runner.run(
                lambda: workflow.submit(self.engine, estimate_id, self.user, reasons=reasons)
            )
            if submitted[0] is Outcome.DONE:
                self.undo_stack.clear()
                self.reload()

        # The open warnings (as the tab shows them) with a reason each; none: straight on.
        self.submit_dialog = ask_reasons(self, self.current_findings, submit_with)

    def supplement(self) -> None:
        """Start a supplement (追加定损) of this approved version and open it."""
        estimate_id = self.estimate_id
        if estimate_id is None:
            return
        _, new_id = self.runner.run(
            lambda: workflow.supplement(self.engine, estimate_id, self.user)
        )
        if new_id is not None:
            self.open(new_id)

    def open_case_details(self) -> CaseDetailsDialog | None:
        """Correct the open case's details; the header (and, after a pricing change in a
        draft, the prices) show the saved details at once."""
        if self.stored is None:
            return None
        if not self.save.settled:
            self.message.setText(
                self.tr(
                    "First save again, re-apply or discard the edit that was not saved; then change the case details."
                )
            )
            return None
        case_id = self.stored.case_id
        _, dialog = self.runner.run(
            lambda: CaseDetailsDialog(
                self.engine, case_id, self.user, self, partner_shops(self.engine)
            ),
            key="details",
        )
        if dialog is None:
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
        self.runner.run(self._search, key="search", again=self.run_search)

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
        elif catalog_is_empty(self.engine):
            self.finder.show_empty_catalog()

    # --- edits -----------------------------------------------------------------------

    def add_selected_as_replace(self) -> None:
        """Add the selected part with its replace labor and paint from the standard."""
        self.add_selected(with_labor=True)

    def add_selected(self, *, with_labor: bool) -> None:
        """Add the selected search result as replace (H) or as the part only (B)."""
        self.runner.run(lambda: self.line_actions.run("H" if with_labor else "B"), key="add")

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

    def show_advice(self, row: int) -> None:
        """Repair or replace (修换) for the component of the selected part or repair line."""
        self.rail.show_notes(self.lines.index(row, LineColumn.NOTES).data() or "")  # in full
        _, advice = self.runner.run(lambda: self.line_actions.advice(row), key="advice")
        if advice is not None:
            self.rail.show_advice(*advice)

    def apply_advice(self) -> None:
        """Apply the advice of the selected line (one undo step)."""
        row = self.table.currentIndex().row()
        self.runner.run(lambda: self.line_actions.apply_advice(row), key="advice")

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

"""The shop's final invoice: entered by hand or imported from the shop's workbook,
reconciled line by line against the approved version, and stored for the report."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.field_rules import field_problem
from estimator.domain.guarantee import InvoiceLine, Outcome, Reconciled
from estimator.gui.banner import OfflineBanner
from estimator.gui.models import Index, RowsModel, tr
from estimator.gui.operations import OperationRunner, Screen
from estimator.gui.operations import Outcome as Ended
from estimator.services import estimate_store
from estimator.services.guarantee import certificate_of
from estimator.services.invoices import (
    Reconciliation,
    invoice_from_workbook,
    reconcile_lines,
    reconciliations,
    save_reconciliation,
    write_invoice_template,
)
from estimator.services.users import User
from kernel.clock import to_local
from kernel.money import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    UNIT_PRICE_PLACES,
    NotExactError,
    format_price,
    limit,
    parse_decimal,
    round_fen,
)
from kernel.problems import Language, Problem

if TYPE_CHECKING:
    from estimator.services.database import Database

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class InvoiceColumn(IntEnum):
    """Columns of the invoice, as in the shop's workbook."""

    ITEM = 0
    DESCRIPTION = 1
    QTY = 2
    UNIT_PRICE = 3
    AMOUNT = 4
    CUSTOMER_OWN = 5


@dataclass
class InvoiceEntry:
    """An invoice line as it is being entered: the amount, or qty × unit price."""

    item: str = ""
    description: str = ""
    qty: Decimal = Decimal(1)
    unit_price: Decimal | None = None
    amount: Decimal | None = None
    customer_own: bool = False  # not on the estimate, confirmed as the customer's purchase

    def total(self) -> Decimal | None:
        """The line's amount: entered, or qty × unit price rounded to the fen."""
        if self.amount is not None:
            return self.amount
        return None if self.unit_price is None else round_fen(self.qty * self.unit_price)


class InvoiceLinesModel(RowsModel):
    """The invoice being entered (editable). State: a list of InvoiceEntry; a line without
    an item or an amount is incomplete and left out of the reconciliation."""

    HEADERS = (
        "Part no. or item",
        "Description",
        "Quantity",
        "Unit price",
        "Amount",
        "Customer's own",
    )
    #: Why a typed value was not taken (said in the dialog; nothing stored).
    refused = Signal(str)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.column() == InvoiceColumn.CUSTOMER_OWN:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = InvoiceColumn(index.column())
        if column is InvoiceColumn.CUSTOMER_OWN:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if entry.customer_own else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr("Not on the estimate, confirmed with the customer as their own purchase")
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column is InvoiceColumn.ITEM:
                return entry.item
            if column is InvoiceColumn.DESCRIPTION:
                return entry.description
            if column is InvoiceColumn.QTY:
                return f"{entry.qty.normalize():f}"
            if column is InvoiceColumn.UNIT_PRICE:
                return (
                    "" if entry.unit_price is None else format_price(entry.unit_price, grouped=True)
                )
            total = entry.total()
            return "" if total is None else f"{total:,.2f}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= InvoiceColumn.QTY:
            return RIGHT
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column is InvoiceColumn.AMOUNT
            and entry.amount is None
        ):
            return QBrush(QColor("#666666"))  # computed from qty × unit price
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role == Qt.ItemDataRole.CheckStateRole
            and index.isValid()
            and index.column() == InvoiceColumn.CUSTOMER_OWN
        ):
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
            self._rows[index.row()].customer_own = checked
            self.dataChanged.emit(index, index, [role])
            return True
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        entry = self._rows[index.row()]
        column = InvoiceColumn(index.column())
        text = str(value).strip()
        if column in (InvoiceColumn.ITEM, InvoiceColumn.DESCRIPTION):
            # Both hold a description's text (a part number or an item's name).
            problem = field_problem("description", text)
            if problem is not None:
                return self._refuse(column, problem)
            if column is InvoiceColumn.ITEM:
                entry.item = text
            else:
                entry.description = text
        else:
            try:
                number = _number(text.replace(",", "").replace("¥", ""), column)
            except NotExactError as error:
                return self._refuse(column, _number_problem(error, column))
            if column is InvoiceColumn.QTY:
                if number is None or number == 0:
                    smallest = Decimal(1).scaleb(-QUANTITY_PLACES)
                    return self._refuse(
                        column, Problem("below_minimum", params={"minimum": smallest})
                    )
                entry.qty = number
            elif column is InvoiceColumn.UNIT_PRICE:
                entry.unit_price = number
            else:
                entry.amount = number
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        return True

    def _refuse(self, column: InvoiceColumn, problem: Problem) -> bool:
        """Say why a typed value was not taken (``refused``); nothing is stored."""
        language: Language = "zh" if QLocale().name().startswith("zh") else "en"
        self.refused.emit(f"{tr(self.HEADERS[column])}: {problem.reason(language)}")
        return False

    def set_lines(self, lines: list[InvoiceLine]) -> None:
        """Replace the invoice with lines read from a workbook."""
        self.beginResetModel()
        self._rows = [
            InvoiceEntry(x.item, x.description, x.qty, x.unit_price, x.amount, x.customer_own)
            for x in lines
        ]
        self.endResetModel()

    def add_line(self) -> int:
        """Append an empty line; returns its row."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(InvoiceEntry())
        self.endInsertRows()
        return row

    def remove_line(self, row: int) -> None:
        """Remove a line."""
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def lines(self) -> list[InvoiceLine]:
        """The complete lines as invoice lines."""
        found = []
        for entry in self._rows:
            total = entry.total()
            if entry.item and total is not None:
                description = entry.description or entry.item
                found.append(
                    InvoiceLine(
                        entry.item,
                        description,
                        total,
                        entry.qty,
                        entry.unit_price,
                        entry.customer_own,
                    )
                )
        return found

    def incomplete(self) -> int:
        """How many lines lack an item or an amount."""
        return sum(1 for e in self._rows if not e.item or e.total() is None)


#: What a typed number of each column may be: its places and its configured upper bound.
_NUMBER_BOUNDS = {
    InvoiceColumn.QTY: (QUANTITY_PLACES, "quantity"),
    InvoiceColumn.UNIT_PRICE: (UNIT_PRICE_PLACES, "unit_price"),
    InvoiceColumn.AMOUNT: (MONEY_PLACES, "amount"),
}


def _number(text: str, column: InvoiceColumn) -> Decimal | None:
    """The cell as a Decimal, None when blank; NotExactError when it is not a number the
    column may hold (a sign, too many places, above its bound)."""
    if not text:
        return None
    places, bound = _NUMBER_BOUNDS[column]
    return parse_decimal(text, max_places=places, maximum=limit(bound))


def _number_problem(error: NotExactError, column: InvoiceColumn) -> Problem:
    """Why a typed number was refused, with the column's places and bounds."""
    places, bound = _NUMBER_BOUNDS[column]
    maximum = error.bound if error.code == "above_maximum" and error.bound else limit(bound)
    minimum = error.bound if error.code == "below_minimum" and error.bound else 0
    return Problem(
        error.code, params={"places": places, "minimum": minimum, "maximum": f"{maximum:,}"}
    )


OUTCOME_TEXT = {
    Outcome.MATCHED: "Matched",
    Outcome.OVER: "Over",
    Outcome.UNDER: "Under",
    Outcome.NOT_ON_ESTIMATE: "Not on the estimate",
    Outcome.CUSTOMER_OWN: "Customer's own",
    Outcome.NEEDS_SUPPLEMENT: "Needs a supplement",
    Outcome.NOT_INVOICED: "Not invoiced",
}
OUTCOME_COLOR = {
    Outcome.MATCHED: "#1b5e20",
    Outcome.OVER: "#c62828",
    Outcome.UNDER: "#1565c0",
    Outcome.NOT_ON_ESTIMATE: "#c62828",
    Outcome.CUSTOMER_OWN: "#6a1b9a",
    Outcome.NEEDS_SUPPLEMENT: "#e65100",
    Outcome.NOT_INVOICED: "#1565c0",
}
PARTY_TEXT = {"": "", "shop": "Shop", "customer": "Customer", "insurer": "Insurer"}


class ReconcileColumn(IntEnum):
    """Columns of the reconciliation."""

    OUTCOME = 0
    ITEM = 1
    DESCRIPTION = 2
    ESTIMATE = 3
    INVOICE = 4
    DIFFERENCE = 5
    BORNE_BY = 6


class ReconciliationModel(RowsModel):
    """Rows: Reconciled values, coloured by outcome; amounts to the fen."""

    HEADERS = ("Outcome", "Item", "Description", "Estimate", "Invoice", "Difference", "Borne by")

    def line_at(self, row: int) -> Reconciled:
        """The reconciled item on a row."""
        line: Reconciled = self._rows[row]
        return line

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self.line_at(index.row())
        column = ReconcileColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            texts = {
                ReconcileColumn.OUTCOME: tr(OUTCOME_TEXT[r.outcome]),
                ReconcileColumn.ITEM: r.item,
                ReconcileColumn.DESCRIPTION: r.description,
                ReconcileColumn.ESTIMATE: f"{r.estimate_amount:,.2f}",
                ReconcileColumn.INVOICE: f"{r.invoice_amount:,.2f}",
                ReconcileColumn.DIFFERENCE: f"{r.difference:+,.2f}" if r.difference else "0.00",
                ReconcileColumn.BORNE_BY: tr(PARTY_TEXT[r.borne_by]) if r.borne_by else "",
            }
            return texts[column]
        if role == Qt.ItemDataRole.ForegroundRole and column in (
            ReconcileColumn.OUTCOME,
            ReconcileColumn.DIFFERENCE,
        ):
            return QBrush(QColor(OUTCOME_COLOR[r.outcome]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            ReconcileColumn.ESTIMATE,
            ReconcileColumn.INVOICE,
            ReconcileColumn.DIFFERENCE,
        ):
            return RIGHT
        return None


def _table(model: QAbstractTableModel, stretch: int, editable: bool) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if not editable:
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class InvoiceDialog(QDialog):
    """修理厂结算发票: enter or import the invoice, see it reconciled, store the result."""

    saved = Signal()

    def __init__(
        self, engine: Database, estimate_id: uuid.UUID, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.estimate_id = estimate_id
        self.user = user
        self.source = ""
        self.reconciliation: Reconciliation | None = None
        stored = estimate_store.load_estimate(engine, estimate_id)
        certificate = certificate_of(engine, estimate_id)
        self.setWindowTitle(self.tr("Shop invoice — %1").replace("%1", stored.estimate.claim_no))
        guarantee = (
            self.tr(
                "Guarantee certificate No. %1: an overrun is the shop's, never the customer's"
            ).replace("%1", certificate.number)
            if certificate is not None
            else self.tr("No guarantee certificate: an overrun is the customer's")
        )
        header = QLabel(
            f"<b>{stored.estimate.claim_no}</b> · {stored.estimate.shop_name}<br>{guarantee}"
        )
        header.setTextFormat(Qt.TextFormat.RichText)
        self.offline = OfflineBanner()
        self.last = QLabel()
        invoice_box = self._invoice_box()
        self.reconciled = ReconciliationModel()
        self.reconciled_view = _table(self.reconciled, ReconcileColumn.DESCRIPTION, editable=False)
        self.totals = QLabel()
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.invoice.refused.connect(self.message.setText)  # a typed value not taken
        self.save_button = QPushButton(self.tr("Save reconciliation"))
        close = QPushButton(self.tr("Close"))
        result_box = QGroupBox(self.tr("Reconciliation against the approved estimate"))
        result_layout = QVBoxLayout(result_box)
        result_layout.addWidget(self.reconciled_view)
        result_layout.addWidget(self.totals)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(header)
        layout.addWidget(self.last)
        layout.addWidget(invoice_box, 2)
        layout.addWidget(result_box, 3)
        layout.addLayout(buttons)

        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(lambda: self.import_invoice())
        self.template_button.clicked.connect(lambda: self.write_template())
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.accept)
        self._reconcile_on_change()
        self.resize(980, 760)
        # Reading: a lost server shows the banner and reads again; saving: every refusal
        # is said with the lines kept, to save again.
        self.runner = OperationRunner(Screen(self.message.setText, self.offline), self)
        self.saving = OperationRunner(Screen(self._not_saved, self.offline), self)
        self.read_last()
        self.reconcile()

    def _invoice_box(self) -> QGroupBox:
        """The invoice lines with their add/remove/import/template buttons."""
        self.invoice = InvoiceLinesModel()
        self.invoice_view = _table(self.invoice, InvoiceColumn.DESCRIPTION, editable=True)
        self.add_button = QPushButton(self.tr("Add line"))
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.import_button = QPushButton(self.tr("Import Excel invoice…"))
        self.template_button = QPushButton(self.tr("Empty template…"))
        invoice_buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            invoice_buttons.addWidget(button)
        invoice_buttons.addStretch(1)
        for button in (self.import_button, self.template_button):
            invoice_buttons.addWidget(button)
        invoice_box = QGroupBox(self.tr("Invoice"))
        invoice_layout = QVBoxLayout(invoice_box)
        invoice_layout.addWidget(self.invoice_view)
        invoice_layout.addLayout(invoice_buttons)
        return invoice_box

    def _reconcile_on_change(self) -> None:
        for signal in (
            self.invoice.dataChanged,
            self.invoice.rowsInserted,
            self.invoice.rowsRemoved,
            self.invoice.modelReset,
        ):
            signal.connect(self.reconcile)

    def read_last(self) -> None:
        """Show when the invoice was last reconciled (again later, when the server is away)."""
        self.runner.run(self._show_last, key="last", again=self.read_last)

    def _show_last(self) -> None:
        stored = reconciliations(self.engine, self.estimate_id)
        if not stored:
            self.last.setText(self.tr("Not reconciled yet."))
            return
        newest = stored[0]
        self.last.setText(
            self.tr("Last reconciled %1 by %2 (%3).")
            .replace("%1", f"{to_local(newest.reconciled_at):%Y-%m-%d %H:%M}")
            .replace("%2", newest.reconciled_by)
            .replace("%3", newest.source or self.tr("entered by hand"))
        )

    def add_line(self) -> None:
        """Add an empty invoice line and start editing its item."""
        row = self.invoice.add_line()
        index = self.invoice.index(row, InvoiceColumn.ITEM)
        self.invoice_view.setCurrentIndex(index)
        self.invoice_view.edit(index)

    def remove_selected(self) -> None:
        """Remove the selected invoice line."""
        index = self.invoice_view.currentIndex()
        if index.isValid():
            self.invoice.remove_line(index.row())

    def import_invoice(self, path: Path | None = None) -> bool:
        """Read the shop's invoice workbook into the table (every bad row reported)."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Shop invoice"), "", self.tr("Excel workbooks (*.xlsx)")
            )
            if not name:
                return False
            path = Path(name)
        lines, problems = invoice_from_workbook(path)
        if problems:
            language = "zh" if self.locale().name().startswith("zh") else "en"
            self.message.setText("\n".join(p.describe(language) for p in problems[:20]))  # type: ignore[arg-type]
            return False
        self.source = path.name
        self.invoice.set_lines(lines)
        return True

    def write_template(self, path: Path | None = None) -> None:
        """Write the empty invoice workbook the shops fill in."""
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Empty template"),
                "结算单模板.xlsx",
                self.tr("Excel workbooks (*.xlsx)"),
            )
            if not name:
                return
            path = Path(name)
        try:
            write_invoice_template(path)
        except OSError as error:
            self.message.setText(str(error))

    def reconcile(self) -> None:
        """Reconcile the complete invoice lines against the approved version; while the
        server cannot be reached the banner shows, nothing can be saved, the lines stay as
        typed and the reconciliation is tried again until the server answers."""
        reconciled, _ = self.runner.run(self._reconcile, key="reconcile", again=self.reconcile)
        if reconciled is not Ended.DONE:
            self.reconciliation = None
            self.save_button.setEnabled(False)

    def _incomplete_text(self) -> str:
        incomplete = self.invoice.incomplete()
        return (
            self.tr("%1 lines lack an item or an amount and are left out.").replace(
                "%1", str(incomplete)
            )
            if incomplete
            else ""
        )

    def _reconcile(self) -> None:
        self.reconciliation = reconcile_lines(self.engine, self.estimate_id, self.invoice.lines())
        lines = self.reconciliation.lines
        self.reconciled.set_rows(lines)
        self.message.setText(self._incomplete_text())

        def total(amounts: list[Decimal]) -> str:
            return f"{sum(amounts, Decimal('0.00')):,.2f}"

        def borne(party: str) -> str:
            return total([r.difference for r in lines if r.borne_by == party])

        self.totals.setText(
            self.tr(
                "Estimate %1 · invoice %2 · difference %3 · the shop bears %4 · the customer bears %5 · the insurer %6 · awaiting a supplement %7"
            )
            .replace("%1", total([r.estimate_amount for r in lines]))
            .replace("%2", total([r.invoice_amount for r in lines]))
            .replace("%3", total([r.difference for r in lines]))
            .replace("%4", borne("shop"))
            .replace("%5", borne("customer"))
            .replace("%6", borne("insurer"))
            .replace(
                "%7",
                total([r.difference for r in lines if r.outcome is Outcome.NEEDS_SUPPLEMENT]),
            )
        )
        self.save_button.setEnabled(bool(self.invoice.lines()))

    def save(self) -> bool:
        """Store the reconciliation (audited) for the guarantee report. Refused (the server
        is out of reach, or the database refused the write): said, and the invoice lines
        stay in the table to save again."""
        reconciliation = self.reconciliation
        if reconciliation is None:
            return False
        saved, _ = self.saving.run(
            lambda: save_reconciliation(
                self.engine, self.estimate_id, reconciliation, self.user.username, self.source
            ),
            key="save",
        )
        if saved is not Ended.DONE:
            return False
        self.message.setText(self._incomplete_text())
        self.read_last()
        self.saved.emit()
        return True

    def _not_saved(self, why: str) -> None:
        self.message.setText(why + "\n" + self.tr("Not saved: your invoice lines are kept."))

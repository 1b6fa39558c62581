"""The flood screen's lots (批次与检测) and settlement (赔款理算).

The lots table lists each lot (category, SKU, state) with its GB/T 2828.1 sample size; the
adjuster enters the units tested and failed per lot in place, and the screen assesses again
(off the GUI thread) with the lot's measured failure rate. Each lot shows its disposal: the
proposal (the cheapest option) with its net, the option chosen and the settled net; the
adjuster chooses in the row's dialog (flood_disposal_dialog). Beside it, the settlement under
the policy, each step a labelled figure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from enum import IntEnum
from typing import Any, cast

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.flood import CategoryRules
from estimator.domain.flood_disposal import DisposalChoice
from estimator.domain.flood_lots import LotAssessment, TestResult, check_results
from estimator.domain.flood_settlement import Settlement
from estimator.gui.flood_disposal_dialog import FloodDisposalDialog, disposal_words, state_words
from estimator.gui.flood_models import RIGHT, money
from estimator.gui.flood_open import read_only_table
from estimator.gui.models import Index, RowsModel, tr
from kernel.money import ZERO
from kernel.problems import Language

#: A count as typed: digits, maybe grouped with commas; at most nine digits (no lot holds a
#: billion units, and a pasted run of digits must not reach int()'s conversion limit).
COUNT = re.compile(r"\d{1,3}(,\d{3}){1,2}|\d{1,9}")
ASSUMED = QBrush(QColor("#8a6d00"))
#: A disposal other than the proposal.
CHOSEN = QBrush(QColor("#1565c0"))


class LotColumn(IntEnum):
    """Columns of the lots table."""

    CATEGORY = 0
    SKU = 1
    STATE = 2
    UNITS = 3
    SAMPLE = 4
    TESTED = 5
    FAILED = 6
    BASIS = 7
    LOSS = 8
    PROPOSED = 9
    DISPOSAL = 10
    NET = 11


#: The columns a double-click opens the lot's disposal from.
DISPOSAL_COLUMNS = (LotColumn.PROPOSED, LotColumn.DISPOSAL, LotColumn.NET)


class FloodLotsModel(RowsModel):
    """Rows: LotAssessment values. Tested and failed are edited in place: an entry that
    cannot be a test result of its lot is refused with ``refused(why)`` (and the reason is
    the cell's tooltip); one that can is announced with ``result_changed(key, result)``,
    ``result`` None when the tested cell is cleared (no result: the lot is assumed again)."""

    HEADERS = (
        "Category",
        "SKU",
        "State",
        "Units",
        "Sample size",
        "Tested",
        "Failed",
        "Basis",
        "Loss",
        "Proposed",
        "Disposal",
        "Settled net",
    )
    result_changed = Signal(object, object)
    refused = Signal(str)

    def __init__(self, language: Language = "zh") -> None:
        super().__init__()
        self.language: Language = language
        self._refusals: dict[int, str] = {}

    def set_rows(self, rows: list[Any]) -> None:
        """Replace every row (a refusal's tooltip goes with the rows it was about)."""
        self._refusals = {}
        super().set_rows(rows)

    def lot_at(self, row: int) -> LotAssessment:
        """The lot on a row."""
        return cast(LotAssessment, self._rows[row])

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in (LotColumn.TESTED, LotColumn.FAILED):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.lot_at(index.row())
        column = LotColumn(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= LotColumn.UNITS:
            return RIGHT if column not in (LotColumn.BASIS, LotColumn.DISPOSAL) else None
        if role == Qt.ItemDataRole.ForegroundRole and column is LotColumn.BASIS:
            return ASSUMED if a.result is None else None
        d = a.disposal
        if role == Qt.ItemDataRole.ForegroundRole and column is LotColumn.DISPOSAL:
            return CHOSEN if d is not None and d.chosen is not d.proposed else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), column)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column >= LotColumn.PROPOSED:
            return self._disposal_text(a, column)
        r = a.result
        lot = a.lot
        return (
            lot.category,
            lot.sku,
            state_words().get(lot.state.value, lot.state.value),
            f"{lot.units:,}",
            f"{lot.sample_size:,}",
            "" if r is None else str(r.tested),
            "" if r is None else str(r.failed),
            tr("Assumed") if r is None else tr("Measured"),
            money(a.loss),
        )[column]

    @staticmethod
    def _disposal_text(a: LotAssessment, column: LotColumn) -> str:
        d = a.disposal
        if column is LotColumn.NET:
            return money(a.net)
        if d is None:
            return ""
        words = disposal_words()
        if column is LotColumn.DISPOSAL:
            return words[d.chosen]
        proposed = d.option(d.proposed)
        # On two lines: the column stays narrow enough for the table to fit beside the
        # settlement at 1366 pixels.
        return f"{words[d.proposed]}\n{money(proposed.net if proposed else a.net)}"

    def _tooltip(self, row: int, column: LotColumn) -> str | None:
        if column in DISPOSAL_COLUMNS:
            d = self.lot_at(row).disposal
            if d is not None and d.reason:
                return tr("Reason: %1").replace("%1", d.reason)
            return tr("Double-click (or press Return) to choose the lot's disposal.")
        if column not in (LotColumn.TESTED, LotColumn.FAILED):
            return None
        refusal = self._refusals.get(row)
        if refusal:
            return refusal
        return tr(
            "Units tested and failed of this lot; clear the tested units to remove the result."
        )

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        column = index.column()
        if column not in (LotColumn.TESTED, LotColumn.FAILED):
            return False
        row = index.row()
        a = self.lot_at(row)
        text = str(value).strip()
        if text and not COUNT.fullmatch(text):
            return self._refuse(row, tr("Enter a whole number of units, or leave it blank."))
        count = int(text.replace(",", "")) if text else None
        current = a.result
        if column == LotColumn.TESTED:
            if count is None:
                result = None
            else:
                result = TestResult(*a.lot.key, count, 0 if current is None else current.failed)
        elif current is None:
            if count is None:
                return True  # nothing entered, nothing to do
            return self._refuse(row, tr("Enter the units tested first."))
        elif count is None:
            # A blank is not a count: 0 must be typed (the result is removed from "tested").
            return self._refuse(row, tr("Enter the units that failed: 0 when all passed."))
        else:
            result = TestResult(*a.lot.key, current.tested, count)
        if result is not None:
            problems = check_results([a.lot], [result])
            if problems:
                return self._refuse(row, problems[0].reason(self.language))
        self._refusals.pop(row, None)
        # Shown at once as entered; the loss follows when the assessment comes back.
        self._rows[row] = LotAssessment(a.lot, result, a.loss, a.disposal)
        self.dataChanged.emit(self.index(row, 0), self.index(row, LotColumn.NET))
        self.result_changed.emit(a.lot.key, result)
        return True

    def _refuse(self, row: int, why: str) -> bool:
        self._refusals[row] = why
        self.refused.emit(why)
        return False


class SettlementPanel(QGroupBox):
    """赔款理算: from the net loss to what the policy pays, each step a labelled figure;
    ``edit_policy`` when the adjuster asks to enter or correct the policy."""

    edit_policy = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Settlement"), parent)
        self.policy_button = QPushButton(self.tr("Policy…"))
        self.policy_button.clicked.connect(self.edit_policy)
        self.settlement: Settlement | None = None
        self.no_policy = QLabel(self.tr("No policy entered"))
        self.no_policy.setWordWrap(True)
        self.figures: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("insurable_value", self.tr("Insurable value")),
            ("sum_insured", self.tr("Sum insured")),
            ("average_ratio", self.tr("Average ratio")),
            ("net_loss", self.tr("Net loss")),
            ("deductible", self.tr("Deductible")),
            ("rescue", self.tr("Rescue costs")),
            ("debris", self.tr("Debris removal")),
            ("payable", self.tr("Payable")),
        ):
            figure = QLabel()
            figure.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            figure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figures[key] = figure
            form.addRow(label, figure)
        bold = QFont()
        bold.setBold(True)
        self.figures["payable"].setFont(bold)
        self.form = QWidget()
        self.form.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_policy)
        layout.addWidget(self.form)
        layout.addWidget(self.policy_button)
        layout.addStretch(1)
        self.show_settlement(None)

    def show_settlement(self, settlement: Settlement | None) -> None:
        """Show a settlement's steps (none: say there is no policy)."""
        self.settlement = settlement
        self.no_policy.setVisible(settlement is None)
        self.form.setVisible(settlement is not None)
        if settlement is None:
            for figure in self.figures.values():
                figure.setText("")
            return
        s = settlement
        shown = {
            "insurable_value": money(s.insurable_value),
            "sum_insured": money(s.sum_insured),
            "average_ratio": s.shown_ratio,
            "net_loss": money(s.net_loss),
            "deductible": money(s.deductible),
            "rescue": money(s.rescue),
            "debris": self.tr("not covered") if s.debris is None else money(s.debris),
            "payable": money(s.payable),
        }
        for key, text in shown.items():
            self.figures[key].setText(text)


class FloodLotsTab(QWidget):
    """批次与检测: the lots with their test results and disposal, and the settlement beside
    them; ``choice_changed(key, choice)`` when the adjuster chooses a lot's disposal (None:
    nothing recorded, the proposal applies)."""

    choice_changed = Signal(object, object)

    def __init__(self, language: Language = "zh", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language: Language = language
        self.lots = FloodLotsModel(language)
        self.table: QTableView = read_only_table(self.lots)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # Double-click or Return on a disposal cell opens the lot's disposal.
        self.table.activated.connect(self._activated)
        # Two lines a row: the proposal's word above its net (the view sizes rows from the
        # columns in sight only, so the height is set, not measured).
        lines = self.table.fontMetrics().lineSpacing() * 2 + 12
        self.table.verticalHeader().setDefaultSectionSize(lines)
        self.hint = QLabel(
            self.tr(
                "Enter the units tested and failed per lot: a lot with results is measured (its failure rate), the others stay assumed."
            )
        )
        self.hint.setWordWrap(True)
        self.dispose_button = QPushButton(self.tr("Disposal…"))
        self.dispose_button.setToolTip(
            self.tr("Choose the disposal of the lot selected (or double-click its disposal).")
        )
        self.dispose_button.clicked.connect(lambda: self.choose(self.table.currentIndex().row()))
        self.dispose_button.setEnabled(False)  # until a lot is selected
        self.table.selectionModel().currentChanged.connect(self._follow_current)
        self.settlement = SettlementPanel()
        self.settlement.setMinimumWidth(200)
        self.choices: dict[tuple[str, str, str], DisposalChoice] = {}
        self.discounts: dict[str, Decimal] = {}
        self.ratios: dict[str, Decimal] = {}
        self.dialog: FloodDisposalDialog | None = None
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.dispose_button)
        lots_side = QWidget()
        left = QVBoxLayout(lots_side)
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(top)
        left.addWidget(self.table, 1)
        # The adjuster can give the lots' columns the room the settlement does not need.
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(lots_side)
        self.splitter.addWidget(self.settlement)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def show_lots(self, lots: tuple[LotAssessment, ...], settlement: Settlement | None) -> None:
        """Show an assessment run's lots and settlement."""
        self.lots.set_rows(list(lots))
        self._follow_current()
        self.settlement.show_settlement(settlement)

    def set_discounts(
        self, discounts: Mapping[str, Decimal], rules: Mapping[str, CategoryRules]
    ) -> None:
        """The categories' default discount rates and salvage ratios the options use."""
        self.discounts = dict(discounts)
        self.ratios = {name: r.salvage_ratio for name, r in rules.items()}

    def set_choices(self, choices: tuple[DisposalChoice, ...]) -> None:
        """The disposal choices kept (what the dialog opens with)."""
        self.choices = {c.key: c for c in choices}

    def _follow_current(self, *_args: object) -> None:
        self.dispose_button.setEnabled(self.table.currentIndex().isValid())

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() in DISPOSAL_COLUMNS:
            self.choose(index.row())

    def choose(self, row: int) -> FloodDisposalDialog | None:
        """Open the disposal dialog of a row's lot (window-modal); its choice is announced
        when accepted."""
        if not 0 <= row < self.lots.rowCount():
            return None
        a = self.lots.lot_at(row)
        category = a.lot.category
        dialog = FloodDisposalDialog(
            a,
            self.ratios.get(category, ZERO),
            self.choices.get(a.lot.key),
            self.discounts.get(category),
            self.language,
            self,
        )
        dialog.accepted.connect(lambda: self.choice_changed.emit(a.lot.key, dialog.choice))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

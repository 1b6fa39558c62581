"""The reviewer's desk (核损台): the queue of submitted estimates, oldest due first; each opened
with its findings, changes and history; return with reasons or approve."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from estimator.domain.estimate import Tier
from estimator.domain.workflow import DomainError
from estimator.gui.editor import EstimateEditor
from estimator.gui.models import TIER_TEXT, CasesModel
from estimator.gui.models import tr as model_text
from estimator.services import cases
from estimator.services.users import User


class ReviewDesk(QWidget):
    """Core-loss review: take the next estimate, decide, move on."""

    def __init__(self, engine: Engine, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.user = user
        self.queue = CasesModel()
        self.tier_filter = QComboBox()
        self.tier_filter.addItem(self.tr("All tiers"), None)
        for tier in Tier:
            self.tier_filter.addItem(model_text(TIER_TEXT[tier.value]), tier.value)
        self.shop_filter = QComboBox()
        self.assessor_filter = QComboBox()
        self.table = QTableView()
        self.table.setModel(self.queue)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.viewer = EstimateEditor(engine, user)
        self.return_button = QPushButton(self.tr("Return with reasons…"))
        self.approve_button = QPushButton(self.tr("Approve…"))
        self.adjust_button = QPushButton(self.tr("Adjust the selected line…"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        for combo in (self.tier_filter, self.shop_filter, self.assessor_filter):
            filters.addWidget(combo)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.viewer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adjust_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([480, 880])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        for combo in (self.tier_filter, self.shop_filter, self.assessor_filter):
            combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.open_row(current.row())
        )
        self.return_button.clicked.connect(self._ask_return)
        self.approve_button.clicked.connect(self._ask_approve)
        self.adjust_button.clicked.connect(self._ask_adjust)
        self.refresh()

    def _fill(self, combo: QComboBox, label: str, values: list[str]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(label, None)
        for value in sorted(set(values)):
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    def refresh(self) -> None:
        """Reload the queue (and the shops and assessors it can be filtered by)."""
        everything = cases.review_queue(self.engine)
        self._fill(self.shop_filter, self.tr("All shops"), [c.shop_name for c in everything])
        self._fill(self.assessor_filter, self.tr("All assessors"), [c.assessor for c in everything])
        chosen = self.tier_filter.currentData()
        self.queue.set_cases(
            cases.review_queue(
                self.engine,
                Tier(chosen) if chosen else None,
                self.shop_filter.currentData(),
                self.assessor_filter.currentData(),
            )
        )
        has = self.queue.rowCount() > 0
        self.return_button.setEnabled(has)
        self.approve_button.setEnabled(has)
        self.adjust_button.setEnabled(has)
        if has:
            self.table.selectRow(0)
            self.open_row(0)

    def open_row(self, row: int) -> None:
        """Show a queued estimate (read-only: submitted versions do not change)."""
        if 0 <= row < self.queue.rowCount():
            self.viewer.open(self.queue.case_at(row).estimate_id)

    def _decide(self, decide: object) -> bool:
        try:
            decide()  # type: ignore[operator]
        except DomainError as error:
            self.viewer.message.setText(self.viewer._message(error))
            return False
        self.refresh()
        return True

    def return_current(self, reason: str) -> bool:
        """Return the open estimate to the assessor (starts the 2-day clock)."""
        estimate_id = self.viewer.estimate_id
        return estimate_id is not None and self._decide(
            lambda: cases.return_estimate(self.engine, estimate_id, self.user, reason)
        )

    def approve_current(self, reason: str = "") -> bool:
        """Approve the open estimate (a reason is needed while findings remain)."""
        estimate_id = self.viewer.estimate_id
        return estimate_id is not None and self._decide(
            lambda: cases.approve(self.engine, estimate_id, self.user, reason)
        )

    def adjust_current(self, position: int, amount: Decimal, reason: str) -> bool:
        """Set the reviewer's amount (核损金额) on a line of the open estimate."""
        estimate_id = self.viewer.estimate_id
        if estimate_id is None:
            return False
        try:
            cases.adjust_line(self.engine, estimate_id, position, amount, reason, self.user)
        except DomainError as error:
            self.viewer.message.setText(self.viewer._message(error))
            return False
        self.viewer.reload()
        return True

    def _ask_adjust(self) -> None:
        index = self.viewer.table.currentIndex()
        if not index.isValid():
            return
        line = self.viewer.lines.line_at(index.row())
        if line.index is None:
            return
        amount, ok = QInputDialog.getDouble(
            self, self.tr("Reviewed amount"), line.description, float(line.amount), 0, 10**9, 2
        )
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Reason"), self.tr("Why is it adjusted?"))
        if ok:
            self.adjust_current(line.index, Decimal(f"{amount:.2f}"), reason)

    def _ask_return(self) -> None:
        reason, ok = QInputDialog.getMultiLineText(self, self.tr("Return"), self.tr("Reasons"))
        if ok:
            self.return_current(reason)

    def _ask_approve(self) -> None:
        reason = ""
        if self.viewer.current_findings:
            reason, ok = QInputDialog.getMultiLineText(
                self, self.tr("Approve"), self.tr("Findings remain: why approve?")
            )
            if not ok:
                return
        self.approve_current(reason)

"""The reviewer's desk (核损台): the queue of submitted estimates, oldest due first; each opened
with its findings, changes and history; return with reasons or approve.

The queue is worked exclusively: opening an estimate (or "Take next") takes it for this
reviewer, so no two reviewers decide the same one; one held by someone else shows who has
it and cannot be decided here until they put it back, decide it, or leave it untouched for
``cases.TAKE_EXPIRES``."""

from __future__ import annotations

import contextlib
import uuid
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from estimator.domain.estimate import Tier
from estimator.domain.workflow import DomainError
from estimator.gui.banner import OfflineBanner
from estimator.gui.editor import EstimateEditor
from estimator.gui.models import TIER_TEXT, CasesModel
from estimator.gui.models import tr as model_text
from estimator.gui.reason_dialog import ReasonDialog
from estimator.services import cases
from estimator.services.connection import DatabaseUnavailable
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
        self.held: uuid.UUID | None = None  # the estimate this desk has taken from the queue
        self.take_button = QPushButton(self.tr("Take next"))
        self.take_button.setToolTip(self.tr("Take the oldest estimate nobody is reviewing"))
        self.release_button = QPushButton(self.tr("Put back in the queue"))
        self.offline = OfflineBanner()  # the queue could not be read: retried
        self.holder = QLabel()
        self.holder.setWordWrap(True)
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
        left_layout.addWidget(self.take_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.holder)
        right_layout.addWidget(self.viewer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.adjust_button)
        buttons.addStretch(1)
        buttons.addWidget(self.release_button)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([480, 880])
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(splitter)
        for combo in (self.tier_filter, self.shop_filter, self.assessor_filter):
            combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.offline.run(
                "open", lambda: self.open_row(current.row())
            )
        )
        self.return_button.clicked.connect(self._ask_return)
        self.approve_button.clicked.connect(self._ask_approve)
        self.adjust_button.clicked.connect(self._ask_adjust)
        self.take_button.clicked.connect(self.take_next)
        self.release_button.clicked.connect(self.release_current)
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
        """Reload the queue (and the shops and assessors it can be filtered by); under the
        banner, again later, when the server cannot be reached."""
        self.offline.run("queue", self._refresh)

    def _unreachable(self) -> bool:
        """Say that nothing was done for want of the server; the queue is read again once
        it answers."""
        self.viewer.message.setText(self.offline.not_done())
        self.offline.down("queue", self.refresh)
        return False

    def _refresh(self) -> None:
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
        rows = [self.queue.case_at(r) for r in range(self.queue.rowCount())]
        if self.held not in {c.estimate_id for c in rows}:
            self._put_back()  # decided (already released), or filtered out of sight
        mine = ("", self.user.username)
        chosen_row = next(
            (r for r, c in enumerate(rows) if c.estimate_id == self.held),
            next((r for r, c in enumerate(rows) if c.taken_by in mine), 0),
        )
        self._actionable(False)
        if rows:
            before = self.table.currentIndex().row()
            self.table.selectRow(chosen_row)  # opens it, when that moves the current row
            if before == chosen_row:
                self.open_row(chosen_row)
        else:
            self.holder.setText("")

    def _actionable(self, yes: bool) -> None:
        for button in (
            self.return_button,
            self.approve_button,
            self.adjust_button,
            self.release_button,
        ):
            button.setEnabled(yes)

    def open_row(self, row: int) -> None:
        """Show a queued estimate (read-only: submitted versions do not change) and take it
        from the queue; one another reviewer has shows who, and cannot be decided here."""
        if not 0 <= row < self.queue.rowCount():
            return
        estimate_id = self.queue.case_at(row).estimate_id
        if self.held is not None and self.held != estimate_id:
            self._put_back()
        try:
            cases.take_estimate(self.engine, estimate_id, self.user)
        except DomainError as error:
            self.holder.setText(self.viewer._message(error))
            self._actionable(False)
        else:
            self.held = estimate_id
            self.holder.setText(self.tr("You are reviewing this estimate."))
            self._actionable(True)
        self.viewer.open(estimate_id)

    def _put_back(self) -> None:
        held, self.held = self.held, None
        if held is not None:
            # Refused when it lapsed and someone else took it: nothing of ours to put back;
            # unsaved when the server is away: the take lapses by itself.
            with contextlib.suppress(DomainError, DatabaseUnavailable):
                cases.release_review(self.engine, held, self.user)

    def take_next(self) -> bool:
        """Take the oldest estimate nobody is reviewing (in the chosen tier) and open it."""
        chosen = self.tier_filter.currentData()
        self._put_back()
        try:
            found = cases.take_for_review(self.engine, self.user, Tier(chosen) if chosen else None)
        except DatabaseUnavailable:
            return self._unreachable()
        if found is None:
            self.refresh()
            self.holder.setText(self.tr("Nothing left to take in the queue."))
            return False
        self.held = found
        for combo in (self.shop_filter, self.assessor_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)  # the taken one shows whatever its shop and assessor
            combo.blockSignals(False)
        self.refresh()
        return True

    def release_current(self) -> bool:
        """Put the estimate this desk holds back in the queue for another reviewer."""
        if self.held is None:
            return False
        self._put_back()
        self._actionable(False)
        self.holder.setText(self.tr("Put back in the queue."))
        return True

    def _decide(self, decide: object) -> bool:
        try:
            decide()  # type: ignore[operator]
        except DatabaseUnavailable:
            return self._unreachable()
        except DomainError as error:
            self.viewer.message.setText(self.viewer._message(error))
            return False
        self.refresh()  # the decision released it: on to the next one
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
        except DatabaseUnavailable:
            return self._unreachable()
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
        reason = ReasonDialog.ask(self, self.tr("Reason"), self.tr("Why is it adjusted?"))
        if reason is not None:
            self.adjust_current(line.index, Decimal(f"{amount:.2f}"), reason)

    def _ask_return(self) -> None:
        reason = ReasonDialog.ask(
            self,
            self.tr("Return"),
            self.tr("Why is it returned? The assessor reads these reasons."),
        )
        if reason is not None:
            self.return_current(reason)

    def _ask_approve(self) -> None:
        reason = ""
        if self.viewer.current_findings:
            asked = ReasonDialog.ask(
                self, self.tr("Approve"), self.tr("Findings remain: why approve?")
            )
            if asked is None:
                return
            reason = asked
        self.approve_current(reason)

"""The payout estimate (赔款预估) of the open version's case, a tab under the lines in the editor
and at the review desk (Ctrl+Shift+Y): the vehicle's actual value with its months in use and
monthly rate, repair and rescue cost against it, the state in words (维修 / 接近推定全损 /
推定全损), and each payout step per loss object (settlement.md): loss, compulsory cover paid,
liability share, commercial cover, deductible, payable, marked 预估(未核定) until the version
it is priced from is approved. Read when the tab is shown, not on every edit behind it."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.depreciation import ActualValue
from estimator.domain.settlement import LossState, percent
from estimator.domain.settlement_messages import word
from estimator.domain.settlement_payout import CasePayout, ObjectKind, ObjectPayout
from estimator.gui.labels import in_language
from estimator.gui.operations import OperationRunner, Screen
from estimator.gui.settlement_dialog import SettlementDialog
from estimator.services import loss_objects, settlement
from estimator.services.settlement import SettlementView
from estimator.services.users import User
from kernel.problems import Language

if TYPE_CHECKING:
    from estimator.services.database import Database
    from estimator.services.estimate_store import StoredEstimate

#: The colour of each state's words (the repair state is plain).
STATE_COLOR = {
    LossState.REPAIR: "#2e7d32",
    LossState.NEAR_TOTAL_LOSS: "#e65100",
    LossState.TOTAL_LOSS: "#c62828",
}


def _money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


def _say(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label``; an empty label takes no room."""
    label.setText(text)
    label.setVisible(bool(text))


class PayoutPanel(QWidget):
    """The payout estimate of one version's case, with the figures it is made from."""

    #: The case's settlement data was saved from here (the editor reads its findings again).
    settled = Signal()

    def __init__(self, engine: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.user = engine, user
        self.estimate_id: uuid.UUID | None = None
        self.case_id: uuid.UUID | None = None
        self.view: SettlementView | None = None
        self.stale = False
        #: Each loss object's title by (kind, index), read with the payout.
        self.titles: dict[tuple[ObjectKind, int], str] = {}
        self.state = QLabel()
        self.state.setObjectName("payout-state")
        self.provisional = QLabel()
        self.settlement_button = QPushButton(self.tr("Vehicle value and policy…"))
        self.settlement_button.setEnabled(False)
        self.settlement_button.clicked.connect(self.open_settlement)
        self.value = QLabel()
        self.value.setWordWrap(True)
        self.assessment = QLabel()
        self.assessment.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.runner = OperationRunner(Screen(lambda text: _say(self.message, text)), self)
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Loss object"),
                self.tr("Loss"),
                self.tr("Compulsory"),
                self.tr("Liability"),
                self.tr("Commercial"),
                self.tr("Deductible"),
                self.tr("Payable"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        # Compact rows: a three-object case and its total show without scrolling.
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        top = QHBoxLayout()
        top.addWidget(self.state)
        top.addWidget(self.provisional)
        top.addStretch(1)
        top.addWidget(self.settlement_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.value)
        layout.addWidget(self.assessment)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        for label in (self.assessment, self.message):
            label.hide()

    def language(self) -> str:
        """The interface's language for the domain's words (zh unless English was chosen)."""
        return "zh" if self.locale().name().startswith("zh") else "en"

    # --- reading ------------------------------------------------------------------------

    def show_estimate(self, stored: StoredEstimate) -> None:
        """Follow ``stored``'s version: read now when the tab is on screen, else when shown."""
        self.estimate_id, self.case_id = stored.id, stored.case_id
        self.settlement_button.setEnabled(True)
        self.stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the payout of the version followed again and show it."""
        estimate_id = self.estimate_id
        if estimate_id is None:
            return
        self.stale = False
        _, view = self.runner.run(
            lambda: settlement.settlement_view(self.engine, estimate_id), key="payout"
        )
        case_id = self.case_id
        if view is not None and case_id is not None:
            _, objects = self.runner.run(
                lambda: loss_objects.case_objects(self.engine, case_id), key="payout"
            )
            language: Language = "zh" if self.language() == "zh" else "en"
            self.titles = {
                (o.object.kind, o.object.index): o.object.title(language) for o in objects or ()
            }
        if view is not None:
            _say(self.message, "")
            self.show_view(view)

    def open_settlement(self) -> QWidget | None:
        """The case's vehicle value and policy; the payout follows a save."""
        case_id = self.case_id
        if case_id is None:
            return None
        _, dialog = self.runner.run(
            lambda: SettlementDialog(self.engine, case_id, self.user, self), key="settlement"
        )
        if dialog is not None:
            dialog.saved.connect(self._saved)
            dialog.open()
        return dialog

    def _saved(self, _data: object) -> None:
        self.refresh()
        self.settled.emit()

    # --- showing ------------------------------------------------------------------------

    def show_view(self, view: SettlementView) -> None:
        """Show the figures of ``view``."""
        self.view = view
        self._show_value(view.value)
        if view.problem is not None:
            _say(self.message, in_language(view.problem))
        self._show_payout(view.payout)

    def _show_value(self, value: ActualValue | None) -> None:
        if value is None:
            self.value.setText(
                self.tr(
                    "The actual value is unknown: enter the new-vehicle price, the first registration, the vehicle kind and use, and the loss date."
                )
            )
            return
        if value.floored:
            text = self.tr(
                "Actual value %1 yuan: %2 of the new-vehicle price %3 (the least it keeps), %4 months in use at %5 a month."
            ).replace("%2", percent(value.floor_share))
        else:
            text = self.tr(
                "Actual value %1 yuan = new-vehicle price %3 × (1 − %5 a month × %4 months in use)."
            )
        source = self.tr("New-vehicle price from: %1.").replace(
            "%1", value.price_source.word(self.language())
        )
        self.value.setText(
            text.replace("%1", _money(value.value))
            .replace("%3", _money(value.new_price))
            .replace("%4", str(value.months))
            .replace("%5", percent(value.monthly_rate, 2))
            + "\n"  # a line of its own: Chinese puts no space between sentences
            + source
        )

    def _show_state(self, payout: CasePayout | None) -> None:
        insured = None if payout is None else payout.objects[0]
        assessment = None if insured is None else insured.assessment
        if assessment is None:
            self.state.setText(self.tr("Total loss not assessed"))
            self.state.setStyleSheet("color: #666; font-weight: bold;")
            _say(self.assessment, "")
            return
        self.state.setText(assessment.state.word(self.language()))
        self.state.setStyleSheet(f"color: {STATE_COLOR[assessment.state]}; font-weight: bold;")
        zh = self.language() == "zh"
        _say(self.assessment, assessment.message_zh if zh else assessment.message_en)

    def _show_payout(self, payout: CasePayout | None) -> None:
        self._show_state(payout)
        objects = () if payout is None else payout.objects
        if payout is None:
            self.provisional.setText("")
        elif payout.provisional and len(payout.objects) > 1:
            # Which objects' versions are not approved yet (this one's may be).
            versions = payout.unapproved_versions(self.language())
            self.provisional.setText(self.tr("Estimate (not approved: %1)").replace("%1", versions))
            self.provisional.setStyleSheet("color: #e65100;")
        elif payout.provisional:
            self.provisional.setText(self.tr("Estimate (not approved)"))
            self.provisional.setStyleSheet("color: #e65100;")
        else:
            self.provisional.setText(self.tr("Approved"))
            self.provisional.setStyleSheet("color: #2e7d32;")
        total = len(objects) > 1
        self.table.setRowCount(len(objects) + (1 if total else 0))
        for row, obj in enumerate(objects):
            self._show_object(row, obj)
        if payout is not None and total:
            texts = [self.tr("Case total"), "", _money(payout.compulsory_paid), ""]
            texts += [_money(payout.commercial_paid), "", _money(payout.payable)]
            for column, text in enumerate(texts):
                self.table.setItem(len(objects), column, self._cell(text, column))

    def _show_object(self, row: int, obj: ObjectPayout) -> None:
        texts = [
            self.titles.get((obj.kind, obj.index))  # 三者车1 浙B54321
            or word(f"settlement.object.{obj.kind.value}", self.language()),
            _money(obj.loss),
            _money(obj.compulsory_paid),
            percent(obj.liability_share),
            _money(obj.commercial_paid),
            _money(obj.deductible),
            _money(obj.payable),
        ]
        for column, text in enumerate(texts):
            self.table.setItem(row, column, self._cell(text, column))
        loss, commercial = self.table.item(row, 1), self.table.item(row, 4)
        if obj.total_loss and loss is not None:
            loss.setToolTip(self.tr("Actual value less whole-vehicle salvage"))
        if obj.cap is not None and obj.commercial_paid < obj.liable and commercial is not None:
            commercial.setToolTip(
                self.tr("%1 × liability share, capped at %2")
                .replace("%1", _money(obj.loss - obj.compulsory_paid))
                .replace("%2", _money(obj.cap))
            )

    @staticmethod
    def _cell(text: str, column: int) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if column > 0:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

"""The large-case queue (大案队列) and the escalations (升级督办), opened from the Tools menu.

A large-group assessor takes a waiting case; a claims manager or an administrator assigns one
to a large-group assessor and reads the overdue resubmissions. Refusals are said in words in
the dialog; the lists are read again after every change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.workflow import EstimateStatus, Group, Role
from estimator.gui.banner import OfflineBanner
from estimator.gui.models import STATUS_TEXT, TIER_TEXT
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.services.routing import (
    MANAGERS,
    OpenEscalation,
    QueueEntry,
    assign_case,
    escalations,
    large_case_queue,
    take_case,
)
from estimator.services.users import User, display_names, list_users
from kernel.clock import to_local

if TYPE_CHECKING:
    from estimator.services.database import Database


def may_take(user: User) -> bool:
    """Whether ``user`` takes large cases: an assessor of the large-case group."""
    return Role.ASSESSOR in user.roles and user.group is Group.LARGE


def may_manage(user: User) -> bool:
    """Whether ``user`` assigns cases and reads the escalations: a manager or an admin."""
    return bool(user.roles & MANAGERS)


def _models(text: str) -> str:
    return QCoreApplication.translate("Models", text)


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], numbers: tuple[int, ...]) -> None:
    """Put ``rows`` in ``table``; the ``numbers`` columns (amounts, hours) right-aligned."""
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    table.setRowCount(len(rows))
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if c in numbers:
                item.setTextAlignment(right)
            table.setItem(r, c, item)


class QueuesDialog(QDialog):
    """大案队列与升级督办: the waiting large cases, and for managers the escalations."""

    #: A row double-clicked: its case's claim number, to open in the editor.
    open_case = Signal(str)

    def __init__(self, engine: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.user = engine, user
        self.entries: list[QueueEntry] = []
        self.escalated: list[OpenEscalation] = []
        self.names: dict[str, str] = {}
        self.setWindowTitle(self.tr("Large-case queue and escalations"))
        self.offline = OfflineBanner()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.queue = _table(
            [
                self.tr("Claim no."),
                self.tr("Plate"),
                self.tr("Total"),
                self.tr("Tier"),
                self.tr("Status"),
                self.tr("Assessor"),
            ]
        )
        self.queue.doubleClicked.connect(lambda index: self._open_row(self.entries, index.row()))
        self.take_button = QPushButton(self.tr("&Take"))
        self.take_button.clicked.connect(self.take_selected)
        self.assign_button = QPushButton(self.tr("&Assign…"))
        self.assign_button.clicked.connect(self.choose_and_assign)
        self.take_button.setVisible(may_take(user))
        self.assign_button.setVisible(may_manage(user))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._queue_page(), self.tr("Large-case queue"))
        self.escalation_table = _table(
            [
                self.tr("Claim no."),
                self.tr("Assessor"),
                self.tr("Returned at"),
                self.tr("Resubmission due"),
                self.tr("Hours overdue"),
            ]
        )
        self.escalation_table.doubleClicked.connect(
            lambda index: self._open_row(self.escalated, index.row())
        )
        if may_manage(user):
            self.tabs.addTab(self.escalation_table, self.tr("Escalations"))
        refresh = QPushButton(self.tr("&Refresh"))
        refresh.clicked.connect(self.refresh)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(refresh)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.resize(900, 480)
        self.runner = OperationRunner(
            Screen(self._say, self.offline, reread=self.refresh, reread_key="queues"), self
        )
        self.refresh()

    def _queue_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.queue, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.assign_button)
        layout.addLayout(buttons)
        return page

    def _open_row(self, rows: list[QueueEntry] | list[OpenEscalation], row: int) -> None:
        """Open the case of a double-clicked row in the editor (the main window does)."""
        if 0 <= row < len(rows):
            self.open_case.emit(rows[row].claim_no)

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("color: #c62828;")  # a refusal or a lost server
        self.message.setText(text)

    def _name(self, username: str) -> str:
        return self.names.get(username, username)

    def refresh(self) -> None:
        """Read the queue (and the escalations, for managers) again."""
        outcome, entries = self.runner.run(lambda: large_case_queue(self.engine), key="queues")
        if outcome is not Outcome.DONE or entries is None:
            return
        _outcome, names = self.runner.run(lambda: display_names(self.engine))
        self.names = names or {}
        self.entries = entries
        _fill(self.queue, [self._queue_row(e) for e in entries], (2,))
        if may_manage(self.user):
            _outcome, found = self.runner.run(lambda: escalations(self.engine, self.user))
            self.escalated = found or []
            _fill(self.escalation_table, [self._escalation_row(e) for e in self.escalated], (4,))
            label = self.tr("Escalations (%1)").replace("%1", str(len(self.escalated)))
            self.tabs.setTabText(1, label)

    def _queue_row(self, e: QueueEntry) -> list[str]:
        total = "" if e.total is None else f"{e.total:,.2f}"
        tier = _models(TIER_TEXT[e.tier]) if e.tier in TIER_TEXT else ""
        status = _models(STATUS_TEXT[EstimateStatus(e.status)])
        return [e.claim_no, e.plate, total, tier, status, self._name(e.assessor)]

    def _escalation_row(self, e: OpenEscalation) -> list[str]:
        return [
            e.claim_no,
            self._name(e.assessor),
            f"{to_local(e.returned_at):%Y-%m-%d %H:%M}",
            f"{to_local(e.due):%Y-%m-%d %H:%M}",
            f"{e.hours_overdue:,.2f}",
        ]

    def selected(self) -> QueueEntry | None:
        """The queue's selected case, or None (then the dialog says to choose one)."""
        rows = self.queue.selectionModel().selectedRows()
        if not rows:
            self._say(self.tr("Choose a case in the queue first."))
            return None
        return self.entries[rows[0].row()]

    def take_selected(self) -> Outcome:
        """Take the selected case (large-group assessors)."""
        entry = self.selected()
        if entry is None:
            return Outcome.REFUSED
        outcome, _taker = self.runner.run(
            lambda: take_case(self.engine, entry.case_id, self.user), key="queues"
        )
        self._done(outcome, self.tr("Case %1 is now yours.").replace("%1", entry.claim_no))
        return outcome

    def large_group_assessors(self) -> list[User]:
        """Who a case may be assigned to from here: the large-case group's assessors."""
        _outcome, users = self.runner.run(lambda: list_users(self.engine))
        return [u for u in users or [] if may_take(u)]

    def choose_and_assign(self) -> Outcome:
        """Ask for a large-group assessor and assign the selected case to them."""
        entry = self.selected()
        if entry is None:
            return Outcome.REFUSED
        people = self.large_group_assessors()
        if not people:
            self._say(self.tr("No assessor is in the large-case group yet."))
            return Outcome.REFUSED
        labels = [f"{u.display_name} ({u.username})" for u in people]
        prompt = self.tr("Assign case %1 to:").replace("%1", entry.claim_no)
        chosen, ok = QInputDialog.getItem(self, self.tr("Assign"), prompt, labels, 0, False)
        if not ok or chosen not in labels:
            return Outcome.REFUSED
        return self.assign(entry, people[labels.index(chosen)].username)

    def assign(self, entry: QueueEntry, assessor: str) -> Outcome:
        """Assign ``entry``'s case to ``assessor`` (managers and administrators)."""
        outcome, _to = self.runner.run(
            lambda: assign_case(self.engine, entry.case_id, assessor, self.user), key="queues"
        )
        said = self.tr("Case %1 assigned to %2.")
        self._done(outcome, said.replace("%1", entry.claim_no).replace("%2", self._name(assessor)))
        return outcome

    def _done(self, outcome: Outcome, said: str) -> None:
        """After a take or an assignment: the lists read again; done, it says so (green)."""
        if outcome is not Outcome.DONE:
            return
        self.refresh()
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(said)

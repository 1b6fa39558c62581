"""The pending list window (未决清单, indicators.md): an assessor sees their own cases without
an approved estimate and types the reason for each in place (stored through the service,
audited); a claims manager or an administrator chooses an assessor, sees the bucket counts and
the last review, and marks the list reviewed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.pending import AgeBucket
from estimator.domain.workflow import Role
from estimator.gui.banner import OfflineBanner
from estimator.gui.labels import clock_state_text, clock_text, screen_language
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.services.pending import (
    REVIEWERS,
    PendingCase,
    PendingList,
    mark_pending_reviewed,
    pending_list,
    pending_lists,
    set_pending_reason,
)
from estimator.services.users import User, list_users
from kernel.clock import to_local, utcnow

if TYPE_CHECKING:
    from estimator.services.database import Database

#: The columns; only the reason is edited.
CLAIM, PLATE, AGE, BUCKET, TIER, CLOCK, DUE, REASON = range(8)
Index = QModelIndex | QPersistentModelIndex


class PendingModel(QAbstractTableModel):
    """Rows: an assessor's pending cases; the reason column edits through ``store``."""

    def __init__(
        self,
        headers: list[str],
        words: Callable[[PendingCase, int, str], str],
        store: Callable[[PendingCase, str], object],
    ) -> None:
        super().__init__()
        self.headers, self.words, self.store = headers, words, store
        self.cases: tuple[PendingCase, ...] = ()
        self.zone = "Asia/Shanghai"
        self.editable = False

    def show(self, listed: PendingList, editable: bool) -> None:
        """Show ``listed``'s cases."""
        self.beginResetModel()
        self.cases, self.zone, self.editable = listed.cases, listed.zone, editable
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        """The cases."""
        return 0 if parent.isValid() else len(self.cases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        """The columns."""
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The columns' titles."""
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text; the reason's tooltip says who wrote it."""
        if not index.isValid():
            return None
        case = self.cases[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.words(case, index.column(), self.zone)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The reason is editable on the assessor's own list."""
        base = super().flags(index)
        if self.editable and index.column() == REASON:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A reason typed in place: stored through the service after the editor closed."""
        if role != Qt.ItemDataRole.EditRole or index.column() != REASON:
            return False
        case, text = self.cases[index.row()], str(value)
        if text.strip() == case.reason:
            return False
        # After the delegate's commit has returned: storing refills the model.
        QTimer.singleShot(0, lambda: self.store(case, text))
        return True


class PendingWindow(QDialog):
    """未决清单: the pending cases of an assessor, their reasons and the manager's review."""

    def __init__(self, engine: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.user = engine, user
        self.manager = bool(user.roles & REVIEWERS)
        self.listed: PendingList | None = None
        #: Display names (王定损) by username, for the chooser and the last reviewer.
        self.names: dict[str, str] = {}
        self.setWindowTitle(self.tr("Pending list"))
        self.offline = OfflineBanner()
        self.bucket_words = {
            AgeBucket.UP_TO_5: self.tr("Up to 5 days"),
            AgeBucket.DAYS_6_20: self.tr("6–20 days"),
            AgeBucket.DAYS_21_40: self.tr("21–40 days"),
            AgeBucket.OVER_40: self.tr("Over 40 days"),
        }
        self.tier_words = {
            "on_site": self.tr("On site"),
            "standard": self.tr("Standard"),
            "teardown": self.tr("Teardown"),
        }
        headers = [
            self.tr("Claim no."),
            self.tr("Plate"),
            self.tr("Days"),
            self.tr("Age"),
            self.tr("Tier"),
            self.tr("Current clock"),
            self.tr("Due"),
            self.tr("Reason pending"),
        ]
        self.model = PendingModel(headers, self._cell, self.store_reason)
        self.chooser = QComboBox()
        self.chooser.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.review_button = QPushButton(self.tr("Mark &reviewed"))
        self.review_button.clicked.connect(self.mark_reviewed)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        self._lay_out(close)
        self.runner = OperationRunner(
            Screen(self.message.setText, self.offline, reread=self.refresh, reread_key="pending"),
            self,
        )
        self._fill_chooser()
        self.refresh()

    def _lay_out(self, close: QPushButton) -> None:
        top = QHBoxLayout()
        if self.manager:
            top.addWidget(QLabel(self.tr("Assessor:")))
            top.addWidget(self.chooser)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        if self.manager:
            buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        hint = QLabel(
            self.tr("Double-click a reason to write why the case is still pending.")
            if self.user_edits()
            else ""
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addLayout(top)
        if hint.text():
            layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1180, 600)

    def user_edits(self) -> bool:
        """Whether this user writes reasons here: an assessor (their own list) or an
        administrator."""
        return bool(self.user.roles & {Role.ASSESSOR, Role.ADMIN})

    def _fill_chooser(self) -> None:
        if not self.manager:
            return
        _outcome, users = self.runner.run(lambda: list_users(self.engine), key="pending")
        _o, lists = self.runner.run(lambda: pending_lists(self.engine), key="pending")
        self.names = {u.username: u.display_name or u.username for u in users or []}
        pending = {p.assessor: len(p.cases) for p in lists or []}
        # The longest list first: the manager opens on the assessor who most needs the review.
        assessors = sorted(
            (u.username for u in users or [] if Role.ASSESSOR in u.roles),
            key=lambda name: (-pending.get(name, 0), name),
        )
        self.chooser.blockSignals(True)
        for name in assessors:
            self.chooser.addItem(f"{self.names[name]}（{name}）", name)
        self.chooser.blockSignals(False)

    def assessor(self) -> str:
        """Whose list is shown: the chosen assessor's for a manager, else the user's own."""
        if self.manager:
            return str(self.chooser.currentData() or "")
        return self.user.username

    def refresh(self) -> None:
        """Read the list again."""
        name = self.assessor()
        if not name:
            self.summary.setText(self.tr("No assessor to show."))
            return
        outcome, listed = self.runner.run(lambda: pending_list(self.engine, name), key="pending")
        if outcome is not Outcome.DONE or listed is None:
            return
        self.listed = listed
        own = name == self.user.username or Role.ADMIN in self.user.roles
        self.model.show(listed, self.user_edits() and own)
        self.summary.setText(self._summary(listed))

    def _summary(self, listed: PendingList) -> str:
        counts = self.tr(", ").join(f"{self.bucket_words[b]} {n}" for b, n in listed.counts.items())
        text = self.tr("%1 pending (%2).").replace("%1", str(len(listed.cases)))
        text = text.replace("%2", counts)
        if listed.reviewed_at is None:
            text += self.tr(" Never reviewed.")
        else:
            when = to_local(listed.reviewed_at, listed.zone).strftime("%Y-%m-%d %H:%M")
            text += (
                self.tr(" Last reviewed %1 by %2.")
                .replace("%1", when)
                .replace("%2", self.names.get(listed.reviewed_by, listed.reviewed_by))
            )
        if listed.review_due:
            text += self.tr(" A review is due.")
        return text

    def _cell(self, case: PendingCase, column: int, zone: str) -> str:
        clock = case.clock
        texts: dict[int, Callable[[], str]] = {
            CLAIM: lambda: case.claim_no,
            PLATE: lambda: case.plate,
            AGE: lambda: str(case.age_days),
            BUCKET: lambda: self.bucket_words[case.bucket],
            TIER: lambda: self.tier_words.get(case.tier.value, "") if case.tier else "",
            CLOCK: lambda: (
                f"{self._clock_owner(case)}{clock_text(clock.name)} · "
                f"{clock_state_text(case.clock_state.value, clock.late_hours(utcnow()))}"
                if clock is not None and case.clock_state is not None
                else ""
            ),
            DUE: lambda: (
                to_local(clock.due, zone).strftime("%Y-%m-%d %H:%M") if clock is not None else ""
            ),
            REASON: lambda: case.reason,
        }
        return texts[column]()

    @staticmethod
    def _clock_owner(case: PendingCase) -> str:
        """The third party whose clock is shown, before its name (三者车1 浙B54321 · )."""
        title = case.clock_title(screen_language())
        return f"{title} · " if title else ""

    def store_reason(self, case: PendingCase, text: str) -> Outcome:
        """Store the reason typed for ``case``; refused: the reason said, the old one kept."""
        outcome, _r = self.runner.run(
            lambda: set_pending_reason(self.engine, case.case_id, text, self.user), key="pending"
        )
        said = self.message.text()
        self.refresh()
        self.message.setText("" if outcome is Outcome.DONE else said)
        return outcome

    def mark_reviewed(self) -> Outcome:
        """Mark the chosen assessor's list reviewed (a manager or an administrator)."""
        name = self.assessor()
        outcome, _l = self.runner.run(
            lambda: mark_pending_reviewed(self.engine, name, self.user), key="pending"
        )
        if outcome is Outcome.DONE:
            self.refresh()
            self.message.setText("")
        return outcome

"""The reviewer's desk (核损台): the queue of submitted estimates, oldest due first; each opened
with its findings, changes and history; return with reasons or approve.

The queue is worked exclusively: opening an estimate (or "Take next") takes it for this
reviewer, so no two reviewers decide the same one; one held by someone else shows who has
it and cannot be decided here until they put it back, decide it, or leave it untouched for
``review_queue.TAKE_EXPIRES``."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.entry_values import Refusal, parse_entry
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from estimator.gui.banner import OfflineBanner
from estimator.gui.editor import EstimateEditor
from estimator.gui.models import TIER_TEXT, CaseColumn, CasesModel
from estimator.gui.models import tr as model_text
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.gui.reason_dialog import ReasonDialog
from estimator.gui.sample_checks import SampleChecks
from estimator.services import authority, case_list, review_queue, workflow
from estimator.services.connection import DatabaseUnavailable
from estimator.services.users import User, display_names

if TYPE_CHECKING:
    from estimator.services.database import Database

#: The desk's keys; none clashes with the editor's (Ctrl+F, Ctrl+L, Ctrl+N, Ctrl+Z, Del).
TAKE_KEY = "Ctrl+T"
APPROVE_KEY = "Ctrl+Shift+A"
RETURN_KEY = "Ctrl+Shift+R"
ADJUST_KEY = "Ctrl+J"
RELEASE_KEY = "Ctrl+Shift+B"
FOLD_KEY = "Ctrl+Shift+Q"
#: The queue's columns that stay when it is folded to a narrow list.
FOLDED_COLUMNS = (CaseColumn.CLAIM, CaseColumn.PLATE, CaseColumn.DUE)


def key_text(key: str) -> str:
    """A shortcut as the platform writes it (Ctrl+Shift+A)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


class DeskReasonDialog(ReasonDialog):
    """A reviewer's reason (the shared ReasonDialog: OK once written, Ctrl+Enter confirms)
    and, for an adjustment, the reviewed amount above it: a plain decimal, two places."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        prompt: str,
        *,
        amount: Decimal | None = None,
    ) -> None:
        super().__init__(title, prompt, parent)
        self.amount: QLineEdit | None = None
        if amount is not None:
            self.amount = QLineEdit(f"{amount:.2f}")
            self.amount.selectAll()
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(0, QLabel(self.tr("Reviewed amount")))
            layout.insertWidget(1, self.amount)
            # Why the amount is not taken, said under it while OK stays disabled.
            self.amount_note = QLabel()
            self.amount_note.setWordWrap(True)
            self.amount_note.setStyleSheet("color: #c62828;")
            self.amount_note.hide()
            layout.insertWidget(2, self.amount_note)
            self.amount.textChanged.connect(self._enable_ok)
            self.amount.installEventFilter(self)
            self._enable_ok()
            self.amount.setFocus()

    def _typed(self) -> Decimal | Refusal | None:
        """The amount typed, or why it is not taken (None: the dialog asks for no amount)."""
        if self.amount is None:
            return None
        # Thousands separators are how amounts are shown; the bounds are the cells' own.
        return parse_entry(self.amount.text().strip().replace(",", ""), "amount")

    def value(self) -> Decimal | None:
        """The amount typed: a plain decimal with at most two places, not negative."""
        value = self._typed()
        return value if isinstance(value, Decimal) else None

    def _ready(self) -> bool:
        return bool(self.reason()) and (self.amount is None or self.value() is not None)

    def _enable_ok(self) -> None:
        self.ok_button.setEnabled(self._ready())
        note: QLabel | None = getattr(self, "amount_note", None)  # None while being built
        if note is not None:
            typed = self._typed()
            zh = self.locale().name().startswith("zh")
            note.setText(typed.message("zh" if zh else "en") if isinstance(typed, Refusal) else "")
            note.setVisible(bool(note.text()))

    def accept(self) -> None:
        """Close when the reason (and the amount) are there; a missing reason is said."""
        if self._ready():
            QDialog.accept(self)
        elif not self.reason():
            self.missing.show()


class ReviewDesk(QWidget):
    """Core-loss review: take the next estimate, decide, move on."""

    def __init__(
        self,
        engine: Database,
        user: User,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.user = user
        self.settings = settings
        self.queue = CasesModel()
        self.tier_filter = QComboBox()
        self.tier_filter.addItem(self.tr("All tiers"), None)
        for tier in Tier:
            self.tier_filter.addItem(model_text(TIER_TEXT[tier.value]), tier.value)
        self.shop_filter = QComboBox()
        self.assessor_filter = QComboBox()
        for combo in (self.tier_filter, self.shop_filter, self.assessor_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(4)
        self.table = QTableView()
        self.table.setModel(self.queue)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.viewer = EstimateEditor(engine, user)
        self.viewer.objects.set_read_only()  # the version taken is decided, not another's
        # Read, not typed into: compact rows show more of the estimate under review.
        rows = self.viewer.table.verticalHeader()
        rows.setMinimumSectionSize(1)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        viewer_layout = self.viewer.layout()
        if viewer_layout is not None:  # the desk's own margins frame it
            viewer_layout.setContentsMargins(0, 0, 0, 0)
        self.held: uuid.UUID | None = None  # the estimate this desk has taken from the queue
        self.reason_dialog: DeskReasonDialog | None = None  # the one open, if any
        self.take_button = QPushButton(self.tr("Take next"))
        self.release_button = QPushButton(self.tr("Put back in the queue"))
        self.fold_button = QToolButton()
        self.fold_button.setCheckable(True)
        self.fold_button.setText("«")
        self.offline = OfflineBanner()  # the queue could not be read: retried
        # The desk's actions: a lost server reads the queue again once it answers.
        self.runner = OperationRunner(
            Screen(self.viewer.message.setText, self.offline, self.refresh, "queue"), self
        )
        # Taking an estimate says a refusal (someone else has it) by the decisions.
        self.taking = OperationRunner(Screen(self._say_held, self.offline), self)
        self.holder = QLabel()
        self.holder.setWordWrap(True)
        # It shares the decisions' row: it wraps rather than pushes the buttons away.
        self.holder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.return_button = QPushButton(self.tr("Return with reasons…"))
        self.approve_button = QPushButton(self.tr("Approve…"))
        self.adjust_button = QPushButton(self.tr("Adjust the selected line…"))
        self.samples = SampleChecks(self)  # approvals within authority drawn for a check
        self._layout()
        self._actions()
        for combo in (self.tier_filter, self.shop_filter, self.assessor_filter):
            combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.open_row(current.row())
        )
        self._restored = False
        self.refresh()

    def _layout(self) -> None:
        """Filters and the queue on the left, the estimate on the right with the decisions in
        one row under it: the viewer gets the height."""
        left = QWidget()
        left.setMinimumWidth(160)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.filters = QWidget()
        filters = QHBoxLayout(self.filters)
        filters.setContentsMargins(0, 0, 0, 0)
        for combo in (self.tier_filter, self.shop_filter, self.assessor_filter):
            filters.addWidget(combo, 1)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.table, 1)
        take_row = QHBoxLayout()
        take_row.addWidget(self.take_button, 1)
        take_row.addWidget(self.fold_button)
        left_layout.addLayout(take_row)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(2)
        right_layout.addWidget(self.viewer, 1)
        decisions = QHBoxLayout()
        decisions.addWidget(self.holder, 1)
        for button in (
            self.adjust_button,
            self.release_button,
            self.return_button,
            self.approve_button,
            self.samples.fail_button,
            self.samples.pass_button,
        ):
            decisions.addWidget(button)
        right_layout.addLayout(decisions)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 940])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.offline)
        layout.addWidget(self.splitter, 1)

    def _action(
        self,
        text: str,
        key: str,
        slot: Callable[[], object],
        button: QPushButton | QToolButton | None,
        tip: str,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        if button is not None:
            button.setToolTip(f"{tip} ({key_text(key)})")
        return action

    def _actions(self) -> None:
        """The desk's commands, each with a key (shown in the tooltips and the Review menu)."""
        self.take_action = self._action(
            self.tr("&Take next"),
            TAKE_KEY,
            self.take_next,
            self.take_button,
            self.tr("Take the oldest estimate nobody is reviewing"),
        )
        self.approve_action = self._action(
            self.tr("&Approve…"),
            APPROVE_KEY,
            self._ask_approve,
            self.approve_button,
            self.tr("Approve the estimate (a reason is asked while findings remain)"),
        )
        self.return_action = self._action(
            self.tr("&Return with reasons…"),
            RETURN_KEY,
            self._ask_return,
            self.return_button,
            self.tr("Return the estimate to its assessor with reasons"),
        )
        self.adjust_action = self._action(
            self.tr("Ad&just the selected line…"),
            ADJUST_KEY,
            self._ask_adjust,
            self.adjust_button,
            self.tr("Set the reviewed amount of the selected line"),
        )
        self.release_action = self._action(
            self.tr("&Put back in the queue"),
            RELEASE_KEY,
            self.release_current,
            self.release_button,
            self.tr("Put the estimate back for another reviewer"),
        )
        self.fold_action = self._action(
            self.tr("&Fold the queue"),
            FOLD_KEY,
            self.fold_button.toggle,
            self.fold_button,
            self.tr("Fold the queue to a narrow list, or unfold it"),
        )
        self.take_button.clicked.connect(self.take_next)
        self.release_button.clicked.connect(self.release_current)
        self.return_button.clicked.connect(self._ask_return)
        self.approve_button.clicked.connect(self._ask_approve)
        self.adjust_button.clicked.connect(self._ask_adjust)
        self.fold_button.toggled.connect(self.fold)

    def menu_actions(self) -> list[QAction]:
        """The desk's commands for the main window's Review menu."""
        return [
            self.take_action,
            self.adjust_action,
            self.return_action,
            self.approve_action,
            self.release_action,
            self.fold_action,
        ]

    def fold(self, folded: bool) -> None:
        """Fold the queue to a narrow list (claim, plate, due) and give the estimate the
        room; or unfold it."""
        if self.fold_button.isChecked() != folded:
            self.fold_button.setChecked(folded)  # toggled again: comes back here
            return
        for column in CaseColumn:
            self.table.setColumnHidden(column, folded and column not in FOLDED_COLUMNS)
        self.filters.setVisible(not folded)
        self.fold_button.setText("»" if folded else "«")
        self.table.resizeColumnsToContents()
        total = sum(self.splitter.sizes())
        if folded:
            wanted = sum(self.table.columnWidth(c) for c in FOLDED_COLUMNS) + 24
            self.splitter.setSizes([wanted, max(total - wanted, 1)])
        else:
            self.splitter.setSizes([420, max(total - 420, 1)])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._restored:  # once it has its size: the splitter's sizes are in pixels
            self._restored = True
            self._restore()

    def _restore(self) -> None:
        if self.settings is None:
            return
        state = self.settings.value("desk/splitter")
        folded = str(self.settings.value("desk/folded", "false")).lower() == "true"
        if folded:
            self.fold(True)
        if state is not None:
            self.splitter.restoreState(state)

    def save_layout(self) -> None:
        """Remember the splitter and whether the queue is folded."""
        if self.settings is not None and self._restored:  # unseen: nothing changed
            self.settings.setValue("desk/splitter", self.splitter.saveState())
            self.settings.setValue("desk/folded", self.fold_button.isChecked())

    def _fill(
        self,
        combo: QComboBox,
        label: str,
        values: list[str],
        names: dict[str, str] | None = None,
    ) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(label, None)
        for value in sorted(set(values)):
            combo.addItem((names or {}).get(value, value), value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    def refresh(self) -> None:
        """Reload the queue (and the shops and assessors it can be filtered by); under the
        banner, again later, when the server cannot be reached."""
        self.runner.run(self._refresh, key="queue", again=self.refresh)

    def _say_held(self, text: str) -> None:
        self.holder.setText(text)
        self._actionable(False)

    def _refresh(self) -> None:
        everything = case_list.review_queue(self.engine)
        names = display_names(self.engine)
        self._fill(self.shop_filter, self.tr("All shops"), [c.shop_name for c in everything])
        self._fill(
            self.assessor_filter,
            self.tr("All assessors"),
            [c.assessor for c in everything],
            names,
        )
        chosen = self.tier_filter.currentData()
        filters = (
            Tier(chosen) if chosen else None,
            self.shop_filter.currentData(),
            self.assessor_filter.currentData(),
        )
        self.queue.set_cases(
            case_list.review_queue(self.engine, *filters)
            + authority.sampled_cases(self.engine, *filters),
            names,
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
        self._actionable(False)
        self.samples.show(estimate_id if self.queue.case_at(row).sampled else None)
        if self.samples.open_id is not None:  # approved: checked, not taken
            self.viewer.open(estimate_id)
            return
        taken, _ = self.taking.run(
            lambda: review_queue.take_estimate(self.engine, estimate_id, self.user),
            key="open",
            again=lambda: self.open_row(row),
        )
        if taken is Outcome.OFFLINE:
            return  # opened when the server answers
        if taken is Outcome.DONE:
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
                review_queue.release_review(self.engine, held, self.user)

    def take_next(self) -> bool:
        """Take the oldest estimate nobody is reviewing (in the chosen tier) and open it."""
        chosen = self.tier_filter.currentData()
        self._put_back()
        taken, found = self.runner.run(
            lambda: review_queue.take_for_review(
                self.engine, self.user, Tier(chosen) if chosen else None
            )
        )
        if taken is not Outcome.DONE:
            return False
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

    def _decide(self, decide: Callable[[], object]) -> bool:
        if self.runner.run(decide, key="decide")[0] is not Outcome.DONE:
            return False
        self.refresh()  # the decision released it: on to the next one
        return True

    def return_current(self, reason: str) -> bool:
        """Return the open estimate to the assessor (starts the 2-day clock)."""
        estimate_id = self.viewer.estimate_id
        return estimate_id is not None and self._decide(
            lambda: workflow.return_estimate(self.engine, estimate_id, self.user, reason)
        )

    def approve_current(self, reason: str = "") -> bool:
        """Approve the open estimate (a reason is needed while findings remain)."""
        estimate_id = self.viewer.estimate_id
        return estimate_id is not None and self._decide(
            lambda: workflow.approve(self.engine, estimate_id, self.user, reason)
        )

    def adjust_current(self, position: int, amount: Decimal, reason: str) -> bool:
        """Set the reviewer's amount (核损金额) on a line of the open estimate."""
        estimate_id = self.viewer.estimate_id
        if estimate_id is None:
            return False
        adjusted, _ = self.runner.run(
            lambda: review_queue.adjust_line(
                self.engine, estimate_id, position, amount, reason, self.user
            )
        )
        if adjusted is not Outcome.DONE:
            return False
        self.viewer.reload()
        return True

    def _ask(self, dialog: DeskReasonDialog, done: Callable[[DeskReasonDialog], object]) -> None:
        """Open a reason dialog (window-modal); ``done`` runs when it is confirmed."""
        self.reason_dialog = dialog
        dialog.accepted.connect(lambda: done(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "reason_dialog", None))
        dialog.open()

    def _decidable(self) -> bool:
        """Whether a decision can be asked for now (the desk shown, an estimate held)."""
        return self.isVisible() and self.approve_button.isEnabled()

    def _ask_adjust(self) -> None:
        if not self._decidable():
            return
        index = self.viewer.table.currentIndex()
        if not index.isValid():
            self.viewer.message.setText(self.tr("Select the line to adjust first."))
            return
        line = self.viewer.lines.line_at(index.row())
        if line.index is None:
            return
        position = line.index
        prompt = (
            self.tr("Why is line %1 (%2) adjusted?")
            .replace("%1", str(position + 1))
            .replace("%2", line.description)
        )
        dialog = DeskReasonDialog(
            self, self.tr("Reviewed amount"), prompt, amount=Decimal(line.amount)
        )
        dialog.setToolTip(line.description)

        def done(d: DeskReasonDialog) -> None:
            amount = d.value()
            if amount is not None:
                self.adjust_current(position, amount, d.reason())

        self._ask(dialog, done)

    def _ask_return(self) -> None:
        if not self._decidable():
            return
        dialog = DeskReasonDialog(self, self.tr("Return"), self.tr("Reasons"))
        self._ask(dialog, lambda d: self.return_current(d.reason()))

    def _ask_approve(self) -> None:
        if not self._decidable():
            return
        if not self.viewer.current_findings:
            self.approve_current("")
            return
        dialog = DeskReasonDialog(
            self, self.tr("Approve"), self.tr("Findings remain: why approve?")
        )
        self._ask(dialog, lambda d: self.approve_current(d.reason()))

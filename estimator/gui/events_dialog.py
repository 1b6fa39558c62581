"""The field events dialog (现场事件…, Ctrl+Shift+T in the editor): the case's events in local
time, and one button per field event the assessor records (keys 1–6). A key records the event
now; once the time is changed, at that local time (never in the future). An entrusted survey
(委托查勘) names its entrusted party; a remark may go with any event. Each event is stored at
once through the service (audited; the history and the case bar's clock show it), so closing
the dialog loses nothing. Reviewers read the list only."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.clocks import EventKind
from estimator.domain.field_events import FIELD_EVENTS, NOTE_LIMIT, check_event
from estimator.gui.operations import OperationRunner, Screen
from estimator.services import field_events
from estimator.services.field_events import RecordedEvent
from estimator.services.settings import display_zone
from estimator.services.users import User, display_names
from kernel.clock import from_local, to_local, utcnow

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor
    from estimator.services.database import Database

#: The keys that record the field events, in FIELD_EVENTS' order.
EVENT_KEYS = "123456"
#: How a local time is shown and typed.
SHOWN = "%Y-%m-%d %H:%M"


class EventsDialog(QDialog):
    """The case's events and the buttons that record the field events."""

    #: An event was stored (the editor refreshes its case bar and history).
    recorded = Signal()

    def __init__(
        self, engine: Database, case_id: uuid.UUID, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.case_id, self.user = engine, case_id, user
        self.setWindowTitle(self.tr("Field events"))
        self.writes = bool(user.roles & field_events.RECORDERS)
        self.words = self._words()
        self.zone = display_zone(engine)
        self.names = display_names(engine)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        self.runner = OperationRunner(Screen(self.message.setText), self)
        self.confirmation = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Event"), self.tr("Recorded by"), self.tr("Note")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setMinimumSize(560, 220)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._entry())
        layout.addLayout(self._buttons())
        hint = QLabel(
            self.tr("Keys 1–6 record the event now; change the time first to record it earlier.")
        )
        hint.setStyleSheet("color: #555")
        layout.addWidget(hint)
        layout.addWidget(self.confirmation)
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        for index, key in enumerate(EVENT_KEYS):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.activated.connect(lambda i=index: self.record(i))
        self.show_events(field_events.case_events(engine, case_id))
        self.buttons[0].setFocus()

    def _words(self) -> dict[str, str]:
        """Every event's name in words (the list; the buttons use the field events')."""
        return {
            EventKind.REPORT: self.tr("Reported"),
            EventKind.DISPATCH: self.tr("Dispatched"),
            EventKind.FIRST_CONTACT: self.tr("Contacted the customer"),
            EventKind.ARRIVAL: self.tr("Arrived on site"),
            EventKind.ENTRUSTMENT: self.tr("Entrusted survey"),
            EventKind.SURVEY: self.tr("Surveyed"),
            EventKind.FIRST_PHOTO: self.tr("First photo"),
            EventKind.TEARDOWN: self.tr("Teardown"),
            EventKind.ITEMS_CONFIRMED: self.tr("Teardown items fixed"),
            EventKind.SUBMISSION: self.tr("Submitted for review"),
            EventKind.RETURN: self.tr("Returned"),
            EventKind.APPROVAL: self.tr("Approved"),
            EventKind.SUPPLEMENT: self.tr("Supplement started"),
            EventKind.CUSTOMER_SIGNATURE: self.tr("Customer signed"),
            EventKind.NOTIFICATION_SENT: self.tr("Approval notice sent"),
            EventKind.DOCUMENTS_COLLECTED: self.tr("Documents collected"),
        }

    def _entry(self) -> QFormLayout:
        """The time (local, default now), the entrusted party and the remark."""
        self.when = QDateTimeEdit()
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setCalendarPopup(True)
        self.now_button = QPushButton(self.tr("Now"))
        self.now_button.clicked.connect(self.reset_time)
        self.reset_time()
        self.when.dateTimeChanged.connect(self._typed)
        row = QHBoxLayout()
        row.addWidget(self.when)
        row.addWidget(self.now_button)
        row.addStretch(1)
        self.party = QLineEdit()
        self.party.setMaxLength(60)
        self.party.setPlaceholderText(
            self.tr("For an entrusted survey: a branch or an assessment firm")
        )
        self.remark = QLineEdit()
        self.remark.setMaxLength(NOTE_LIMIT - 61)  # the party, a separator and the remark fit
        self.remark.setPlaceholderText(self.tr("Optional"))
        for widget in (self.when, self.now_button, self.party, self.remark):
            widget.setEnabled(self.writes)
        form = QFormLayout()
        form.addRow(self.tr("Time"), row)
        form.addRow(self.tr("Entrusted party"), self.party)
        form.addRow(self.tr("Note"), self.remark)
        return form

    def _buttons(self) -> QGridLayout:
        """One button per field event, with its key, three to a row."""
        grid = QGridLayout()
        self.buttons: list[QPushButton] = []
        for index, kind in enumerate(FIELD_EVENTS):
            button = QPushButton(f"{EVENT_KEYS[index]}  {self.words[kind]}")
            button.setEnabled(self.writes)
            button.clicked.connect(lambda _checked=False, i=index: self.record(i))
            grid.addWidget(button, index // 3, index % 3)
            self.buttons.append(button)
        return grid

    def reset_time(self) -> None:
        """The time back to now (recorded as the moment the key is pressed)."""
        local = to_local(utcnow(), self.zone)
        self.when.blockSignals(True)
        self.when.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.when.blockSignals(False)
        self.typed_time = False

    def _typed(self) -> None:
        self.typed_time = True

    def chosen_time(self) -> tuple[dt.datetime | None, str]:
        """The typed time in UTC and as typed, or (None, "") while the time is still now."""
        if not self.typed_time:
            return None, ""
        typed = self.when.dateTime()
        date, time = typed.date(), typed.time()
        wall = dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute())
        return from_local(wall, self.zone).astimezone(dt.UTC), f"{wall:{SHOWN}}"

    def note_for(self, kind: EventKind) -> str:
        """What the event keeps: for an entrustment its party (and the remark), else the
        remark. An entrustment without a party keeps nothing, and the service refuses it."""
        party, remark = self.party.text().strip(), self.remark.text().strip()
        if kind is EventKind.ENTRUSTMENT:
            return f"{party}；{remark}" if party and remark else party
        return remark

    def record(self, index: int) -> None:
        """Key ``index + 1``: record that field event (now, or at the typed time)."""
        if not self.writes or index >= len(FIELD_EVENTS):
            return
        kind = FIELD_EVENTS[index]
        at, shown = self.chosen_time()
        note = self.note_for(kind)
        self.message.clear()
        self.confirmation.clear()

        def store() -> list[RecordedEvent]:
            check_event(kind, at, utcnow(), note, shown)  # the typed time, said as typed
            return field_events.record_field_event(
                self.engine, self.case_id, kind, self.user, at, note
            )

        _, result = self.runner.run(store, key="event")
        if result is None:
            return
        self.show_events(result)
        self.confirmation.setText(
            self.tr("Recorded: %1 at %2")
            .replace("%1", self.words[kind])
            .replace("%2", f"{to_local(result_time(result, kind), self.zone):{SHOWN}}")
        )
        self.party.clear()
        self.remark.clear()
        self.reset_time()
        self.recorded.emit()

    def show_events(self, events: list[RecordedEvent]) -> None:
        """The case's events, oldest first, in local time."""
        self.table.setRowCount(len(events))
        for row, event in enumerate(events):
            cells = (
                f"{to_local(event.at, self.zone):{SHOWN}}",
                self.words.get(event.kind, event.kind),
                self.names.get(event.by, event.by),
                event.note,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if events:
            self.table.scrollToBottom()


def result_time(events: list[RecordedEvent], kind: EventKind) -> dt.datetime:
    """When the newest event of ``kind`` happened (the one just recorded)."""
    return max(e.at for e in events if e.kind == kind.value)


def open_events(editor: EstimateEditor) -> EventsDialog | None:
    """Open the editor's case's field events (Ctrl+Shift+T); the case bar's clock and the
    history follow each event recorded. None without a case or when the case cannot be read
    (the editor's message line says why)."""
    if (stored := editor.stored) is None:
        return None
    case_id = stored.case_id
    _, dialog = editor.runner.run(
        lambda: EventsDialog(editor.engine, case_id, editor.user, editor), key="events"
    )
    if dialog is not None:
        dialog.recorded.connect(lambda: _refresh(editor))
        dialog.open()
    return dialog


def _refresh(editor: EstimateEditor) -> None:
    """The case bar's clock and the history after an event (the lines are unchanged)."""
    if (stored := editor.stored) is None:
        return
    editor.review_tabs.show_estimate(stored)
    editor.case_bar.show_estimate(stored, editor.priced, editor.review_tabs.return_reason(stored))

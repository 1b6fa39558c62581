"""The dialogs of offline work (sync.md): what a check-out (or check-in) did with each case,
the laptop's offline state, and a case in conflict at check-in with both sides, to re-apply
this laptop's changes, discard them, or decide later (as the stale-save bar does)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.sync_words import DERIVED, where_words
from estimator.gui.labels import screen_language
from estimator.services.sync import CaseOutcome, SyncStatus
from estimator.services.sync_checkin import Choice

#: A value longer than this is cut in the conflict table (the whole value is its tooltip).
SHOWN_CHARS = 80


def _table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, cut: int | None = None
) -> QTableWidget:
    """A read-only table of ``rows``; a text longer than ``cut`` is cut, whole in its tooltip."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            shown = text if cut is None or len(text) <= cut else text[: cut - 1] + "…"
            item = QTableWidgetItem(shown)
            item.setToolTip(text)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _summary_above_table(dialog: QDialog, summary: QLabel, table: QTableWidget) -> None:
    """Lay ``dialog`` out as a summary, a table and a Close button."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in (summary, table, buttons):
        layout.addWidget(widget)


class SyncOutcomeDialog(QDialog):
    """Each case of a check-out or check-in: claim number, what became of it, why."""

    def __init__(
        self, title: str, summary: str, cases: Sequence[CaseOutcome], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        rows = [
            (c.claim_no, self.outcome_word(c.outcome), c.reason(screen_language())) for c in cases
        ]
        self.table = _table([self.tr("Claim no."), self.tr("Outcome"), self.tr("Why")], rows)
        _summary_above_table(self, self.summary, self.table)
        self.resize(640, 320)

    def outcome_word(self, outcome: str) -> str:
        """An outcome's word on screen."""
        words = {
            "checked_out": self.tr("checked out"),
            "kept": self.tr("not checked out"),
            "refused": self.tr("refused"),
            "accepted": self.tr("checked in"),
            "discarded": self.tr("this laptop's changes discarded"),
            "conflict": self.tr("conflict"),
        }
        return words.get(outcome, outcome)


class SyncStatusDialog(QDialog):
    """离线状态: who the laptop works for, what it has to check in, each case's state."""

    def __init__(
        self, found: SyncStatus, server: str, reachable: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Offline status"))
        head = (
            self.tr(
                "Laptop %1, user %2; %3 case(s) and %4 audit entries to check in. Team server: %5 (%6)."
            )
            .replace("%1", found.device.name)
            .replace("%2", found.user or "—")
            .replace("%3", str(found.pending))
            .replace("%4", str(found.unsent_entries))
            .replace("%5", server or self.tr("not set"))
            .replace("%6", reachable)
        )
        if found.pending_batch:
            head += " " + self.tr("A check-in is unfinished: check in again to finish it.")
        self.summary = QLabel(head)
        self.summary.setWordWrap(True)
        rows = [
            (c.claim_no, self.state_words(c.new, c.checked_out, c.changed)) for c in found.cases
        ]
        self.table = _table([self.tr("Claim no."), self.tr("State")], rows)
        _summary_above_table(self, self.summary, self.table)
        self.resize(560, 360)

    def state_words(self, new: bool, checked_out: bool, changed: bool) -> str:
        """A case's state on the laptop in words."""
        if new:
            return self.tr("made here, to check in")
        if not checked_out:
            return self.tr("checked in (read-only)")
        return self.tr("checked out, changed") if changed else self.tr("checked out")


def _shown(value: Any) -> str:
    """A value of a clash as text: — for none, a row as its JSON."""
    if value is None:
        return "—"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


class SyncConflictDialog(QDialog):
    """One case in conflict at check-in: where the two sides differ (as exchanged, here, on
    the server) and the three ways on. ``choice`` is "reapply", "discard" or None (later)."""

    def __init__(self, case: CaseOutcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case = case
        self.choice: Choice | None = None
        self.setWindowTitle(self.tr("Check-in conflict: case %1").replace("%1", case.claim_no))
        self.setObjectName("sync-conflict")
        self.text = QLabel(
            self.tr(
                "Case %1 was changed on the team server since it was checked out to this laptop. Nothing of it was checked in; it stays checked out here with your changes. Compare both sides, then re-apply your changes over the server's or discard them."
            ).replace("%1", case.claim_no)
        )
        self.text.setWordWrap(True)
        self.text.setStyleSheet("background: #fff8e1; color: #6d4c00; padding: 6px;")
        shown = [c for c in case.clashes if c.get("column") not in DERIVED] or list(case.clashes)
        rows = [self.clash_row(clash) for clash in shown]
        self.table = _table(
            [self.tr("Where"), self.tr("As exchanged"), self.tr("Here"), self.tr("On the server")],
            rows,
            cut=SHOWN_CHARS,
        )
        # The three sides share the width (long values are cut; the whole one is the tooltip).
        for column in (1, 2, 3):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        self.reapply_button = QPushButton(self.tr("Re-apply this laptop's changes"))
        self.discard_button = QPushButton(self.tr("Discard this laptop's changes"))
        self.later_button = QPushButton(self.tr("Later"))
        self.reapply_button.clicked.connect(lambda: self._chosen("reapply"))
        self.discard_button.clicked.connect(lambda: self._chosen("discard"))
        self.later_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.later_button, self.discard_button, self.reapply_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.reapply_button.setDefault(True)
        self.resize(760, 360)

    def clash_row(self, clash: dict[str, Any]) -> tuple[str, str, str, str]:
        """One clash: where (table.column; a version's line set, counted; or a whole row
        added, changed or deleted) and the three values in full."""
        column = clash.get("column")
        values = [clash.get(k) for k in ("base", "mine", "theirs")]
        place = where_words(str(clash["table"]), column, screen_language())
        if column:
            where, shown = place, [_shown(v) for v in values]
        elif all(isinstance(v, int) for v in values):  # the merge counts a line set's rows
            where = f"{place} " + self.tr("(a version's lines)")
            shown = [self.tr("%1 line(s)").replace("%1", str(v)) for v in values]
        else:
            where = f"{place} " + self.tr("(whole row)")
            shown = [_shown(v) for v in values]
        base, mine, theirs = shown
        return where, base, mine, theirs

    def _chosen(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

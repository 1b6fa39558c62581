"""The editor's review tabs: the findings of the self-check, the changes from the previous
version, the case's history in sentences, and the photos. An empty tab says why."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.estimate import LineKind
from estimator.domain.review import Finding, Severity
from estimator.gui.history_words import Language, history_sentence, line_changes
from estimator.gui.models import KIND_TEXT
from estimator.gui.models import tr as model_text
from estimator.gui.payout_panel import PayoutPanel
from estimator.gui.photos import PhotosPanel
from estimator.services import estimate_store
from estimator.services.audit import HistoryEntry, case_history
from estimator.services.review import review_estimate
from estimator.services.settings import display_zone
from estimator.services.submission import submission_reasons
from estimator.services.users import User
from kernel.clock import to_local

if TYPE_CHECKING:
    from estimator.services.database import Database

SEVERITY_SOURCE = {Severity.BLOCK: "Block", Severity.WARN: "Warning", Severity.INFO: "Note"}
KINDS = {kind.value for kind in LineKind}
SEVERITY_COLOR = {Severity.BLOCK: "#c62828", Severity.WARN: "#e65100"}


def _cell(text: str) -> QTableWidgetItem:
    """A cell of a review table: shown, never edited (its flags say so, as its view does)."""
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text)  # in full on hover when the column cuts it short
    return item


def _table(headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    return table


class _Page(QWidget):
    """A table, or in its place a sentence saying why it is empty."""

    def __init__(self, table: QTableWidget) -> None:
        super().__init__()
        self.table = table
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #666;")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(table)

    def fill(self, rows: int, why_empty: str) -> None:
        """Show ``rows`` rows of the table, or the reason there are none."""
        self.table.setRowCount(rows)
        self.empty.setText(why_empty)
        self.empty.setVisible(rows == 0)
        self.table.setVisible(rows > 0)


class ReviewTabs(QTabWidget):
    """Findings, changes from the previous version, history and photos of one version (the
    editor inserts its lines as the first tab)."""

    def __init__(
        self,
        engine: Database,
        user: User,
        current_line: Callable[[], tuple[uuid.UUID, int] | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.current_findings: list[Finding] = []
        self.entries: list[HistoryEntry] = []
        self.findings = _table(
            [
                self.tr("Rule"),
                self.tr("Severity"),
                self.tr("Line"),
                self.tr("Finding"),
                self.tr("Assessor's reason"),
            ],
            3,
        )
        self.changes = _table(
            [
                self.tr("Change"),
                self.tr("Kind"),
                self.tr("Line"),
                self.tr("Before → after"),
                self.tr("Fields"),
            ],
            4,
        )
        self.history = _table([self.tr("Time"), self.tr("What happened")], 1)
        self.findings_page = _Page(self.findings)
        self.changes_page = _Page(self.changes)
        self.history_page = _Page(self.history)
        self.photos = PhotosPanel(engine, user.username)
        self.photos.current_line = current_line
        self.addTab(self.findings_page, self.tr("Review findings"))
        self.addTab(self.changes_page, self.tr("Changes from the previous version"))
        self.addTab(self.history_page, self.tr("History"))
        self.addTab(self.photos, self.tr("Photos"))
        self.payout = PayoutPanel(engine, user)  # 赔款预估 (settlement.md)
        self.addTab(self.payout, self.tr("Payout estimate"))

    def language(self) -> Language:
        """The interface's language for texts built outside Qt's translations."""
        return "zh" if self.locale().name().startswith("zh") else "en"

    def show_estimate(self, stored: estimate_store.StoredEstimate) -> None:
        """Fill every tab for a stored version (the photos only when the case changes)."""
        self._show_findings(stored)
        self._show_changes(stored)
        self._show_history(stored)
        self.payout.show_estimate(stored)
        if self.photos.case_id != stored.case_id:
            numbers = {key: position + 1 for position, key in enumerate(stored.line_keys)}
            self.photos.open(stored.case_id, numbers)

    def return_reason(self, stored: estimate_store.StoredEstimate) -> tuple[str, str] | None:
        """(who, reasons) of the last return of ``stored``'s version, from its history."""
        for entry in reversed(self.entries):
            if entry.action == "return" and entry.version == stored.version_no:
                return entry.actor_name, str(entry.detail.get("reason") or "")
        return None

    def _show_findings(self, stored: estimate_store.StoredEstimate) -> None:
        self.current_findings = review_estimate(self.engine, stored.id)
        language = self.language()
        found = self.current_findings
        # What the assessor wrote for each warning left open at submission (issue #26).
        reasons = {(r.rule, r.line): r.reason for r in submission_reasons(self.engine, stored.id)}
        self.findings_page.fill(len(found), self.tr("No findings: the self-check found nothing."))
        for row, finding in enumerate(found):
            line = "" if finding.line is None else str(finding.line + 1)
            severity = self.tr(SEVERITY_SOURCE[finding.severity])
            reason = reasons.get((finding.rule, finding.line), "")
            texts = (finding.rule, severity, line, finding.message(language), reason)
            for column, text in enumerate(texts):
                item = _cell(text)
                color = SEVERITY_COLOR.get(finding.severity)
                if color and column == 1:
                    item.setForeground(QColor(color))
                self.findings.setItem(row, column, item)
        title = self.tr("Review findings")
        self.setTabText(
            self.indexOf(self.findings_page), f"{title} ({len(found)})" if found else title
        )

    def _show_changes(self, stored: estimate_store.StoredEstimate) -> None:
        previous = estimate_store.previous_version(self.engine, stored.id)
        rows = (
            []
            if previous is None
            else list(estimate_store.diff(self.engine, previous, stored.id).lines)
        )
        why = (
            self.tr("This is the first version: there is no previous version to compare.")
            if previous is None
            else self.tr("Nothing changed from the previous version.")
        )
        self.changes_page.fill(len(rows), why)
        marks = {
            "added": self.tr("Added"),
            "changed": self.tr("Changed"),
            "removed": self.tr("Removed"),
        }
        language = self.language()
        for row, change in enumerate(rows):
            before = "" if change.before is None else f"{change.before:,.2f}"
            after = "" if change.after is None else f"{change.after:,.2f}"
            source = KIND_TEXT.get(LineKind(change.kind)) if change.kind in KINDS else None
            kind = model_text(source) if source else change.kind
            texts = (
                marks[change.change.value],
                kind,
                change.description,
                f"{before} → {after}",
                line_changes(change.fields, language),
            )
            for column, text in enumerate(texts):
                self.changes.setItem(row, column, _cell(text))

    def _show_history(self, stored: estimate_store.StoredEstimate) -> None:
        self.entries = case_history(self.engine, stored.case_id)
        self.history_page.fill(len(self.entries), self.tr("Nothing has happened to this case yet."))
        language = self.language()
        zone = display_zone(self.engine)
        for row, entry in enumerate(self.entries):
            when = _cell(f"{to_local(entry.at, zone):%Y-%m-%d %H:%M}")
            what = _cell(
                history_sentence(
                    entry.action, entry.actor_name, entry.detail, language, entry.version
                )
            )
            # The audited action's code, for tests and support: never shown.
            what.setData(Qt.ItemDataRole.UserRole, f"{entry.entity} {entry.action}")
            self.history.setItem(row, 0, when)
            self.history.setItem(row, 1, what)
        self.history.resizeRowsToContents()

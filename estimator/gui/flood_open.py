"""Opening a saved flood assessment: the case picker, and the read-only table both flood
screens use."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from estimator.gui.banner import OfflineBanner
from estimator.gui.flood_models import FloodCasesModel, money
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.services.flood_cases import list_flood_cases, list_flood_versions
from estimator.services.settings import display_zone
from kernel.clock import to_local

if TYPE_CHECKING:
    from estimator.services.database import Database


def read_only_table(model: QAbstractItemModel) -> QTableView:
    """A table of whole rows, not editable, its columns fitting their contents."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class OpenFloodCaseDialog(QDialog):
    """Pick a saved flood case, then one of its versions (the newest by default)."""

    def __init__(self, engine: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.version_id: uuid.UUID | None = None
        self.setWindowTitle(self.tr("Open a saved flood assessment"))
        self.offline = OfflineBanner()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Claim no., insured or site"))
        self.filter.setClearButtonEnabled(True)
        self.cases = FloodCasesModel()
        self.table = read_only_table(self.cases)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions = QListWidget()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Open).setText(self.tr("Open"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 2)
        layout.addWidget(QLabel(self.tr("Versions")))
        layout.addWidget(self.versions, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.runner = OperationRunner(Screen(self.message.setText, self.offline), self)
        self.filter.textChanged.connect(lambda _t: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_versions(current.row())
        )
        self.versions.itemDoubleClicked.connect(lambda _item: self._accept())
        self.refresh()
        self.resize(720, 480)

    def refresh(self) -> bool:
        """List the cases that match the filter; while the server cannot be reached the
        banner shows, the filter stays as typed and the list is read again until the server
        answers."""
        listed, _ = self.runner.run(self._list_cases, key="cases", again=self.refresh)
        return listed is Outcome.DONE

    def _list_cases(self) -> None:
        found = list_flood_cases(self.engine, self.filter.text())
        self.cases.set_rows(found)
        self.versions.clear()
        if self.cases.rowCount():
            self.table.selectRow(0)

    def _show_versions(self, row: int) -> None:
        self.versions.clear()
        if 0 <= row < self.cases.rowCount():
            case_id = self.cases.case_at(row).id
            self._versions_of(case_id)

    def _versions_of(self, case_id: uuid.UUID) -> None:
        self.runner.run(
            lambda: self._list_versions(case_id),
            key="versions",
            again=lambda: self._versions_of(case_id),
        )

    def _list_versions(self, case_id: uuid.UUID) -> None:
        self.versions.clear()
        zone = display_zone(self.engine)
        for v in reversed(list_flood_versions(self.engine, case_id)):
            item = QListWidgetItem(
                self.tr("Version %1 · %2 · %3 · net ¥%4")
                .replace("%1", str(v.version_no))
                .replace("%2", f"{to_local(v.created_at, zone):%Y-%m-%d %H:%M}")
                .replace("%3", v.created_by)
                .replace("%4", money(v.net))
            )
            item.setData(Qt.ItemDataRole.UserRole, v.id)
            self.versions.addItem(item)
        if self.versions.count():
            self.versions.setCurrentRow(0)

    def _accept(self) -> None:
        item = self.versions.currentItem()
        if item is None:
            return
        self.version_id = item.data(Qt.ItemDataRole.UserRole)
        self.accept()

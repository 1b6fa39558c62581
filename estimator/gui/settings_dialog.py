"""The settings screen (administrators): every limit and target of indicators.md with its
value, default and last change; a value edited in place is stored through the service (audited)
or refused in place with the reason, the stored value kept."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.settings_schema import spec_of
from estimator.gui.banner import OfflineBanner
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.services.settings import (
    SettingView,
    current_settings,
    list_settings,
    reset_setting,
    set_setting,
)
from estimator.services.users import User, display_names

if TYPE_CHECKING:
    from estimator.services.database import Database
    from kernel.problems import Language

#: The columns: what the setting is, its value (the one editable), default, last change.
LABEL, VALUE, DEFAULT, CHANGED_BY, CHANGED_AT, KEY = range(6)
REFUSED_BACKGROUND = QColor("#ffebee")


class SettingsDialog(QDialog):
    """设置 (时限与目标): the limits and targets in force, changed by an administrator."""

    def __init__(self, engine: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.user = engine, user
        self.views: list[SettingView] = []
        self._filling = False
        self.setWindowTitle(self.tr("Settings: time limits, targets and settlement"))
        self.offline = OfflineBanner()
        hint = QLabel(
            self.tr(
                "Double-click a value to change it; each change is audited (old and new value)."
            )
        )
        hint.setWordWrap(True)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Setting"),
                self.tr("Value"),
                self.tr("Default"),
                self.tr("Changed by"),
                self.tr("Changed at"),
                self.tr("Key"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # The label whole (what a setting is); long values (a checklist) share what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DEFAULT, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._edited)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.reset_button = QPushButton(self.tr("&Reset to default"))
        self.reset_button.clicked.connect(self.reset_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1080, 640)
        self.runner = OperationRunner(
            Screen(self._say, self.offline, reread=self.refresh, reread_key="settings"), self
        )
        self.refresh()

    def language(self) -> Language:
        """The interface's language, for the labels and the choices' words."""
        return "zh" if self.locale().name().startswith("zh") else "en"

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def refresh(self) -> None:
        """Read every setting again and fill the table."""
        outcome, views = self.runner.run(lambda: list_settings(self.engine), key="settings")
        if outcome is not Outcome.DONE or views is None:
            return
        _outcome, settings = self.runner.run(lambda: current_settings(self.engine))
        zone = settings.time_zone if settings is not None else None
        _outcome, names = self.runner.run(lambda: display_names(self.engine))
        names = names or {}
        self.views = views
        language = self.language()
        self._filling = True
        try:
            self.table.setRowCount(len(views))
            for row, view in enumerate(views):
                at = ""
                if view.changed_at is not None:
                    at = view.changed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
                texts = {
                    LABEL: view.label(language),
                    VALUE: view.shown(view.value, language),
                    DEFAULT: view.shown(view.default, language),
                    CHANGED_BY: names.get(view.changed_by, view.changed_by),
                    CHANGED_AT: at,
                    KEY: view.key,
                }
                for column, text in texts.items():
                    item = QTableWidgetItem(text)
                    if column != VALUE:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, column, item)
        finally:
            self._filling = False

    def row_of(self, key: str) -> int:
        """The table row of the setting ``key``."""
        return next(i for i, view in enumerate(self.views) if view.key == key)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != VALUE:
            return
        view = self.views[item.row()]
        text = item.text().strip()
        if text == view.shown(view.value, self.language()):
            return
        # After the delegate's commit has returned: the change refills the table.
        QTimer.singleShot(0, lambda: self.change(view.key, text))

    def change(self, key: str, text: str) -> Outcome:
        """Store ``text`` as the setting's value; refused: the reason in place (naming the
        setting by its label), the stored value kept in the cell and the row marked."""
        problem = spec_of(key).problem(text)
        if problem is not None:  # said with the label: the UI shows no key in a sentence
            self.refresh()
            label = self.views[self.row_of(key)].label(self.language())
            said = self.tr("Not changed: %1 cannot be “%2”: %3")
            why = problem.reason(self.language())
            self._refused(key, said.replace("%1", label).replace("%2", text).replace("%3", why))
            return Outcome.REFUSED
        outcome, _view = self.runner.run(
            lambda: set_setting(self.engine, key, text, self.user), key="settings"
        )
        refused = self.message.text() if outcome is not Outcome.DONE else ""
        self.refresh()
        if outcome is Outcome.DONE:
            self.message.setText("")
            self.table.selectRow(self.row_of(key))
        else:
            self._refused(key, refused)
        return outcome

    def _refused(self, key: str, said: str) -> None:
        """Say why the change was refused and mark the setting's row (the stored value
        stays)."""
        row = self.row_of(key)
        self.message.setText(said)
        marked = self.table.item(row, VALUE)
        if marked is not None:
            self.table.scrollToItem(marked)
        self.table.clearSelection()
        self._filling = True
        try:
            for column in range(self.table.columnCount()):
                cell = self.table.item(row, column)
                if cell is not None:
                    cell.setBackground(QBrush(REFUSED_BACKGROUND))
                    cell.setToolTip(self.message.text())
        finally:
            self._filling = False

    def reset_selected(self) -> None:
        """Put the selected setting back to its default."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("Choose a setting first."))
            return
        key = self.views[rows[0].row()].key
        outcome, _view = self.runner.run(
            lambda: reset_setting(self.engine, key, self.user), key="settings"
        )
        if outcome is Outcome.DONE:
            self.message.setText("")
            self.refresh()
            self.table.selectRow(self.row_of(key))

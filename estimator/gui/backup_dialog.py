"""Backing up the database off the GUI thread: a checked snapshot in a new file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from estimator.gui.banner import OfflineBanner
from estimator.gui.operations import OperationRunner, Screen
from estimator.services.backup import DatabaseCheck, backup_database

if TYPE_CHECKING:
    from estimator.services.database import Database

#: The check of the backup, or why it was not made (mapped by the operation runner).
BackupOutcome = DatabaseCheck | Exception


class BackupWorker(QThread):
    """Runs the backup and its check through the service; hands back the check or the error
    (a refusal, the server out of reach …), which the dialog's runner says."""

    finished_with = Signal(object)

    def __init__(self, engine: Database, target: Path) -> None:
        super().__init__()
        self.engine, self.target = engine, target

    def run(self) -> None:
        try:
            self.finished_with.emit(backup_database(self.engine, self.target))
        except Exception as error:  # noqa: BLE001 - said on the GUI thread by the runner
            self.finished_with.emit(error)


class BackupDialog(QDialog):
    """数据库备份: choose a new file, back up, see the integrity and audit chain check."""

    def __init__(self, engine: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.worker: BackupWorker | None = None
        self.outcome: BackupOutcome | None = None
        self.setWindowTitle(self.tr("Back up the database"))
        self.offline = OfflineBanner()
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.start_button = QPushButton(self.tr("Back up"))
        self.start_button.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(
            self.tr("The backup is a new file; an existing file is never overwritten.")
        )
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        row.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.resize(640, 200)
        self.runner = OperationRunner(Screen(self._not_backed_up, self.offline), self)

    def _not_backed_up(self, why: str) -> None:
        self.status.setText(
            why + "\n" + self.tr("Not backed up: press Back up again when the problem is fixed.")
        )

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up to"), "", self.tr("SQLite databases (*.sqlite3)")
        )
        if name:
            self.path.setText(name)

    def start(self) -> None:
        """Start the backup in the background."""
        if not self.path.text().strip():
            self.status.setText(self.tr("Choose a file first."))
            return
        self.outcome = None
        self.progress.setRange(0, 0)  # busy: VACUUM INTO reports no progress
        self.start_button.setEnabled(False)
        self.status.setText(self.tr("Backing up…"))
        self.worker = BackupWorker(self.engine, Path(self.path.text().strip()))
        self.worker.finished_with.connect(self._finished)
        self.worker.start()

    def _finished(self, outcome: BackupOutcome) -> None:
        self.outcome = outcome
        self.progress.setRange(0, 1)
        self.start_button.setEnabled(True)
        if isinstance(outcome, Exception):
            self.progress.setValue(0)
            self.runner.fail(outcome, key="backup")
            return
        self.offline.up("backup")
        self.progress.setValue(1 if outcome.ok else 0)
        text = (
            self.tr("Backed up and checked: integrity %1, %2 audit entries, chain head %3.")
            if outcome.ok
            else self.tr(
                "Backed up, but the check failed: integrity %1, %2 audit entries, chain head %3."
            )
        )
        self.status.setText(
            text.replace("%1", outcome.integrity)
            .replace("%2", str(outcome.audit.entries))
            .replace("%3", outcome.audit.head)
        )

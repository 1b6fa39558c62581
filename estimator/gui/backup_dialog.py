"""Backing up the database off the GUI thread: a checked snapshot in a new file."""

from __future__ import annotations

from pathlib import Path

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
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.gui.banner import OfflineBanner
from estimator.services.backup import DatabaseCheck, backup_database
from estimator.services.connection import DatabaseUnavailable

BackupOutcome = DatabaseCheck | DomainError | DatabaseUnavailable


class BackupWorker(QThread):
    """Runs the backup and its check through the service; hands back the check or the refusal
    (the service's, or the server out of reach)."""

    finished_with = Signal(object)

    def __init__(self, engine: Engine, target: Path) -> None:
        super().__init__()
        self.engine, self.target = engine, target

    def run(self) -> None:
        try:
            self.finished_with.emit(backup_database(self.engine, self.target))
        except (DomainError, DatabaseUnavailable) as refusal:
            self.finished_with.emit(refusal)


class BackupDialog(QDialog):
    """数据库备份: choose a new file, back up, see the integrity and audit chain check."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
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
        if isinstance(outcome, DatabaseUnavailable):
            self.progress.setValue(0)
            self.offline.down("backup")
            self.status.setText(
                self.tr(
                    "Not backed up: the database server cannot be reached. Press Back up again when it is back."
                )
            )
            return
        self.offline.up("backup")
        if isinstance(outcome, DomainError):
            self.progress.setValue(0)
            zh = self.locale().name().startswith("zh")
            self.status.setText(outcome.message_zh if zh else outcome.message_en)
            return
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

"""A check-in carried as a file (sync.md), in the Offline menu: Write sync bundle… signs this
workstation's check-in with the user's certificate (.p12) and saves it as ``.estsync`` for
the office to import (``sync import``); the cases stay read-only until its receipt is read
back with Read receipt…, which closes the check-in and shows each case's outcome. Importing
a laptop's bundle on the server is the office's job, not the workstation's.

The bundle is written and the receipt read off the GUI thread; a refusal (a wrong
passphrase, a file altered or not a receipt) is said in words and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMenu, QMessageBox

from estimator.gui.operations import OperationRunner, Screen
from estimator.gui.sync_dialogs import SyncOutcomeDialog
from estimator.services.sync import SyncStatus, status
from estimator.services.sync_bundle import export_bundle, read_receipt
from estimator.services.sync_checkin import CheckinResult

if TYPE_CHECKING:
    from estimator.gui.sync_actions import OfflineWork
    from estimator.services.database import Database

#: The bundle's file suffix.
SUFFIX = ".estsync"


@dataclass(frozen=True)
class Written:
    """A bundle written: where, and the laptop's state with its check-in in flight."""

    path: Path
    found: SyncStatus


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file renamed)."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


class BundleWork(QObject):
    """The Offline menu's Write sync bundle… and Read receipt… (see the module's docstring)."""

    def __init__(self, work: OfflineWork, menu: QMenu) -> None:
        super().__init__(work)
        self.work = work
        self.window = work.window
        self.outcome_dialog: SyncOutcomeDialog | None = None
        self.message_box: QMessageBox | None = None
        self.jobs = OperationRunner(Screen(work.say), self)
        self.export_action = QAction(self.tr("Write sync &bundle…"), self)
        self.export_action.setStatusTip(
            self.tr("Save this workstation's check-in as a signed file for the office")
        )
        self.export_action.triggered.connect(self.write_bundle)
        self.receipt_action = QAction(self.tr("&Read receipt…"), self)
        self.receipt_action.setStatusTip(
            self.tr("Read the office's receipt of a sync bundle to finish its check-in")
        )
        self.receipt_action.triggered.connect(self.read_receipt)
        menu.addAction(self.export_action)
        menu.addAction(self.receipt_action)
        self.jobs.busy.connect(self._enable)
        work.jobs.busy.connect(self._enable)

    def _busy(self) -> bool:
        return self.jobs.is_busy or self.work.jobs.is_busy

    def _enable(self, _busy: bool = False) -> None:
        idle = not self._busy()
        self.export_action.setEnabled(idle)
        self.receipt_action.setEnabled(idle)

    # The questions asked (tests answer them).

    def ask_certificate(self) -> str:
        """The user's certificate file ("" when cancelled)."""
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Your signing certificate"),
            "",
            self.tr("Certificates (*.p12 *.pfx)"),
        )
        return path

    def ask_passphrase(self) -> str | None:
        """The certificate's passphrase (None when cancelled)."""
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Certificate passphrase"))
        dialog.setLabelText(self.tr("The passphrase of your certificate:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        given = dialog.exec() == QInputDialog.DialogCode.Accepted
        passphrase = dialog.textValue() if given else None
        dialog.deleteLater()
        return passphrase

    def ask_target(self) -> str:
        """Where to save the bundle ("" when cancelled)."""
        day = dt.date.today().isoformat()
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the sync bundle"),
            f"{self.work.username}-{day}{SUFFIX}",
            self.tr("Sync bundles (*.estsync)"),
        )
        return path

    def ask_receipt(self) -> str:
        """The receipt file to read ("" when cancelled)."""
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Read a receipt"),
            "",
            self.tr("Sync bundles (*.estsync);;All files (*)"),
        )
        return path

    # Write sync bundle…

    def write_bundle(self) -> None:
        """写出同步包…: certificate, passphrase, where; then signed and saved off the GUI
        thread, and what it holds said."""
        if self._busy():
            return
        certificate = self.ask_certificate()
        if not certificate:
            return
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return
        target = self.ask_target()
        if not target:
            return
        path = Path(target)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            p12 = Path(certificate).read_bytes()
        except OSError as error:
            self.work.say(
                self.tr("Not done: the certificate cannot be read (%1).").replace(
                    "%1", error.strerror or str(error)
                )
            )
            return
        self.work.say(self.tr("Writing the sync bundle…"))
        laptop, username = self.work.laptop, self.work.username
        secret = passphrase.encode()
        self.jobs.start(
            lambda: self._export_job(laptop, username, p12, secret, path), self._written
        )

    @staticmethod
    def _export_job(
        laptop: Database, username: str, p12: bytes, secret: bytes, path: Path
    ) -> Written | OSError:
        exported = export_bundle(laptop, username, p12, secret)
        try:
            write_file(path, exported.data)
        except OSError as error:  # said on the GUI thread; exported again, the same batch
            return error
        return Written(path, status(laptop))

    def _written(self, done: Written | OSError) -> None:
        self.work.after_sync()
        if isinstance(done, OSError):
            self.work.say(
                self.tr(
                    "Not done: the bundle cannot be saved (%1). Write it again somewhere else."
                ).replace("%1", done.strerror or str(done))
            )
            return
        held = sum(1 for c in done.found.cases if c.checked_out)
        text = (
            self.tr(
                "Wrote %1: %2 case(s), %3 with changes. They stay read-only here until its receipt is read back (Offline → Read receipt…)."
            )
            .replace("%1", done.path.name)
            .replace("%2", str(held))
            .replace("%3", str(done.found.pending))
        )
        self.work.say(text)
        self.message_box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Write sync bundle"), text, parent=self.window
        )
        self.message_box.open()

    # Read receipt…

    def read_receipt(self) -> None:
        """读取回执…: the office's receipt read off the GUI thread; each case's outcome shown."""
        if self._busy():
            return
        chosen = self.ask_receipt()
        if not chosen:
            return
        try:
            data = Path(chosen).read_bytes()
        except OSError as error:
            self.work.say(
                self.tr("Not done: the receipt cannot be read (%1).").replace(
                    "%1", error.strerror or str(error)
                )
            )
            return
        self.work.say(self.tr("Reading the receipt…"))
        laptop, username = self.work.laptop, self.work.username
        self.jobs.start(lambda: read_receipt(laptop, data, username), self._receipt_read)

    def _receipt_read(self, done: CheckinResult) -> None:
        settled = len(done.of("accepted")) + len(done.of("discarded"))
        summary = (
            self.tr("Receipt read: %1 case(s) checked in; %2 in conflict, %3 refused.")
            .replace("%1", str(settled))
            .replace("%2", str(len(done.of("conflict"))))
            .replace("%3", str(len(done.of("refused"))))
        )
        self.work.say(summary)
        self.outcome_dialog = SyncOutcomeDialog(
            self.tr("Read receipt"), summary, done.cases, self.window
        )
        self.outcome_dialog.open()
        self.work.after_sync()

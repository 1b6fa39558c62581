"""Importing a parts catalog, labor standards, partner shops, depreciation table or
flooded-vehicle guide workbook off the GUI thread, with progress, cancel, and the rejected rows
with their reasons (the depreciation table and the guide are refused whole: no region, no
rows set aside)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from estimator.gui.banner import OfflineBanner
from estimator.gui.operations import OperationRunner, Screen
from estimator.services.catalog import import_catalog
from estimator.services.flood_vehicle import import_flood_guide
from estimator.services.imports import ImportResult
from estimator.services.labor import import_labor_standard
from estimator.services.partners import import_partners
from estimator.services.settlement import import_depreciation
from estimator.services.users import User
from kernel.problems import Problem
from kernel.workbook import ImportCancelled

if TYPE_CHECKING:
    from estimator.services.database import Database


#: The kinds imported whole or not at all (no region column, no rows set aside).
WHOLE_KINDS = frozenset({"depreciation", "flood_guide"})


def _whole(stored: bool, problems: list[Problem], rows: int) -> ImportResult:
    """A whole-or-nothing import's outcome as the dialog shows the others'."""
    if stored:
        return ImportResult("imported", rows_read=rows)
    return ImportResult("rejected", problems, rows_rejected=len(problems))


def import_depreciation_table(
    engine: Database, path: Path, actor: User, **_: object
) -> ImportResult:
    """The depreciation table imported as the rates in force (every bad row refuses it)."""
    result = import_depreciation(engine, path, actor)
    return _whole(result.stored, result.problems, len(result.rates))


def import_guide(engine: Database, path: Path, actor: User, **_: object) -> ImportResult:
    """The flooded-vehicle guide imported as the guide in force (every bad row refuses it)."""
    result = import_flood_guide(engine, path, actor)
    return _whole(result.stored, result.problems, result.items)


class ImportWorker(QThread):
    """Runs one import through the services; reports progress; cancels between rows.
    Hands back the result, or the refusal (the server out of reach, the write refused):
    the import's transaction was rolled back, nothing was written."""

    progressed = Signal(int, int)
    finished_with = Signal(object)

    def __init__(
        self,
        engine: Database,
        kind: str,
        path: Path,
        region: str | None,
        skip_invalid: bool,
        actor: User,
    ) -> None:
        super().__init__()
        self.engine, self.kind, self.path = engine, kind, path
        self.region, self.skip_invalid, self.actor = region, skip_invalid, actor
        self.cancel = threading.Event()

    def _progress(self, done: int, total: int | None) -> None:
        if self.cancel.is_set():
            raise ImportCancelled()
        self.progressed.emit(done, total or 0)

    def run(self) -> None:
        importers: dict[str, Callable[..., ImportResult]] = {
            "catalog": partial(import_catalog, region=self.region),
            "labor": import_labor_standard,
            "partners": import_partners,
            "depreciation": import_depreciation_table,
            "flood_guide": import_guide,
        }
        try:
            result: ImportResult | Exception = importers[self.kind](
                self.engine,
                self.path,
                skip_invalid=self.skip_invalid,
                actor=self.actor,
                progress=self._progress,
            )
        except Exception as error:  # noqa: BLE001 - said on the GUI thread by the runner
            result = error
        self.finished_with.emit(result)


class ImportDialog(QDialog):
    """数据导入: choose a workbook, import it, see every rejected row and why."""

    def __init__(
        self, engine: Database, actor: User, kind: str = "catalog", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.actor = actor
        self.worker: ImportWorker | None = None
        self.import_result: ImportResult | None = None
        self.setWindowTitle(self.tr("Import a workbook"))
        self.offline = OfflineBanner()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Parts catalog"), "catalog")
        self.kind.addItem(self.tr("Labor standards"), "labor")
        self.kind.addItem(self.tr("Partner shops"), "partners")
        self.kind.addItem(self.tr("Depreciation table"), "depreciation")
        self.kind.addItem(self.tr("Flooded-vehicle guide"), "flood_guide")
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.path = QLineEdit()
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.region = QLineEdit()
        self.region.setPlaceholderText(self.tr("only when the workbook has no region column"))
        self.skip_invalid = QCheckBox(self.tr("Import the valid rows, set the others aside"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.problems = QListWidget()
        self.start_button = QPushButton(self.tr("Import"))
        self.cancel_button = QPushButton(self.tr("Cancel import"))
        self.cancel_button.setEnabled(False)
        self.save_rejected = QPushButton(self.tr("Save rejected rows…"))
        self.save_rejected.setEnabled(False)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Workbook"), row)
        form.addRow(self.tr("Region"), self.region)
        form.addRow("", self.skip_invalid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_rejected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.request_cancel)
        self.save_rejected.clicked.connect(self._save_rejected)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.resize(720, 480)
        self.runner = OperationRunner(Screen(self._not_imported, self.offline), self)

    def _kind_changed(self) -> None:
        """A whole-or-nothing kind has no region and sets no rows aside."""
        partial_kind = self.kind.currentData() not in WHOLE_KINDS
        self.region.setEnabled(partial_kind)
        self.skip_invalid.setEnabled(partial_kind)
        if not partial_kind:
            self.skip_invalid.setChecked(False)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a workbook"), "", self.tr("Excel workbooks (*.xlsx)")
        )
        if name:
            self.path.setText(name)

    def start(self) -> None:
        """Start the import in the background."""
        if not self.path.text().strip():
            self.status.setText(self.tr("Choose a workbook first."))
            return
        self.problems.clear()
        self.import_result = None
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.worker = ImportWorker(
            self.engine,
            self.kind.currentData(),
            Path(self.path.text().strip()),
            self.region.text().strip() or None,
            self.skip_invalid.isChecked(),
            self.actor,
        )
        self.worker.progressed.connect(self._progressed)
        self.worker.finished_with.connect(self._finished)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Importing…"))
        self.worker.start()

    def request_cancel(self) -> None:
        """Stop at the next thousand rows; nothing is written."""
        if self.worker is not None:
            self.worker.cancel.set()

    def _progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        self.status.setText(self.tr("%1 rows read").replace("%1", f"{done:,}"))

    def _finished(self, result: ImportResult | Exception) -> None:
        self.progress.setRange(0, 1)
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if not isinstance(result, ImportResult):
            self.progress.setValue(0)
            self.save_rejected.setEnabled(False)
            self.runner.fail(result, key="import")  # nothing was written; the choices stay
            return
        self.offline.up("import")
        self.import_result = result
        self.progress.setValue(1 if result.ok else 0)
        texts = {
            "imported": self.tr("Imported: %1 rows read, %2 rejected."),
            "already_imported": self.tr("This file was imported before; nothing changed."),
            "rejected": self.tr("Rejected: %2 rows have errors; nothing was written."),
            "refused": self.tr("The file was refused."),
            "cancelled": self.tr("Cancelled; nothing was written."),
        }
        language = "zh" if self.locale().name().startswith("zh") else "en"
        if result.status == "rejected" and not result.rows_read:
            # The file itself is wrong (another kind of workbook, a missing column): say what
            # first; no rows were read, so none are counted.
            first = result.problems[0].reason(language) if result.problems else ""  # type: ignore[arg-type]
            self.status.setText(
                self.tr("Not imported: %1. Nothing was written.").replace("%1", first)
            )
        else:
            self.status.setText(
                texts[result.status]
                .replace("%1", str(result.rows_read))
                .replace("%2", str(result.rows_rejected))
            )
        for problem in result.problems:
            self.problems.addItem(problem.describe(language))  # type: ignore[arg-type]
        self.save_rejected.setEnabled(result.rejected_file is not None)

    def _not_imported(self, why: str) -> None:
        self.status.setText(
            why
            + "\n"
            + self.tr(
                "Not imported: nothing was written. Press Import again when the problem is fixed."
            )
        )

    def _save_rejected(self) -> None:
        if self.import_result is None or self.import_result.rejected_file is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save rejected rows"),
            self.import_result.rejected_file.name,
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if name:
            shutil.copy(self.import_result.rejected_file, name)

"""The first run's setup: import a parts catalog and a labor standard (their templates one
click away), or load the sample data to try things; shown after the administrator is created
and at each start of an administrator or maintainer on an empty catalog until put off
(issue #25.3)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.workflow import Role
from estimator.gui.banner import OfflineBanner
from estimator.gui.import_dialog import ImportDialog, ImportWorker
from estimator.gui.operations import OperationRunner, Screen
from estimator.gui.welcome import TITLE_STYLE
from estimator.services.catalog import catalog_is_empty, write_catalog_template
from estimator.services.connection import DatabaseUnavailable
from estimator.services.data_summary import DataSummary, data_summary, sample_workbooks
from estimator.services.imports import ImportResult
from estimator.services.labor import write_labor_template
from estimator.services.users import User

if TYPE_CHECKING:
    from estimator.gui.main_window import MainWindow
    from estimator.services.database import Database

#: QSettings key: the setup was put off (以后再说); it is not offered again at start.
LATER_KEY = "setup/later"
#: What the templates are written by (the same as ``estimator template catalog|labor``).
TEMPLATE_WRITERS: dict[str, Callable[[Path], None]] = {
    "catalog": write_catalog_template,
    "labor": write_labor_template,
}
#: A part of the sample catalog to try the finder with.
SAMPLE_PART = "前保险杠"
#: Who imports data: the setup is theirs.
IMPORTERS = frozenset({Role.ADMIN, Role.MAINTAINER})


class SetupDialog(QDialog):
    """开始使用: what data the database holds, and three ways to get the rest."""

    def __init__(
        self, engine: Database, user: User, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.user, self.settings = engine, user, settings
        self.worker: ImportWorker | None = None
        #: The sample workbooks still to import (kind, path), one after the other.
        self._pending: list[tuple[str, Path]] = []
        self.summary_now = DataSummary(0, 0)
        self.setWindowTitle(self.tr("Set up the data"))
        self.offline = OfflineBanner()
        self.runner = OperationRunner(Screen(self._say, self.offline), self)
        self.summary = QLabel()
        self.summary.setObjectName("setup-summary")
        self.summary.setWordWrap(True)
        self.import_buttons: dict[str, QPushButton] = {}
        self.template_buttons: dict[str, QPushButton] = {}
        self.sample_button = QPushButton(self.tr("Load the sample data"))
        self.sample_button.clicked.connect(self.load_sample_data)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("setup-status")
        self.status.setWordWrap(True)
        self.later_button = QPushButton(self.tr("Later"))
        self.later_button.clicked.connect(self.put_off)
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.clicked.connect(self.accept)
        self.done_button.setDefault(True)  # Enter closes; the imports ask for a file
        self._lay_out()
        self.setMinimumWidth(640)
        self.refresh()

    def _lay_out(self) -> None:
        intro = QLabel(
            self.tr(
                "Estimates are priced from a parts catalog and a labor standard. Import your own workbooks, or load the sample data to try the workstation first. Both can be imported later from the Data menu."
            )
        )
        intro.setWordWrap(True)
        title = QLabel(self.tr("Set up the data"))
        title.setStyleSheet(TITLE_STYLE)
        ways = QGridLayout()
        ways.setColumnStretch(0, 1)
        rows = (
            (
                "catalog",
                self.tr("Parts catalog"),
                self.tr("The vehicle models, their parts and prices."),
                self.tr("Import a parts catalog…"),
            ),
            (
                "labor",
                self.tr("Labor standard"),
                self.tr("Labor hours, rates and paint, per region and shop class."),
                self.tr("Import a labor standard…"),
            ),
        )
        for row, (kind, name, what, action) in enumerate(rows):
            ways.addWidget(self._heading(name, what), row, 0)
            button = QPushButton(action)
            button.clicked.connect(lambda _checked=False, k=kind: self.import_file(k))
            template = QPushButton(self.tr("Save the template…"))
            template.setToolTip(self.tr("An empty workbook with the columns to fill in"))
            template.clicked.connect(lambda _checked=False, k=kind: self.save_template(k))
            ways.addWidget(button, row, 1)
            ways.addWidget(template, row, 2)
            self.import_buttons[kind], self.template_buttons[kind] = button, template
        sample = self._heading(
            self.tr("Sample data"),
            self.tr(
                "A small catalog and labor standard shipped with the workstation, to try things."
            ),
        )
        ways.addWidget(sample, 2, 0)
        ways.addWidget(self.sample_button, 2, 1, 1, 2)
        closing = QHBoxLayout()
        closing.addStretch(1)
        closing.addWidget(self.later_button)
        closing.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addLayout(ways)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(closing)

    @staticmethod
    def _heading(name: str, what: str) -> QLabel:
        label = QLabel(f"<b>{name}</b><br>{what}")
        label.setWordWrap(True)
        return label

    # --- what is there ---------------------------------------------------------------

    def refresh(self) -> None:
        """Read what the database holds again and say it; offer what is missing."""
        self.runner.run(self._refresh, key="summary", again=self.refresh)

    def _refresh(self) -> None:
        self.summary_now = summary = data_summary(self.engine)
        if summary.catalog_empty:
            catalog = self.tr("Parts catalog: none imported yet.")
        else:
            catalog = (
                self.tr("Parts catalog: %1 vehicle models, %2 parts.")
                .replace("%1", f"{summary.models:,}")
                .replace("%2", f"{summary.parts:,}")
            )
        if summary.labor_source is None:
            labor = self.tr("Labor standard: none imported yet.")
        else:
            labor = self.tr("Labor standard: %1.").replace("%1", summary.labor_source)
        heading = self.tr("In this database now")
        self.summary.setText(f"<b>{heading}</b><br>{catalog}<br>{labor}")
        self._enable()

    def _enable(self) -> None:
        busy = self.worker is not None
        summary = self.summary_now
        for button in (*self.import_buttons.values(), *self.template_buttons.values()):
            button.setEnabled(not busy)
        # The sample fills in what is missing only: it never replaces imported data.
        missing = summary.catalog_empty or summary.labor_source is None
        self.sample_button.setEnabled(not busy and missing)
        complete = not summary.catalog_empty and summary.labor_source is not None
        self.later_button.setVisible(not complete)
        self.done_button.setEnabled(not busy)
        self.later_button.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    # --- the three ways --------------------------------------------------------------

    def import_file(self, kind: str) -> None:
        """Choose a workbook and import it in the import dialog (progress, rejected rows)."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a workbook"), "", self.tr("Excel workbooks (*.xlsx)")
        )
        if not name:
            return
        dialog = ImportDialog(self.engine, self.user, kind, self)
        dialog.path.setText(name)
        dialog.start()
        dialog.exec()
        self.refresh()

    def save_template(self, kind: str) -> Path | None:
        """Write the empty workbook of ``kind`` where the user chooses (None: not written)."""
        suggested = {
            "catalog": self.tr("parts-catalog-template.xlsx"),
            "labor": self.tr("labor-standard-template.xlsx"),
        }[kind]
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the template"), suggested, self.tr("Excel workbooks (*.xlsx)")
        )
        if not name:
            return None
        path = Path(name) if name.lower().endswith(".xlsx") else Path(name + ".xlsx")
        try:
            TEMPLATE_WRITERS[kind](path)
        except OSError:
            self._say(self.tr("The template could not be written to %1.").replace("%1", str(path)))
            return None
        self._say(
            self.tr("Template saved: %1. Fill it in, then import it here.").replace("%1", str(path))
        )
        return path

    def load_sample_data(self) -> None:
        """Import the sample catalog and labor standard (what is missing) off the GUI thread."""
        summary = self.summary_now
        samples = sample_workbooks()
        self._pending = [
            (kind, samples[kind])
            for kind, missing in (
                ("catalog", summary.catalog_empty),
                ("labor", summary.labor_source is None),
            )
            if missing
        ]
        self.progress.show()
        self._next_sample()

    def _next_sample(self) -> None:
        if not self._pending:
            self.worker = None
            self.progress.hide()
            self.refresh()
            self._say(
                self.tr(
                    "The sample data is loaded. Open or create a case and search the finder for %1 to try it."
                ).replace("%1", SAMPLE_PART)
            )
            return
        kind, path = self._pending.pop(0)
        self.worker = ImportWorker(self.engine, kind, path, None, False, self.user)
        self.worker.progressed.connect(self._progressed)
        self.worker.finished_with.connect(self._sample_imported)
        self.progress.setRange(0, 0)
        names = {
            "catalog": self.tr("the sample parts catalog"),
            "labor": self.tr("the sample labor standard"),
        }
        self._say(self.tr("Importing %1…").replace("%1", names[kind]))
        self._enable()
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _sample_imported(self, result: ImportResult | Exception) -> None:
        if self.worker is not None:
            self.worker.wait()
        if isinstance(result, ImportResult) and result.ok:
            self._next_sample()
            return
        self._pending, self.worker = [], None
        self.progress.hide()
        self.refresh()
        if isinstance(result, ImportResult):
            self._say(self.tr("The sample data was not imported; nothing was written."))
        else:
            self.runner.fail(result, key="import")

    # --- closing ---------------------------------------------------------------------

    def put_off(self) -> None:
        """以后再说: not offered again at start (the Data menu imports all the same)."""
        self.settings.setValue(LATER_KEY, True)
        self.reject()

    def done(self, result: int) -> None:
        """Close once a sample import under way has stopped (nothing half written)."""
        if self.worker is not None:
            self._pending = []
            self.worker.cancel.set()
            self.worker.wait()
            self.worker = None
        super().done(result)


def wants_setup(user: User, engine: Database, settings: QSettings, first_run: bool) -> bool:
    """Whether to offer the setup: to whoever imports data, after the first run's
    administrator is created, or on an empty catalog unless it was put off (asked last, with
    one row at most read: this runs at every start of an administrator or maintainer)."""
    if not user.roles & IMPORTERS:
        return False
    if first_run:
        return True
    put_off = str(settings.value(LATER_KEY, "false")).lower() == "true"
    return not put_off and catalog_is_empty(engine)


def offer_setup(window: MainWindow, *, first_run: bool = False) -> SetupDialog | None:
    """Open the setup over the main window when it is wanted (it does not block)."""
    try:
        if not wants_setup(window.user, window.engine, window.settings, first_run):
            return None
    except DatabaseUnavailable:  # the server away: the banner says so; the setup waits
        return None
    dialog = SetupDialog(window.engine, window.user, window.settings, window)
    dialog.open()
    return dialog


def add_setup_action(window: MainWindow) -> QAction | None:
    """Data › Set up the data…: the setup on demand, put off or not (for who imports)."""
    if not window.user.roles & IMPORTERS:
        return None
    data_title = window.tr("&Data")
    menus = [a.menu() for a in window.menuBar().actions() if a.text() == data_title]
    data = next((m for m in menus if isinstance(m, QMenu)), None)
    if data is None:
        return None
    action = QAction(QCoreApplication.translate("SetupDialog", "&Set up the data…"), window)

    def open_setup() -> None:
        SetupDialog(window.engine, window.user, window.settings, window).open()

    action.triggered.connect(open_setup)
    separator = next((a for a in data.actions() if a.isSeparator()), None)
    if separator is None:
        data.addAction(action)
    else:
        data.insertAction(separator, action)  # after the imports, before the shops
    return action

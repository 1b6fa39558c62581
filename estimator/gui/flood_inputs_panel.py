"""The flood screen's inputs: the case, the workbooks (read off the GUI thread), the water
depth for the site or per zone, and the problems found in the inputs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.flood import WaterDepth
from estimator.gui.flood_jobs import ReadWorker
from estimator.gui.flood_models import ProblemsModel, ZoneDepthsModel
from estimator.gui.flood_open import read_only_table
from estimator.services.flood import FloodRead
from estimator.services.flood_cases import FloodVersion
from estimator.services.flood_outcome import assessment_inputs
from kernel.problems import Language, Problem


class FloodInputsPanel(QWidget):
    """The left of the flood screen: case, workbooks, water and the problems in them."""

    #: The workbooks were read: the inputs (at the depth on screen) and the notes on them.
    read = Signal(object, object)
    #: The site depth, the zones' depths or the choice between them changed.
    depth_changed = Signal()

    def __init__(
        self, settings: QSettings, language: Language, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.reader: ReadWorker | None = None
        self.problems = ProblemsModel(language)
        self.problem_table = read_only_table(self.problems)
        self.problem_table.horizontalHeader().setStretchLastSection(True)
        self.problem_table.setWordWrap(True)
        self.problem_label = QLabel(self.tr("Problems in the inputs"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._case_box())
        layout.addWidget(self._books_box())
        layout.addWidget(self._water_box())
        layout.addWidget(self.problem_label)
        layout.addWidget(self.problem_table, 1)

    # -- building ------------------------------------------------------------------------

    def _case_box(self) -> QGroupBox:
        """The case: claim no., insured, site and the version on screen."""
        self.claim_no = QLineEdit()
        self.claim_no.setPlaceholderText(self.tr("required to save"))
        self.insured = QLineEdit()
        self.site = QLineEdit()
        self.version_label = QLabel(self.tr("not saved"))
        case_box = QGroupBox(self.tr("Case"))
        case_form = QFormLayout(case_box)
        case_form.addRow(self.tr("Claim no."), self.claim_no)
        case_form.addRow(self.tr("Insured"), self.insured)
        case_form.addRow(self.tr("Site"), self.site)
        case_form.addRow(self.tr("Version"), self.version_label)
        return case_box

    def _books_box(self) -> QGroupBox:
        """The three workbooks, each with its browse button, and the load progress."""
        self.inventory_path = QLineEdit(str(self.settings.value("flood/inventory", "")))
        self.rules_path = QLineEdit(str(self.settings.value("flood/rules", "")))
        self.zones_path = QLineEdit(str(self.settings.value("flood/zone_depths", "")))
        self.zones_path.setPlaceholderText(self.tr("optional; the inventory may hold them"))
        self.load_button = QPushButton(self.tr("Load"))
        self.load_button.clicked.connect(self.load)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.read_status = QLabel()
        self.read_status.setWordWrap(True)
        books = QGroupBox(self.tr("Workbooks"))
        books_form = QFormLayout(books)
        for label, edit, title in (
            (self.tr("Inventory"), self.inventory_path, self.tr("Choose the inventory workbook")),
            (self.tr("Loss rules"), self.rules_path, self.tr("Choose the loss rules workbook")),
            (self.tr("Zone depths"), self.zones_path, self.tr("Choose the zone depths workbook")),
        ):
            row = QHBoxLayout()
            row.addWidget(edit)
            browse = QPushButton(self.tr("Browse…"))
            browse.clicked.connect(lambda _c=False, e=edit, t=title: self._browse(e, t))
            row.addWidget(browse)
            books_form.addRow(label, row)
        books_form.addRow("", self.load_button)
        books_form.addRow(self.progress)
        books_form.addRow(self.read_status)
        return books

    def _water_box(self) -> QGroupBox:
        """The site depth, or a depth per zone."""
        self.site_depth = QDoubleSpinBox()
        self.site_depth.setDecimals(2)
        self.site_depth.setRange(0, 2000)
        self.site_depth.setSingleStep(5)
        self.site_depth.setSuffix(" cm")
        self.site_depth.setValue(70)
        self.site_depth.valueChanged.connect(lambda _v: self._depth_changed())
        self.use_zones = QCheckBox(self.tr("Depth per zone (blank: the site depth)"))
        self.use_zones.toggled.connect(lambda _c: self._depth_changed())
        self.zones = ZoneDepthsModel()
        self.zones.changed.connect(self._depth_changed)
        self.zone_table = read_only_table(self.zones)
        self.zone_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.zone_table.setMaximumHeight(150)
        self.zone_table.horizontalHeader().setStretchLastSection(True)
        water = QGroupBox(self.tr("Water depth"))
        water_layout = QFormLayout(water)
        water_layout.addRow(self.tr("Site depth"), self.site_depth)
        water_layout.addRow(self.use_zones)
        water_layout.addRow(self.zone_table)
        return water

    # -- reading -------------------------------------------------------------------------

    def _browse(self, edit: QLineEdit, title: str) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, title, edit.text(), self.tr("Excel workbooks (*.xlsx)")
        )
        if name:
            edit.setText(name)

    def load(self) -> None:
        """Read the workbooks in the background (the zone depths only when given)."""
        inventory, rules = self.inventory_path.text().strip(), self.rules_path.text().strip()
        zones = self.zones_path.text().strip()
        if not inventory or not rules:
            self.read_status.setText(self.tr("Choose the inventory and the loss rules first."))
            return
        self.load_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy
        self.read_status.setText(self.tr("Reading…"))
        self.reader = ReadWorker(Path(inventory), Path(rules), Path(zones) if zones else None)
        self.reader.finished_with.connect(self._read)
        self.reader.start()

    def _read(self, result: FloodRead) -> None:
        if self.reader is not None:
            self.reader.wait()
            self.reader = None
        self.load_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if result.status == "read" else 0)
        self.problems.set_rows(list(result.problems))
        read = result.inputs
        if result.status != "read" or read is None:
            errors = sum(1 for p in result.problems if p.severity == "error")
            self.read_status.setText(
                self.tr("Not loaded: %1 problems, listed below; nothing was assessed.").replace(
                    "%1", str(errors)
                )
            )
            return
        self.read_status.setText(
            self.tr("%1 stacks in %2 categories read.")
            .replace("%1", f"{len(read.stacks):,}")
            .replace("%2", str(len(read.rules)))
        )
        paths = {"inventory": self.inventory_path, "rules": self.rules_path}
        if self.zones_path.text().strip():
            paths["zone_depths"] = self.zones_path
        # The next time, the same workbooks are offered first.
        for key, edit in (*paths.items(), ("zone_depths", self.zones_path)):
            self.settings.setValue(f"flood/{key}", edit.text().strip())
        inputs = assessment_inputs(
            read,
            WaterDepth(self._site_depth(), read.zone_depths),
            {key: Path(edit.text().strip()).name for key, edit in paths.items()},
        )
        self.read.emit(inputs, list(result.problems))

    def wait_for_reader(self) -> None:
        """Let a read under way finish (the screen is closing)."""
        if self.reader is not None:
            self.reader.wait()

    # -- the depth -----------------------------------------------------------------------

    def set_depth(self, depth: WaterDepth, zones: list[str]) -> None:
        """Show a depth and these zones, without saying the depth changed."""
        depth_blocked = self.site_depth.blockSignals(True)
        zones_blocked = self.use_zones.blockSignals(True)
        if depth.site_cm is not None:
            self.site_depth.setValue(float(depth.site_cm))
        self.use_zones.setChecked(bool(depth.zones))
        self.site_depth.blockSignals(depth_blocked)
        self.use_zones.blockSignals(zones_blocked)
        self.zones.set_zones(zones, dict(depth.zones))
        self.zone_table.setEnabled(self.use_zones.isChecked())

    def _site_depth(self) -> Decimal:
        # The spin box holds two decimals (as the workbooks do): this text is its exact value.
        return Decimal(f"{self.site_depth.value():.2f}").normalize()

    def water(self) -> WaterDepth:
        """The depth on screen: the site's, and each zone's when set."""
        return WaterDepth(
            self._site_depth(), self.zones.depths() if self.use_zones.isChecked() else {}
        )

    def _depth_changed(self) -> None:
        self.zone_table.setEnabled(self.use_zones.isChecked())
        self.depth_changed.emit()

    # -- the case and the problems -------------------------------------------------------

    def show_problems(self, problems: list[Problem]) -> None:
        """List the problems found in the inputs, and count them in the heading."""
        self.problems.set_rows(problems)
        self.problem_label.setText(
            self.tr("Problems in the inputs: %1").replace("%1", str(self.problems.rowCount()))
        )

    def show_version(self, version_no: int) -> None:
        """Say which saved version is on screen."""
        self.version_label.setText(self.tr("version %1").replace("%1", str(version_no)))

    def show_saved(self, version: FloodVersion) -> None:
        """Show a saved version's case, its number and the workbooks it was read from."""
        self.claim_no.setText(version.case.claim_no)
        self.insured.setText(version.case.insured_name)
        self.site.setText(version.case.site)
        self.show_version(version.summary.version_no)
        self.inventory_path.setText(version.inputs.sources.get("inventory", ""))
        self.rules_path.setText(version.inputs.sources.get("rules", ""))
        self.zones_path.setText(version.inputs.sources.get("zone_depths", ""))
        self.read_status.setText(
            self.tr("Saved version %1 of %2.")
            .replace("%1", str(version.summary.version_no))
            .replace("%2", version.case.claim_no)
        )

    def lock_case(self, locked: bool) -> None:
        """A saved case's claim no., insured and site are fixed."""
        for edit in (self.claim_no, self.insured, self.site):
            edit.setReadOnly(locked)

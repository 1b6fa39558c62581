"""存货水浸定损: the flood inventory screen.

Load the inventory and rules workbooks (read off the GUI thread, every bad row shown with
where, what and why), set the depth for the site or per zone, and see each stack drawn with
its layers' states and the water line, the results per category, the sampling plan, the
totals and the prevention what-if. Assessing runs in the thread pool, debounced, and a
result that a newer change has overtaken is dropped, so a large inventory never blocks the
window. Saved assessments are flood cases with immutable versions (services only).
"""

from __future__ import annotations

import math
import uuid
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSlider,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from estimator.domain.flood import (
    CategoryRules,
    FloodAssessment,
    LayerState,
    Stack,
    StackAssessment,
    WaterDepth,
    default_proposed_height,
)
from estimator.domain.flood_inputs import AssessmentInputs
from estimator.gui.flood_drawing import Legend, StackGrid
from estimator.gui.flood_jobs import Assessed, AssessJob, AssessSignals, ReadWorker, flood_attach
from estimator.gui.flood_models import (
    FloodCategoriesModel,
    ProblemsModel,
    SamplingPlanModel,
    ZoneDepthsModel,
    money,
)
from estimator.gui.flood_open import OpenFloodCaseDialog, read_only_table
from estimator.gui.operations import OperationRunner, Screen
from estimator.gui.photos import PhotosPanel
from estimator.gui.qt_guard import guard_none_refcount
from estimator.services.flood import (
    FloodRead,
    write_flood_pdf,
    write_flood_workbook,
)
from estimator.services.flood_cases import (
    FloodCase,
    FloodVersionSummary,
    create_flood_case,
    load_flood_version,
    report_header,
    save_flood_version,
)
from estimator.services.photos import list_flood_photos
from estimator.services.users import User
from kernel.problems import Language, Problem

#: Wait this long after the last change before assessing again (slider drags, typing).
DEBOUNCE_MS = 80


class FloodScreen(QMainWindow):
    """存货水浸定损: inputs on the left, the stacks and results on the right."""

    #: Emitted once the results of the newest inputs are on screen.
    assessed = Signal()

    def __init__(
        self,
        engine: Engine,
        user: User,
        *,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        guard_none_refcount()  # the stack drawings make thousands of void calls a paint
        self.engine = engine
        self.user = user
        self.settings = settings or QSettings()
        self.setWindowTitle(self.tr("Flood inventory assessment"))
        self.stacks: tuple[Stack, ...] = ()
        self.rules: dict[str, CategoryRules] = {}
        self.sources: dict[str, str] = {}
        self.inventory_sheet = "inventory"
        self.assessment: FloodAssessment | None = None
        self.case: FloodCase | None = None
        self.version_no: int | None = None
        self.reader: ReadWorker | None = None
        self._read_notes: list[Problem] = []
        self._generation = 0  # the newest run started
        self._shown = 0  # the run whose results are on screen
        self._follow_default = True
        self._setting_slider = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = AssessSignals()
        self.signals.done.connect(self._show)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._assess)
        self.state_names = {
            LayerState.DRY: self.tr("Dry"),
            LayerState.PARTIAL: self.tr("Partly wet"),
            LayerState.SUBMERGED: self.tr("Submerged"),
            LayerState.COLLAPSED: self.tr("Collapsed"),
        }
        self._build()
        # Saving, opening and reports: a refusal or a lost server is said in the status
        # bar; what is on screen stays, to try again.
        self.runner = OperationRunner(Screen(self._say), self)
        self._actions()
        self._restore()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        language: Language = "zh" if self.locale().name().startswith("zh") else "en"
        left = self._left_panel(language)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._stacks_tab(), self.tr("Stacks"))
        self.tabs.addTab(self._results_tab(), self.tr("Categories and sampling"))
        self.tabs.addTab(self._photos_tab(), self.tr("Photos"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.totals)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self._prevention_box())
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.statusBar().addWidget(self.message, 1)

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

    def _left_panel(self, language: Language) -> QWidget:
        """The inputs: case, workbooks, water and the problems found in them."""
        self.problems = ProblemsModel(language)
        self.problem_table = read_only_table(self.problems)
        self.problem_table.horizontalHeader().setStretchLastSection(True)
        self.problem_table.setWordWrap(True)
        self.problem_label = QLabel(self.tr("Problems in the inputs"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._case_box())
        left_layout.addWidget(self._books_box())
        left_layout.addWidget(self._water_box())
        left_layout.addWidget(self.problem_label)
        left_layout.addWidget(self.problem_table, 1)
        return left

    def _stacks_tab(self) -> QWidget:
        """The stacks drawn with their layers and the water line."""
        self.totals = QLabel(self.tr("Load an inventory and its loss rules."))
        self.totals.setWordWrap(True)
        self.totals.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.grid = StackGrid()
        self.grid.tooltip = self._tooltip
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid)
        self.stack_scroll = scroll
        legend = Legend(
            self.state_names,
            self.tr("Water"),
            self.tr("Base (pallet)"),
            self.tr("Proposed base height"),
        )
        stacks_tab = QWidget()
        stacks_layout = QVBoxLayout(stacks_tab)
        stacks_layout.addWidget(legend)
        stacks_layout.addWidget(scroll, 1)
        return stacks_tab

    def _results_tab(self) -> QWidget:
        """The results per category and the sampling plan."""
        self.categories = FloodCategoriesModel()
        self.category_table = read_only_table(self.categories)
        self.plan = SamplingPlanModel()
        self.plan_table = read_only_table(self.plan)
        self.plan_note = QLabel(
            self.tr(
                "Sample sizes follow GB/T 2828.1, general inspection level II, single sampling, normal inspection; each category's sample is spread over its wet stacks."
            )
        )
        self.plan_note.setWordWrap(True)
        results_tab = QWidget()
        results_layout = QVBoxLayout(results_tab)
        results_layout.addWidget(self.category_table, 2)
        results_layout.addWidget(QLabel(self.tr("Sampling plan")))
        results_layout.addWidget(self.plan_note)
        results_layout.addWidget(self.plan_table, 3)
        return results_tab

    def _photos_tab(self) -> QWidget:
        """The case's photos (once it is saved)."""
        self.photos = PhotosPanel(self.engine, self.user.username)
        self.photos.attach = flood_attach
        self.photos.listing = list_flood_photos
        self.photos.to_line.hide()
        self.photo_hint = QLabel(self.tr("Save the assessment as a case to attach photos."))
        photos_tab = QWidget()
        photos_layout = QVBoxLayout(photos_tab)
        photos_layout.addWidget(self.photo_hint)
        photos_layout.addWidget(self.photos, 1)
        self.photos.setEnabled(False)
        return photos_tab

    def _prevention_box(self) -> QGroupBox:
        """The prevention what-if: the proposed base height and the loss it avoids."""
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 200)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(10)
        self.slider.valueChanged.connect(self._slider_moved)
        self.proposed_label = QLabel()
        self.proposed_label.setMinimumWidth(110)
        self.what_if = QLabel()
        self.what_if.setWordWrap(True)
        reset = QPushButton(self.tr("Depth + 10 cm"))
        reset.setToolTip(self.tr("Back to the default: the deepest water + 10 cm"))
        reset.clicked.connect(self.reset_proposed)
        prevention = QGroupBox(self.tr("Prevention: raise every base to"))
        prevention_layout = QVBoxLayout(prevention)
        slider_row = QHBoxLayout()
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.proposed_label)
        slider_row.addWidget(reset)
        prevention_layout.addLayout(slider_row)
        prevention_layout.addWidget(self.what_if)
        return prevention

    def _actions(self) -> None:
        toolbar = self.addToolBar(self.tr("Flood"))
        toolbar.setObjectName("flood-toolbar")
        self.save_action = QAction(self.tr("&Save version"), self)
        self.save_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_action.triggered.connect(self.save_version)
        self.open_action = QAction(self.tr("&Open saved…"), self)
        self.open_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.open_action.triggered.connect(self.choose_saved)
        self.photo_action = QAction(self.tr("Attach &photos…"), self)
        self.photo_action.triggered.connect(self.photos._choose)
        self.pdf_action = QAction(self.tr("Export &PDF report…"), self)
        self.pdf_action.triggered.connect(lambda: self.export("pdf"))
        self.xlsx_action = QAction(self.tr("Export &Excel report…"), self)
        self.xlsx_action.triggered.connect(lambda: self.export("xlsx"))
        for action in (
            self.open_action,
            self.save_action,
            self.photo_action,
            self.pdf_action,
            self.xlsx_action,
        ):
            toolbar.addAction(action)
            self.addAction(action)
        self._enable()

    def _enable(self) -> None:
        ready = self.assessment is not None
        self.save_action.setEnabled(ready)
        self.pdf_action.setEnabled(ready)
        self.xlsx_action.setEnabled(ready)
        self.photo_action.setEnabled(self.case is not None)
        self.photos.setEnabled(self.case is not None)
        self.photo_hint.setVisible(self.case is None)
        for edit in (self.claim_no, self.insured, self.site):
            edit.setReadOnly(self.case is not None)

    def _tooltip(self, a: StackAssessment) -> str:
        head = f"{a.stack.location} · {a.stack.category} · {a.stack.sku} {a.stack.description}"
        return "\n".join(
            [
                head,
                *(
                    f"{self.state_names[line.state]}: {line.layers} × {line.units}  "
                    f"¥{money(line.loss)}"
                    for line in a.lines
                ),
            ]
        )

    # -- inputs --------------------------------------------------------------------------

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
        self.set_inputs(
            AssessmentInputs(
                read.stacks,
                read.rules,
                WaterDepth(self._site_depth(), read.zone_depths),
                sources={key: Path(edit.text().strip()).name for key, edit in paths.items()},
                inventory_sheet=read.inventory_sheet,
            ),
            read_notes=list(result.problems),
        )

    def set_inputs(self, inputs: AssessmentInputs, read_notes: list[Problem] | None = None) -> None:
        """Show and assess these inputs (stacks and rules read, or a saved version's)."""
        self.stacks = tuple(inputs.stacks)
        self.rules = dict(inputs.rules)
        self.sources = dict(inputs.sources)
        self.inventory_sheet = inputs.inventory_sheet
        self._read_notes = read_notes or []
        depth_blocked = self.site_depth.blockSignals(True)
        zones_blocked = self.use_zones.blockSignals(True)
        if inputs.depth.site_cm is not None:
            self.site_depth.setValue(float(inputs.depth.site_cm))
        self.use_zones.setChecked(bool(inputs.depth.zones))
        self.site_depth.blockSignals(depth_blocked)
        self.use_zones.blockSignals(zones_blocked)
        zones = sorted({s.zone for s in self.stacks if s.zone} | set(inputs.depth.zones))
        self.zones.set_zones(zones, dict(inputs.depth.zones))
        self._follow_default = inputs.proposed_base_height_cm is None
        tallest = max(
            (s.base_height_cm + s.carton_height_cm * s.layers for s in self.stacks),
            default=Decimal(0),
        )
        self._set_slider_range(max(Decimal(200), tallest, inputs.depth.deepest_cm * 2))
        if inputs.proposed_base_height_cm is not None:
            self._place_slider(inputs.proposed_base_height_cm)
        self._depth_changed()

    def _set_slider_range(self, top: Decimal) -> None:
        self._setting_slider = True
        self.slider.setMaximum(math.ceil(top))
        self._setting_slider = False

    def _place_slider(self, cm: Decimal) -> None:
        self._setting_slider = True
        self.slider.setValue(round(cm))
        self._setting_slider = False

    def _site_depth(self) -> Decimal:
        # The spin box holds two decimals (as the workbooks do): this text is its exact value.
        return Decimal(f"{self.site_depth.value():.2f}").normalize()

    def water(self) -> WaterDepth:
        """The depth the screen assesses at: the site's, and each zone's when set."""
        return WaterDepth(
            self._site_depth(), self.zones.depths() if self.use_zones.isChecked() else {}
        )

    def proposed(self) -> Decimal | None:
        """The proposed base height (None: the default, the deepest water + 10 cm)."""
        return None if self._follow_default else Decimal(self.slider.value())

    def inputs(self) -> AssessmentInputs:
        """What is on screen, as the inputs of an assessment."""
        return AssessmentInputs(
            self.stacks,
            self.rules,
            self.water(),
            self.proposed(),
            self.sources,
            self.inventory_sheet,
        )

    def _depth_changed(self) -> None:
        if self._follow_default:
            self._place_slider(default_proposed_height(self.water()))
        self.zone_table.setEnabled(self.use_zones.isChecked())
        self._schedule()

    def _slider_moved(self, _value: int) -> None:
        if self._setting_slider:
            return
        self._follow_default = False
        self._schedule()

    def reset_proposed(self) -> None:
        """Propose the default height again (it follows the depth from now on)."""
        self._follow_default = True
        self._depth_changed()

    # -- assessing -----------------------------------------------------------------------

    def _schedule(self) -> None:
        shown = self.proposed()
        self.proposed_label.setText(
            f"{(default_proposed_height(self.water()) if shown is None else shown).normalize():f} cm"
        )
        self.grid.set_proposed(default_proposed_height(self.water()) if shown is None else shown)
        if self.stacks:
            self.timer.start()

    @property
    def busy(self) -> bool:
        """Whether an assessment is waiting or running."""
        return self.timer.isActive() or self._shown != self._generation

    def _assess(self) -> None:
        self._generation += 1
        self.pool.clear()  # a queued run that has not started is overtaken already
        self.pool.start(AssessJob(self._generation, self.inputs(), self.signals))

    def _show(self, result: Assessed) -> None:
        if result.generation != self._generation or self.timer.isActive():
            return  # overtaken by a newer change
        self._shown = result.generation
        self.problems.set_rows([*self._read_notes, *result.problems])
        self.problem_label.setText(
            self.tr("Problems in the inputs: %1").replace("%1", str(self.problems.rowCount()))
        )
        self.assessment = result.assessment
        a = result.assessment
        if a is None:
            self.categories.set_rows([])
            self.plan.set_rows([])
            self.grid.set_stacks((), 1.0, None)
            self.totals.setText(
                self.tr("The inputs have errors (listed on the left); nothing is assessed.")
            )
            self.what_if.setText("")
            self._enable()
            self.assessed.emit()
            return
        self.categories.set_rows(list(a.categories))
        self.plan.set_rows(list(result.plan))
        self.grid.set_stacks(a.stacks, result.top_cm, a.prevention.proposed_base_height_cm)
        t = a.totals
        self.totals.setText(
            self.tr("%1 units, %2 wet · loss ¥%3 · salvage ¥%4 · net ¥%5")
            .replace("%1", f"{t.units:,}")
            .replace("%2", f"{t.wet_units:,}")
            .replace("%3", money(t.loss))
            .replace("%4", money(t.salvage))
            .replace("%5", money(t.net))
        )
        p = a.prevention
        self.what_if.setText(
            self.tr(
                "With every base at %1 cm the loss would be ¥%2: raising the stacks would have avoided ¥%3."
            )
            .replace("%1", f"{p.proposed_base_height_cm.normalize():f}")
            .replace("%2", money(p.loss))
            .replace("%3", money(p.avoided))
        )
        self._enable()
        self.assessed.emit()

    # -- saving and opening ----------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self._enable()

    def save_version(self) -> bool:
        """Save what is on screen as the next version of the case (opening the case first)."""
        if self.assessment is None or self.busy:
            self.message.setText(self.tr("Nothing assessed to save yet."))
            return False
        _, saved = self.runner.run(self._save, key="save")
        if saved is None:
            return False
        self.version_no = saved.version_no
        self.version_label.setText(self.tr("version %1").replace("%1", str(saved.version_no)))
        self.message.setText("")
        self.statusBar().showMessage(
            self.tr("Saved as version %1 (net ¥%2).")
            .replace("%1", str(saved.version_no))
            .replace("%2", money(saved.net)),
            5000,
        )
        self._enable()
        return True

    def _save(self) -> FloodVersionSummary:
        if self.case is None:
            self.case = create_flood_case(
                self.engine,
                claim_no=self.claim_no.text(),
                insured_name=self.insured.text(),
                site=self.site.text(),
                actor=self.user,
            )
            self.photos.open(self.case.id)
        return save_flood_version(self.engine, self.case.id, self.inputs(), self.user)

    def choose_saved(self) -> None:
        """Pick a saved flood case and version, and open it."""
        _, dialog = self.runner.run(lambda: OpenFloodCaseDialog(self.engine, self))
        if (
            dialog is not None
            and dialog.exec() == QDialog.DialogCode.Accepted
            and dialog.version_id is not None
        ):
            self.open_version(dialog.version_id)

    def open_version(self, version_id: uuid.UUID) -> None:
        """Show a saved version (its inputs assessed again) and its case's photos."""
        _, version = self.runner.run(lambda: load_flood_version(self.engine, version_id))
        if version is None:
            return
        self.case = version.case
        self.version_no = version.summary.version_no
        self.claim_no.setText(version.case.claim_no)
        self.insured.setText(version.case.insured_name)
        self.site.setText(version.case.site)
        self.version_label.setText(self.tr("version %1").replace("%1", str(self.version_no)))
        self.inventory_path.setText(version.inputs.sources.get("inventory", ""))
        self.rules_path.setText(version.inputs.sources.get("rules", ""))
        self.zones_path.setText(version.inputs.sources.get("zone_depths", ""))
        self.read_status.setText(
            self.tr("Saved version %1 of %2.")
            .replace("%1", str(self.version_no))
            .replace("%2", version.case.claim_no)
        )
        self.photos.open(version.case.id)
        self.set_inputs(version.inputs)

    def export(self, kind: str) -> None:
        """Ask where, and write the PDF or Excel report."""
        suffix = "pdf" if kind == "pdf" else "xlsx"
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the report"),
            f"{self.claim_no.text().strip() or 'flood'}.{suffix}",
            self.tr("PDF (*.pdf)") if kind == "pdf" else self.tr("Excel workbooks (*.xlsx)"),
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        """Write the report of what is on screen (PDF or Excel by the file's suffix)."""
        assessment = self.assessment
        if assessment is None:
            return False
        _, written = self.runner.run(lambda: self._write_report(assessment, path), key="export")
        if not written:
            return False
        self.statusBar().showMessage(self.tr("Report written to %1").replace("%1", str(path)), 5000)
        return True

    def _write_report(self, assessment: FloodAssessment, path: Path) -> bool:
        header = report_header(
            self.engine, None if self.case is None else self.case.id, self.user.display_name
        )
        try:
            if path.suffix.lower() == ".pdf":
                write_flood_pdf(assessment, path, header)
            else:
                write_flood_workbook(assessment, path, header)
        except OSError as error:  # the file, not the database: said as the system says it
            self.message.setText(str(error))
            return False
        return True

    # -- window state ----------------------------------------------------------------------

    def _restore(self) -> None:
        geometry = self.settings.value("flood/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        state = self.settings.value("flood/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([430, 930])

    def closeEvent(self, event: object) -> None:
        self.settings.setValue("flood/geometry", self.saveGeometry())
        self.settings.setValue("flood/splitter", self.splitter.saveState())
        self.timer.stop()
        self.pool.waitForDone()
        if self.reader is not None:
            self.reader.wait()
        super().closeEvent(event)  # type: ignore[arg-type]

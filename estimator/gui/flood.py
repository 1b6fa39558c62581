"""存货水浸定损: the flood inventory screen.

Load the inventory and rules workbooks (read off the GUI thread, every bad row shown with
where, what and why), set the depth for the site or per zone, and see each stack drawn with
its layers' states and the water line, the results per category, the sampling plan, the
totals and the prevention what-if. Assessing runs in the thread pool, debounced, and a
result that a newer change has overtaken is dropped, so a large inventory never blocks the
window. Saved assessments are flood cases with immutable versions (services only).

The screen holds the inputs, the assessing, saving, opening and reports; its panels are
widgets of their own: the inputs (flood_inputs_panel), the results (flood_results_panel)
and the prevention what-if (flood_prevention).
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.flood import CategoryRules, FloodAssessment, Stack, WaterDepth
from estimator.domain.flood_book import BookCheckLine, BookLine
from estimator.domain.flood_disposal import DisposalChoice
from estimator.domain.flood_inputs import AssessmentInputs
from estimator.domain.flood_lots import LotAssessment, TestResult
from estimator.domain.flood_settlement import Policy, Settlement
from estimator.gui.flood_inputs_panel import FloodInputsPanel
from estimator.gui.flood_jobs import Assessed, AssessJob, AssessSignals, flood_attach
from estimator.gui.flood_models import money
from estimator.gui.flood_open import OpenFloodCaseDialog
from estimator.gui.flood_policy_dialog import FloodPolicyDialog
from estimator.gui.flood_prevention import PreventionPanel
from estimator.gui.flood_results_panel import FloodResultsPanel
from estimator.gui.operations import OperationRunner, Screen
from estimator.gui.photos import PhotosPanel
from estimator.gui.qt_guard import guard_none_refcount
from estimator.services.flood import write_flood_pdf, write_flood_workbook
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

if TYPE_CHECKING:
    from estimator.services.database import Database

#: Wait this long after the last change before assessing again (slider drags, typing).
DEBOUNCE_MS = 80

#: What an undo step of the screen changes: the test results, the policy and the disposal
#: choices.
Settling = tuple[tuple[TestResult, ...], Policy | None, tuple[DisposalChoice, ...]]


class SetSettlingCommand(QUndoCommand):
    """One edit of the test results, the policy or a disposal, undone and redone by the screen."""

    def __init__(self, screen: FloodScreen, before: Settling, after: Settling, text: str) -> None:
        super().__init__(text)
        self.screen, self.before, self.after = screen, before, after

    def redo(self) -> None:
        self.screen.apply_settling(self.after)

    def undo(self) -> None:
        self.screen.apply_settling(self.before)


class FloodScreen(QMainWindow):
    """存货水浸定损: inputs on the left, the stacks and results on the right."""

    #: Emitted once the results of the newest inputs are on screen.
    assessed = Signal()

    def __init__(
        self,
        engine: Database,
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
        self.tested_ok: dict[str, Decimal] = {}
        self.test_results: tuple[TestResult, ...] = ()
        self.policy: Policy | None = None
        self.disposal_choices: tuple[DisposalChoice, ...] = ()
        self.damaged_discounts: dict[str, Decimal] = {}
        #: The books per SKU (账实核对), as read or saved; and the check of the last run.
        self.book: tuple[BookLine, ...] = ()
        self.book_check: tuple[BookCheckLine, ...] | None = None
        self.assessment: FloodAssessment | None = None
        self.settlement: Settlement | None = None
        self.lots: tuple[LotAssessment, ...] = ()
        self.case: FloodCase | None = None
        self.version_no: int | None = None
        self._read_notes: list[Problem] = []
        self._generation = 0  # the newest run started
        self._shown = 0  # the run whose results are on screen
        self.undo_stack = QUndoStack(self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = AssessSignals()
        self.signals.done.connect(self._show)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._assess)
        self._build()
        # Saving, opening and reports: a refusal or a lost server is said in the status
        # bar; what is on screen stays, to try again.
        self.runner = OperationRunner(Screen(self._say), self)
        self._actions()
        self._restore()

    # -- building ------------------------------------------------------------------------

    def _build(self) -> None:
        language: Language = "zh" if self.locale().name().startswith("zh") else "en"
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.message.setWordWrap(True)
        self.statusBar().addWidget(self.message, 1)
        self.inputs_panel = FloodInputsPanel(self.settings, language)
        self.inputs_panel.read.connect(self._read)
        self.inputs_panel.depth_changed.connect(self._depth_changed)
        self.results = FloodResultsPanel(language)
        self.results.lots_tab.lots.result_changed.connect(self._result_changed)
        self.results.lots_tab.lots.refused.connect(self.message.setText)
        self.results.lots_tab.settlement.edit_policy.connect(self.edit_policy)
        self.results.lots_tab.choice_changed.connect(self._choice_changed)
        self.language: Language = language
        self.results.tabs.addTab(self._photos_tab(), self.tr("Photos"))
        self.prevention = PreventionPanel()
        self.prevention.changed.connect(self._depth_changed)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.results, 1)
        right_layout.addWidget(self.prevention)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.inputs_panel)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self.inputs_panel.zones.refused.connect(self.message.setText)  # a depth not taken

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
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Redo))
        for action in (
            self.open_action,
            self.save_action,
            self.undo_action,
            self.redo_action,
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
        self.inputs_panel.lock_case(self.case is not None)

    # -- inputs --------------------------------------------------------------------------

    def _read(self, inputs: AssessmentInputs, notes: list[Problem]) -> None:
        self.set_inputs(inputs, read_notes=notes)

    def set_inputs(self, inputs: AssessmentInputs, read_notes: list[Problem] | None = None) -> None:
        """Show and assess these inputs (stacks and rules read, or a saved version's)."""
        self.stacks = tuple(inputs.stacks)
        self.rules = dict(inputs.rules)
        self.sources = dict(inputs.sources)
        self.inventory_sheet = inputs.inventory_sheet
        self.tested_ok = dict(inputs.tested_ok)
        self.test_results = tuple(inputs.test_results)
        self.policy = inputs.policy
        self.disposal_choices = tuple(inputs.disposal_choices)
        self.damaged_discounts = dict(inputs.damaged_discounts)
        self.book = tuple(inputs.book)
        self.results.lots_tab.set_discounts(self.damaged_discounts, self.rules)
        self.results.lots_tab.set_choices(self.disposal_choices)
        self.undo_stack.clear()  # other inputs: a new history
        self._read_notes = read_notes or []
        zones = sorted({s.zone for s in self.stacks if s.zone} | set(inputs.depth.zones))
        self.inputs_panel.set_depth(inputs.depth, zones)
        tallest = max(
            (s.base_height_cm + s.carton_height_cm * s.layers for s in self.stacks),
            default=Decimal(0),
        )
        self.prevention.set_proposed(
            inputs.proposed_base_height_cm,
            max(Decimal(200), tallest, inputs.depth.deepest_cm * 2),
        )
        self._depth_changed()

    def water(self) -> WaterDepth:
        """The depth the screen assesses at: the site's, and each zone's when set."""
        return self.inputs_panel.water()

    def proposed(self) -> Decimal | None:
        """The proposed base height (None: the default, the deepest water + 10 cm)."""
        return self.prevention.proposed()

    def inputs(self) -> AssessmentInputs:
        """What is on screen, as the inputs of an assessment."""
        return AssessmentInputs(
            self.stacks,
            self.rules,
            self.water(),
            self.proposed(),
            self.sources,
            self.inventory_sheet,
            self.tested_ok,
            self.test_results,
            self.policy,
            self.disposal_choices,
            self.damaged_discounts,
            self.book,
        )

    def edit_policy(self) -> None:
        """Enter or correct the policy in a dialog, and settle under it."""
        dialog = FloodPolicyDialog(self.policy, self.language, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_policy(dialog.policy)

    def set_policy(self, policy: Policy | None) -> None:
        """Settle under ``policy`` (None: no settlement) and assess again (an undo step)."""
        before = self._settling()
        after: Settling = (self.test_results, policy, self.disposal_choices)
        self.undo_stack.push(SetSettlingCommand(self, before, after, self.tr("Policy")))

    def _result_changed(self, key: tuple[str, str, str], result: TestResult | None) -> None:
        """A lot's test result entered (None: cleared): keep it and assess again (an undo
        step)."""
        kept = tuple(r for r in self.test_results if r.key != key)
        results = kept if result is None else (*kept, result)
        after: Settling = (results, self.policy, self.disposal_choices)
        self.message.setText("")
        self.undo_stack.push(
            SetSettlingCommand(self, self._settling(), after, self.tr("Test result"))
        )

    def _choice_changed(self, key: tuple[str, str, str], choice: DisposalChoice | None) -> None:
        """A lot's disposal chosen (None: back to the proposal, nothing kept): keep it and
        assess again (an undo step)."""
        kept = tuple(c for c in self.disposal_choices if c.key != key)
        choices = kept if choice is None else (*kept, choice)
        if set(choices) == set(self.disposal_choices):
            return  # the dialog confirmed what was kept: no step to undo
        after: Settling = (self.test_results, self.policy, choices)
        self.message.setText("")
        self.undo_stack.push(SetSettlingCommand(self, self._settling(), after, self.tr("Disposal")))

    def _settling(self) -> Settling:
        return self.test_results, self.policy, self.disposal_choices

    def apply_settling(self, settling: Settling) -> None:
        """Show these test results, this policy and these choices, and assess again."""
        self.test_results, self.policy, self.disposal_choices = settling
        self.results.lots_tab.set_choices(self.disposal_choices)
        if self.stacks:
            self.timer.start()

    def _depth_changed(self) -> None:
        water = self.water()
        self.prevention.follow(water)
        height = self.prevention.height_at(water)
        self.prevention.show_height(height)
        self.results.set_proposed(height)
        if self.stacks:
            self.timer.start()

    def reset_proposed(self) -> None:
        """Propose the default height again (it follows the depth from now on)."""
        self.prevention.reset()

    # -- assessing -----------------------------------------------------------------------

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
        self.inputs_panel.show_problems([*self._read_notes, *result.problems])
        self.assessment = result.assessment
        self.settlement = result.settlement
        self.lots = result.lots
        self.book_check = result.book_check
        self.results.show_result(result)
        self.prevention.show_prevention(
            None if result.assessment is None else result.assessment.prevention
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
        self.inputs_panel.show_version(saved.version_no)
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
                claim_no=self.inputs_panel.claim_no.text(),
                insured_name=self.inputs_panel.insured.text(),
                site=self.inputs_panel.site.text(),
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
        self.inputs_panel.show_saved(version)
        self.photos.open(version.case.id)
        self.set_inputs(version.inputs)

    def export(self, kind: str) -> None:
        """Ask where, and write the PDF or Excel report."""
        suffix = "pdf" if kind == "pdf" else "xlsx"
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the report"),
            f"{self.inputs_panel.claim_no.text().strip() or 'flood'}.{suffix}",
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
                write_flood_pdf(
                    assessment,
                    path,
                    header,
                    lot_results=self.lots,
                    settlement=self.settlement,
                    book_check=self.book_check,
                )
            else:
                write_flood_workbook(
                    assessment,
                    path,
                    header,
                    self.settlement,
                    lot_results=self.lots,
                    book_check=self.book_check,
                )
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
        self.inputs_panel.wait_for_reader()
        super().closeEvent(event)  # type: ignore[arg-type]

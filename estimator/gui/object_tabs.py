"""The open case's loss objects (损失标的, settlement.md) as a strip of tabs under the case
bar: 标的车 浙A12345 · 三者车1 浙B54321 · 三者物损1 路政, each with its newest version's status
and total; choosing one (a click, or Ctrl+PgDown / Ctrl+PgUp) opens that object's newest
version in the editor. Beside the tabs: the object's own total and the case total (every
object's newest total), and the buttons that add a third-party vehicle or property item.

A property item is estimated with free lines only (material, sublet, towing): the finder
then offers their keys alone and says why (``PROPERTY_KEYS``)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QWidget,
)

from estimator.domain.loss_objects import ObjectSummary, case_total
from estimator.domain.settlement_payout import ObjectKind
from estimator.domain.workflow import EstimateStatus, Role
from estimator.gui.models import STATUS_TEXT
from estimator.gui.models import tr as model_text
from estimator.gui.operations import Outcome
from estimator.services import loss_objects
from estimator.services.loss_object_edits import remove_third_party_object
from kernel.problems import Language

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor
    from estimator.gui.object_dialogs import ObjectDialog

#: The finder's keys a property item takes: material (F), sublet (W), towing (S).
PROPERTY_KEYS = frozenset({"F", "W", "S"})


def ui_language(widget: QWidget) -> Language:
    """zh or en: the interface's language, for the words the domain gives in both."""
    return "zh" if widget.locale().name().startswith("zh") else "en"


def money(amount: Decimal | None) -> str:
    """An amount as the screens show it (thousands grouped); a dash when there is none."""
    return "—" if amount is None else f"{amount:,.2f}"


class ObjectTabs(QWidget):
    """The strip of the open case's loss objects, kept in step with the editor."""

    #: An object was chosen: the id of its newest version (the editor opens it).
    chosen = Signal(object)

    def __init__(self, editor: EstimateEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.objects: list[ObjectSummary] = []
        self.case_id: uuid.UUID | None = None
        #: The add dialog open now (one at a time), for tests and the focus.
        self.dialog: ObjectDialog | None = None
        #: The confirmation asked before removing an object (one at a time), for tests.
        self.confirmation: QMessageBox | None = None
        #: The last right-click menu of a tab, for tests.
        self.menu: QMenu | None = None
        #: Shown only, neither switched nor added to (the review desk: see ``set_read_only``).
        self.read_only = False
        self.bar = QTabBar()
        self.bar.setObjectName("loss-objects")
        self.bar.setExpanding(False)
        self.bar.setDrawBase(False)
        self.bar.setUsesScrollButtons(True)
        self.bar.setElideMode(Qt.TextElideMode.ElideMiddle)
        self.bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys are Ctrl+PgDown / PgUp
        self.bar.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.bar.customContextMenuRequested.connect(self.tab_menu)
        self.bar.setToolTip(
            self.tr("Loss objects of the case: Ctrl+PgDown next, Ctrl+PgUp previous")
        )
        self.totals = QLabel()
        self.totals.setObjectName("case-total")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.totals.setWordWrap(True)
        self.totals.setToolTip(
            self.tr("The case total is the sum of every loss object's newest version")
        )
        self.add_vehicle_button = QPushButton(self.tr("+ Third-party vehicle"))
        self.add_property_button = QPushButton(self.tr("+ Third-party property"))
        for button in (self.add_vehicle_button, self.add_property_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.bar, 1)
        editor.rail.add_below_words(self.totals)  # beside the object's own total
        layout.addWidget(self.add_vehicle_button)
        layout.addWidget(self.add_property_button)
        self.bar.currentChanged.connect(self._picked)
        self.add_vehicle_button.clicked.connect(
            lambda: self.add_object(ObjectKind.THIRD_PARTY_VEHICLE)
        )
        self.add_property_button.clicked.connect(
            lambda: self.add_object(ObjectKind.THIRD_PARTY_PROPERTY)
        )
        self.chosen.connect(self._open)
        editor.changed.connect(self.refresh)
        self.show_objects([])

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the open case's objects again (after every read of the editor's version)."""
        stored = self.editor.stored
        if stored is None:
            self.show_objects([])
            return
        case_id = stored.case_id
        _, found = self.editor.runner.run(
            lambda: loss_objects.case_objects(self.editor.engine, case_id), key="objects"
        )
        if found is not None:
            self.case_id = case_id
            self.show_objects(found)
        self._offer_keys()

    def show_objects(self, objects: list[ObjectSummary]) -> None:
        """Show ``objects`` as tabs, the open version's object current."""
        self.objects = objects
        stored = self.editor.stored
        current = None if stored is None else stored.object_id
        blocked = self.bar.blockSignals(True)  # rebuilding the tabs chooses nothing
        while self.bar.count():
            self.bar.removeTab(0)
        for summary in objects:
            tab = self.bar.addTab(self.tab_text(summary))
            self.bar.setTabToolTip(tab, self._tab_tip(summary))
            if summary.object.id == current:
                self.bar.setCurrentIndex(tab)
        self.bar.blockSignals(blocked)
        self._show_totals()
        self._enable()

    def tab_text(self, summary: ObjectSummary) -> str:
        """标的车 浙A12345 · 草稿 · 7,151.23"""
        title = summary.object.title(ui_language(self))
        return f"{title} · {self._status(summary)} · {money(summary.total)}"

    def _tab_tip(self, summary: ObjectSummary) -> str:
        return (
            self.tr("%1, version %2: %3")
            .replace("%1", summary.object.title(ui_language(self)))
            .replace("%2", str(summary.version_no))
            .replace("%3", self._status(summary))
        )

    @staticmethod
    def _status(summary: ObjectSummary) -> str:
        try:
            return model_text(STATUS_TEXT[EstimateStatus(summary.status)])
        except ValueError:
            return summary.status

    def _show_totals(self) -> None:
        """The case total under the object's own, when the case has more than one object."""
        many = len(self.objects) > 1
        self.totals.setVisible(many)
        self.totals.setText(
            self.tr("Case total (%1 loss objects)<br><b>%2</b>")
            .replace("%1", str(len(self.objects)))
            .replace("%2", money(case_total(self.objects)))
            if many
            else ""
        )

    def current(self) -> ObjectSummary | None:
        """The object of the version the editor shows (None: no case open)."""
        stored = self.editor.stored
        if stored is None:
            return None
        return next((o for o in self.objects if o.object.id == stored.object_id), None)

    def is_property(self) -> bool:
        """Whether the version shown estimates a third-party property item."""
        stored = self.editor.stored
        found = None if stored is None else stored.loss_object
        return found is not None and found.kind is ObjectKind.THIRD_PARTY_PROPERTY

    # --- what may be done ---------------------------------------------------------------

    def may_add(self) -> bool:
        """Whether an object can be added: a case open, not closed, and an assessor."""
        stored = self.editor.stored
        if stored is None or not self.objects or Role.ASSESSOR not in self.editor.user.roles:
            return False
        if self.read_only:
            return False
        closed = EstimateStatus.CLOSED.value
        return stored.status is not EstimateStatus.CLOSED and all(
            o.status != closed for o in self.objects
        )

    def set_read_only(self) -> None:
        """Show the objects without switching or adding: the review desk decides the version
        it took from the queue, not another object's."""
        self.read_only = True
        for button in (self.add_vehicle_button, self.add_property_button):
            button.hide()
        self._enable()

    def _enable(self) -> None:
        allowed = self.may_add()
        for button in (self.add_vehicle_button, self.add_property_button):
            button.setEnabled(allowed)
        self.bar.setEnabled(bool(self.objects) and not self.read_only)

    def _offer_keys(self) -> None:
        """A property item takes free lines only: the finder offers their keys, says why."""
        if self.is_property():
            self.editor.finder.offer_keys(
                PROPERTY_KEYS,
                self.tr(
                    "Third-party property is estimated with material (F), sublet (W) and towing (S) lines: quantity, unit price and amount. Catalog parts, labor and paint are for vehicles."
                ),
            )
        else:
            self.editor.finder.offer_keys(None)

    # --- choosing -----------------------------------------------------------------------

    def _picked(self, tab: int) -> None:
        if 0 <= tab < len(self.objects) and not self.read_only:
            estimate_id = self.objects[tab].estimate_id
            stored = self.editor.stored
            if estimate_id is not None and (stored is None or estimate_id != stored.id):
                self.chosen.emit(estimate_id)

    def _open(self, estimate_id: uuid.UUID) -> None:
        if not self.editor.save.settled:  # a kept edit is saved or discarded first
            self.show_objects(self.objects)  # the tab of the version shown stays current
            self.editor.message.setText(
                self.tr(
                    "First save again, re-apply or discard the edit that was not saved; then open another loss object."
                )
            )
            return
        self.editor.open(estimate_id)

    def step(self, by: int) -> bool:
        """Open the next (``by`` 1) or previous (-1) object, round the case; False with
        fewer than two objects."""
        if len(self.objects) < 2 or self.editor.stored is None or self.read_only:
            return False
        here = self.bar.currentIndex()
        self.bar.setCurrentIndex((here + by) % len(self.objects))
        return True

    # --- adding -------------------------------------------------------------------------

    def add_object(self, kind: ObjectKind) -> ObjectDialog | None:
        """Ask for a third-party vehicle or property item and add it to the open case; the
        new object opens in the editor. Refusals are said in the dialog, which keeps what
        was typed."""
        if not self.may_add() or self.case_id is None:
            return None
        from estimator.gui.object_dialogs import open_object_dialog

        self.dialog = open_object_dialog(self, kind, self.case_id)
        return self.dialog

    def added(self, summary: ObjectSummary) -> None:
        """A new object was stored: open its version 1 (the strip follows the editor)."""
        self.dialog = None
        if summary.estimate_id is not None:
            self.editor.open(summary.estimate_id)
            self.editor.finder.focus_search()

    # --- changing and removing a third-party object -------------------------------------

    def may_change(self, summary: ObjectSummary | None) -> bool:
        """Whether ``summary``'s details may change: a third party's, its newest version a
        draft or returned, for an assessor, outside the review desk."""
        open_states = (EstimateStatus.DRAFT.value, EstimateStatus.RETURNED.value)
        return (
            summary is not None
            and summary.object.kind is not ObjectKind.INSURED_VEHICLE
            and summary.status in open_states
            and Role.ASSESSOR in self.editor.user.roles
            and not self.read_only
        )

    def may_remove(self, summary: ObjectSummary | None) -> bool:
        """Whether ``summary`` may be removed: a third party never submitted (its version 1
        still a draft)."""
        return (
            self.may_change(summary)
            and summary is not None
            and summary.version_no == 1
            and summary.status == EstimateStatus.DRAFT.value
        )

    def tab_menu(self, at: QPoint) -> QMenu | None:
        """The right-click menu of the tab at ``at``: change or remove its object."""
        tab = self.bar.tabAt(at)
        if not 0 <= tab < len(self.objects) or self.read_only:
            return None
        summary = self.objects[tab]
        menu = QMenu(self)
        change = menu.addAction(self.tr("Change loss object…"))
        change.setEnabled(self.may_change(summary))
        change.triggered.connect(lambda: self.change_object(summary))
        remove = menu.addAction(self.tr("Remove loss object"))
        remove.setEnabled(self.may_remove(summary))
        remove.triggered.connect(lambda: self.remove_object(summary))
        menu.aboutToHide.connect(menu.deleteLater)
        self.menu = menu
        menu.popup(self.bar.mapToGlobal(at))
        return menu

    def change_object(self, summary: ObjectSummary | None = None) -> ObjectDialog | None:
        """Open the dialog changing ``summary``'s details (by default the object shown)."""
        summary = summary or self.current()
        if summary is None or not self.may_change(summary):
            return None
        from estimator.gui.object_dialogs import open_change_dialog

        self.dialog = open_change_dialog(self, summary)
        return self.dialog

    def remove_object(self, summary: ObjectSummary | None = None) -> QMessageBox | None:
        """Ask, naming the object, whether to remove ``summary`` (by default the object
        shown) with its draft; Yes removes it."""
        summary = summary or self.current()
        if summary is None or not self.may_remove(summary):
            return None
        title = summary.object.title(ui_language(self))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove loss object"),
            self.tr("Remove %1 with its draft estimate? This cannot be undone.").replace(
                "%1", title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.editor,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)  # Enter keeps the object
        # Worded here: the standard buttons' words are Qt's own, in English without its
        # translations.
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Remove"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Keep"))
        box.buttonClicked.connect(
            lambda button: self._answered(summary, box.standardButton(button))
        )
        self.confirmation = box
        box.open()
        return box

    def _answered(self, summary: ObjectSummary, button: QMessageBox.StandardButton) -> None:
        self.confirmation = None
        if button != QMessageBox.StandardButton.Yes:
            return
        removing = summary.object.id
        editor = self.editor
        outcome, _ = editor.runner.run(
            lambda: remove_third_party_object(editor.engine, removing, editor.user),
            key="objects",
        )
        if outcome is not Outcome.DONE:
            return
        shown = editor.stored
        insured = self.objects[0].estimate_id if self.objects else None
        if shown is not None and shown.object_id == removing and insured is not None:
            editor.open(insured)  # the removed object's version is gone
        else:
            self.refresh()

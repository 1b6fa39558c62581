"""The dialogs that add a loss object to the open case (settlement.md): a third-party vehicle
(三者车: plate, VIN, model from the catalog, its shop) with the new-case form's vehicle fields
(the VIN finds the model, the model list is searchable), and a third-party property item
(三者物损: owner, description); the same dialogs change a third-party object's details while
its newest version is open. Enter or Ctrl+Enter adds or saves; a refusal of the service is
said in the dialog, which stays open with what was typed."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from estimator.domain.loss_objects import LossObject, ObjectSummary
from estimator.domain.settlement_payout import ObjectKind
from estimator.gui.dialogs import ERROR_STYLE, CaseFieldsDialog
from estimator.gui.operations import OperationRunner, Screen
from estimator.gui.reason_dialog import is_ctrl_enter
from estimator.services import loss_objects
from estimator.services.loss_object_edits import ObjectDetails, update_third_party_object
from estimator.services.partners import partner_shops
from estimator.services.users import User
from labor_standards.model import PaintType, ShopClass
from parts_catalog.vin import check_vin

if TYPE_CHECKING:
    from estimator.domain.partners import PartnerShop
    from estimator.gui.object_tabs import ObjectTabs
    from estimator.services.database import Database

#: The case form's rows a third-party vehicle has no use for (they are the case's).
CASE_ONLY_FIELDS = ("claim_no", "insured_name", "insured_phone", "region", "location_class")
#: How long an owner or a description may be (one line of the sheet).
TEXT_LENGTH = 60


def _buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _problems_label() -> QLabel:
    label = QLabel()
    label.setObjectName("object-problems")
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


class ThirdPartyVehicleDialog(CaseFieldsDialog):
    """A third-party vehicle's plate, VIN, model and shop (class and paint price it)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        partners: Sequence[PartnerShop] = (),
        engine: Database | None = None,
        existing: LossObject | None = None,
    ) -> None:
        super().__init__(parent, partners, engine)
        #: The vehicle changed (None: a new one is added).
        self.existing = existing
        self.setWindowTitle(self.tr("Add a third-party vehicle"))
        #: Stores the values (set by ``open_object_dialog``): True when the object was added.
        self.add: Callable[[], bool] = lambda: False
        widgets = self.field_widgets()
        for field in CASE_ONLY_FIELDS:
            self.form.setRowVisible(widgets[field], False)
        self.form.setRowVisible(self.partner, False)  # a partner agreement is the insured's
        self.shop_class.setCurrentIndex(self.shop_class.findData(ShopClass.CLASS1))
        self.plate.setPlaceholderText(self.tr("Plate or VIN: at least one"))
        self.vin.setPlaceholderText(self.tr("17 characters: finds the model"))
        line = self.model_code.lineEdit()
        assert line is not None  # the box is editable
        line.setPlaceholderText(self.tr("Type a code, name or pinyin initials"))
        self.problems = _problems_label()
        self.form.addRow(self.problems)
        self.buttons = _buttons(self, self.tr("Add (Enter)"), self.tr("Cancel (Esc)"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.try_add)
        self.form.addRow(self.buttons)
        if existing is not None:
            self._show_existing(existing)
        self.plate.setFocus()

    def _show_existing(self, existing: LossObject) -> None:
        """Change ``existing``: its values typed in; its shop's class and paint price its
        versions already and stay as they are."""
        self.setWindowTitle(self.tr("Change the third-party vehicle"))
        self.ok_button.setText(self.tr("Save (Enter)"))
        for widget in (self.shop_class, self.paint_type):
            self.form.setRowVisible(widget, False)
        self.plate.setText(existing.plate)
        self.vin.setText(existing.vin)
        self.model_code.setText(existing.model_code)
        self.shop_name.setText(existing.shop_name)

    def details(self) -> ObjectDetails:
        """The vehicle as typed."""
        return ObjectDetails(
            plate=self.plate.text(),
            vin=self.vin.text(),
            model_code=self.model_code.code() or "",
            shop_name=self.shop_name.text(),
        )

    def check(self) -> bool:
        """Say under each field what stops the vehicle from being added (True: nothing)."""
        refused: dict[str, str] = {}
        plate, vin = self.plate.text().strip(), self.vin.text().strip()
        if not plate and not vin:
            refused["plate"] = self._plate_or_vin()
        elif vin and not check_vin(vin).well_formed:
            refused["vin"] = self._malformed_vin()
        if self.model_code.code() is None:
            refused["model_code"] = self.tr(
                "“%1” is not a model of the catalog: choose one from the list."
            ).replace("%1", self.model_code.currentText().strip())
        for field, text in refused.items():
            self.show_note(field, text)
        if refused:
            self.field_widgets()[next(iter(refused))].setFocus()
        return not refused

    def try_add(self) -> None:
        """Add the vehicle and close; refused, the dialog stays with what was typed."""
        if self.check() and self.add():
            self.accept()

    def store(self, engine: Database, case_id: uuid.UUID, user: User) -> ObjectSummary:
        """Add the vehicle to case ``case_id`` (the service checks and may refuse)."""
        return loss_objects.add_third_party_vehicle(
            engine,
            case_id,
            user,
            plate=self.plate.text().strip(),
            vin=self.vin.text().strip().upper(),
            model_code=self.model_code.code() or "",
            shop_name=self.shop_name.text().strip(),
            shop_class=ShopClass(self.shop_class.currentData()),
            paint_type=PaintType(self.paint_type.currentData()),
        )

    def show_problems(self, text: str) -> None:
        """Say why the vehicle was not added; the values stay as typed."""
        self.problems.setText(text)
        self.problems.setVisible(bool(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_ctrl_enter(event):
            self.try_add()
            return
        super().keyPressEvent(event)


class ThirdPartyPropertyDialog(QDialog):
    """A third-party property item: whose it is and what it is (a guard rail, a wall)."""

    def __init__(self, parent: QWidget | None = None, existing: LossObject | None = None) -> None:
        super().__init__(parent)
        #: The item changed (None: a new one is added).
        self.existing = existing
        self.setWindowTitle(self.tr("Add third-party property"))
        self.add: Callable[[], bool] = lambda: False
        self.owner = QLineEdit()
        self.owner.setPlaceholderText(self.tr("Whose it is: a road authority, a company, a person"))
        self.description = QLineEdit()
        self.description.setPlaceholderText(self.tr("What was damaged: guard rail, wall, goods"))
        wide = self.fontMetrics().horizontalAdvance("W" * 30)
        for edit in (self.owner, self.description):
            edit.setMaxLength(TEXT_LENGTH)
            edit.setMinimumWidth(wide)
            edit.textEdited.connect(lambda _text: self.show_problems(""))
        self.problems = _problems_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.problems)
        self.buttons = _buttons(self, self.tr("Add (Enter)"), self.tr("Cancel (Esc)"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.try_add)
        form.addRow(self.buttons)
        if existing is not None:
            self.setWindowTitle(self.tr("Change the third-party property"))
            self.ok_button.setText(self.tr("Save (Enter)"))
            self.owner.setText(existing.owner)
            self.description.setText(existing.description)
        self.owner.setFocus()

    def details(self) -> ObjectDetails:
        """The item as typed."""
        return ObjectDetails(owner=self.owner.text(), description=self.description.text())

    def try_add(self) -> None:
        """Add the item and close; refused, the dialog stays with what was typed."""
        if not self.owner.text().strip() and not self.description.text().strip():
            self.show_problems(self.tr("Enter the owner or what was damaged."))
            self.owner.setFocus()
            return
        if self.add():
            self.accept()

    def store(self, engine: Database, case_id: uuid.UUID, user: User) -> ObjectSummary:
        """Add the item to case ``case_id`` (the service checks and may refuse)."""
        return loss_objects.add_third_party_property(
            engine, case_id, user, owner=self.owner.text(), description=self.description.text()
        )

    def show_problems(self, text: str) -> None:
        """Say why the item was not added; the values stay as typed."""
        self.problems.setText(text)
        self.problems.setVisible(bool(text))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_ctrl_enter(event):
            self.try_add()
            return
        super().keyPressEvent(event)


ObjectDialog = ThirdPartyVehicleDialog | ThirdPartyPropertyDialog


def open_object_dialog(
    strip: ObjectTabs, kind: ObjectKind, case_id: uuid.UUID
) -> ObjectDialog | None:
    """Open the dialog adding a ``kind`` object to case ``case_id``; once added, the strip
    opens it. None when the dialog could not be built (said in the editor)."""
    editor = strip.editor
    dialog: ObjectDialog | None
    if kind is ObjectKind.THIRD_PARTY_VEHICLE:
        _, dialog = editor.runner.run(
            lambda: ThirdPartyVehicleDialog(editor, partner_shops(editor.engine), editor.engine),
            key="objects",
        )
    else:
        dialog = ThirdPartyPropertyDialog(editor)
    if dialog is None:
        return None
    shown = dialog
    adding = OperationRunner(Screen(shown.show_problems, editor.offline), shown)

    def add() -> bool:
        _, summary = adding.run(lambda: shown.store(editor.engine, case_id, editor.user))
        if summary is None:
            return False
        strip.added(summary)
        return True

    shown.add = add
    shown.finished.connect(lambda _result: _closed(strip, shown))
    shown.open()
    return shown


def _closed(strip: ObjectTabs, dialog: ObjectDialog) -> None:
    if strip.dialog is dialog:
        strip.dialog = None
    dialog.deleteLater()


def open_change_dialog(strip: ObjectTabs, summary: ObjectSummary) -> ObjectDialog | None:
    """Open the dialog changing a third-party object's details, its values typed in; once
    saved, the editor reads its version again. Refusals are said in the dialog."""
    editor = strip.editor
    existing = summary.object
    dialog: ObjectDialog | None
    if existing.kind is ObjectKind.THIRD_PARTY_VEHICLE:
        _, dialog = editor.runner.run(
            lambda: ThirdPartyVehicleDialog(
                editor, partner_shops(editor.engine), editor.engine, existing
            ),
            key="objects",
        )
    else:
        dialog = ThirdPartyPropertyDialog(editor, existing)
    if dialog is None:
        return None
    shown = dialog
    saving = OperationRunner(Screen(shown.show_problems, editor.offline), shown)

    def save() -> bool:
        _, changed = saving.run(
            lambda: update_third_party_object(
                editor.engine, existing.id, editor.user, shown.details()
            )
        )
        if changed is None:
            return False
        strip.dialog = None
        editor.reload()  # the case bar and the strip name the object anew
        return True

    shown.add = save
    shown.finished.connect(lambda _result: _closed(strip, shown))
    shown.open()
    return shown

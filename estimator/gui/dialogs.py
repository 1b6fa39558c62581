"""Dialogs: sign in (and create the administrator on first run), a case's details (open a
new case; correcting one later is estimator.gui.case_details)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from estimator.domain.case_details import check_fields
from estimator.domain.clocks import LocationClass
from estimator.domain.errors import DomainError
from estimator.domain.field_rules import FIELD_RULES
from estimator.domain.onsite_documents import Procedure
from estimator.domain.regions import PROVINCES
from estimator.domain.workflow import Role
from estimator.gui.choice_boxes import ModelBox, RegionBox
from estimator.gui.labels import in_language, location_text, paint_type_text, shop_class_text
from estimator.gui.reason_dialog import is_ctrl_enter
from labor_standards.model import PaintType, ShopClass
from parts_catalog.vin import check_vin

if TYPE_CHECKING:  # the sign-in dialog shows first: not the database's or the workbook's imports
    from estimator.domain.partners import PartnerShop
    from estimator.gui.welcome import WelcomePanel
    from estimator.services.database import Database
    from estimator.services.users import User


class SignInDialog(QDialog):
    """Sign in; on a database without users, create the administrator first.

    Without an engine the dialog shows at once and the database is given later
    (``set_engine``) as ``estimator`` opens it behind the dialog: what is typed meanwhile is
    kept, and Enter pressed before then signs in as soon as the database is there."""

    def __init__(self, engine: Database | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine: Database | None = None
        self.user: User | None = None
        self.first_run = False
        self.welcome: WelcomePanel | None = None  # the first run's page (set_engine)
        self._accept_when_open = False
        self.setWindowTitle(self.tr("Sign in"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.form = QFormLayout(self)
        self.form.addRow(self.tr("Username"), self.username)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.addRow(self.tr("Repeat password"), self.repeat)
        self.form.setRowVisible(self.repeat, False)
        self.form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.form.addRow(buttons)
        if engine is not None:
            self.set_engine(engine)

    def set_engine(self, engine: Database) -> None:
        """The database is open: on one without users, ask for the administrator instead."""
        from estimator.gui.welcome import WelcomePanel
        from estimator.services.users import MIN_PASSWORD, has_users

        self.engine = engine
        self.first_run = not has_users(engine)
        if self.first_run:  # the welcome page, which says what is being created and why
            self.welcome = WelcomePanel(MIN_PASSWORD, self)
            self.welcome.attach(self)
        elif self._accept_when_open:
            self.try_accept()
        self._accept_when_open = False

    def try_accept(self) -> None:
        """Check the password (or create the administrator) and close on success."""
        if self.engine is None:  # still opening: sign in once it is open
            self._accept_when_open = True
            return
        from estimator.services.connection import DatabaseUnavailable
        from estimator.services.users import authenticate, create_user

        name, password = self.username.text(), self.password.text()
        try:
            if self.first_run:
                if password != self.repeat.text():
                    self._refuse(self.tr("The passwords differ"))
                    return
                create_user(
                    self.engine,
                    name,
                    password,
                    {Role.ADMIN, Role.ASSESSOR, Role.MAINTAINER},
                    actor="first-run",
                )
            self.user = authenticate(self.engine, name, password)
        except DatabaseUnavailable:
            self._refuse(
                self.tr("The database server cannot be reached. Try again when it is back.")
            )
            return
        except DomainError as error:
            self._refuse(in_language(error))
            if not self.first_run:  # a wrong password is typed again; a new one is corrected
                self.password.clear()
            return
        self.accept()

    def _refuse(self, why: str) -> None:
        """Say under the fields why nothing was done (in the colour of a refusal)."""
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(why)


#: How a refusal, a caution and a finding are written under a field.
ERROR_STYLE = "color: #c62828;"
CAUTION_STYLE = "color: #8a5a00;"
FOUND_STYLE = "color: #2e7d32;"
#: The fields a new case cannot be opened without (the plate or the VIN: one of them).
REQUIRED_FIELDS = ("claim_no", "plate", "vin", "model_code")


class CaseFieldsDialog(QDialog):
    """A case's details as a form, the insured included: a new case's header, and correcting
    one later. The model is picked from the catalog, the region by name; a VIN whose prefix
    the catalog knows fills the model in; a shop of the partner registry fills in its class
    and region; the VIN's check digit is checked as it is typed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        partners: Sequence[PartnerShop] = (),
        engine: Database | None = None,
    ) -> None:
        super().__init__(parent)
        #: Where the models, the regions and the VIN lookups come from (none: every province).
        self.catalog = engine
        self.partners = {shop.name: shop for shop in partners}
        #: The model the last VIN filled in (replaced by the next VIN, unlike a chosen one).
        self._model_from_vin = ""
        #: The model the current VIN names, when it differs from the chosen one.
        self._vin_model = ""
        self.claim_no = QLineEdit()
        self.insured_name = QLineEdit()
        self.insured_phone = QLineEdit()
        self.plate = QLineEdit()
        self.vin = QLineEdit()
        self.model_code = ModelBox()
        self.region = RegionBox()
        self.shop_name = QLineEdit()
        for field in ("claim_no", "insured_name", "insured_phone", "plate", "vin", "shop_name"):
            # No longer than the field rules allow (the services check the characters).
            getattr(self, field).setMaxLength(FIELD_RULES[field].max_length)
        self.shop_class = QComboBox()
        for shop in ShopClass:
            self.shop_class.addItem(shop_class_text(shop), shop)
        self.partner = QCheckBox(self.tr("Partner shop"))
        self.paint_type = QComboBox()
        for paint in PaintType:
            self.paint_type.addItem(paint_type_text(paint), paint)
        self.location_class = QComboBox()
        for place in LocationClass:
            self.location_class.addItem(location_text(place), place)
        self.notes = {field: _note() for field in NOTED_FIELDS}
        self.vin_note = self.notes["vin"]
        self.model_note = self.notes["model_code"]
        self.use_vin_model = QPushButton(self.tr("Use the VIN's model"))
        self.use_vin_model.setAutoDefault(False)  # Enter opens the case, never this
        self.use_vin_model.hide()
        self.use_vin_model.clicked.connect(self._take_vin_model)
        self.labels: dict[str, QLabel] = {}
        #: The form row of each note (the model's holds the button that takes the VIN's).
        self.note_rows: dict[str, QWidget] = {}
        self._lay_out()
        self._load_choices()
        self.vin.textChanged.connect(self._check_vin)
        self.vin.textEdited.connect(self._look_up_vin)
        self.model_code.currentTextChanged.connect(self._model_changed)
        for field, widget in self.field_widgets().items():
            if isinstance(widget, QLineEdit) and field != "vin":  # the VIN's note: _check_vin
                widget.textEdited.connect(lambda _text, f=field: self.clear_note(f))
        self.vin.textEdited.connect(lambda _text: self.clear_note("plate"))  # plate or VIN
        # Wide enough for a whole claim number (22 characters) and VIN without scrolling.
        wide = self.fontMetrics().horizontalAdvance("W" * 30)
        for widget in (self.claim_no, self.vin, self.shop_name, self.model_code):
            widget.setMinimumWidth(wide)
        completer = QCompleter(sorted(self.partners), self.shop_name)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.shop_name.setCompleter(completer)
        self.shop_name.textChanged.connect(self._fill_partner)

    def _lay_out(self) -> None:
        """The rows in the order they are typed: what identifies the case and the vehicle
        first, then the insured, the shop and what prices it."""
        self.form = form = QFormLayout(self)
        rows: list[tuple[str, str, QWidget]] = [
            ("claim_no", self.tr("Claim no."), self.claim_no),
            ("plate", self.tr("Plate"), self.plate),
            ("vin", self.tr("VIN"), self.vin),
            ("model_code", self.tr("Vehicle model"), self.model_code),
            ("insured_name", self.tr("Insured"), self.insured_name),
            ("insured_phone", self.tr("Insured's phone"), self.insured_phone),
            ("shop_name", self.tr("Shop"), self.shop_name),
            ("shop_class", self.tr("Shop class"), self.shop_class),
            ("region", self.tr("Region"), self.region),
            ("paint_type", self.tr("Paint type"), self.paint_type),
            ("location_class", self.tr("Location"), self.location_class),
        ]
        for field, text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            self.labels[field] = label
            form.addRow(label, widget)
            if field in self.notes:
                note: QWidget = self.notes[field]
                if field == "model_code":  # the VIN's model, taken on request
                    note = QWidget()
                    line = QHBoxLayout(note)
                    line.setContentsMargins(0, 0, 0, 0)
                    line.addWidget(self.model_note, 1)
                    line.addWidget(self.use_vin_model)
                form.addRow("", note)
                form.setRowVisible(note, False)
                self.note_rows[field] = note
        form.addRow("", self.partner)
        order = [w for _f, _t, w in rows]
        order.insert(order.index(self.model_code), self.use_vin_model)
        for first, second in zip(order, [*order[1:], self.partner], strict=True):
            self.setTabOrder(first, second)

    def _load_choices(self) -> None:
        """The catalog's models and the priced regions (every province without a database)."""
        if self.catalog is None:
            self.region.set_regions(list(PROVINCES))
            return
        from estimator.services.case_choices import priced_regions, vehicle_models

        self.model_code.set_choices(vehicle_models(self.catalog))
        self.region.set_regions(priced_regions(self.catalog))

    def field_widgets(self) -> dict[str, QLineEdit | QComboBox | QCheckBox]:
        """The widget of each case field (estimator.domain.case_details.CASE_FIELDS)."""
        return {
            "claim_no": self.claim_no,
            "insured_name": self.insured_name,
            "insured_phone": self.insured_phone,
            "plate": self.plate,
            "vin": self.vin,
            "model_code": self.model_code,
            "region": self.region,
            "paint_type": self.paint_type,
            "shop_name": self.shop_name,
            "shop_class": self.shop_class,
            "partner": self.partner,
            "location_class": self.location_class,
        }

    def values(self) -> dict[str, str | bool]:
        """What the form holds, field by field (codes for the choices)."""
        result: dict[str, str | bool] = {}
        for field, widget in self.field_widgets().items():
            if isinstance(widget, QLineEdit | ModelBox | RegionBox):
                result[field] = widget.text()
            elif isinstance(widget, QComboBox):
                result[field] = str(widget.currentData())  # a StrEnum's code comes back as text
            else:
                result[field] = widget.isChecked()
        return result

    def set_values(self, values: Mapping[str, str | bool]) -> None:
        """Show ``values`` (field → text, code or flag) in the form."""
        widgets = self.field_widgets()
        for field, value in values.items():
            widget = widgets[field]
            if isinstance(widget, QLineEdit | ModelBox | RegionBox):
                widget.setText(str(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(widget.findData(value))
            else:
                widget.setChecked(bool(value))

    # --- notes under the fields -----------------------------------------------------------

    def show_note(self, field: str, text: str, style: str = ERROR_STYLE) -> None:
        """Say ``text`` under ``field`` (a refusal unless another style is given)."""
        note = self.notes[field]
        note.setText(text)
        note.setStyleSheet(style)
        row = self.note_rows[field]
        if self.form.isRowVisible(row) != bool(text):
            self.form.setRowVisible(row, bool(text))
            if self.isVisible():  # room for the note (a wrapped one too), and none left over
                self.adjustSize()

    def clear_note(self, field: str) -> None:
        """The field was changed: the refusal said under it no longer holds."""
        if field in self.notes and self.notes[field].styleSheet() == ERROR_STYLE:
            self.show_note(field, "")

    def _plate_or_vin(self) -> str:
        return self.tr("Enter the plate or the VIN: at least one names the vehicle.")

    # --- the VIN and the model ------------------------------------------------------------

    def _check_vin(self, text: str) -> None:
        """At 17 characters: say what is wrong with the VIN."""
        result = check_vin(text)
        if len(result.vin) < 17:
            self.show_note("vin", "")
            return
        if not result.well_formed:
            self.show_note("vin", self._malformed_vin())
        elif not result.check_digit_ok:
            self.show_note(
                "vin",
                self.tr("The check digit (9th character) should be %1, not %2: check the VIN.")
                .replace("%1", result.expected_check_digit or "")
                .replace("%2", result.vin[8]),
                CAUTION_STYLE,
            )
        else:
            self.show_note("vin", "")

    def _look_up_vin(self, text: str) -> None:
        """A VIN typed (not one shown): at 17 characters, find its model in the catalog."""
        result = check_vin(text)
        if not result.well_formed or self.catalog is None:
            self._vin_found(None)
            return
        from estimator.services.catalog import find_model_by_vin

        self._vin_found(find_model_by_vin(self.catalog, result.vin).model_code or "")

    def _malformed_vin(self) -> str:
        return self.tr("A VIN has 17 characters, letters and digits without I, O or Q.")

    def _vin_found(self, code: str | None) -> None:
        """Fill in the model the VIN names (``code``; "" none, None no VIN to look up),
        unless the user chose another: then say so and offer to take it."""
        self._vin_model = ""
        self.use_vin_model.hide()
        chosen = self.model_code.code()
        if code is None or not self.model_code.isEnabled():  # no VIN, or the model is locked
            self.show_note("model_code", "")
            return
        if not code:
            if chosen and chosen == self._model_from_vin:  # the last VIN's: no longer meant
                self.model_code.setText("")
            self._model_from_vin = ""
            self.show_note(
                "model_code",
                self.tr("The catalog knows no model for this VIN: choose it from the list."),
                CAUTION_STYLE,
            )
            return
        found = self.model_code.choice(code)
        name = found.name if found is not None else code
        if not chosen or chosen in (code, self._model_from_vin):
            self._model_from_vin = code
            self.model_code.setText(code)
            self.show_note(
                "model_code", self.tr("Found by the VIN: %1").replace("%1", name), FOUND_STYLE
            )
            return
        self._vin_model = code
        self.use_vin_model.show()
        self.show_note(
            "model_code",
            self.tr("The VIN names another model: %1").replace("%1", name),
            CAUTION_STYLE,
        )

    def _take_vin_model(self) -> None:
        if self._vin_model:
            self.model_code.setText(self._vin_model)
            self._vin_found(self._vin_model)

    def _model_changed(self, _text: str) -> None:
        """A refusal goes; so does "found by the VIN" once another model is chosen (which
        the next VIN then keeps)."""
        style = self.notes["model_code"].styleSheet()
        if style == ERROR_STYLE:
            self.show_note("model_code", "")
        elif style == FOUND_STYLE and self.model_code.code() != self._model_from_vin:
            self._model_from_vin = ""
            self.show_note("model_code", "")

    def _fill_partner(self, text: str) -> None:
        """A shop of the partner registry fills in its class and region and is a partner."""
        shop = self.partners.get(text.strip())
        if shop is None:
            return
        self.partner.setChecked(True)
        self.shop_class.setCurrentIndex(self.shop_class.findData(shop.shop_class))
        self.region.setText(shop.region)


#: The fields with a line under them for what is wrong (or found) there, in the form's order.
NOTED_FIELDS = (
    "claim_no",
    "plate",
    "vin",
    "model_code",
    "insured_name",
    "insured_phone",
    "shop_name",
)


def _note() -> QLabel:
    note = QLabel()
    note.setWordWrap(True)
    note.setStyleSheet(ERROR_STYLE)
    return note


class NewCaseDialog(CaseFieldsDialog):
    """The header of a new case: the required fields are marked and checked before the
    dialog closes, each refusal said under its field with what was typed kept; Enter or
    Ctrl+Enter opens the case. Without ``engine`` the parent's database (the main
    window's) gives the models and regions."""

    def __init__(
        self,
        parent: QWidget | None = None,
        partners: Sequence[PartnerShop] = (),
        engine: Database | None = None,
    ) -> None:
        super().__init__(parent, partners, engine or getattr(parent, "engine", None))
        self.setWindowTitle(self.tr("New case"))
        self.region.setText("ZJ")
        self.shop_class.setCurrentIndex(1)
        self._mark_required()
        #: Why the case could not be opened, when it is shown again with what was typed.
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(ERROR_STYLE)
        self.problems.hide()
        # The on-site documents checklist follows the procedure (简易程序 or not).
        self.procedure = QComboBox()
        self.procedure.addItem(self.tr("Ordinary procedure"), Procedure.ORDINARY.value)
        self.procedure.addItem(self.tr("Simple procedure"), Procedure.SIMPLE.value)
        self.form.addRow(self.tr("Procedure"), self.procedure)
        self.form.addRow(self.problems)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open case"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form.addRow(self.buttons)
        self.setTabOrder(self.partner, self.procedure)
        self.setTabOrder(self.procedure, self.ok_button)
        self.claim_no.setFocus()

    def _mark_required(self) -> None:
        """A bold label with a red star and a placeholder on each field a case needs."""
        for field in REQUIRED_FIELDS:
            label = self.labels[field]
            label.setText(f"<b>{label.text()}</b> <span style='color:#c62828'>*</span>")
        self.claim_no.setPlaceholderText(self.tr("Required: the insurer's report number"))
        self.plate.setPlaceholderText(self.tr("Plate or VIN: at least one"))
        self.vin.setPlaceholderText(self.tr("17 characters: finds the model"))
        line = self.model_code.lineEdit()
        assert line is not None  # the box is editable
        line.setPlaceholderText(self.tr("Required: type a code, name or pinyin initials"))

    def check(self) -> bool:
        """Say under each field what stops the case from being opened; True when nothing
        does. The first field refused takes the focus."""
        refused: dict[str, str] = {}
        values = self.values()
        if not str(values["claim_no"]).strip():
            refused["claim_no"] = self.tr("Required: the claim number of the insurer's report.")
        plate, vin = str(values["plate"]).strip(), str(values["vin"]).strip()
        if not plate and not vin:
            refused["plate"] = self._plate_or_vin()
        elif vin and not check_vin(vin).well_formed:
            refused["vin"] = self._malformed_vin()
        model = self.model_code.code()
        if model == "":
            refused["model_code"] = self.tr(
                "Required: choose the vehicle model; its labor times and paint prices depend on it."
            )
        elif model is None:
            refused["model_code"] = self.tr(
                "“%1” is not a model of the catalog: choose one from the list."
            ).replace("%1", self.model_code.currentText().strip())
        problems, _warnings = check_fields(values)
        for problem in problems:
            if problem.path in self.notes:
                refused.setdefault(problem.path, problem.reason())
        for field, text in refused.items():
            self.show_note(field, text)
        if refused:
            self.field_widgets()[next(f for f in NOTED_FIELDS if f in refused)].setFocus()
        return not refused

    def accept(self) -> None:
        """Close only when the header can open a case."""
        if self.check():
            super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_ctrl_enter(event):
            self.accept()
            return
        super().keyPressEvent(event)

    def show_problems(self, text: str) -> None:
        """Say why the case was not opened; the values stay as typed."""
        self.problems.setText(text)
        self.problems.setVisible(bool(text))

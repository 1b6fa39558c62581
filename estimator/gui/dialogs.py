"""Dialogs: sign in (and create the administrator on first run), a case's details (open a
new case; correcting one later is estimator.gui.case_details)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from estimator.domain.workflow import DomainError, Role
from estimator.gui.labels import in_language, paint_type_text, shop_class_text
from labor_standards.model import PaintType, ShopClass
from parts_catalog.vin import check_vin

if TYPE_CHECKING:  # the sign-in dialog shows first: not the database's or the workbook's imports
    from sqlalchemy import Engine

    from estimator.documents.partner_workbook import PartnerShop
    from estimator.services.users import User


class SignInDialog(QDialog):
    """Sign in; on a database without users, create the administrator first.

    Without an engine the dialog shows at once and the database is given later
    (``set_engine``) as ``estimator`` opens it behind the dialog: what is typed meanwhile is
    kept, and Enter pressed before then signs in as soon as the database is there."""

    def __init__(self, engine: Engine | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine: Engine | None = None
        self.user: User | None = None
        self.first_run = False
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
        self.form.addRow(buttons)
        if engine is not None:
            self.set_engine(engine)

    def set_engine(self, engine: Engine) -> None:
        """The database is open: on one without users, ask for the administrator instead."""
        from estimator.services.users import has_users

        self.engine = engine
        self.first_run = not has_users(engine)
        if self.first_run:
            self.setWindowTitle(self.tr("Create the administrator"))
            self.form.setRowVisible(self.repeat, True)
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
                    self.message.setText(self.tr("The passwords differ"))
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
            self.message.setText(
                self.tr("The database server cannot be reached. Try again when it is back.")
            )
            return
        except DomainError as error:
            self.message.setText(in_language(error))
            self.password.clear()
            return
        self.accept()


class CaseFieldsDialog(QDialog):
    """A case's details as a form, the insured included: a new case's header, and correcting
    one later. A shop of the partner registry fills in its class and region; the VIN's check
    digit is checked as it is typed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        partners: Sequence[PartnerShop] = (),
    ) -> None:
        super().__init__(parent)
        self.partners = {shop.name: shop for shop in partners}
        self.claim_no = QLineEdit()
        self.insured_name = QLineEdit()
        self.insured_phone = QLineEdit()
        self.plate = QLineEdit()
        self.vin = QLineEdit()
        self.vin.setMaxLength(17)
        self.vin_note = QLabel()
        self.vin_note.setStyleSheet("color: #c62828;")
        self.model_code = QLineEdit()
        self.region = QLineEdit()
        self.shop_name = QLineEdit()
        self.shop_class = QComboBox()
        for shop in ShopClass:
            self.shop_class.addItem(shop_class_text(shop), shop)
        self.partner = QCheckBox(self.tr("Partner shop"))
        self.paint_type = QComboBox()
        for paint in PaintType:
            self.paint_type.addItem(paint_type_text(paint), paint)
        self.form = form = QFormLayout(self)
        form.addRow(self.tr("Claim no."), self.claim_no)
        form.addRow(self.tr("Insured"), self.insured_name)
        form.addRow(self.tr("Insured's phone"), self.insured_phone)
        form.addRow(self.tr("Plate"), self.plate)
        form.addRow(self.tr("VIN"), self.vin)
        form.addRow("", self.vin_note)
        form.addRow(self.tr("Model code"), self.model_code)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Shop"), self.shop_name)
        form.addRow(self.tr("Shop class"), self.shop_class)
        form.addRow("", self.partner)
        form.addRow(self.tr("Paint type"), self.paint_type)
        self.vin.textChanged.connect(self._check_vin)
        # Wide enough for a whole claim number (22 characters) and VIN without scrolling.
        wide = self.fontMetrics().horizontalAdvance("W" * 26)
        for widget in (self.claim_no, self.vin, self.shop_name):
            widget.setMinimumWidth(wide)
        completer = QCompleter(sorted(self.partners), self.shop_name)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.shop_name.setCompleter(completer)
        self.shop_name.textChanged.connect(self._fill_partner)

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
        }

    def values(self) -> dict[str, str | bool]:
        """What the form holds, field by field (codes for the choices)."""
        result: dict[str, str | bool] = {}
        for field, widget in self.field_widgets().items():
            if isinstance(widget, QLineEdit):
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
            if isinstance(widget, QLineEdit):
                widget.setText(str(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(widget.findData(value))
            else:
                widget.setChecked(bool(value))

    def _fill_partner(self, text: str) -> None:
        """A shop of the partner registry fills in its class and region and is a partner."""
        shop = self.partners.get(text.strip())
        if shop is None:
            return
        self.partner.setChecked(True)
        self.shop_class.setCurrentIndex(self.shop_class.findData(shop.shop_class))
        self.region.setText(shop.region)

    def _check_vin(self, text: str) -> None:
        result = check_vin(text)
        self.vin_note.setText(result.warning or "" if len(text.strip()) >= 17 else "")


class NewCaseDialog(CaseFieldsDialog):
    """The header of a new case."""

    def __init__(self, parent: QWidget | None = None, partners: Sequence[PartnerShop] = ()) -> None:
        super().__init__(parent, partners)
        self.setWindowTitle(self.tr("New case"))
        self.region.setText("ZJ")
        self.shop_class.setCurrentIndex(1)
        #: Why the case could not be opened, when it is shown again with what was typed.
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c62828;")
        self.problems.hide()
        self.form.addRow(self.problems)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def show_problems(self, text: str) -> None:
        """Say why the case was not opened; the values stay as typed."""
        self.problems.setText(text)
        self.problems.setVisible(bool(text))

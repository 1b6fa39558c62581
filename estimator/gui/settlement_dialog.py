"""The case's vehicle value and policy (车辆价值与保单, Ctrl+Shift+V in the editor): the new-vehicle
price, first registration, use class and vehicle kind (in words), loss date, sums insured and
deductible, the liability both ways and the whole-vehicle salvage, from which the payout
estimate is made, and a flooded vehicle's water level, immersion grade and whether the engine
was restarted (settlement.md). Checked as ``estimate import`` checks them: a bad value is
marked in place and said in words, and nothing is stored until every value is good. Only
the case's assessors change them, and not once a version is approved; others read them."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.depreciation import ALL_CLASSES, kind_word, use_word
from estimator.domain.flood_vehicle import IMMERSION_WORDS, WATER_LEVEL_WORDS
from estimator.domain.settlement_inputs import CaseSettlement, settlement_from_document
from estimator.gui.labels import in_language
from estimator.gui.operations import OperationRunner, Screen
from estimator.services import settlement
from estimator.services.settlement import SettlementInvalid
from estimator.services.users import User
from kernel.problems import Problem

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor
    from estimator.services.database import Database

#: How a field whose value was refused is marked until it is typed again.
REFUSED_STYLE = "background: #ffebee;"
#: The money fields: their ``estimate/1`` path and the attribute of CaseSettlement.
MONEY_FIELDS = {
    "new_price": "vehicle.new_price",
    "vehicle_damage_sum_insured": "policy.vehicle_damage_sum_insured",
    "third_party_limit": "policy.third_party_limit",
    "deductible": "policy.deductible",
    "total_loss_salvage": "total_loss_salvage",
}
DATE_FIELDS = {"registered_on": "vehicle.registered_on", "loss_on": "loss_on"}
#: Where a problem's path is shown.
PATH_FIELDS: dict[str, tuple[str, ...]] = {
    **{path: (name,) for name, path in MONEY_FIELDS.items()},
    "vehicle.registered_on": ("registered_on",),
    "loss_on": ("loss_on",),
    "vehicle.use_class": ("use_class",),
    "liability": ("liability",),
    "other_party.liability": ("other_liability",),
    "flood.water_level": ("water_level",),
    "flood.immersion": ("immersion",),
    "flood.engine_restarted": ("engine_restarted",),
}


def _money_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"


class SettlementDialog(QDialog):
    """The case's settlement data, for its assessors to enter; ``saved`` after a save."""

    saved = Signal(object)  # the stored CaseSettlement

    def __init__(
        self, engine: Database, case_id: uuid.UUID, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.case_id, self.user = engine, case_id, user
        self.setWindowTitle(self.tr("Vehicle value and policy"))
        self.base = settlement.case_settlement(engine, case_id)
        #: The catalog's price of the case's model: the value's when no price is entered.
        self.catalog_price = settlement.case_catalog_price(engine, case_id)
        self.refusal = settlement.settlement_refusal(engine, case_id, user)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.runner = OperationRunner(Screen(self.message.setText), self)
        self._build()
        self._show(self.base)
        for widget in self.field_widgets().values():
            widget.setEnabled(self.refusal is None)
        self.save_button.setEnabled(self.refusal is None)
        if self.refusal is not None:
            self.message.setStyleSheet("color: #555;")
            self.message.setText(in_language(self.refusal))

    # --- building -----------------------------------------------------------------------

    def _line(self, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setMinimumWidth(max(180, edit.fontMetrics().horizontalAdvance(placeholder) + 24))
        edit.textEdited.connect(lambda _text, e=edit: e.setStyleSheet(""))
        return edit

    def _liability_box(self, empty: str) -> QComboBox:
        box = QComboBox()
        box.setEditable(True)  # a share set by a court or the police is typed: 0.65
        box.addItem("")
        box.addItems(list(self.liability_words().values()))
        line = box.lineEdit()
        assert line is not None
        line.setPlaceholderText(empty)
        line.textEdited.connect(lambda _text, b=box: b.setStyleSheet(""))
        return box

    def liability_words(self) -> dict[str, str]:
        """The named liability shares in words, by name (main → 主责)."""
        return {
            "full": self.tr("Full liability"),
            "main": self.tr("Main liability"),
            "equal": self.tr("Equal liability"),
            "minor": self.tr("Minor liability"),
            "none": self.tr("No liability"),
        }

    def _build(self) -> None:
        self.labels = {
            "new_price": self.tr("New-vehicle price"),
            "registered_on": self.tr("First registration"),
            "use_class": self.tr("Vehicle kind and use"),
            "loss_on": self.tr("Loss date"),
            "total_loss_salvage": self.tr("Whole-vehicle salvage"),
            "vehicle_damage_sum_insured": self.tr("Vehicle-damage sum insured"),
            "third_party_limit": self.tr("Third-party liability limit"),
            "deductible": self.tr("Absolute deductible"),
            "liability": self.tr("Insured's liability"),
            "other_liability": self.tr("Other party's liability"),
            "water_level": self.tr("Water level"),
            "immersion": self.tr("Immersion time"),
            "engine_restarted": self.tr("Engine restarted"),
        }
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None
        self.save_button = save
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        groups = QHBoxLayout()
        groups.addWidget(self._value_group(), 1)
        groups.addWidget(self._policy_group(), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(groups)
        layout.addWidget(self._flood_group())
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _value_group(self) -> QGroupBox:
        amount, date = self.tr("yuan, e.g. 180,000.00"), self.tr("e.g. 2021-06-15")
        if self.catalog_price is not None:
            # Left empty, the value is worked out from the catalog's price: shown in its place.
            amount = self.tr("Catalog price %1").replace("%1", _money_text(self.catalog_price))
        self.new_price = self._line(amount)
        self.registered_on = self._line(date)
        self.use_class = QComboBox()
        self.use_class.addItem(self.tr("Not given"), None)
        language = "zh" if self.locale().name().startswith("zh") else "en"
        for depreciation_class in ALL_CLASSES:
            kind, use = depreciation_class.kind, depreciation_class.use
            words = f"{kind_word(kind, language)} · {use_word(use, language)}"
            self.use_class.addItem(words, depreciation_class.key)
        self.use_class.currentIndexChanged.connect(lambda _i: self.use_class.setStyleSheet(""))
        self.loss_on = self._line(date)
        self.total_loss_salvage = self._line(self.tr("10 % of the actual value"))
        group = QGroupBox(self.tr("The vehicle and its value"))
        form = QFormLayout(group)
        for name in ("new_price", "registered_on", "use_class", "loss_on", "total_loss_salvage"):
            form.addRow(self.labels[name], getattr(self, name))
        return group

    def _policy_group(self) -> QGroupBox:
        self.vehicle_damage_sum_insured = self._line(self.tr("the actual value when not stated"))
        self.third_party_limit = self._line(self.tr("yuan, e.g. 1,000,000.00"))
        self.deductible = self._line("0.00")
        self.liability = self._liability_box(self.tr("full liability when not given"))
        self.two_vehicles = QCheckBox(self.tr("Two-vehicle accident (another vehicle involved)"))
        self.other_compulsory = QCheckBox(self.tr("The other vehicle has compulsory insurance"))
        self.other_liability = self._liability_box(self.tr("the rest of the liability"))
        self.two_vehicles.toggled.connect(self._two_vehicles)
        group = QGroupBox(self.tr("Policy and liability"))
        form = QFormLayout(group)
        for name in ("vehicle_damage_sum_insured", "third_party_limit", "deductible", "liability"):
            form.addRow(self.labels[name], getattr(self, name))
        form.addRow(self.two_vehicles)
        form.addRow(self.other_compulsory)
        form.addRow(self.labels["other_liability"], self.other_liability)
        return group

    def _flood_group(self) -> QGroupBox:
        """水淹车: the water level and immersion grade in words, and the engine restarted."""
        zh = self.locale().name().startswith("zh")
        self.water_level = QComboBox()
        self.water_level.addItem(self.tr("Not flooded"), None)
        for level, (level_zh, level_en) in WATER_LEVEL_WORDS.items():
            self.water_level.addItem(level_zh if zh else level_en, level)
        self.immersion = QComboBox()
        self.immersion.addItem(self.tr("Not given"), None)
        for grade, (grade_zh, grade_en, _more, _most) in IMMERSION_WORDS.items():
            self.immersion.addItem(grade_zh if zh else grade_en, grade)
        self.engine_restarted = QCheckBox(self.tr("The engine was restarted after the flood"))
        for box in (self.water_level, self.immersion):
            box.currentIndexChanged.connect(lambda _i, b=box: b.setStyleSheet(""))
        group = QGroupBox(self.tr("Flooded vehicle"))
        row = QHBoxLayout(group)
        for name in ("water_level", "immersion"):
            label = QLabel(self.labels[name])
            label.setBuddy(getattr(self, name))
            row.addWidget(label)
            row.addWidget(getattr(self, name), 1)
        row.addWidget(self.engine_restarted)
        return group

    def _two_vehicles(self, yes: bool) -> None:
        self.other_compulsory.setEnabled(yes and self.refusal is None)
        self.other_liability.setEnabled(yes and self.refusal is None)

    def field_widgets(self) -> dict[str, QWidget]:
        """Every field of the dialog by name."""
        names = [*MONEY_FIELDS, *DATE_FIELDS, "use_class", "liability", "other_liability"]
        names += ["water_level", "immersion", "engine_restarted"]
        found: dict[str, QWidget] = {name: getattr(self, name) for name in names}
        found.update(two_vehicles=self.two_vehicles, other_compulsory=self.other_compulsory)
        return found

    # --- showing and reading ------------------------------------------------------------

    def _liability_shown(self, stored: str | None) -> str:
        if stored is None:
            return ""
        return self.liability_words().get(stored, stored)

    def _show(self, data: CaseSettlement) -> None:
        for name in MONEY_FIELDS:
            getattr(self, name).setText(_money_text(getattr(data, name)))
        for name in DATE_FIELDS:
            day = getattr(data, name)
            getattr(self, name).setText("" if day is None else day.isoformat())
        key = None if data.use_class is None else data.use_class.key
        self.use_class.setCurrentIndex(max(0, self.use_class.findData(key)))
        self.liability.setEditText(self._liability_shown(data.liability))
        self.other_liability.setEditText(self._liability_shown(data.other_party_liability))
        two = data.other_party is not None
        self.two_vehicles.setChecked(two)
        self.other_compulsory.setChecked(data.other_party_compulsory is not False)
        self._two_vehicles(two)
        self.water_level.setCurrentIndex(max(0, self.water_level.findData(data.water_level)))
        self.immersion.setCurrentIndex(max(0, self.immersion.findData(data.immersion)))
        self.engine_restarted.setChecked(bool(data.engine_restarted))

    def _liability_typed(self, box: QComboBox) -> str | None:
        text = box.currentText().strip()
        by_word = {word: name for name, word in self.liability_words().items()}
        return by_word.get(text, text) or None

    def document(self) -> dict[str, object]:
        """The typed values as the settlement fields of an ``estimate/1`` document."""

        def typed(name: str) -> str | None:
            text = getattr(self, name).text().strip().replace(",", "").replace("，", "")
            return text.removeprefix("¥").strip() or None

        vehicle = {
            "new_price": typed("new_price"),
            "registered_on": typed("registered_on"),
            "use_class": self.use_class.currentData(),
        }
        policy = {
            key: typed(key) for key in ("vehicle_damage_sum_insured", "third_party_limit")
        } | {"deductible": typed("deductible")}
        document: dict[str, object] = {
            "vehicle": {k: v for k, v in vehicle.items() if v is not None},
            "policy": {k: v for k, v in policy.items() if v is not None},
        }
        for key, value in (
            ("loss_on", typed("loss_on")),
            ("liability", self._liability_typed(self.liability)),
            ("total_loss_salvage", typed("total_loss_salvage")),
        ):
            if value is not None:
                document[key] = value
        if self.two_vehicles.isChecked():
            other: dict[str, object] = {"compulsory": self.other_compulsory.isChecked()}
            if (other_liability := self._liability_typed(self.other_liability)) is not None:
                other["liability"] = other_liability
            document["other_party"] = other
        if flood := self._flood_document():
            document["flood"] = flood
        return document

    def _flood_document(self) -> dict[str, object]:
        """The flood record: engine restarted is said (yes or no) once the case was flooded."""
        flood: dict[str, object] = {
            key: box.currentData()
            for key, box in (("water_level", self.water_level), ("immersion", self.immersion))
            if box.currentData() is not None
        }
        if flood or self.engine_restarted.isChecked():
            flood["engine_restarted"] = self.engine_restarted.isChecked()
        return flood

    def show_problems(self, problems: list[Problem]) -> None:
        """Mark each refused field and say every problem in words, field by field."""
        widgets = self.field_widgets()
        said = []
        for problem in problems:
            names = PATH_FIELDS.get(problem.path or "", ())
            if problem.code == "settlement.loss_before_registration":
                names = ("loss_on", "registered_on")  # either may be the wrong one
            for name in names:
                widgets[name].setStyleSheet(REFUSED_STYLE)
            label = self.labels.get(names[0], "") if names else ""
            reason = problem.reason("zh" if self.locale().name().startswith("zh") else "en")
            said.append(f"{label}: {reason}" if label else reason)
        self.message.setText("\n".join(said))
        if problems and (names := PATH_FIELDS.get(problems[0].path or "", ())):
            widgets[names[0]].setFocus()

    # --- saving -------------------------------------------------------------------------

    def save(self) -> bool:
        """Check the values as the import does and store them; on any refusal the dialog
        stays open with them, the refused ones marked."""
        if self.refusal is not None:
            return False
        for widget in self.field_widgets().values():
            widget.setStyleSheet("")
        data, problems = settlement_from_document(self.document())
        if problems:
            self.show_problems(problems)
            return False
        _, stored = self.runner.run(lambda: self._saving(data), key="save")
        if stored is None:
            return False
        self.saved.emit(stored)
        self.accept()
        return True

    def _saving(self, data: CaseSettlement) -> CaseSettlement | None:
        try:
            return settlement.set_case_settlement(self.engine, self.case_id, data, self.user)
        except SettlementInvalid as invalid:
            self.show_problems(invalid.problems)
            return None


def open_settlement(editor: EstimateEditor) -> SettlementDialog | None:
    """Open the editor's case's vehicle value and policy; the payout follows a save. None
    without a case or when it cannot be read (the editor's message line says why)."""
    if (stored := editor.stored) is None:
        return None
    case_id = stored.case_id
    _, dialog = editor.runner.run(
        lambda: SettlementDialog(editor.engine, case_id, editor.user, editor), key="settlement"
    )
    if dialog is not None:
        dialog.saved.connect(lambda _data: editor.reload())
        dialog.open()
    return dialog

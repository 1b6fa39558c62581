"""Small entry dialogs for the lines the assessor types in: material (辅料), sublet (外修),
towing (施救费), a part not in the catalog (手工配件), the salvage (残值), and the reason of an
override. Enter or Ctrl+Enter confirms, Esc cancels; a bad number is refused in place and
the dialog stays open with what was typed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.entry_values import Refusal, parse_entry
from estimator.domain.field_rules import FIELD_RULES, field_problem
from estimator.domain.pricing import salvage_above
from kernel.problems import Problem


@dataclass(frozen=True)
class Field:
    """One field of an entry dialog: ``number`` is a key of entry_values.BOUNDS, or "" for
    text (checked by the field rules when ``name`` has one); ``required`` text must not be
    blank; ``maximum`` bounds a number by what it depends on (the salvage by the total)."""

    name: str
    label: str
    number: str = ""
    initial: str = ""
    required: bool = True
    maximum: Decimal | None = None


def _above(field: Field, value: Decimal) -> Problem:
    """Why ``value`` is more than the field may hold."""
    top = field.maximum or Decimal(0)
    if field.number == "salvage":
        return salvage_above(value, top)
    return Problem("above_maximum", params={"maximum": f"{top:,}"})


class EntryDialog(QDialog):
    """Asks for a few values; ``values`` holds them (text, or Decimal) once accepted."""

    def __init__(self, title: str, fields: list[Field], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields = fields
        self.values: dict[str, str | Decimal] = {}
        self.edits: dict[str, QLineEdit] = {}
        #: Why the values were not taken, said in place.
        self.error = QLabel()
        form = QFormLayout()
        for field in fields:
            edit = QLineEdit(field.initial)
            edit.setObjectName(f"entry-{field.name}")
            if field.number:
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textEdited.connect(lambda _text: self.error.clear())
            form.addRow(field.label, edit)
            self.edits[field.name] = edit
        self.error.setObjectName("entry-error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("OK (Enter)"))
        ok.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm)
        first = next(iter(self.edits.values()), None)
        if first is not None:
            first.selectAll()
            self.setFocusProxy(first)

    def confirm(self) -> None:
        """Take the values, or say in place what is wrong and keep the dialog open."""
        zh = self.locale().name().startswith("zh")
        values: dict[str, str | Decimal] = {}
        for field in self.fields:
            edit = self.edits[field.name]
            text = edit.text().strip()
            if field.number:
                parsed = parse_entry(text, field.number)
                if isinstance(parsed, Refusal):
                    self._refuse(edit, parsed.message("zh" if zh else "en"))
                    return
                if field.maximum is not None and parsed > field.maximum:
                    self._refuse(edit, _above(field, parsed).reason("zh" if zh else "en"))
                    return
                values[field.name] = parsed
            elif field.required and not text:
                self._refuse(edit, self.tr("Fill in: %1").replace("%1", field.label))
                return
            elif field.name in FIELD_RULES and (problem := field_problem(field.name, text)):
                self._refuse(edit, f"{field.label}: {problem.reason('zh' if zh else 'en')}")
                return
            else:
                values[field.name] = text
        self.values = values
        self.accept()

    def _refuse(self, edit: QLineEdit, message: str) -> None:
        self.error.setStyleSheet("color: #c62828;")  # the salvage form's note was grey
        self.error.setText(message)
        self.adjustSize()  # a longer message wraps onto lines the dialog must make room for
        edit.setFocus()
        edit.selectAll()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Enter in any field confirms (QDialog would press the default button the same way;
        # said here so that it also holds when a field has no default button near it).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm()
            return
        super().keyPressEvent(event)


class EntryForms:
    """The dialogs of each entered kind, worded in one translation context."""

    def tr(self, text: str) -> str:
        """Translate (context: EntryForms)."""
        return QCoreApplication.translate("EntryForms", text)

    def material(self, parent: QWidget) -> EntryDialog:
        """辅料: description, quantity, unit price."""
        return EntryDialog(
            self.tr("Material"),
            [
                Field("description", self.tr("Description")),
                Field("qty", self.tr("Quantity"), "qty", "1"),
                Field("unit_price", self.tr("Unit price"), "unit_price"),
            ],
            parent,
        )

    def amount_line(self, parent: QWidget, towing: bool) -> EntryDialog:
        """外修 or 施救费: description and amount (towing starts as 拖车, the usual one)."""
        return EntryDialog(
            self.tr("Towing") if towing else self.tr("Sublet"),
            [
                Field("description", self.tr("Description"), "", self.tr("Tow") if towing else ""),
                Field("amount", self.tr("Amount"), "amount"),
            ],
            parent,
        )

    def free_part(self, parent: QWidget, description: str = "") -> EntryDialog:
        """A part not in the catalog: description, quantity, hand price and the reason."""
        return EntryDialog(
            self.tr("Part not in catalog"),
            [
                Field("description", self.tr("Description"), "", description),
                Field("qty", self.tr("Quantity"), "qty", "1"),
                Field("unit_price", self.tr("Unit price"), "unit_price"),
                Field("reason", self.tr("Why not from the catalog")),
            ],
            parent,
        )

    def salvage(
        self,
        parent: QWidget,
        initial: Decimal | None,
        suggestion: Decimal,
        total: Decimal | None = None,
    ) -> EntryDialog:
        """残值: the amount deducted, prefilled with the engine's suggestion; at most
        ``total``, what it is deducted from."""
        dialog = EntryDialog(
            self.tr("Salvage"),
            [
                Field(
                    "salvage",
                    self.tr("Salvage (deducted)"),
                    "salvage",
                    f"{initial if initial is not None else suggestion:.2f}",
                    maximum=total,
                )
            ],
            parent,
        )
        dialog.error.setText(
            self.tr("Suggested from the replaced parts: %1").replace("%1", f"{suggestion:,.2f}")
        )
        dialog.error.setStyleSheet("color: #555;")
        return dialog

    def reason(self, parent: QWidget, label: str) -> EntryDialog:
        """Why a looked-up value (price, hours, panels) is overridden."""
        return EntryDialog(
            self.tr("Override reason"),
            [Field("reason", self.tr("Why is the %1 changed?").replace("%1", label))],
            parent,
        )

"""保单: the policy values of a flood settlement entered or corrected on the screen (the same
values as the rules workbook's policy sheet). A value that cannot be taken is said beside the
form, and the dialog stays open with everything typed."""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.entry_values import Refusal, parse_entry
from estimator.domain.flood_settlement import Policy, VatBasis, check_policy
from kernel.money import ZERO
from kernel.problems import Language

#: A rate as typed: a plain decimal (0.05 is 5 %).
RATE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")


class FloodPolicyDialog(QDialog):
    """Sum insured, deductible (amount and rate), rescue and debris costs, book value and the
    VAT basis; ``policy`` is the result (None: the policy was removed)."""

    def __init__(
        self, policy: Policy | None, language: Language = "zh", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.language: Language = language
        self.policy = policy
        self.setWindowTitle(self.tr("Policy"))
        self.edits: dict[str, QLineEdit] = {}
        self.names: dict[str, str] = {}
        form = QFormLayout()
        for key, label, hint in (
            ("sum_insured", self.tr("Sum insured"), ""),
            ("deductible_amount", self.tr("Deductible amount"), self.tr("blank: none")),
            ("deductible_rate", self.tr("Deductible rate"), self.tr("0.05 is 5 %")),
            ("rescue_costs", self.tr("Rescue costs"), self.tr("blank: none")),
            ("debris_costs", self.tr("Debris removal"), self.tr("blank: not covered")),
            ("book_value", self.tr("Book value of the stock"), self.tr("blank: the counted stock")),
        ):
            edit = QLineEdit()
            edit.setPlaceholderText(hint)
            self.edits[key] = edit
            self.names[key] = label
            form.addRow(label, edit)
        self.vat = QComboBox()
        self.vat.addItem(self.tr("Costs include VAT"), VatBasis.INCLUDED)
        self.vat.addItem(self.tr("Costs exclude VAT"), VatBasis.EXCLUDED)
        form.addRow(self.tr("VAT basis"), self.vat)
        self.why = QLabel()
        self.why.setStyleSheet("color: #c62828;")
        self.why.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.remove = buttons.addButton(
            self.tr("Remove the policy"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.remove.setEnabled(policy is not None)
        self.remove.clicked.connect(self._remove)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.why)
        layout.addWidget(buttons)
        self._show(policy)

    def _show(self, policy: Policy | None) -> None:
        if policy is None:
            return
        shown = {
            "sum_insured": policy.sum_insured,
            "deductible_amount": policy.deductible_amount,
            "deductible_rate": policy.deductible_rate,
            "rescue_costs": policy.rescue_costs,
            "debris_costs": policy.debris_costs,
            "book_value": policy.book_value,
        }
        for key, value in shown.items():
            self.edits[key].setText("" if value is None else format(value, "f"))
        self.vat.setCurrentIndex(max(self.vat.findData(policy.vat_basis), 0))

    def _amount(self, key: str) -> Decimal | str | None:
        """The typed amount (None: blank), or why it cannot be taken."""
        text = self.edits[key].text().strip()
        if not text:
            return None
        if key == "deductible_rate":
            if not RATE.fullmatch(text):
                return self.tr("%1: enter a plain decimal such as 0.05.").replace(
                    "%1", self.names[key]
                )
            return Decimal(text)
        value = parse_entry(text, "amount")
        if isinstance(value, Refusal):
            return f"{self.names[key]}: {value.message(self.language)}"
        return value

    def entered(self) -> Policy | str:
        """The policy typed, or why it cannot be taken (the first reason)."""
        values: dict[str, Decimal | None] = {}
        for key in self.edits:
            value = self._amount(key)
            if isinstance(value, str):
                return value
            values[key] = value
        sum_insured = values["sum_insured"]
        if sum_insured is None:
            return self.tr("%1: required.").replace("%1", self.names["sum_insured"])
        vat = self.vat.currentData()
        policy = Policy(
            sum_insured=sum_insured,
            deductible_amount=values["deductible_amount"] or ZERO,
            deductible_rate=values["deductible_rate"] or ZERO,
            rescue_costs=values["rescue_costs"] or ZERO,
            debris_costs=values["debris_costs"],
            vat_basis=vat if isinstance(vat, VatBasis) else VatBasis.INCLUDED,
            book_value=values["book_value"],
        )
        problems = check_policy(policy)
        if problems:
            first = problems[0]
            name = self.names.get(first.column or "", "")
            return f"{name}: {first.reason(self.language)}" if name else first.reason(self.language)
        return policy

    def _accept(self) -> None:
        entered = self.entered()
        if isinstance(entered, str):
            self.why.setText(entered)  # the dialog stays open with what was typed
            return
        self.policy = entered
        self.accept()

    def _remove(self) -> None:
        self.policy = None
        self.accept()

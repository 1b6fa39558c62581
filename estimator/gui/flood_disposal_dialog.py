"""处置: the adjuster's disposal of one lot of a flood assessment, chosen in a small dialog.

Each option is listed with its net (loss less salvage), the cheapest marked as the proposal;
a damaged sale's discount rate or buyer's quote is entered here and the options follow as it
is typed. Another option than the proposal needs a reason: the dialog says so as soon as that
option is picked, and refuses OK without one, keeping everything typed.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.entry_values import Refusal, parse_entry
from estimator.domain.flood import LayerState
from estimator.domain.flood_disposal import (
    Disposal,
    DisposalChoice,
    DisposalOption,
    check_choices,
    dispose,
)
from estimator.domain.flood_lots import LotAssessment
from estimator.gui.flood_models import money
from estimator.gui.models import tr
from kernel.problems import Language

#: A rate as typed: a plain decimal (0.35 is 35 % of the lot's value lost).
RATE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")


def state_words() -> dict[str, str]:
    """A lot's state as a word of the UI's language."""
    return {
        LayerState.PARTIAL.value: tr("Partly wet"),
        LayerState.SUBMERGED.value: tr("Submerged"),
        LayerState.COLLAPSED.value: tr("Collapsed"),
    }


def disposal_words() -> dict[DisposalOption, str]:
    """A disposal option as a word of the UI's language."""
    return {
        DisposalOption.RECONDITION: tr("Recondition"),
        DisposalOption.DAMAGED_SALE: tr("Damaged-goods sale"),
        DisposalOption.WRITE_OFF: tr("Write-off"),
    }


class FloodDisposalDialog(QDialog):
    """One lot's options with their nets, the proposal marked, the sale's price and the
    reason; ``choice`` is the result (None: nothing recorded, the proposal applies)."""

    def __init__(
        self,
        assessed: LotAssessment,
        salvage_ratio: Decimal,
        current: DisposalChoice | None = None,
        default_discount: Decimal | None = None,
        language: Language = "zh",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.assessed, self.salvage_ratio = assessed, salvage_ratio
        self.default_discount, self.language = default_discount, language
        self.choice: DisposalChoice | None = current
        self.setWindowTitle(self.tr("Disposal of the lot"))
        self.setMinimumWidth(420)
        lot = assessed.lot
        heading = QLabel(
            self.tr("%1 · %2 · %3 · %4 units · value ¥%5")
            .replace("%1", lot.category)
            .replace("%2", lot.sku)
            .replace("%3", state_words().get(lot.state.value, lot.state.value))
            .replace("%4", f"{lot.units:,}")
            .replace("%5", money(lot.value))
        )
        heading.setWordWrap(True)
        self.group = QButtonGroup(self)
        self.buttons: dict[DisposalOption, QRadioButton] = {}
        self.nets: dict[DisposalOption, QLabel] = {}
        self.marks: dict[DisposalOption, QLabel] = {}
        grid = QGridLayout()
        head = QLabel(self.tr("Net loss (¥)"))
        head.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(head, 0, 1)
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(16)
        for row, (option, word) in enumerate(disposal_words().items(), start=1):
            button = QRadioButton(word)
            self.group.addButton(button)
            button.toggled.connect(self._follow)
            self.buttons[option] = button
            self.nets[option] = QLabel()
            self.nets[option].setAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.marks[option] = QLabel()
            self.marks[option].setStyleSheet("color: #2e7d32; font-weight: bold;")
            grid.addWidget(button, row, 0)
            grid.addWidget(self.nets[option], row, 1)
            grid.addWidget(self.marks[option], row, 2)
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(
            self.tr("0.35 is 35 % of the value lost")
            if default_discount is None
            else self.tr("blank: the category's %1").replace("%1", str(default_discount))
        )
        self.quote = QLineEdit()
        self.quote.setPlaceholderText(self.tr("wins over the rate"))
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        form = QFormLayout()
        form.addRow(self.tr("Sale discount rate"), self.rate)
        form.addRow(self.tr("Buyer's quote (¥)"), self.quote)
        form.addRow(self.tr("Reason"), self.reason)
        self.why = QLabel()
        self.why.setStyleSheet("color: #c62828;")
        self.why.setWordWrap(True)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self._accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.why)
        layout.addWidget(box)
        self._fill(current)
        for edit in (self.rate, self.quote, self.reason):
            edit.textChanged.connect(self._follow)

    def _fill(self, current: DisposalChoice | None) -> None:
        if current is not None:
            for edit, value in ((self.rate, current.discount_rate), (self.quote, current.quote)):
                edit.setText("" if value is None else format(value, "f"))
            self.reason.setText(current.reason)
        disposal = self._disposal(self._prices())
        chosen = disposal.proposed if current is None or current.choice is None else current.choice
        self.buttons[chosen].setChecked(True)
        self._follow()

    def chosen(self) -> DisposalOption:
        """The option picked."""
        return next(o for o, b in self.buttons.items() if b.isChecked())

    def _prices(self) -> tuple[Decimal | None, Decimal | None] | str:
        """The typed discount rate and quote (None: blank), or why one cannot be taken."""
        rate_text, quote_text = self.rate.text().strip(), self.quote.text().strip()
        rate = quote = None
        if rate_text:
            if not RATE.fullmatch(rate_text) or Decimal(rate_text) > 1:
                return self.tr("Discount rate: enter a decimal between 0 and 1, such as 0.35.")
            rate = Decimal(rate_text)
        if quote_text:
            value = parse_entry(quote_text.replace(",", ""), "amount")
            if isinstance(value, Refusal):
                name = self.tr("Buyer's quote")
                return f"{name}: {value.message(self.language)}"
            quote = value
        return rate, quote

    def _candidate(self, prices: tuple[Decimal | None, Decimal | None]) -> DisposalChoice:
        lot = self.assessed.lot
        rate, quote = prices
        return DisposalChoice(*lot.key, self.chosen(), self.reason.text().strip(), rate, quote)

    def _disposal(self, prices: tuple[Decimal | None, Decimal | None] | str) -> Disposal:
        rate, quote = (None, None) if isinstance(prices, str) else prices
        a = self.assessed
        choice = DisposalChoice(*a.lot.key, None, "", rate, quote)
        return dispose(a.lot, self.salvage_ratio, a.result, choice, self.default_discount)

    def _follow(self) -> None:
        """Show each option's net and the proposal as typed; say at once when a reason is
        needed (the proposal picked again: it is not)."""
        if self.group.checkedButton() is None:
            return
        prices = self._prices()
        disposal = self._disposal(prices)
        for option, label in self.nets.items():
            cost = disposal.option(option)
            label.setText("—" if cost is None else money(cost.net))
            self.marks[option].setText(self.tr("Proposed") if option is disposal.proposed else "")
        if isinstance(prices, str):
            self.why.setText(prices)
        elif self.chosen() is not disposal.proposed and not self.reason.text().strip():
            self.why.setText(self.tr("Not the proposal: enter a reason."))
        else:
            self.why.setText("")

    def entered(self) -> DisposalChoice | str | None:
        """The choice as typed (None: the proposal and nothing else entered), or why it
        cannot be taken."""
        prices = self._prices()
        if isinstance(prices, str):
            return prices
        candidate = self._candidate(prices)
        ratios = {self.assessed.lot.category: self.salvage_ratio}
        defaults = (
            {} if self.default_discount is None else {candidate.category: self.default_discount}
        )
        problems = check_choices([self.assessed], ratios, [candidate], discounts=defaults)
        if problems:
            return problems[0].reason(self.language)
        proposed = self._disposal(prices).proposed
        if candidate.choice is proposed and candidate == DisposalChoice(*candidate.key, proposed):
            return None
        return candidate

    def _accept(self) -> None:
        entered = self.entered()
        if isinstance(entered, str):
            self.why.setText(entered)  # the dialog stays open with what was typed
            return
        self.choice = entered
        self.accept()

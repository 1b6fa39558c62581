"""The editor's totals rail: 换件, 工时, 喷漆, 辅料, 外修, 施救, 管理费, −残值, 合计 with 大写
beneath, the tier, and the repair-or-replace advice card with the action that applies it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.pricing import PricedEstimate
from estimator.gui.models import TIER_TEXT


class TotalsRail(QWidget):
    """Totals that update with every change, and the advice card of the selected line."""

    #: The user asked to apply the advice shown (button or the A key on the lines).
    apply_advice = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        names = (
            ("parts", self.tr("Parts")),
            ("labor", self.tr("Labor")),
            ("paint", self.tr("Paint")),
            ("material", self.tr("Material")),
            ("sublet", self.tr("Sublet")),
            ("towing", self.tr("Towing")),
            ("management_fee", self.tr("Management fee")),
            ("salvage", self.tr("− Salvage")),
            ("total", self.tr("Total")),
        )
        self.labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for row, (name, text) in enumerate(names):
            caption = QLabel(text)
            value = QLabel("0.00")
            value.setObjectName(f"total-{name}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if name == "total":
                caption.setStyleSheet("font-weight: bold;")
                value.setStyleSheet("font-weight: bold; font-size: 14pt;")
            grid.addWidget(caption, row, 0)
            grid.addWidget(value, row, 1)
            self.labels[name] = value
        self.words = QLabel()
        self.words.setObjectName("total-words")
        self.words.setWordWrap(True)
        self.words.setStyleSheet("font-weight: bold;")
        self.words.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.tier = QLabel()
        self.tier.setAlignment(Qt.AlignmentFlag.AlignRight)
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(4, 4, 4, 4)
        self.advice = QLabel()
        self.advice.setObjectName("advice")
        self.advice.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Apply the advice (A)"))
        self.apply_button.setToolTip(
            self.tr(
                "Turn the selected replace into repair, or the repair into replace (one undo step)"
            )
        )
        self.apply_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.apply_button.hide()
        self.apply_button.clicked.connect(self.apply_advice)
        card_layout.addWidget(QLabel(self.tr("Repair or replace")))
        card_layout.addWidget(self.advice)
        card_layout.addWidget(self.apply_button)
        # The selected line's notes in full: the lines' notes column cuts long ones short.
        notes_card = QFrame()
        notes_card.setFrameShape(QFrame.Shape.StyledPanel)
        notes_layout = QVBoxLayout(notes_card)
        notes_layout.setContentsMargins(4, 4, 4, 4)
        # A read-only text box: it wraps a long note (a label in the rail would not grow)
        # and scrolls one longer than its six lines.
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("line-notes")
        self.notes.setReadOnly(True)
        self.notes.setFrameShape(QFrame.Shape.NoFrame)
        self.notes.setStyleSheet("background: transparent;")
        self.notes.setMaximumHeight(self.fontMetrics().lineSpacing() * 6 + 8)
        notes_layout.addWidget(QLabel(self.tr("Notes of the selected line")))
        notes_layout.addWidget(self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.words)
        layout.addWidget(self.tier)
        layout.addWidget(card)
        layout.addWidget(notes_card)
        layout.addStretch(1)

    def add_below_words(self, widget: QWidget) -> None:
        """Place ``widget`` under the amount in words (the case total of several objects)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.words) + 1, widget)

    def show_totals(self, priced: PricedEstimate | None) -> None:
        """Every figure of a priced estimate (zeros when there is none)."""
        for name, label in self.labels.items():
            value = getattr(priced.totals, name) if priced and priced.totals else Decimal("0.00")
            label.setText(f"{value:,.2f}")
        self.words.setText(priced.total_in_words if priced else "")
        self.tier.setText(
            self.tr("Tier: %1").replace("%1", self.tr(TIER_TEXT[priced.tier.value]))
            if priced and priced.tier
            else ""
        )

    def show_advice(self, text: str, can_apply: bool) -> None:
        """The advice of the selected line ("" for none) and whether it can be applied."""
        self.advice.setText(text)
        self.apply_button.setVisible(can_apply)

    def show_notes(self, text: str) -> None:
        """The selected line's notes in full ("" when no line is selected or it has none)."""
        self.notes.setPlainText(text)

    def clear_line(self) -> None:
        """No line is selected: no advice, no notes."""
        self.show_advice("", False)
        self.show_notes("")

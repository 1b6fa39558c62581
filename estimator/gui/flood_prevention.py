"""The flood screen's prevention what-if: the proposed base height on a slider, and the loss
raising every base to it would have avoided."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.flood import Prevention, WaterDepth, default_proposed_height
from estimator.gui.flood_models import money


class PreventionPanel(QGroupBox):
    """防灾防损: the proposed base height (the default follows the depth until moved)."""

    #: The user moved the height, or put it back to the default.
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Prevention: raise every base to"))
        self._follow_default = True
        self._setting_slider = False  # the screen places the slider: not the user's move
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 200)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(10)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(10)
        self.slider.valueChanged.connect(self._slider_moved)
        self.proposed_label = QLabel()
        self.proposed_label.setMinimumWidth(110)
        self.what_if = QLabel()
        self.what_if.setWordWrap(True)
        reset = QPushButton(self.tr("Depth + 10 cm"))
        reset.setToolTip(self.tr("Back to the default: the deepest water + 10 cm"))
        reset.clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        slider_row = QHBoxLayout()
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.proposed_label)
        slider_row.addWidget(reset)
        layout.addLayout(slider_row)
        layout.addWidget(self.what_if)

    def proposed(self) -> Decimal | None:
        """The height chosen (None: the default, the deepest water + 10 cm)."""
        return None if self._follow_default else Decimal(self.slider.value())

    def height_at(self, water: WaterDepth) -> Decimal:
        """The height assessed at this depth: the one chosen, or the default."""
        chosen = self.proposed()
        return default_proposed_height(water) if chosen is None else chosen

    def set_proposed(self, cm: Decimal | None, top: Decimal) -> None:
        """Show a saved choice (None: follow the default), the slider reaching ``top`` cm."""
        self._follow_default = cm is None
        self._place(lambda: self.slider.setMaximum(math.ceil(top)))
        if cm is not None:
            self._place(lambda: self.slider.setValue(round(cm)))

    def follow(self, water: WaterDepth) -> None:
        """While the default is proposed, move the slider to this depth's default."""
        if self._follow_default:
            self._place(lambda: self.slider.setValue(round(default_proposed_height(water))))

    def show_height(self, cm: Decimal) -> None:
        """Say the height being assessed beside the slider."""
        self.proposed_label.setText(f"{cm.normalize():f} cm")

    def show_prevention(self, prevention: Prevention | None) -> None:
        """Say what the height would have avoided (None: nothing assessed)."""
        if prevention is None:
            self.what_if.setText("")
            return
        self.what_if.setText(
            self.tr(
                "With every base at %1 cm the loss would be ¥%2: raising the stacks would have avoided ¥%3."
            )
            .replace("%1", f"{prevention.proposed_base_height_cm.normalize():f}")
            .replace("%2", money(prevention.loss))
            .replace("%3", money(prevention.avoided))
        )

    def reset(self) -> None:
        """Propose the default height again (it follows the depth from now on)."""
        self._follow_default = True
        self.changed.emit()

    def _place(self, move: Callable[[], None]) -> None:
        self._setting_slider = True
        try:
            move()
        finally:
            self._setting_slider = False

    def _slider_moved(self, _value: int) -> None:
        if self._setting_slider:
            return
        self._follow_default = False
        self.changed.emit()

"""The customer's signature, drawn on the screen with a mouse, finger or pen."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QTabletEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from estimator.services.documents import SigningFacts

PEN = QPen(
    Qt.GlobalColor.black,
    2.5,
    Qt.PenStyle.SolidLine,
    Qt.PenCapStyle.RoundCap,
    Qt.PenJoinStyle.RoundJoin,
)


class SignaturePad(QWidget):
    """Strokes drawn here become a transparent PNG placed into the estimate sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(420, 160)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.strokes: list[list[QPointF]] = []

    def clear(self) -> None:
        """Start again."""
        self.strokes = []
        self.update()

    def is_empty(self) -> bool:
        """Whether nothing has been drawn."""
        return not any(len(stroke) > 1 for stroke in self.strokes)

    def add_stroke(self, points: list[QPointF]) -> None:
        """Add a stroke (tests and input devices without mouse events)."""
        self.strokes.append(list(points))
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.strokes.append([event.position()])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.strokes and event.buttons() & Qt.MouseButton.LeftButton:
            self.strokes[-1].append(event.position())
            self.update()

    def tabletEvent(self, event: QTabletEvent) -> None:
        if event.type() == QTabletEvent.Type.TabletPress:
            self.strokes.append([event.position()])
        elif self.strokes:
            self.strokes[-1].append(event.position())
        event.accept()
        self.update()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(PEN)
        for stroke in self.strokes:
            for start, end in pairwise(stroke):
                painter.drawLine(start, end)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(Qt.GlobalColor.lightGray, 1, Qt.PenStyle.DashLine))
        painter.drawLine(20, self.height() - 30, self.width() - 20, self.height() - 30)
        self._paint(painter)
        painter.end()

    def png(self) -> bytes:
        """The signature alone (transparent background) as PNG bytes."""
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._paint(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs miss the QIODevice overload with a str format
        return bytes(data.data())


class CustomerSignatureDialog(QDialog):
    """The customer checks the sheet with the assessor and signs here, seeing the claim,
    their name and the total in figures and in capital numerals (大写)."""

    def __init__(self, parent: QWidget | None = None, facts: SigningFacts | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Customer signature"))
        self.pad = SignaturePad()
        clear = QPushButton(self.tr("Clear"))
        clear.clicked.connect(self.pad.clear)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        #: The facts shown above the pad (claim, customer, total): empty without ``facts``.
        self.facts: list[QLabel] = []
        if facts is not None:
            amount = f"{facts.total:,.2f}"
            self.facts = [
                QLabel(self.tr("Claim no.: %1").replace("%1", facts.claim_no)),
                QLabel(self.tr("Customer: %1").replace("%1", facts.insured_name)),
                QLabel(
                    self.tr("Approved total: ¥%1 (%2)")
                    .replace("%1", amount)
                    .replace("%2", facts.total_in_words)
                ),
            ]
            self.facts[-1].setObjectName("signature-total")
            self.facts[-1].setStyleSheet("font-weight: bold;")
            for label in self.facts:
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                layout.addWidget(label)
        layout.addWidget(
            QLabel(self.tr("I have checked the items and amounts of the estimate sheet."))
        )
        layout.addWidget(self.pad)
        row = QHBoxLayout()
        row.addWidget(clear)
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

    def _accept(self) -> None:
        if not self.pad.is_empty():
            self.accept()

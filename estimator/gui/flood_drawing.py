"""The stacks drawn to scale: layers coloured and patterned by state, the base, the water line
and the proposed base height, in a grid that paints only what is in view (10^5 stacks)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolTip, QWidget

from estimator.domain.flood import LayerState, StackAssessment

#: Okabe–Ito colours (told apart with the common colour-vision deficiencies), each with a
#: pattern of its own so that no state is told by colour alone.
STATE_COLOURS: Mapping[LayerState, str] = {
    LayerState.DRY: "#e6e6e6",
    LayerState.PARTIAL: "#f0e442",
    LayerState.SUBMERGED: "#d55e00",
    LayerState.COLLAPSED: "#cc79a7",
}
STATE_PATTERNS: Mapping[LayerState, Qt.BrushStyle] = {
    LayerState.DRY: Qt.BrushStyle.NoBrush,
    LayerState.PARTIAL: Qt.BrushStyle.BDiagPattern,
    LayerState.SUBMERGED: Qt.BrushStyle.Dense5Pattern,
    LayerState.COLLAPSED: Qt.BrushStyle.DiagCrossPattern,
}
WATER = QColor(0, 114, 178)
BASE = QColor("#8c6d46")
PROPOSED = QColor("#009e73")
#: Bottom to top: the order in which a stack's states stand.
UPWARD = (LayerState.SUBMERGED, LayerState.PARTIAL, LayerState.COLLAPSED, LayerState.DRY)

CELL_WIDTH = 96
CELL_HEIGHT = 190
LABEL_HEIGHT = 34
TOP_GAP = 8


def fill_state(painter: QPainter, rect: QRectF, state: LayerState) -> None:
    """Paint a layer (or a legend swatch) in a state's colour and pattern."""
    painter.fillRect(rect, QColor(STATE_COLOURS[state]))
    pattern = STATE_PATTERNS[state]
    if pattern is not Qt.BrushStyle.NoBrush:
        painter.fillRect(rect, QBrush(QColor(0, 0, 0, 110), pattern))


def swatch(state: LayerState | None, size: int = 16) -> QPixmap:
    """A legend swatch of a state (None: the water)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    rect = QRectF(0.5, 0.5, size - 1, size - 1)
    if state is None:
        painter.fillRect(rect, QColor(WATER.red(), WATER.green(), WATER.blue(), 70))
        painter.setPen(QPen(WATER, 2))
        painter.drawLine(0, size // 3, size, size // 3)
    else:
        fill_state(painter, rect, state)
        painter.setPen(QPen(QColor("#444444")))
        painter.drawRect(rect)
    painter.end()
    return pixmap


@dataclass(frozen=True)
class DrawnStack:
    """What the drawing needs of one assessed stack (made only for the stacks in view)."""

    location: str
    zone: str | None
    base_cm: Decimal
    carton_cm: Decimal
    depth_cm: Decimal
    #: Layers per state, bottom state first (from the assessment's lines).
    layers: tuple[tuple[LayerState, int], ...]


def drawn(assessment: StackAssessment) -> DrawnStack:
    """The drawing of one assessed stack."""
    counts = {line.state: line.layers for line in assessment.lines}
    s = assessment.stack
    return DrawnStack(
        s.location,
        s.zone,
        s.base_height_cm,
        s.carton_height_cm,
        assessment.depth_cm,
        tuple((state, counts[state]) for state in UPWARD if counts.get(state)),
    )


def top_cm(stacks: Sequence[StackAssessment], proposed_cm: Decimal | None) -> float:
    """The height the drawing's scale must reach: the highest stack top, water or proposal."""
    tops = [
        float(a.stack.base_height_cm + a.stack.carton_height_cm * a.stack.layers) for a in stacks
    ]
    tops += [float(a.depth_cm) for a in stacks]
    if proposed_cm is not None:
        tops.append(float(proposed_cm))
    return max([1.0, *tops]) * 1.05


class StackGrid(QWidget):
    """Every stack side by side, drawn to one vertical scale; painted only where visible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stacks: Sequence[StackAssessment] = ()
        self.proposed_cm: Decimal | None = None
        #: Makes a stack's tooltip (the screen's words for the states).
        self.tooltip: Callable[[StackAssessment], str] = lambda a: a.stack.location
        self.columns = 1
        self._top_cm = 1.0
        self.setMouseTracking(True)
        self.setMinimumWidth(CELL_WIDTH)

    def set_stacks(
        self, stacks: Sequence[StackAssessment], top: float, proposed_cm: Decimal | None
    ) -> None:
        """Show these stacks to a scale reaching ``top`` cm (see :func:`top_cm`); the
        proposed base height is drawn as a dashed line."""
        self.stacks = stacks
        self.proposed_cm = proposed_cm
        self._top_cm = top
        self._layout()
        self.update()

    def set_proposed(self, proposed_cm: Decimal | None) -> None:
        """Move the dashed line of the proposed base height."""
        self.proposed_cm = proposed_cm
        self.update()

    def _layout(self) -> None:
        self.columns = max(1, self.width() // CELL_WIDTH)
        rows = -(-len(self.stacks) // self.columns)
        self.setMinimumHeight(max(CELL_HEIGHT, rows * CELL_HEIGHT))

    def sizeHint(self) -> QSize:
        return QSize(CELL_WIDTH * 8, CELL_HEIGHT * 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._layout()
        super().resizeEvent(event)

    def cell(self, index: int) -> QRect:
        """Where stack ``index`` is drawn."""
        row, column = divmod(index, self.columns)
        return QRect(column * CELL_WIDTH, row * CELL_HEIGHT, CELL_WIDTH, CELL_HEIGHT)

    def index_at(self, point: QPoint) -> int | None:
        """The stack under a point, if any."""
        column = point.x() // CELL_WIDTH
        if column >= self.columns:
            return None
        index = (point.y() // CELL_HEIGHT) * self.columns + column
        return index if 0 <= index < len(self.stacks) else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            index = self.index_at(event.pos())
            if index is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip(self.stacks[index]), self)
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().base())
        if not self.stacks:
            painter.end()
            return
        visible = event.rect()
        first_row = max(0, visible.top() // CELL_HEIGHT)
        last_row = visible.bottom() // CELL_HEIGHT
        start = first_row * self.columns
        end = min(len(self.stacks), (last_row + 1) * self.columns)
        for index in range(start, end):
            painter.save()
            self._paint_stack(painter, self.cell(index), drawn(self.stacks[index]))
            painter.restore()
        painter.end()

    def _paint_stack(self, painter: QPainter, cell: QRect, stack: DrawnStack) -> None:
        ground = cell.bottom() - LABEL_HEIGHT
        span = ground - cell.top() - TOP_GAP
        scale = span / self._top_cm

        def level(cm: Decimal) -> float:
            return ground - float(cm) * scale

        left = cell.left() + 18.0
        width = cell.width() - 30.0
        # The water behind the stack, to its depth.
        water_top = level(stack.depth_cm)
        painter.fillRect(
            QRectF(cell.left() + 4.0, water_top, cell.width() - 8.0, ground - water_top),
            QColor(WATER.red(), WATER.green(), WATER.blue(), 45),
        )
        # The base (pallet or platform).
        if stack.base_cm > 0:
            base = QRectF(left - 3, level(stack.base_cm), width + 6, float(stack.base_cm) * scale)
            painter.fillRect(base, BASE)
            painter.fillRect(base, QBrush(QColor(255, 255, 255, 90), Qt.BrushStyle.HorPattern))
        # The layers, bottom up; one outline per layer when there is room for it.
        height = float(stack.carton_cm) * scale
        bottom = level(stack.base_cm)
        painter.setPen(QPen(QColor("#555555"), 0.6))
        for state, count in stack.layers:
            block = QRectF(left, bottom - height * count, width, height * count)
            fill_state(painter, block, state)
            if height >= 3:
                for k in range(count):
                    painter.drawRect(QRectF(left, bottom - height * (k + 1), width, height))
            else:
                painter.drawRect(block)
            bottom -= height * count
        # The water line on top of everything, with its depth.
        painter.setPen(QPen(WATER, 2))
        painter.drawLine(
            QPoint(cell.left() + 2, round(water_top)), QPoint(cell.right() - 2, round(water_top))
        )
        small = painter.font()
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.75))
        painter.setFont(small)
        # The depth in the margin left of the stack, just under the line.
        painter.drawText(
            QRectF(cell.left(), water_top + 1, left - cell.left() - 2, 13),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
            f"{stack.depth_cm.normalize():f}",
        )
        if self.proposed_cm is not None:
            proposed = level(self.proposed_cm)
            pen = QPen(PROPOSED, 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(
                QPoint(cell.left() + 2, round(proposed)), QPoint(cell.right() - 2, round(proposed))
            )
        # The ground and the location below it.
        painter.setPen(QPen(QColor("#333333"), 1))
        painter.drawLine(QPoint(cell.left() + 4, ground), QPoint(cell.right() - 4, ground))
        label = QRectF(cell.left() + 2, ground + 2, cell.width() - 4, LABEL_HEIGHT - 4)
        font = painter.font()
        font.setPointSizeF(small.pointSizeF() / 0.75)
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        text = metrics.elidedText(stack.location, Qt.TextElideMode.ElideRight, int(label.width()))
        painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        if stack.zone:
            font.setBold(False)
            painter.setFont(small)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, stack.zone
            )


class Legend(QWidget):
    """What each colour and pattern means, in words."""

    def __init__(
        self, names: Mapping[LayerState, str], water: str, base: str, proposed: str
    ) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        entries: list[tuple[QPixmap, str]] = [(swatch(s), names[s]) for s in UPWARD[::-1]]
        entries.append((swatch(None), water))
        base_pixmap = QPixmap(16, 16)
        base_pixmap.fill(BASE)
        entries.append((base_pixmap, base))
        dashed = QPixmap(16, 16)
        dashed.fill(Qt.GlobalColor.transparent)
        painter = QPainter(dashed)
        painter.setPen(QPen(PROPOSED, 2, Qt.PenStyle.DashLine))
        painter.drawLine(0, 8, 16, 8)
        painter.end()
        entries.append((dashed, proposed))
        self.labels: list[QLabel] = []
        for pixmap, text in entries:
            icon = QLabel()
            icon.setPixmap(pixmap)
            label = QLabel(text)
            layout.addWidget(icon)
            layout.addWidget(label)
            layout.addSpacing(10)
            self.labels.append(label)
        layout.addStretch(1)

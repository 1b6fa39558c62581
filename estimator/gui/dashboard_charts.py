"""The dashboard's charts, drawn with QPainter: grouped bars (with a target per bar) and lines.

Neither QtCharts (PySide6-Addons) nor pyqtgraph is a dependency of the workstation; these two
small widgets draw what the dashboard needs and keep their data readable for tests. The
module loads with the dashboard only (main_window imports the dashboard when it first opens).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

#: One colour per series (and per group), distinguishable in print and on screen.
PALETTE = ("#2f6db5", "#e08a2c", "#3a9a5b", "#b0413e", "#7b5ea7", "#5b8c99")
TARGET_COLOUR = "#c0392b"
GRID_COLOUR = "#dddddd"


@dataclass(frozen=True)
class Series:
    """A named row of values, one per category (None: no figure)."""

    name: str
    values: tuple[float | None, ...]


def nice_top(value: float) -> float:
    """The least round number (1, 2, 3, 4, 6 or 8 times a power of ten: quarters read round) at or
    above ``value``, so that the axis reads in round steps."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0) if m * power >= value)


def _plain(value: float) -> str:
    return f"{value:,.1f}"


class Chart(QWidget):
    """What both charts share: a title, a legend, a value axis and the plot area."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.value_text: Callable[[float], str] = _plain
        #: A fixed top of the value axis (1.0 for ratios); None: from the data.
        self.top: float | None = None
        self.setMinimumSize(280, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _legend(self) -> list[tuple[str, QColor, bool]]:
        """(text, colour, dashed) of each legend entry."""
        return [
            (s.name, QColor(PALETTE[i % len(PALETTE)]), False) for i, s in enumerate(self.series)
        ]

    def _extra_values(self) -> list[float]:
        return []

    def _scale_top(self) -> float:
        if self.top is not None:
            return self.top
        values = [v for s in self.series for v in s.values if v is not None]
        highest = max([*values, *self._extra_values(), 0.0])
        return nice_top(highest * 1.08) if highest > 0 else 1.0

    def _legend_places(self) -> tuple[list[tuple[float, float, str, QColor, bool]], float]:
        """Where each legend entry goes (x, y, text, colour, dashed); the y below the legend."""
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        places = []
        x, y = 8.0, line + 8.0
        for text, colour, dashed in self._legend():
            width = 18 + metrics.horizontalAdvance(text) + 14
            if x + width > self.width() and x > 8:
                x, y = 8.0, y + line + 2
            places.append((x, y, text, colour, dashed))
            x += width
        return places, (y + line + 6 if places else y)

    def plot_rect(self) -> QRectF:
        """The plot area: below the title and the legend, right of the value axis."""
        metrics = QFontMetrics(self.font())
        axis_width = max(
            metrics.horizontalAdvance(self.value_text(self._scale_top() * k / 4)) for k in range(5)
        )
        _places, top = self._legend_places()
        top += metrics.height() / 2  # room for the value over the highest bar
        bottom = self.height() - metrics.height() - 8
        return QRectF(axis_width + 12, top, self.width() - axis_width - 20, bottom - top)

    def _frame(self, painter: QPainter) -> QRectF:
        """Draw the title and the legend; the plot area that is left."""
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        text_colour = self.palette().windowText().color()
        painter.setPen(text_colour)
        title_font = self.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(
            QRectF(0, 2, self.width(), line + 4), Qt.AlignmentFlag.AlignHCenter, self.title
        )
        painter.setFont(self.font())
        places, _below = self._legend_places()
        for x, y, text, colour, dashed in places:
            if dashed:
                painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x, y + line / 2), QPointF(x + 14, y + line / 2))
            else:
                painter.fillRect(QRectF(x, y + 3, 14, line - 6), colour)
            painter.setPen(text_colour)
            painter.drawText(QPointF(x + 18, y + metrics.ascent()), text)
        return self.plot_rect()

    def _axis(self, painter: QPainter, plot: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        top = self._scale_top()
        for k in range(5):
            y = plot.bottom() - plot.height() * k / 4
            painter.setPen(QPen(QColor(GRID_COLOUR), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(self.palette().windowText().color())
            text = self.value_text(top * k / 4)
            painter.drawText(
                QPointF(
                    plot.left() - 6 - metrics.horizontalAdvance(text), y + metrics.ascent() / 2 - 1
                ),
                text,
            )

    def _y(self, plot: QRectF, value: float) -> float:
        return plot.bottom() - plot.height() * min(value, self._scale_top()) / self._scale_top()

    def _category_labels(self, painter: QPainter, plot: QRectF) -> None:
        metrics = QFontMetrics(self.font())
        band = plot.width() / max(len(self.categories), 1)
        painter.setPen(self.palette().windowText().color())
        for index, category in enumerate(self.categories):
            text = metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(band) - 2)
            x = plot.left() + band * index + (band - metrics.horizontalAdvance(text)) / 2
            painter.drawText(QPointF(x, plot.bottom() + metrics.ascent() + 4), text)

    def _empty(self, painter: QPainter, plot: QRectF, text: str) -> None:
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, text)


class BarChart(Chart):
    """Grouped bars per category, a value over each bar, optionally a target mark per category;
    clicking a category emits its key (an assessor's name, for the drill-down)."""

    category_clicked = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.keys: list[str] = []
        #: The target of each category (None: none), drawn as a dashed mark across its bars.
        self.targets: list[float | None] = []
        self.target_name = ""
        #: The text over each bar, per series and category (default: the value's text).
        self.bar_labels: list[list[str]] = []
        #: A colour per category (one series coloured by group, say); empty: per series.
        self.colours: list[str] = []
        #: The legend's (text, colour) entries when the colours are per category.
        self.legend: list[tuple[str, str]] = []
        self.empty_text = ""
        #: A line under the tip of every category (what clicking does).
        self.hint = ""

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        *,
        keys: Sequence[str] | None = None,
        targets: Sequence[float | None] = (),
        target_name: str = "",
        bar_labels: Sequence[Sequence[str]] = (),
        colours: Sequence[str] = (),
        legend: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Show new figures."""
        self.categories = list(categories)
        self.keys = list(keys) if keys is not None else list(categories)
        self.series = list(series)
        self.targets = list(targets)
        self.target_name = target_name
        self.bar_labels = [list(row) for row in bar_labels]
        self.colours = list(colours)
        self.legend = list(legend)
        self.update()

    def _legend(self) -> list[tuple[str, QColor, bool]]:
        if self.legend:
            entries = [(text, QColor(colour), False) for text, colour in self.legend]
        else:
            entries = super()._legend() if len(self.series) > 1 else []
        if any(t is not None for t in self.targets):
            entries.append((self.target_name, QColor(TARGET_COLOUR), True))
        return entries

    def _extra_values(self) -> list[float]:
        return [t for t in self.targets if t is not None]

    def _band(self, plot: QRectF) -> float:
        return plot.width() / max(len(self.categories), 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._frame(painter)
        self._axis(painter, plot)
        if not self.categories:
            self._empty(painter, plot, self.empty_text)
            return
        metrics = QFontMetrics(self.font())
        band = self._band(plot)
        count = max(len(self.series), 1)
        width = min(band * 0.7 / count, 48.0)
        for index in range(len(self.categories)):
            # The bars with a figure, centred in their category (a clock one group has not).
            shown = self._shown(index)
            start = plot.left() + band * index + (band - width * max(len(shown), 1)) / 2
            for slot, (s_index, value) in enumerate(shown):
                left = start + width * slot
                bar = QRectF(
                    left, self._y(plot, value), width - 2, plot.bottom() - self._y(plot, value)
                )
                painter.fillRect(bar, self._colour(s_index, index))
                text = self._label(s_index, index, value)
                painter.setPen(self.palette().windowText().color())
                painter.drawText(
                    QPointF(
                        left + (width - 2 - metrics.horizontalAdvance(text)) / 2, bar.top() - 3
                    ),
                    text,
                )
            target = self.targets[index] if index < len(self.targets) else None
            if target is not None:
                painter.setPen(QPen(QColor(TARGET_COLOUR), 2, Qt.PenStyle.DashLine))
                y = self._y(plot, target)
                painter.drawLine(
                    QPointF(start - 4, y), QPointF(start + width * max(len(shown), 1) + 2, y)
                )
        self._category_labels(painter, plot)

    def _shown(self, index: int) -> list[tuple[int, float]]:
        """(series, value) of the bars with a figure in category ``index``."""
        return [
            (s_index, value)
            for s_index, series in enumerate(self.series)
            if index < len(series.values) and (value := series.values[index]) is not None
        ]

    def _colour(self, series: int, category: int) -> QColor:
        if self.colours and category < len(self.colours):
            return QColor(self.colours[category])
        return QColor(PALETTE[series % len(PALETTE)])

    def _label(self, series: int, category: int, value: float) -> str:
        if series < len(self.bar_labels) and category < len(self.bar_labels[series]):
            return self.bar_labels[series][category]
        return self.value_text(value)

    def category_at(self, x: float) -> int | None:
        """The category under the horizontal position ``x`` (None: outside the plot)."""
        plot = self.plot_rect()
        if not self.categories or not plot.left() <= x <= plot.right():
            return None
        return min(int((x - plot.left()) / self._band(plot)), len(self.categories) - 1)

    def category_centre(self, index: int) -> QPointF:
        """Where category ``index`` is drawn (for clicking it)."""
        plot = self.plot_rect()
        return QPointF(plot.left() + self._band(plot) * (index + 0.5), plot.center().y())

    def tip_at(self, x: float) -> str:
        """The tip over a category: its whole name (a label may be cut short), its figures,
        and the chart's hint."""
        index = self.category_at(x)
        if index is None:
            return self.hint
        figures = [self._label(s, index, v) for s, v in self._shown(index)]
        lines = [
            f"{self.categories[index]}: {' / '.join(figures)}"
            if figures
            else self.categories[index]
        ]
        return "\n".join([*lines, self.hint] if self.hint else lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tip_at(event.pos().x()), self)
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.category_at(event.position().x())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.category_clicked.emit(self.keys[index])
        super().mousePressEvent(event)


class LineChart(Chart):
    """A line per series over the categories (months), with optional horizontal target lines."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        #: (name, value) of each target line, coloured as the series of the same index.
        self.target_lines: list[tuple[str, float]] = []
        self.empty_text = ""

    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        *,
        target_lines: Sequence[tuple[str, float]] = (),
    ) -> None:
        """Show new figures."""
        self.categories = list(categories)
        self.series = list(series)
        self.target_lines = list(target_lines)
        self.update()

    def _legend(self) -> list[tuple[str, QColor, bool]]:
        lines = [
            (n, QColor(PALETTE[i % len(PALETTE)]), True)
            for i, (n, _v) in enumerate(self.target_lines)
        ]
        return [*super()._legend(), *lines]

    def _extra_values(self) -> list[float]:
        return [v for _n, v in self.target_lines]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._frame(painter)
        self._axis(painter, plot)
        if not self.categories:
            self._empty(painter, plot, self.empty_text)
            return
        band = plot.width() / len(self.categories)
        for index, (_name, value) in enumerate(self.target_lines):
            painter.setPen(QPen(QColor(PALETTE[index % len(PALETTE)]), 1, Qt.PenStyle.DashLine))
            y = self._y(plot, value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        for s_index, series in enumerate(self.series):
            colour = QColor(PALETTE[s_index % len(PALETTE)])
            points = [
                (QPointF(plot.left() + band * (i + 0.5), self._y(plot, v)), v)
                for i, v in enumerate(series.values)
                if v is not None
            ]
            painter.setPen(QPen(colour, 2))
            for (a, _va), (b, _vb) in pairwise(points):
                painter.drawLine(a, b)
            for point, value in points:
                painter.setBrush(colour)
                painter.drawEllipse(point, 3.5, 3.5)
                painter.drawText(QPointF(point.x() + 5, point.y() - 5), self.value_text(value))
        self._category_labels(painter, plot)

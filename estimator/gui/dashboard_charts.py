"""The dashboard's charts on pyqtgraph: grouped bars (with a target per category) and lines.

Each chart keeps what it shows (categories, series, targets, the value axis's ticks) readable
for tests. pyqtgraph (and numpy under it) is imported when the first chart is built, that is
when the dashboard opens: start-up does not load it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

#: One colour per series (and per group), distinguishable in print and on screen.
PALETTE = ("#2f6db5", "#e08a2c", "#3a9a5b", "#b0413e", "#7b5ea7", "#5b8c99")
TARGET_COLOUR = "#c0392b"
#: The target lines of a line chart (the large-case group's, the ordinary group's).
TARGET_COLOURS = (TARGET_COLOUR, "#8e44ad")
TEXT_COLOUR = "#333333"
AXIS_COLOUR = "#888888"
GRID_ALPHA = 0.25
BACKGROUND = "#ffffff"


@dataclass(frozen=True)
class Series:
    """A named row of values, one per category (None: no figure)."""

    name: str
    values: tuple[float | None, ...]


def nice_step(highest: float, *, whole: bool = False, steps: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten; whole numbers for counts) that
    reaches ``highest`` in about ``steps`` steps."""
    if highest <= 0:
        return 1.0 if whole else 0.25
    rough = highest / steps
    power = 10.0 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= rough * 0.999)
    return max(step, 1.0) if whole else step


def value_ticks(highest: float, *, whole: bool = False) -> list[float]:
    """The value axis's ticks from 0 to the first at or above ``highest``, in round steps."""
    step = nice_step(highest, whole=whole)
    count = max(math.ceil(highest / step - 1e-9), 1)
    return [round(step * k, 10) for k in range(count + 1)]


def decimals(step: float) -> int:
    """The decimal places that write every multiple of ``step`` exactly (0.25 → 2)."""
    exponent = Decimal(str(round(step, 10))).normalize().as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def tick_text(value: float, step: float, *, percent: bool = False) -> str:
    """A tick's text with as many places as its step needs (0, 0.25, 0.5 … or 0%, 25% …)."""
    if percent:
        return f"{value * 100:,.{decimals(step * 100)}f}%"
    return f"{value:,.{decimals(step)}f}"


def _plain(value: float) -> str:
    return f"{value:,.1f}"


def _pg() -> Any:
    """pyqtgraph, loaded here so that it loads with the first chart, not at start-up."""
    import pyqtgraph  # type: ignore[import-untyped]  # no type information shipped

    pyqtgraph.setConfigOptions(antialias=True, background=BACKGROUND, foreground=TEXT_COLOUR)
    return pyqtgraph


class Chart(QWidget):
    """What both charts share: a title, a pyqtgraph plot with a legend and a value axis."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg = _pg()
        self.title = title
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.value_text: Callable[[float], str] = _plain
        #: Axis ticks as percentages (ratios) and whole numbers only (counts, yuan).
        self.percent = False
        self.whole = False
        #: A fixed top of the value axis (1.0 for ratios); None: from the data.
        self.top: float | None = None
        self.empty_text = ""
        #: The value axis's ticks as (value, text), and the categories' labels, as last drawn.
        self.ticks: list[tuple[float, str]] = []
        self.category_labels: list[tuple[float, str]] = []
        self.heading = QLabel(title)
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.plot_widget: Any = pg.PlotWidget(background=BACKGROUND)
        self.plot_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.showGrid(x=False, y=True, alpha=GRID_ALPHA)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(AXIS_COLOUR))
            axis.setTextPen(pg.mkPen(TEXT_COLOUR))
            axis.setStyle(tickFont=QFont(self.font()))
        self.legend = self.plot.addLegend(offset=(-4, 4), labelTextColor=TEXT_COLOUR)
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 210))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.plot_widget, 1)
        self.setMinimumSize(280, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # -- shared drawing --------------------------------------------------------------------

    def _clear(self) -> None:
        self.plot.clear()
        self.legend.clear()

    def _legend_entry(self, text: str, colour: str, *, dashed: bool = False) -> None:
        pg = _pg()
        if dashed:
            sample = pg.PlotDataItem(pen=pg.mkPen(colour, width=2, style=Qt.PenStyle.DashLine))
        else:
            sample = pg.BarGraphItem(x=[0], height=[0], width=1, brush=colour, pen=None)
        self.legend.addItem(sample, text)
        # The entries side by side along the top, over the headroom left for them.
        self.legend.setColumnCount(max(len(self.legend.items), 1))

    def _value_axis(self, highest: float) -> None:
        """Round ticks from 0 to the top, written with the places their step needs."""
        top = self.top if self.top is not None else highest * 1.12
        ticks = value_ticks(top, whole=self.whole)
        step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
        self.ticks = [(t, tick_text(t, step, percent=self.percent)) for t in ticks]
        self.plot.getAxis("left").setTicks([self.ticks, []])
        # Headroom over the top tick for the figures over the bars and the legend; a margin
        # under 0 so that its tick is written.
        self.plot.setYRange(-ticks[-1] * 0.03, ticks[-1] * 1.2, padding=0)

    def _category_axis(self) -> None:
        """The categories under their bars or points, cut short to their band."""
        metrics = QFontMetrics(self.font())
        band = max(int(self.plot_widget.width() / max(len(self.categories), 1)) - 6, 24)
        # Many short categories (the months of a long period): every k-th labelled, whole.
        widest = max(metrics.horizontalAdvance(c) for c in self.categories) + 8
        every = max(math.ceil(widest / band), 1) if len(self.categories) > 12 else 1
        labels = [
            (float(i), metrics.elidedText(c, Qt.TextElideMode.ElideRight, band * every))
            for i, c in enumerate(self.categories)
            if i % every == 0
        ]
        self.category_labels = labels
        self.plot.getAxis("bottom").setTicks([labels, []])
        self.plot.setXRange(-0.5, max(len(self.categories), 1) - 0.5, padding=0.02)

    def _empty(self) -> None:
        pg = _pg()
        self._value_axis(0.0)
        self.plot.getAxis("bottom").setTicks([[], []])
        self.plot.setXRange(0, 1, padding=0)
        placeholder = pg.TextItem(self.empty_text, color=AXIS_COLOUR, anchor=(0.5, 0.5))
        placeholder.setPos(0.5, self.ticks[-1][0] / 2)
        self.plot.addItem(placeholder)

    def _label(self, text: str, x: float, y: float, *, beside: bool = False) -> None:
        """A figure written over (or right of) its bar or point."""
        pg = _pg()
        item = pg.TextItem(text, color=TEXT_COLOUR, anchor=(0.0, 0.5) if beside else (0.5, 1.0))
        item.setFont(QFont(self.font()))
        item.setPos(x, y)
        self.plot.addItem(item)

    def category_at(self, x: float) -> int | None:
        """The category under the plot's horizontal position ``x`` (in categories' units)."""
        index = round(x)
        if not self.categories or abs(x - index) > 0.5 or not 0 <= index < len(self.categories):
            return None
        return index

    def category_centre(self, index: int) -> QPoint:
        """Where category ``index`` is drawn, in the plot widget's viewport (to click it)."""
        view = self.plot.getViewBox()
        low, high = view.viewRange()[1]
        scene = view.mapViewToScene(QPointF(float(index), (low + high) / 2))
        point: QPoint = self.plot_widget.mapFromScene(scene)
        return point

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.categories:
            self._category_axis()


class BarChart(Chart):
    """Grouped bars per category, a figure over each bar, optionally a target mark per
    category; clicking a category emits its key (an assessor's name, for the drill-down)."""

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
        #: A colour per series (each group its own); empty: the palette's.
        self.series_colours: list[str] = []
        #: The legend's (text, colour) entries when the colours are per category.
        self.legend_entries: list[tuple[str, str]] = []
        #: A line under the tip of every category (what clicking does).
        self.hint = ""
        scene = self.plot_widget.scene()
        scene.sigMouseClicked.connect(self._clicked)
        scene.sigMouseMoved.connect(self._moved)

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
        series_colours: Sequence[str] = (),
        legend: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Show new figures."""
        self.categories = list(categories)
        self.series_colours = list(series_colours)
        self.keys = list(keys) if keys is not None else list(categories)
        self.series = list(series)
        self.targets = list(targets)
        self.target_name = target_name
        self.bar_labels = [list(row) for row in bar_labels]
        self.colours = list(colours)
        self.legend_entries = list(legend)
        self._draw()

    def _draw(self) -> None:
        pg = _pg()
        self._clear()
        if not self.categories:
            self._empty()
            return
        values = [v for s in self.series for v in s.values if v is not None]
        self._value_axis(max([*values, *(t for t in self.targets if t is not None), 0.0]))
        count = max(len(self.series), 1)
        width = min(0.7 / count, 0.45)
        xs, heights, brushes = [], [], []
        for index in range(len(self.categories)):
            # The bars with a figure, centred in their category (a clock one group has not).
            shown = self._shown(index)
            first = index - width * (len(shown) - 1) / 2
            for slot, (s_index, value) in enumerate(shown):
                x = first + width * slot
                xs.append(x)
                heights.append(value)
                brushes.append(pg.mkBrush(self._colour(s_index, index)))
                self._label(self._text(s_index, index, value), x, value)
            target = self.targets[index] if index < len(self.targets) else None
            if target is not None:
                half = width * max(len(shown), 1) / 2 + 0.06
                self.plot.addItem(
                    pg.PlotDataItem(
                        [index - half, index + half],
                        [target, target],
                        pen=pg.mkPen(TARGET_COLOUR, width=2, style=Qt.PenStyle.DashLine),
                    )
                )
        if xs:
            bars = pg.BarGraphItem(
                x=xs, height=heights, width=width * 0.92, brushes=brushes, pen=pg.mkPen(None)
            )
            self.plot.addItem(bars)
        self._legend_entries()
        self._category_axis()

    def _legend_entries(self) -> None:
        if self.legend_entries:
            for text, colour in self.legend_entries:
                self._legend_entry(text, colour)
        elif len(self.series) > 1 or self.series_colours:
            for i, s in enumerate(self.series):
                self._legend_entry(s.name, self._colour(i, -1).name())
        if any(t is not None for t in self.targets):
            self._legend_entry(self.target_name, TARGET_COLOUR, dashed=True)

    def _shown(self, index: int) -> list[tuple[int, float]]:
        """(series, value) of the bars with a figure in category ``index``."""
        return [
            (s_index, value)
            for s_index, series in enumerate(self.series)
            if index < len(series.values) and (value := series.values[index]) is not None
        ]

    def _colour(self, series: int, category: int) -> QColor:
        if self.colours and 0 <= category < len(self.colours):
            return QColor(self.colours[category])
        if series < len(self.series_colours):
            return QColor(self.series_colours[series])
        return QColor(PALETTE[series % len(PALETTE)])

    def _text(self, series: int, category: int, value: float) -> str:
        if series < len(self.bar_labels) and category < len(self.bar_labels[series]):
            return self.bar_labels[series][category]
        return self.value_text(value)

    def tip(self, index: int | None) -> str:
        """The tip over a category: its whole name (a label may be cut short), its figures,
        and the chart's hint."""
        if index is None:
            return self.hint
        figures = [self._text(s, index, v) for s, v in self._shown(index)]
        name = self.categories[index]
        lines = [f"{name}: {' / '.join(figures)}" if figures else name]
        return "\n".join([*lines, self.hint] if self.hint else lines)

    def _view_x(self, scene_pos: QPointF) -> float | None:
        view = self.plot.getViewBox()
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        return float(view.mapSceneToView(scene_pos).x())

    def _moved(self, scene_pos: QPointF) -> None:
        x = self._view_x(scene_pos)
        self.plot_widget.setToolTip(self.tip(None if x is None else self.category_at(x)))

    def _clicked(self, event: Any) -> None:
        x = self._view_x(event.scenePos())
        index = None if x is None else self.category_at(x)
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.category_clicked.emit(self.keys[index])


class LineChart(Chart):
    """A line per series over the categories (months), with optional horizontal target lines."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        #: (name, value) of each target line, drawn dashed.
        self.target_lines: list[tuple[str, float]] = []

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
        self._draw()

    def _draw(self) -> None:
        pg = _pg()
        self._clear()
        if not self.categories:
            self._empty()
            return
        values = [v for s in self.series for v in s.values if v is not None]
        self._value_axis(max([*values, *(v for _n, v in self.target_lines), 0.0]))
        for index, series in enumerate(self.series):
            colour = PALETTE[index % len(PALETTE)]
            points = [(float(i), v) for i, v in enumerate(series.values) if v is not None]
            line = pg.PlotDataItem(
                [x for x, _v in points],
                [v for _x, v in points],
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolSize=7,
                symbolBrush=colour,
                symbolPen=None,
                name=series.name,
            )
            self.plot.addItem(line)
            for x, value in points:
                # The second line's figures right of its points, apart from the first's.
                self._label(self.value_text(value), x, value, beside=index % 2 == 1)
        for index, (name, value) in enumerate(self.target_lines):
            colour = TARGET_COLOURS[index % len(TARGET_COLOURS)]
            pen = pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine)
            self.plot.addItem(pg.InfiniteLine(pos=value, angle=0, pen=pen))
            self._legend_entry(name, colour, dashed=True)
        self._category_axis()

"""The team load test's curve as a small PNG: throughput and p95 latency against the number
of assessors, drawn with Qt's QPainter offscreen (the project has no plotting library).

``python -m benchmarks.team_plot OUT.png RUN.json …``: each RUN.json is the ``--json`` output
of one ``python -m benchmarks --only team`` run."""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Point:
    """One run's figures on the curve."""

    assessors: int
    saves: float  # per minute
    submissions: float
    approvals: float
    save_p95: float  # ms
    submit_p95: float


def point(results: list[dict[str, object]]) -> Point:
    """The figures of one run's JSON results."""
    by_name = {str(r["name"]): r for r in results}
    size = re.match(r"(\d+) assessors", str(by_name["team_saves_per_min"]["detail"]))
    assert size is not None

    def value(name: str) -> float:
        return float(by_name[name]["value"]) if name in by_name else 0.0  # type: ignore[arg-type]

    return Point(
        int(size.group(1)),
        value("team_saves_per_min"),
        value("team_submissions_per_min"),
        value("team_approvals_per_min"),
        value("team_save_p95"),
        value("team_submit_p95"),
    )


def _nice(highest: float) -> float:
    """A round top for an axis that holds ``highest``: 1, 2 or 5 times a power of ten."""
    if highest <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(highest))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= highest)


def draw(points: list[Point], path: Path) -> None:
    """Two panels: per-minute throughput, and p95 latency of a save and a submission."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    points = sorted(points, key=lambda p: p.assessors)
    width, height = 900, 340
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(QFont("Sans", 9))
    panels = [
        (
            "throughput per minute",
            [("saves", "#1f77b4", "saves"), ("submissions", "#2ca02c", "submissions"),
             ("approvals", "#d62728", "approvals")],
        ),
        ("p95 latency, ms", [("save", "#1f77b4", "save_p95"), ("submit", "#9467bd", "submit_p95")]),
    ]  # fmt: skip
    xs = [p.assessors for p in points]
    for index, (title, series) in enumerate(panels):
        frame = QRectF(60 + index * 450, 30, 360, 250)
        top = _nice(max(max(getattr(p, key) for p in points) for _l, _c, key in series))
        painter.setPen(QPen(QColor("#444"), 1))
        painter.drawRect(frame)
        painter.drawText(
            QRectF(frame.left(), 5, frame.width(), 20), Qt.AlignmentFlag.AlignCenter, title
        )

        def at(x: float, y: float, frame: QRectF = frame, top: float = top) -> QPointF:
            share = (x - min(xs)) / ((max(xs) - min(xs)) or 1)
            return QPointF(
                frame.left() + share * frame.width(), frame.bottom() - y / top * frame.height()
            )

        for step in range(5):  # the value axis
            y = top * step / 4
            spot = at(min(xs), y)
            painter.setPen(QPen(QColor("#ddd"), 1))
            painter.drawLine(QPointF(frame.left(), spot.y()), QPointF(frame.right(), spot.y()))
            painter.setPen(QColor("#444"))
            painter.drawText(QRectF(frame.left() - 55, spot.y() - 8, 50, 16),
                             Qt.AlignmentFlag.AlignRight, f"{y:,.0f}")  # fmt: skip
        for x in xs:  # the assessors axis
            spot = at(x, 0)
            painter.drawText(QRectF(spot.x() - 20, frame.bottom() + 4, 40, 16),
                             Qt.AlignmentFlag.AlignCenter, str(x))  # fmt: skip
        painter.drawText(QRectF(frame.left(), frame.bottom() + 20, frame.width(), 16),
                         Qt.AlignmentFlag.AlignCenter, "assessors at once")  # fmt: skip
        for number, (label, colour, key) in enumerate(series):
            painter.setPen(QPen(QColor(colour), 2))
            spots = [at(p.assessors, getattr(p, key)) for p in points]
            for first, second in itertools.pairwise(spots):
                painter.drawLine(first, second)
            for spot in spots:
                painter.drawEllipse(spot, 3, 3)
            painter.drawText(QPointF(frame.left() + 8, frame.top() + 16 + 15 * number), label)
    painter.end()
    image.save(str(path))


def main(argv: list[str]) -> int:
    """Read the runs' JSON, draw the curve."""
    out, *runs = argv
    draw([point(json.loads(Path(run).read_text(encoding="utf-8"))) for run in runs], Path(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

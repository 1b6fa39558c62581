"""PySide6 6.12.0 on Python 3.11 loses a reference to None at every void call: guarded."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from estimator.gui.qt_guard import HEADROOM, guard_none_refcount, void_calls_drop_none


def test_many_void_calls_no_longer_end_the_process(qapp) -> None:  # type: ignore[no-untyped-def]
    guarded = guard_none_refcount()
    assert guarded == (sys.version_info < (3, 12) and void_calls_drop_none())
    assert guard_none_refcount() == guarded  # once is enough
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    for _ in range(50_000):  # more than None's own references without the guard
        painter.drawRect(QRectF(1, 1, 5, 5))
    painter.end()
    if guarded:
        assert sys.getrefcount(None) > HEADROOM // 2

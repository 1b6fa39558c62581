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
        # True and False too: pyqtgraph's redraws take references from them.
        assert min(sys.getrefcount(True), sys.getrefcount(False)) > HEADROOM // 2


def test_cyclic_garbage_is_collected_on_the_gui_thread_only(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    import gc
    import threading
    import weakref

    from estimator.gui.qt_guard import collect_on_gui_thread

    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the cyclic collector frees it

    timer = collect_on_gui_thread(qapp, interval_ms=20)
    assert not gc.isenabled() and timer.isActive()
    assert collect_on_gui_thread(qapp) is timer  # once per application

    thresholds = gc.get_threshold()
    collected_in: list[str] = []
    gc.callbacks.append(lambda phase, _info: collected_in.append(threading.current_thread().name))
    try:
        # A worker allocating far past the thresholds collects nothing itself …
        def churn() -> None:
            for _ in range(50_000):
                Node()

        worker = threading.Thread(target=churn, name="worker")
        worker.start()
        worker.join()
        assert "worker" not in collected_in
        # … the GUI thread's timer does, as the automatic collector would have.
        node = Node()
        ref = weakref.ref(node)
        del node
        gc.set_threshold(1, 1, 1)
        qtbot.waitUntil(lambda: ref() is None, timeout=2000)
        assert set(collected_in) == {threading.main_thread().name}
    finally:
        gc.callbacks.pop()
        gc.set_threshold(*thresholds)
        timer.setInterval(500)

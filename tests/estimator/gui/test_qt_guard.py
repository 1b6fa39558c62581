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


def test_the_oldest_generation_waits_for_a_quarter_more_as_in_cpython() -> None:
    """A full collection walks every object that lives on; CPython makes one only once what
    reached the oldest generation since the last is a quarter of what it held then, and the
    GUI thread's collector does the same (it made one every ten middle collections)."""
    import gc

    from estimator.gui import qt_guard

    def full_collections() -> int:
        return int(gc.get_stats()[2]["collections"])

    enabled, thresholds, saved = gc.isenabled(), gc.get_threshold(), dict(qt_guard._long_lived)
    gc.disable()
    gc.set_threshold(1, 1, 1)  # every generation due after a few allocations
    qt_guard._long_lived.update(total=0, pending=0)  # as in a fresh process
    try:
        kept = [[] for _ in range(20_000)]  # a heap that lives on
        before = full_collections()
        for _ in range(50):  # the first full collection comes when it is due
            kept.append([[], []])  # the counts grow with what is kept
            qt_guard.collect_due()
            if full_collections() > before:
                break
        assert full_collections() == before + 1
        total = qt_guard._long_lived["total"]
        assert total >= len(kept)
        survivors, due = [], 0
        for _ in range(20):  # a few objects live on at a time: the oldest stays as it is
            survivors.append([[] for _ in range(10)])
            due = max(due, gc.get_count()[2] - gc.get_threshold()[2])
            qt_guard.collect_due()
        assert due > 0  # its count passed its threshold: only the rule kept it
        assert full_collections() == before + 1
        assert 0 < qt_guard._long_lived["pending"] < total // 4
        survivors.append([[] for _ in range(total // 4)])  # past a quarter: collected
        for _ in range(10):
            survivors.append([[], []])
            qt_guard.collect_due()
            if full_collections() > before + 1:
                break
        assert full_collections() == before + 2
        assert qt_guard._long_lived["pending"] == 0
        assert qt_guard._long_lived["total"] >= total + total // 4
    finally:
        gc.set_threshold(*thresholds)
        qt_guard._long_lived.update(saved)
        if enabled:
            gc.enable()

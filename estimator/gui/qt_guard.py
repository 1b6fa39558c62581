"""A guard against a reference-count bug of PySide6 6.12.0 on Python 3.11.

With that version, a call of a C++ method that returns nothing (``QPainter.drawRect``,
``QLabel.setText``, ``QRectF.setWidth`` …) gives Python back ``None`` without the reference
it owes: every such call takes one reference off ``None`` for good. ``None`` starts with a
few thousand, so a window that paints a few thousand shapes ends the process with "Fatal
Python error: none_dealloc" (the flood screen's stack drawings do that in seconds).
PySide6 6.11.3 does not do it, and from Python 3.12 ``None`` is immortal, so the lost
references no longer matter.

The guard probes for the bug once, and where it is found gives ``None`` as much headroom as
Python 3.12 gives every immortal object (2^40 references, never used up by a session).
Over-counting ``None`` is harmless: it is never freed anyway.
"""

from __future__ import annotations

import ctypes
import gc
import sys

from PySide6.QtCore import QCoreApplication, QRectF, QTimer

#: References given to ``None`` where the bug is found.
HEADROOM = 1 << 40
_state = {"guarded": False}


def void_calls_drop_none() -> bool:
    """Whether calling a void C++ method loses a reference to ``None`` (the bug)."""
    probe = QRectF()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setWidth(1.0)
    return sys.getrefcount(None) <= before - 8


def guard_none_refcount() -> bool:
    """Protect ``None`` when this PySide6 loses references to it; True once guarded."""
    if _state["guarded"] or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _state["guarded"]
    if void_calls_drop_none():
        # CPython ≤ 3.11: ob_refcnt is the first field of every object.
        # True and False lose references the same way (pyqtgraph's charts on the dashboard
        # take dozens per redraw, ending the process with "bool_dealloc"); Python 3.12 makes
        # them immortal too.
        for immortal in (None, True, False):
            count = ctypes.c_ssize_t.from_address(id(immortal))
            count.value += HEADROOM
        _state["guarded"] = True
    return _state["guarded"]


_collector: dict[str, object] = {}


def collect_on_gui_thread(app: QCoreApplication, interval_ms: int = 500) -> QTimer:
    """Run Python's cyclic garbage collector on the GUI thread only; returns its timer.

    CPython collects in whichever thread happens to allocate past the threshold. When that
    is a worker (reading a workbook, pricing, making thumbnails) and the garbage holds Qt
    wrappers made on the GUI thread, they are destroyed on the wrong thread and the process
    can crash: seen as a segmentation fault "Garbage-collecting" inside a worker's XML
    parse. So automatic collection is turned off, and a timer on the GUI thread collects
    each generation whose count has passed its threshold, as the automatic collector would.
    Reference counting still frees everything else at once."""
    timer = _collector.get("timer")
    if isinstance(timer, QTimer):
        return timer
    gc.disable()
    timer = QTimer(app)
    timer.setInterval(interval_ms)
    timer.timeout.connect(collect_due)
    timer.start()
    _collector["timer"] = timer
    return timer


#: CPython's rule for its oldest generation (gcmodule.c, ``long_lived_pending``): a full
#: collection only once the objects that reached it since the last one are a quarter of those
#: it held after it, so a large heap that lives on (a catalog's parts, the window's models) is
#: not walked again every ten younger collections. ``total`` is counted after each full
#: collection, ``pending`` adds up what each middle collection moved on.
_long_lived = {"total": 0, "pending": 0}


def collect_due() -> int:
    """Collect the oldest generation whose count has passed its threshold, as CPython's own
    collector would (the oldest under the rule above); the number of objects found
    unreachable."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    for generation in (2, 1, 0):
        if counts[generation] <= thresholds[generation]:
            continue
        if generation == 2 and _long_lived["pending"] < _long_lived["total"] // 4:
            continue  # CPython too goes on to the younger generations
        return _collect(generation)
    return 0


def _collect(generation: int) -> int:
    if generation == 2:
        found = gc.collect(2)
        _long_lived["total"], _long_lived["pending"] = len(gc.get_objects(2)), 0
        return found
    if generation == 0:
        return gc.collect(0)
    # The middle generation's collection takes the youngest with it; what survives both
    # moves to the oldest.
    young = len(gc.get_objects(0)) + len(gc.get_objects(1))
    found = gc.collect(1)
    _long_lived["pending"] += max(0, young - found)
    return found

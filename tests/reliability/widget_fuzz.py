"""Walking a screen for the places a user types into, and feeding them hostile values: the
machinery of test_fuzz_cells.py (reliability.md, promise 17), kept apart so that the tests
read as the screens they cover."""

from __future__ import annotations

import os
import random
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.reliability.test_fuzz_cli import HOSTILE

#: The CLI's values without its file paths (no cell or field here takes a path but the flood
#: screen's, which reads the file only when asked to load).
VALUES = tuple(v for v in HOSTILE if "folder" not in v and not v.startswith("/"))
_SETTING = os.environ.get("ESTIMATOR_FUZZ_CELL_VALUES", "4")
PER_PLACE = len(VALUES) if _SETTING == "all" else int(_SETTING)
Role = Qt.ItemDataRole


def values_for(place: str) -> list[str]:
    """The values one place is fed: a choice seeded by its name, the same every run."""
    if len(VALUES) <= PER_PLACE:
        return list(VALUES)
    return random.Random(zlib.crc32(place.encode())).sample(VALUES, PER_PLACE)


class Tally:
    """What was fed where, for the figures the README quotes."""

    def __init__(self) -> None:
        self.places: list[str] = []
        self.feeds = 0

    def place(self, name: str) -> list[str]:
        """Count ``name`` as a place and give its values."""
        self.places.append(name)
        values = values_for(name)
        self.feeds += len(values)
        return values


def number(text: str) -> Decimal | None:
    """``text`` as a finite number, or None when it is none."""
    try:
        value = Decimal(text.strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def same_value(stored: object, given: str) -> bool:
    """Whether ``stored`` is ``given`` as typed: the same text, or the same number."""
    if isinstance(stored, str) and stored.strip() == given.strip():
        return True
    typed, kept = number(given), number(str(stored).removesuffix(" h"))
    return typed is not None and kept is not None and typed == kept


@contextmanager
def no_modal_left(said: list[str]) -> Iterator[None]:
    """Closes any modal box a slot opens (recording its text) so that nothing waits on it."""

    def close() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox | QFileDialog):
            said.append(getattr(modal, "text", lambda: modal.windowTitle())())
            modal.close()

    timer = QTimer()
    timer.timeout.connect(close)
    timer.start(50)
    try:
        yield
    finally:
        timer.stop()


def is_combo_popup(view: QAbstractItemView) -> bool:
    """Whether ``view`` is the drop-down list of a combo box."""
    parent = view.parent()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parent()
    return False


def editable_cells(root: QWidget) -> list[tuple[QAbstractItemModel, QModelIndex]]:
    """Every cell of every model shown under ``root`` whose flags say it is editable."""
    models: list[QAbstractItemModel] = []
    for view in root.findChildren(QAbstractItemView):
        if is_combo_popup(view):
            continue  # a combo box's list: chosen from, never edited (the box has no delegate)
        model = view.model()
        while model is not None and hasattr(model, "sourceModel"):
            model = model.sourceModel()
        if model is not None and all(model is not m for m in models):
            models.append(model)
    cells = []
    for model in models:
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                if model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    cells.append((model, index))
    return cells


def writable_fields(root: QWidget) -> list[QWidget]:
    """Every enabled field under ``root`` a user can type into (a spin box's own line edit
    is the spin box's)."""
    found: list[QWidget] = []
    for kind in (QLineEdit, QAbstractSpinBox, QPlainTextEdit):
        for widget in root.findChildren(kind):
            if isinstance(widget.parent(), QAbstractSpinBox):
                continue
            if not widget.isEnabled() or widget.isReadOnly():
                continue
            found.append(widget)
    return found


def field_name(widget: QWidget, position: int) -> str:
    """A field's name, the same every run (it seeds the choice of values): its object name,
    or its type and its place in the walk."""
    owner = widget.parent() if isinstance(widget.parent(), QComboBox) else widget
    assert owner is not None
    return widget.objectName() or f"{type(owner).__name__}#{position}"


def feed_cell(
    qtbot: QtBot, model: QAbstractItemModel, index: QModelIndex, value: str, said: Callable[[], str]
) -> str | None:
    """Give ``value`` to a cell as its delegate would; what went wrong, or None."""
    before = model.data(index, Role.EditRole)
    taken = model.setData(index, value, Role.EditRole)
    qtbot.wait(1)  # queued edits run
    after = model.data(index, Role.EditRole)
    if taken:
        if not same_value(after, value):
            return f"taken as {str(after)[:40]!r}"
        return None
    if after != before:
        return f"refused but changed to {str(after)[:40]!r}"
    if not said():
        return "refused without a message"
    return None


def feed_field(qtbot: QtBot, widget: QWidget, value: str) -> None:
    """Type ``value`` into a field and finish it with Return, as a user would."""
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
        return
    line = widget.lineEdit() if isinstance(widget, QAbstractSpinBox) else widget
    assert isinstance(line, QLineEdit)
    line.setText(value)
    line.textEdited.emit(line.text())
    if isinstance(widget, QAbstractSpinBox):
        widget.interpretText()
    widget.editingFinished.emit()  # type: ignore[attr-defined]
    qtbot.wait(1)


def spin_problem(widget: QAbstractSpinBox, before: object, value: str) -> str | None:
    """A spin box keeps its last value or takes the typed one: never another."""
    assert isinstance(widget, QSpinBox | QDoubleSpinBox)
    now = widget.value()
    if now == before:
        return None
    typed = number(value)
    if typed is None or Decimal(str(now)) != typed:
        return f"took {now!r} for {value[:40]!r}"
    return None


def text_problem(widget: QWidget, value: str) -> str | None:
    """A free field (a search, a filter) holds what was typed, within its length."""
    if isinstance(widget, QLineEdit):
        kept = widget.text()
        if kept != value[: widget.maxLength()]:
            return f"holds {kept[:40]!r}"
    return None


def screen_fields(
    qtbot: QtBot, root: QWidget, tally: Tally, prefix: str, problems: list[str]
) -> None:
    """Feed every free field of a screen: no exception, and it holds what was typed (or a
    spin box its last or the typed value)."""
    for position, widget in enumerate(writable_fields(root)):
        if not widget.isVisible():
            continue
        name = f"{prefix}:{field_name(widget, position)}"
        for value in tally.place(name):
            before = widget.value() if isinstance(widget, QSpinBox | QDoubleSpinBox) else None
            feed_field(qtbot, widget, value)
            if isinstance(widget, QAbstractSpinBox):
                problem = spin_problem(widget, before, value)
            else:
                problem = text_problem(widget, value)
            if problem:
                problems.append(f"{name} {value[:20]!r}: {problem}")
            if isinstance(widget, QLineEdit):
                widget.clear()
                widget.editingFinished.emit()


def screen_cells(
    qtbot: QtBot,
    root: QWidget,
    tally: Tally,
    prefix: str,
    said: Callable[[], str],
    clear: Callable[[], None],
    problems: list[str],
) -> int:
    """Feed every editable cell under ``root``; how many there are."""
    cells = editable_cells(root)
    for model, index in cells:
        name = f"{prefix}:{type(model).__name__}[{index.row()},{index.column()}]"
        for value in tally.place(name):
            clear()
            problem = feed_cell(qtbot, model, model.index(index.row(), index.column()), value, said)
            if problem:
                problems.append(f"{name} {value[:20]!r}: {problem}")
    return len(cells)


# --- forms: one field hostile, the others valid, then OK ---------------------------------


#: What ``kept`` answers when the screen behind a closed form refused the value and said so.
REFUSED_AFTER = object()


def said_in(dialog: QWidget) -> str:
    """Every red text a form shows (its refusals)."""
    return " ".join(
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.text() and "c62828" in label.styleSheet()
    )


def fuzz_form(
    qtbot: QtBot,
    tally: Tally,
    prefix: str,
    open_form: Callable[[], QDialog],
    submit: Callable[[QDialog], object],
    kept: Callable[[QDialog, QWidget], object],
    problems: list[str],
) -> int:
    """Feed each field of the form ``open_form`` opens (prefilled with valid values), one
    value a time, and press OK: the form either stays open saying why, or closes with
    ``kept(dialog, field)`` the value as given (a text within its field rule's length)."""
    first = open_form()
    count = len(writable_fields(first))
    first.reject()
    for position in range(count):
        probe = open_form()
        name = f"{prefix}:{field_name(writable_fields(probe)[position], position)}"
        probe.reject()
        for value in tally.place(name):
            dialog = open_form()
            widget = writable_fields(dialog)[position]
            limit = widget.maxLength() if isinstance(widget, QLineEdit) else len(value)
            feed_field(qtbot, widget, value)
            # A choice box goes back to its choice on Return: what it shows is what is kept.
            reverted = isinstance(widget.parent(), QComboBox) and (
                isinstance(widget, QLineEdit) and widget.text() != value[:limit]
            )
            closed: list[object] = []  # what it kept (read before a closed form is deleted)

            def finished(
                result: int, d: QDialog = dialog, w: QWidget = widget, out: list[object] = closed
            ) -> None:
                if result == QDialog.DialogCode.Accepted:
                    out.append(kept(d, w))

            dialog.finished.connect(finished)
            submit(dialog)
            qtbot.wait(1)
            if closed and (closed[0] is REFUSED_AFTER or reverted):
                continue  # refused by the screen behind the form, which said why; or shown
            if closed:
                if not same_value(closed[0], value[:limit]):
                    problems.append(f"{name} {value[:20]!r}: kept {str(closed[0])[:40]!r}")
                continue
            if not said_in(dialog):
                problems.append(f"{name} {value[:20]!r}: refused without a message")
            dialog.reject()
    return count


def case_field(dialog: Any, widget: QWidget) -> str:
    """The case field a widget of a case form edits (a combo box's line edit is the box's)."""
    return next(f for f, w in dialog.field_widgets().items() if w is widget or w is widget.parent())

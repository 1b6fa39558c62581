"""No traceback reaches a user (reliability.md, promise 17), the GUI half: every editable cell
and field, fed hostile values.

The places are found by walking the real widgets, not from a list: every item model of the
main window (its editor open on a draft), the review desk, the flood screen, the shop invoice
and the entry dialogs (line entry forms, salvage, new case, case details, the reviewer's
amount) whose ``flags()`` say ``ItemIsEditable`` (a combo box's list is chosen from, not
edited), and every enabled, writable ``QLineEdit``, ``QAbstractSpinBox`` and
``QPlainTextEdit`` on them. Each gets values nobody should type
(test_fuzz_cli.py's list, its paths left out) the way a user gives them: a cell through
``setData(index, value, EditRole)`` as the delegate does, a field by its text and then
Return or the form's OK. An exception reaching Qt's event loop or ``sys.excepthook`` fails
the test. The value must be refused (setData False or the form kept open, a message said in
place, nothing stored) or stored as given (a text within its field rule's length), never
rounded to something else (1e-300 is not 0). A choice box (model, region) that goes back to
its choice on Return shows in place what is kept, and counts as refused there.

A seeded choice of ``ESTIMATOR_FUZZ_CELL_VALUES`` values per place (default 4) keeps the run
short; ``ESTIMATOR_FUZZ_CELL_VALUES=all`` feeds every value to every place.
"""

from __future__ import annotations

import os
import random
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
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
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.services import case_list, estimate_store
from estimator.services.users import User
from tests.estimator.gui import conftest as gui
from tests.reliability.test_fuzz_cli import HOSTILE

#: The CLI's values without its file paths (no cell or field here takes a path but the flood
#: screen's, which reads the file only when asked to load).
VALUES = tuple(v for v in HOSTILE if "folder" not in v and not v.startswith("/"))
_SETTING = os.environ.get("ESTIMATOR_FUZZ_CELL_VALUES", "4")
PER_PLACE = len(VALUES) if _SETTING == "all" else int(_SETTING)
Role = Qt.ItemDataRole
#: The GUI tests' fixtures: a copy of the demo database, its assessor signed in.
demo, assessor = gui.demo, gui.assessor


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


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Iterator[Tally]:
    """Counts the places and values, said at the end of the test (-s shows it)."""
    counted = Tally()
    yield counted
    print(f"\n{request.node.name}: {len(counted.places)} places, {counted.feeds} values")


@pytest.fixture
def caught(qtbot: QtBot, capfd: pytest.CaptureFixture[str]) -> Iterator[list[str]]:
    """Fails the test on any exception in a slot or virtual (pytest-qt's capture, which also
    takes sys.excepthook) or a traceback on stderr; yields what modal boxes said."""
    said: list[str] = []
    with qtbot.captureExceptions() as exceptions, no_modal_left(said):
        yield said
    assert exceptions == [], "".join(str(e[1]) for e in exceptions)
    assert "Traceback" not in capfd.readouterr().err


def draft_id(engine: Engine) -> Any:
    """The demo draft with a line of every kind."""
    return next(c for c in case_list.list_cases(engine) if c.claim_no.endswith("0127")).estimate_id


def test_the_main_window_and_its_editor(
    qtbot: QtBot,
    demo: Engine,
    assessor: User,
    tmp_path: Path,
    tally: Tally,
    caught: list[str],
) -> None:
    main = gui.window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    editor.open(draft_id(demo))
    editor.ask_reason = lambda _field: "fuzz: a reason"  # type: ignore[method-assign]
    problems: list[str] = []
    cells = screen_cells(
        qtbot, main, tally, "editor", editor.message.text, editor.message.clear, problems
    )
    assert cells >= 10  # every line kind has one
    screen_fields(qtbot, main, tally, "main", problems)
    assert problems == [], "\n".join(problems)
    stored = estimate_store.load_estimate(demo, editor.estimate_id)
    assert stored.status is EstimateStatus.DRAFT


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


def test_the_line_entry_forms_and_the_salvage(
    qtbot: QtBot,
    demo: Engine,
    assessor: User,
    tmp_path: Path,
    tally: Tally,
    caught: list[str],
) -> None:
    main = gui.window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    editor.open(draft_id(demo))
    actions = editor.line_actions
    valid = {
        "description": "玻璃胶",
        "qty": "2",
        "unit_price": "12.50",
        "amount": "300",
        "reason": "目录无此件",
    }

    def opener(start: Callable[[], None]) -> Callable[[], QDialog]:
        def open_form() -> QDialog:
            start()
            dialog = actions.dialog
            assert dialog is not None
            for field, edit in dialog.edits.items():
                if field in valid:
                    edit.setText(valid[field])
            return dialog

        return open_form

    def kept(dialog: QDialog, widget: QWidget) -> object:
        return dialog.values[widget.objectName().removeprefix("entry-")]  # type: ignore[attr-defined]

    problems: list[str] = []
    forms = {
        "material": actions.material,
        "sublet": lambda: actions.amount_line(towing=False),
        "towing": lambda: actions.amount_line(towing=True),
        "free part": actions.free_part,
        "salvage": actions.salvage,
    }
    fields = sum(
        fuzz_form(qtbot, tally, name, opener(start), lambda d: d.confirm(), kept, problems)
        for name, start in forms.items()
    )
    assert fields == 12  # material 3, sublet 2, towing 2, free part 4, salvage 1
    assert problems == [], "\n".join(problems)


def case_field(dialog: Any, widget: QWidget) -> str:
    """The case field a widget of a case form edits (a combo box's line edit is the box's)."""
    return next(f for f, w in dialog.field_widgets().items() if w is widget or w is widget.parent())


def test_the_case_form_and_the_case_details(
    qtbot: QtBot,
    demo: Engine,
    assessor: User,
    tally: Tally,
    caught: list[str],
) -> None:
    from estimator.gui.case_details import CaseDetailsDialog
    from estimator.gui.dialogs import NewCaseDialog
    from estimator.services.case_details import case_details

    case_id = next(c for c in case_list.list_cases(demo) if c.claim_no.endswith("0127")).case_id
    valid = dict(case_details(demo, case_id).values)

    def new_case() -> QDialog:
        dialog = NewCaseDialog(None, (), engine=demo)
        qtbot.addWidget(dialog)
        dialog.set_values(valid)
        dialog.show()
        return dialog

    def details() -> QDialog:
        dialog = CaseDetailsDialog(demo, case_id, assessor)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    def stored(dialog: QDialog, widget: QWidget) -> object:
        return case_details(demo, case_id).values[case_field(dialog, widget)]

    problems: list[str] = []
    typed = lambda d, w: d.values()[case_field(d, w)]  # noqa: E731
    fields = fuzz_form(qtbot, tally, "new case", new_case, lambda d: d.accept(), typed, problems)
    fields += fuzz_form(qtbot, tally, "case details", details, lambda d: d.save(), stored, problems)
    assert fields >= 14  # claim no., plate, VIN, model, insured, phone, shop, region: twice
    assert problems == [], "\n".join(problems)


def test_the_review_desk_and_the_reviewed_amount(
    qtbot: QtBot, demo: Engine, tmp_path: Path, tally: Tally, caught: list[str]
) -> None:
    from estimator.services.demo import DEMO_USERS
    from estimator.services.users import authenticate

    password = {name: p for name, _d, _r, p in DEMO_USERS}["li"]
    main = gui.window(qtbot, demo, authenticate(demo, "li", password), tmp_path)
    desk = main.desk
    assert desk is not None and desk.viewer.estimate_id is not None
    main.tabs.setCurrentWidget(desk)
    viewer = desk.viewer
    problems: list[str] = []
    screen_fields(qtbot, desk, tally, "desk", problems)
    cells = screen_cells(
        qtbot, desk, tally, "desk", viewer.message.text, viewer.message.clear, problems
    )
    row = next(r for r in range(viewer.lines.rowCount()) if viewer.lines.line_at(r).index == 0)

    def adjust() -> QDialog:
        viewer.message.clear()
        viewer.table.setCurrentIndex(viewer.lines.index(row, 0))
        desk._ask_adjust()
        dialog = desk.reason_dialog
        assert dialog is not None
        dialog.text.setPlainText("按发票核定")
        return dialog

    def reviewed(dialog: QDialog, widget: QWidget) -> object:
        qtbot.wait(1)
        if viewer.message.text():
            return REFUSED_AFTER
        assert viewer.estimate_id is not None
        adjusted = estimate_store.review_adjustments(demo, viewer.estimate_id).get(0)
        if adjusted is None:
            return None
        return adjusted.reason if isinstance(widget, QPlainTextEdit) else adjusted.amount

    fields = fuzz_form(
        qtbot, tally, "desk adjust", adjust, lambda d: d.accept(), reviewed, problems
    )
    assert fields == 2 and cells == 0  # the desk's lines are read-only: adjusted in a form
    assert problems == [], "\n".join(problems)


def test_the_flood_screen_and_its_zone_depths(
    qtbot: QtBot,
    demo: Engine,
    assessor: User,
    tmp_path: Path,
    tally: Tally,
    caught: list[str],
) -> None:
    from tests.estimator.gui.test_flood_screen import loaded, screen

    flood = screen(qtbot, demo, assessor, tmp_path)
    loaded(qtbot, flood)
    problems: list[str] = []
    panel = flood.inputs_panel
    panel.use_zones.setChecked(True)
    cells = screen_cells(
        qtbot, flood, tally, "flood", flood.message.text, flood.message.clear, problems
    )
    assert cells >= 1
    for path in (panel.inventory_path, panel.rules_path, panel.zones_path):
        path.setEnabled(False)  # a path is read only on Load (test_fuzz_cli feeds paths)
    screen_fields(qtbot, flood, tally, "flood", problems)
    qtbot.waitUntil(lambda: not flood.busy, timeout=20_000)
    assert problems == [], "\n".join(problems)


# --- what the fuzz found, as regression tests --------------------------------------------


def test_a_zone_depth_of_1e_minus_300_is_refused_in_the_status_bar_not_stored_as_0(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, caught: list[str]
) -> None:
    from tests.estimator.gui.test_flood_screen import loaded, screen

    flood = screen(qtbot, demo, assessor, tmp_path)
    loaded(qtbot, flood)
    zones = flood.inputs_panel.zones
    cell = zones.index(0, 1)
    before = zones.data(cell, Role.EditRole)
    for typed in ("1e-300", "0." + "0" * 5_000 + "1", "NaN", "1e308", "-0"):
        flood.message.clear()
        assert not zones.setData(cell, typed, Role.EditRole)
        assert zones.data(cell, Role.EditRole) == before
        assert flood.message.text()  # said, in the screen's language
    assert zones.setData(cell, "62.5 cm", Role.EditRole)
    assert zones.depths()[zones.data(zones.index(0, 0))] == Decimal("62.5")


def test_the_reviewer_is_told_why_an_amount_or_a_blank_reason_is_not_taken(
    qtbot: QtBot, caught: list[str]
) -> None:
    from estimator.gui.review_desk import DeskReasonDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = DeskReasonDialog(parent, "核损", "为什么调整？", amount=Decimal("300"))
    dialog.show()
    assert not dialog.amount_note.isVisible()
    assert dialog.amount is not None
    dialog.amount.setText("1e308")
    assert dialog.amount_note.isVisible() and dialog.amount_note.text()
    assert not dialog.ok_button.isEnabled()
    dialog.amount.setText("200")
    assert not dialog.amount_note.isVisible()
    dialog.accept()  # no reason yet
    assert dialog.isVisible() and dialog.missing.isVisible()
    dialog.text.setPlainText("按发票核定")
    assert not dialog.missing.isVisible()
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.value() == Decimal("200")


def test_the_shop_invoice(qtbot: QtBot, demo: Engine, tally: Tally, caught: list[str]) -> None:
    from estimator.gui.invoice_dialog import InvoiceDialog
    from estimator.services import workflow
    from tests.estimator.gui.test_guarantee import CLAIM_SUBMITTED, _user

    li = _user(demo, "li")
    estimate_id = next(c.estimate_id for c in case_list.list_cases(demo, CLAIM_SUBMITTED))
    workflow.approve(demo, estimate_id, li, "已与修理厂核对")
    dialog = InvoiceDialog(demo, estimate_id, li)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_line()
    problems: list[str] = []
    cells = screen_cells(
        qtbot, dialog, tally, "invoice", dialog.message.text, dialog.message.clear, problems
    )
    assert cells == 5  # item, description, quantity, unit price, amount
    screen_fields(qtbot, dialog, tally, "invoice", problems)
    assert problems == [], "\n".join(problems)


def test_an_invoice_cell_says_why_it_refuses_and_keeps_a_long_text_whole_or_not_at_all(
    qtbot: QtBot, caught: list[str]
) -> None:
    from estimator.gui.invoice_dialog import InvoiceColumn, InvoiceLinesModel

    model = InvoiceLinesModel()
    said: list[str] = []
    model.refused.connect(said.append)
    row = model.add_line()
    item, qty = model.index(row, InvoiceColumn.ITEM), model.index(row, InvoiceColumn.QTY)
    assert not model.setData(item, "A" * 100_000)  # was cut to 200 characters silently
    assert not model.setData(item, "RDAA\x00123")  # PostgreSQL refuses a NUL
    assert not model.setData(qty, "1e308") and not model.setData(qty, "0")
    assert len(said) == 4 and all(said)
    assert model.data(item, Role.EditRole) == ""
    assert model.setData(item, "拖车") and model.setData(qty, "1.5")
    assert model.data(qty, Role.EditRole) == "1.5"

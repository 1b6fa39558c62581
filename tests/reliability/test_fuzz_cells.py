"""No traceback reaches a user (reliability.md, promise 17), the GUI half: every editable cell
and field, fed hostile values.

The places are found by walking the real widgets, not from a list: every item model of the
main window (its editor open on a draft), the review desk, the flood screen, the shop invoice,
the part correction and the entry dialogs (line entry forms, salvage, new case, case details,
the reviewer's amount) whose ``flags()`` say ``ItemIsEditable`` (a combo box's list is chosen
from, not edited), and every enabled, writable ``QLineEdit``, ``QAbstractSpinBox`` and
``QPlainTextEdit`` on them. Each gets values nobody should type (test_fuzz_cli.py's list, its
paths left out) the way a user gives them: a cell through ``setData(index, value, EditRole)``
as the delegate does, a field by its text and then Return or the form's OK. An exception
reaching Qt's event loop or ``sys.excepthook`` fails the test. The value must be refused
(setData False or the form kept open, a message said in place, nothing stored) or stored as
given (a text within its field rule's length), never rounded to something else (1e-300 is
not 0). A choice box (model, region) that goes back to its choice on Return shows in place
what is kept, and counts as refused there.

A seeded choice of ``ESTIMATOR_FUZZ_CELL_VALUES`` values per place (default 4) keeps the run
short; ``ESTIMATOR_FUZZ_CELL_VALUES=all`` feeds every value to every place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QDialog,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.services import case_list, estimate_store
from estimator.services.users import User
from tests.estimator.gui import conftest as gui
from tests.reliability.widget_fuzz import (
    REFUSED_AFTER,
    Role,
    Tally,
    case_field,
    fuzz_form,
    no_modal_left,
    same_value,
    screen_cells,
    screen_fields,
)

#: The GUI tests' fixtures: a copy of the demo database, its assessor signed in.
demo, assessor = gui.demo, gui.assessor


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


def test_the_part_correction(
    qtbot: QtBot, demo: Engine, tmp_path: Path, tally: Tally, caught: list[str]
) -> None:
    from estimator.gui.part_correction import PartCorrectionDialog
    from estimator.services.catalog import part_for_edit, search_parts
    from estimator.services.demo import DEMO_USERS
    from estimator.services.users import authenticate

    password = {name: p for name, _d, _r, p in DEMO_USERS}["admin"]
    main = gui.window(qtbot, demo, authenticate(demo, "admin", password), tmp_path)
    main.correct_part_action.trigger()
    dialog = main.findChild(PartCorrectionDialog)
    assert isinstance(dialog, PartCorrectionDialog)
    part_no = search_parts(demo, "左前大灯")[0].part_no
    dialog.finder.setText(part_no)
    dialog.open_typed()
    assert dialog.base is not None
    fields = {"name_zh": dialog.name_zh, "name_en": dialog.name_en}
    fields |= {"category": dialog.category, "salvage_rate": dialog.salvage}
    problems: list[str] = []
    for field, edit in fields.items():
        for value in tally.place(f"part correction:{field}"):
            before = part_for_edit(demo, part_no)
            dialog.message.clear()
            edit.setText(value)
            saved = dialog.save()
            after = part_for_edit(demo, part_no)
            stored = getattr(after, field)
            stored = "" if stored is None else stored  # a blank salvage rate is none
            if saved and not same_value(stored, value[: edit.maxLength()]):
                problems.append(f"{field} {value[:20]!r}: kept {str(stored)[:40]!r}")
            if not saved and (not dialog.message.text() or after != before):
                problems.append(f"{field} {value[:20]!r}: refused without a message")
            if dialog.refused is not None:
                dialog.discard()
            dialog.finder.setText(part_no)
            dialog.open_typed()
    assert problems == [], "\n".join(problems)

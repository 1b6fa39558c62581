"""Every line kind and operation entered by keyboard on the demo database, priced to the fen
as the standard and the catalog say (pytest-qt, offscreen)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.estimate import LineKind
from estimator.gui.editor import EstimateEditor
from estimator.gui.main_window import MainWindow
from estimator.services import estimate_store
from estimator.services.estimates import part_prices
from estimator.services.labor import current_standard
from estimator.services.review import review_estimate
from estimator.services.users import User
from kernel.money import round_fen
from labor_standards.model import Operation, ShopClass
from tests.estimator.gui.conftest import window
from tests.estimator.gui.keyboard import Keyboard, empty_draft, focused

CLASS = "C"  # TY-CAMRY-18


@pytest.fixture
def main(qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path) -> MainWindow:
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(uuid.UUID(empty_draft(demo, assessor)))
    main.activateWindow()
    main.editor.finder.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is main.editor.search)
    return main


def labor_amount(engine: Engine, component: str, operation: Operation) -> Decimal:
    """hours (standard, class C) × rate (ZJ, class-1 shop, the operation's labor type)."""
    standard = current_standard(engine)
    time = standard.labor_time(component, operation, CLASS)
    rate = standard.labor_rate("ZJ", ShopClass.CLASS1, operation.labor_type)
    assert time is not None and rate is not None
    return round_fen(time.value.hours * rate.value)


def paint_amount(engine: Engine, component: str, stored: estimate_store.StoredEstimate) -> Decimal:
    """panels (standard) × price per panel (ZJ, class C, metallic)."""
    standard = current_standard(engine)
    panels = standard.panels(component)
    rate = standard.paint_rate("ZJ", CLASS, stored.estimate.paint_type)
    assert panels is not None and rate is not None
    return round_fen(panels.value * rate.value.price_per_panel)


def find(keys: Keyboard, editor: EstimateEditor, initials: str, part_no: str) -> None:
    """Type over the search text and wait for the part to come first."""
    keys.type(initials)
    keys.qtbot.waitUntil(
        lambda: editor.matches.rowCount() > 0 and editor.matches.match_at(0).part_no == part_no
    )


def added(editor: EstimateEditor, count: int) -> list:  # type: ignore[type-arg]
    """Wait for ``count`` lines and return the priced lines."""
    QtBot(editor).waitUntil(lambda: len(editor.stored.estimate.lines) == count)  # type: ignore[union-attr]
    assert editor.priced is not None
    return list(editor.priced.lines)


def test_h_replaces_with_labor_and_paint_and_focus_returns_to_the_search(
    qtbot: QtBot, main: MainWindow, demo: Engine
) -> None:
    editor, keys = main.editor, Keyboard(qtbot)
    find(keys, editor, "qbxgp", "521190K280")
    keys.press(Qt.Key.Key_Return)  # Enter in the search box: replace
    lines = added(editor, 3)
    assert [(p.kind, p.operation) for p in lines] == [
        (LineKind.PART, None),
        (LineKind.LABOR, Operation.REPLACE),
        (LineKind.PAINT, None),
    ]
    assert editor.stored is not None
    price_type = editor.stored.estimate.price_type
    catalog = part_prices(demo, ["521190K280"], "ZJ", editor.stored.estimate.priced_on)
    assert lines[0].amount == round_fen(catalog["521190K280"][price_type])
    assert lines[1].amount == labor_amount(demo, "FBUMPER", Operation.REPLACE) == Decimal("84.00")
    assert lines[2].amount == paint_amount(demo, "FBUMPER", editor.stored) == Decimal("570.00")
    assert focused() is editor.search and editor.search.selectedText() == "qbxgp"
    # The new line is selected and shown.
    assert editor.table.currentIndex().row() == 2


def test_every_operation_key_on_a_found_part(qtbot: QtBot, main: MainWindow, demo: Engine) -> None:
    editor, keys = main.editor, Keyboard(qtbot)
    assert editor.stored is not None
    on = editor.stored.estimate.priced_on

    def run(initials: str, part_no: str, key: str, count: int) -> list:  # type: ignore[type-arg]
        find(keys, editor, initials, part_no)
        keys.press(Qt.Key.Key_Down)  # into the results: letters are operation keys now
        assert focused() is editor.results
        keys.press(key)
        lines = added(editor, count)
        assert focused() is editor.search  # ready for the next part
        return lines

    lines = run("qbxgkk", "753331P618", "B", 1)  # part only
    price = part_prices(demo, ["753331P618"], "ZJ", on)["753331P618"][
        editor.stored.estimate.price_type
    ]
    assert (lines[0].kind, lines[0].amount) == (LineKind.PART, round_fen(price))
    lines = run("zqdd", "8113006B30", "C", 2)  # 拆装 of the headlamp
    assert (lines[1].operation, lines[1].amount) == (Operation.RI, Decimal("28.80"))  # 0.48 h × 60
    lines = run("zqdd", "8113006B30", "D", 3)  # 电工
    assert (lines[2].operation, lines[2].amount) == (Operation.ELEC, Decimal("57.60"))  # 0.64 × 90
    assert lines[2].amount == labor_amount(demo, "HEADLAMP_L", Operation.ELEC)
    lines = run("fdjg", "167335X461", "1", 5)  # 钣金轻 + the paint of the repaired bonnet
    assert (lines[3].operation, lines[3].amount) == (Operation.REPAIR_LIGHT, Decimal("108.80"))
    assert (lines[4].kind, lines[4].component_code) == (LineKind.PAINT, "HOOD")
    assert lines[4].amount == paint_amount(demo, "HOOD", editor.stored) == Decimal("760.00")
    lines = run("fdjg", "167335X461", "2", 6)  # 钣金中: the bonnet is painted once
    assert (lines[5].operation, lines[5].amount) == (Operation.REPAIR_MEDIUM, Decimal("217.60"))
    lines = run("zqyzb", "780707R222", "3", 8)  # 钣金重 + paint
    assert (lines[6].operation, lines[6].amount) == (Operation.REPAIR_HEAVY, Decimal("228.80"))
    assert lines[6].amount == labor_amount(demo, "FENDER_L", Operation.REPAIR_HEAVY)
    assert (lines[7].kind, lines[7].amount) == (LineKind.PAINT, Decimal("380.00"))
    lines = run("srq", "723345D148", "J", 9)  # 机修 of the radiator
    assert (lines[8].operation, lines[8].amount) == (Operation.MECH, Decimal("108.00"))
    lines = run("zhsj", "489804R857", "P", 10)  # paint only: a mirror is 0.3 panels
    assert (lines[9].kind, lines[9].component_code) == (LineKind.PAINT, "MIRROR_L")
    assert lines[9].amount == paint_amount(demo, "MIRROR_L", editor.stored) == Decimal("114.00")

    # A labor key the standard has no hours for says why in place and adds nothing.
    find(keys, editor, "fdjg", "167335X461")
    keys.press(Qt.Key.Key_Down)
    keys.press("J")
    assert "机修" in editor.finder.note.text() or "mech" in editor.finder.note.text().lower()
    assert len(editor.stored.estimate.lines) == 10
    totals = editor.priced.totals  # type: ignore[union-attr]
    assert totals is not None
    assert totals.labor == sum(
        (p.amount for p in editor.priced.lines if p.kind is LineKind.LABOR),  # type: ignore[union-attr]
        Decimal(0),
    )
    assert editor.totals_labels["total"].text() == f"{totals.total:,.2f}"


def test_material_sublet_towing_free_part_and_salvage(
    qtbot: QtBot, main: MainWindow, demo: Engine
) -> None:
    editor, keys = main.editor, Keyboard(qtbot)

    def dialog_open() -> None:
        qtbot.waitUntil(lambda: editor.line_actions.dialog is not None)
        qtbot.waitUntil(lambda: focused().window() is editor.line_actions.dialog)

    # F from the lines (no part found): 辅料 10 × 2.50.
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert focused() is editor.table
    keys.press("F")
    dialog_open()
    keys.pinyin("kk", "卡扣")
    keys.press(Qt.Key.Key_Tab)
    keys.type("1e1")  # refused in place, the dialog stays open
    keys.press(Qt.Key.Key_Return)
    dialog = editor.line_actions.dialog
    assert dialog is not None and dialog.isVisible()
    assert "数量" in dialog.error.text() or "quantity" in dialog.error.text()
    assert focused() is dialog.edits["qty"]
    keys.type("10")  # the refused text is selected: typed over
    keys.press(Qt.Key.Key_Tab)
    keys.type("2.5")
    keys.press(Qt.Key.Key_Return)
    lines = added(editor, 1)
    assert (lines[0].kind, lines[0].description, lines[0].amount) == (
        LineKind.MATERIAL,
        "卡扣",
        Decimal("25.00"),
    )
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)

    # W from the search box with nothing found: Ctrl+↓ to the lines, then W.
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    keys.press("W")
    dialog_open()
    keys.pinyin("sldw", "四轮定位")
    keys.press(Qt.Key.Key_Tab)
    keys.type("200")
    keys.press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter too
    lines = added(editor, 2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)
    assert (lines[1].kind, lines[1].description, lines[1].amount) == (
        LineKind.SUBLET,
        "四轮定位",
        Decimal("200.00"),
    )

    # S from the results of a search: 施救 starts as 拖车.
    find(keys, editor, "qbxgp", "521190K280")
    keys.press(Qt.Key.Key_Down)
    keys.press("S")
    dialog_open()
    keys.press(Qt.Key.Key_Tab)
    keys.type("300")
    keys.press(Qt.Key.Key_Return)
    lines = added(editor, 3)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)
    assert (lines[2].kind, lines[2].description, lines[2].amount) == (
        LineKind.TOWING,
        QCoreApplication.translate("EntryForms", "Tow"),  # 拖车 in the Chinese interface
        Decimal("300.00"),
    )

    # N: a part not in the catalog needs a reason, is noted and flagged for 核价.
    keys.press(Qt.Key.Key_Down)
    keys.press("N")
    dialog_open()
    keys.pinyin("sbzj", "饰板支架")
    keys.press(Qt.Key.Key_Tab)
    keys.type("2")
    keys.press(Qt.Key.Key_Tab)
    keys.type("35.5")
    keys.press(Qt.Key.Key_Return)  # no reason: refused in place
    dialog = editor.line_actions.dialog
    assert dialog is not None and dialog.isVisible() and dialog.error.text()
    assert focused() is dialog.edits["reason"]
    keys.type("dealer quote")
    keys.press(Qt.Key.Key_Return)
    lines = added(editor, 4)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)
    free = lines[3]
    assert (free.kind, free.description, free.amount) == (
        LineKind.PART,
        "饰板支架",
        Decimal("71.00"),
    )
    assert [n.code for n in free.notes] == ["note_not_in_catalog"]
    flagged = [f for f in review_estimate(demo, editor.stored.id) if f.line == 3]  # type: ignore[union-attr]
    assert [f.rule for f in flagged] == ["R01"] and "核价" in flagged[0].message_zh

    # Esc cancels a dialog: nothing added.
    keys.press(Qt.Key.Key_Down)
    keys.press("W")
    dialog_open()
    keys.press(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.line_actions.dialog is None)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)
    assert len(editor.stored.estimate.lines) == 4  # type: ignore[union-attr]

    # Z: the salvage, prefilled with the engine's suggestion, deducted from the total.
    total_before = editor.priced.totals.total  # type: ignore[union-attr]
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    keys.press("Z")
    dialog_open()
    dialog = editor.line_actions.dialog
    assert dialog is not None
    suggestion = editor.priced.salvage_suggestion  # type: ignore[union-attr]
    assert dialog.edits["salvage"].text() == f"{suggestion:.2f}"
    keys.type("150")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stored.estimate.salvage == Decimal("150"))  # type: ignore[union-attr]
    totals = editor.priced.totals  # type: ignore[union-attr]
    assert totals.salvage == Decimal("150.00") and totals.total == total_before - Decimal("150.00")
    assert editor.totals_labels["salvage"].text() == "150.00"
    editor.undo_stack.undo()  # one step, saved
    assert editor.stored.estimate.salvage is None  # type: ignore[union-attr]
    assert editor.priced.totals.total == total_before  # type: ignore[union-attr]


def test_the_advice_is_applied_as_one_undo_step_and_undo_keeps_the_view_on_the_line(
    qtbot: QtBot, main: MainWindow, demo: Engine
) -> None:
    editor, keys = main.editor, Keyboard(qtbot)
    find(keys, editor, "srq", "723345D148")
    keys.press(Qt.Key.Key_Return)
    added(editor, 2)
    find(keys, editor, "qbxgp", "521190K280")
    keys.press(Qt.Key.Key_Return)
    added(editor, 5)
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    keys.press(Qt.Key.Key_Up)
    keys.press(Qt.Key.Key_Up)  # the bumper cover (part) line
    assert editor.lines.line_at(editor.table.currentIndex().row()).part_no == "521190K280"
    # Repair 2.24 h × 80 + 1.5 × 380 = 749.20 against replacing: repair is suggested.
    assert "749.20" in editor.advice.text()
    assert editor.rail.apply_button.isVisibleTo(editor.rail)
    keys.press("A")
    qtbot.waitUntil(
        lambda: (
            [(line.kind, line.operation) for line in editor.stored.estimate.lines]  # type: ignore[union-attr]
            == [
                (LineKind.PART, None),
                (LineKind.LABOR, Operation.REPLACE),
                (LineKind.PAINT, None),
                (LineKind.LABOR, Operation.REPAIR_MEDIUM),
            ]
        )
    )
    repaired = editor.priced.lines[3]  # type: ignore[union-attr]
    assert repaired.amount == labor_amount(demo, "FBUMPER", Operation.REPAIR_MEDIUM)
    assert editor.table.currentIndex().row() == 2  # on the change
    editor.undo_stack.undo()
    assert len(editor.stored.estimate.lines) == 5  # type: ignore[union-attr]
    assert editor.table.currentIndex().row() == 2  # the view stays on the changed line
    editor.undo_stack.redo()
    assert len(editor.stored.estimate.lines) == 4  # type: ignore[union-attr]
    # And back: the repaired bumper's advice replaces it again, as one step.
    editor.table.setCurrentIndex(editor.lines.index(3, 0))
    assert editor.rail.apply_button.isVisibleTo(editor.rail) is False  # repair is the advice


def test_ctrl_f_from_the_menu_focuses_the_search_with_its_text_selected(
    qtbot: QtBot, main: MainWindow
) -> None:
    editor, keys = main.editor, Keyboard(qtbot)
    keys.type("fdjg")
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)  # to the lines
    assert focused() is editor.table
    find_part = next(a for a in main.findChildren(QAction) if a.shortcut().toString() == "Ctrl+F")
    find_part.trigger()  # what Ctrl+F does from anywhere in the window
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.search)
    assert editor.search.selectedText() == "fdjg"
    keys.press(Qt.Key.Key_Escape)  # Esc on the search does nothing harmful
    keys.press(Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    keys.press(Qt.Key.Key_Escape)  # Esc on the lines: back to the search, text selected
    assert focused() is editor.search and editor.search.selectedText() == "fdjg"


def test_labor_keys_on_a_part_without_component_say_why_in_place(
    qtbot: QtBot, main: MainWindow
) -> None:
    from dataclasses import replace

    editor, keys = main.editor, Keyboard(qtbot)
    find(keys, editor, "qbxgp", "521190K280")
    loose = replace(editor.matches.match_at(0), component_code="")  # a part with no component
    editor.matches.set_matches([loose])
    editor.results.selectRow(0)
    keys.press(Qt.Key.Key_Down)
    for key in ("C", "2", "J", "D", "P"):
        editor.finder.note.clear()
        keys.press(key)
        assert editor.finder.note.text(), key
    assert "前保险杠皮" in editor.finder.note.text()
    assert editor.stored is not None and editor.stored.estimate.lines == ()

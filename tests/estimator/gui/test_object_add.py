"""Adding loss objects in the workstation (issue #20 item 1): a third-party vehicle and a
property item added to a demo case through their dialogs (Chinese typed as an input method
commits it), the property item estimated with a material line (catalog keys refused), the
strip and the case total following, objects switched by click and key, and the payout tab
listing the three objects; a refusal of the service is said in the dialog, which keeps what
was typed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.estimate import LineKind
from estimator.domain.settlement_payout import ObjectKind
from estimator.gui.main_window import MainWindow
from estimator.gui.object_dialogs import ThirdPartyPropertyDialog, ThirdPartyVehicleDialog
from estimator.gui.payout_actions import show_payout
from estimator.services import loss_objects, workflow
from estimator.services.users import User
from tests.estimator.gui.keyboard import Keyboard, focused
from tests.estimator.gui.test_object_tabs import case_by_claim, opened, tab_texts

pytestmark = pytest.mark.usefixtures("chinese")  # tests/estimator/gui/conftest.py

#: The demo's full draft (one object, the insured 凯美瑞: 6,660.03).
DRAFT = "RDAA2026330100000127"
#: The demo's approved case (沪B55102), closed behind a dialog's back in one test.
APPROVED = "RDAA2026330100000125"


def type_chinese(edit: QWidget | None, text: str) -> None:
    """Type ``text`` as an input method commits it (QTest types ASCII only)."""
    assert edit is not None
    edit.setFocus()
    typed = QInputMethodEvent("", [])
    typed.setCommitString(text)
    QApplication.sendEvent(edit, typed)


def kind_shown(main: MainWindow) -> ObjectKind | None:
    stored = main.editor.stored
    found = None if stored is None else stored.loss_object
    return None if found is None else found.kind


def add_vehicle(qtbot: QtBot, main: MainWindow) -> ThirdPartyVehicleDialog:
    strip = main.editor.objects
    qtbot.mouseClick(strip.add_vehicle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(strip.dialog, ThirdPartyVehicleDialog))
    dialog = strip.dialog
    assert isinstance(dialog, ThirdPartyVehicleDialog) and dialog.isVisible()
    return dialog


def add_property(qtbot: QtBot, main: MainWindow) -> ThirdPartyPropertyDialog:
    strip = main.editor.objects
    qtbot.mouseClick(strip.add_property_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(strip.dialog, ThirdPartyPropertyDialog))
    dialog = strip.dialog
    assert isinstance(dialog, ThirdPartyPropertyDialog) and dialog.isVisible()
    return dialog


def test_a_third_party_vehicle_and_a_property_item_join_the_case_and_its_payout(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, DRAFT)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    editor, strip = main.editor, main.editor.objects
    insured_plate = case_by_claim(demo, DRAFT).plate
    assert tab_texts(main) == [f"标的车 {insured_plate} · 草稿 · 6,660.03"]

    # 三者车: plate typed in Chinese, the model by its code, the shop in Chinese; Enter adds.
    dialog = add_vehicle(qtbot, main)
    assert [dialog.form.isRowVisible(w) for w in (dialog.claim_no, dialog.insured_name)] == [
        False,
        False,
    ]
    type_chinese(dialog.plate, "浙B54321")
    line = dialog.model_code.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "TY-COROLLA-19")
    type_chinese(dialog.shop_name, "杭州某汽修")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: kind_shown(main) is ObjectKind.THIRD_PARTY_VEHICLE)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = editor.stored
    assert stored is not None and stored.version_no == 1 and not stored.estimate.lines
    assert (stored.estimate.plate, stored.estimate.model_code) == ("浙B54321", "TY-COROLLA-19")
    assert stored.estimate.shop_name == "杭州某汽修"
    assert tab_texts(main)[1] == "三者车1 浙B54321 · 草稿 · 0.00"
    assert strip.bar.currentIndex() == 1
    assert "三者车1 浙B54321" in editor.header.text()
    assert strip.totals.text() == "案件合计（2 个损失标的）<br><b>6,660.03</b>"

    # 三者物损: nothing typed is refused in the dialog, which stays open.
    dialog2 = add_property(qtbot, main)
    qtbot.mouseClick(dialog2.ok_button, Qt.MouseButton.LeftButton)
    assert dialog2.isVisible() and dialog2.problems.text() == "请填写所有人或受损财产。"
    type_chinese(dialog2.owner, "杭州市市政园林局")
    type_chinese(dialog2.description, "绿化带护栏")
    qtbot.keyClick(dialog2.description, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kind_shown(main) is ObjectKind.THIRD_PARTY_PROPERTY)
    qtbot.waitUntil(lambda: not dialog2.isVisible())
    assert tab_texts(main)[2] == "三者物损1 杭州市市政园林局 · 草稿 · 0.00"
    assert "绿化带护栏" in editor.header.text()

    # The property item takes free lines only: the finder offers F, W and S and says why.
    finder = editor.finder
    shown = sorted(k for k, b in finder.buttons.items() if b.isVisibleTo(finder))
    assert shown == ["F", "S", "W"]
    assert finder.search.isHidden() and "三者物损" in finder.legend.text()
    keys = Keyboard(qtbot)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    editor.table.setFocus()
    qtbot.waitUntil(lambda: focused() is editor.table)
    keys.press("N")  # a part not in the catalog: not for property
    assert editor.line_actions.dialog is None
    assert finder.note.text() == "此损失标的只能录入辅料、外修和施救项目。"
    keys.press("F")
    qtbot.waitUntil(lambda: editor.line_actions.dialog is not None)
    entry = editor.line_actions.dialog
    assert entry is not None
    type_chinese(entry.edits["description"], "护栏板")
    entry.edits["qty"].setFocus()
    entry.edits["qty"].selectAll()  # typed over its 1
    qtbot.keyClicks(entry.edits["qty"], "4")
    entry.edits["unit_price"].setFocus()
    entry.edits["unit_price"].selectAll()
    qtbot.keyClicks(entry.edits["unit_price"], "350")
    qtbot.keyClick(entry.edits["unit_price"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.stored is not None and len(editor.stored.estimate.lines) == 1)
    (line_added,) = editor.stored.estimate.lines  # type: ignore[union-attr]
    assert (line_added.kind, line_added.description) == (LineKind.MATERIAL, "护栏板")
    assert editor.totals_labels["total"].text() == "1,400.00"
    qtbot.waitUntil(lambda: tab_texts(main)[2].endswith(" · 1,400.00"))
    # 6,660.03 + 0.00 + 1,400.00
    assert strip.totals.text() == "案件合计（3 个损失标的）<br><b>8,060.03</b>"
    case_id = editor.stored.case_id  # type: ignore[union-attr]
    assert loss_objects.case_total_of(demo, case_id) == Decimal("8060.03")
    qtbot.waitUntil(lambda: main.cases.case_at(0) is not None)
    listed = [main.cases.case_at(r) for r in range(main.cases.rowCount())]
    assert next(c.total for c in listed if c.claim_no == DRAFT) == Decimal("8060.03")

    # Switched by a click (the insured vehicle) and by Ctrl+PgUp (round to the property).
    bar = strip.bar
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    qtbot.waitUntil(lambda: kind_shown(main) is ObjectKind.INSURED_VEHICLE)
    assert finder.search.isVisibleTo(finder) and all(
        b.isVisibleTo(finder) for b in finder.buttons.values()
    )
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: kind_shown(main) is ObjectKind.THIRD_PARTY_PROPERTY)

    # The payout tab lists the three objects by name, and the case's total.
    assert show_payout(editor)
    table = editor.review_tabs.payout.table
    qtbot.waitUntil(lambda: table.rowCount() == 4)
    names = [table.item(r, 0).text() for r in range(4)]  # type: ignore[union-attr]
    assert names == [
        f"标的车 {insured_plate}",
        "三者车1 浙B54321",
        "三者物损1 杭州市市政园林局",
        "案件合计",
    ]
    assert table.item(2, 1).text() == "1,400.00"  # type: ignore[union-attr]


def test_a_refusal_of_the_service_is_said_in_the_dialog_which_keeps_what_was_typed(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, APPROVED)
    dialog = add_property(qtbot, main)
    type_chinese(dialog.owner, "某物业公司")
    # Meanwhile the case is signed for and closed (at another workstation).
    estimate_id = case_by_claim(demo, APPROVED).estimate_id
    workflow.customer_signed(demo, estimate_id, assessor)
    workflow.close(demo, estimate_id, assessor)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problems.text() == "案件已结案或已归档，不能再添加损失标的"
    assert dialog.owner.text() == "某物业公司"
    assert len(loss_objects.case_objects(demo, case_by_claim(demo, APPROVED).case_id)) == 1
    dialog.reject()
    # Read again, the closed case offers no adding.
    main.editor.reload()
    assert not main.editor.objects.add_property_button.isEnabled()
    assert not main.editor.objects.add_vehicle_button.isEnabled()


def test_the_vehicle_dialog_refuses_a_vehicle_without_plate_or_vin_and_a_model_not_listed(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, DRAFT)
    dialog = add_vehicle(qtbot, main)
    line = dialog.model_code.lineEdit()
    assert isinstance(line, QLineEdit)
    qtbot.keyClicks(line, "NO-SUCH-MODEL")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.notes["plate"].text() == "请填写车牌或 VIN：至少一项，用以确定车辆。"
    assert "NO-SUCH-MODEL" in dialog.notes["model_code"].text()
    assert len(loss_objects.case_objects(demo, case_by_claim(demo, DRAFT).case_id)) == 1

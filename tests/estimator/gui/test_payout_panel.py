"""The payout estimate in the workstation (issue #20): the case's vehicle value and policy
entered in their dialog (Ctrl+Shift+V) and the payout tab (Ctrl+Shift+Y) showing
``payout_for``'s figures and the hand-computed ones; a near total loss said in words; bad
input refused in place with nothing stored; a reviewer reads the data without changing it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.depreciation import parse_class
from estimator.domain.settlement_inputs import CaseSettlement
from estimator.domain.workflow import EstimateStatus
from estimator.gui.main_window import MainWindow
from estimator.gui.settlement_dialog import SettlementDialog
from estimator.services import case_list, estimate_store, settlement
from estimator.services.demo import DEMO_USERS
from estimator.services.users import User, authenticate
from kernel.money import round_fen
from tests.estimator.gui.conftest import window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# Hand figures: bought new at 180,000.00, registered 2021-06-15, lost 2026-11-20: 65 whole
# months at 0.60 % a month (a private car of 9 seats or fewer) leave 61 %: 109,800.00.
VALUE = "109,800.00"


pytestmark = pytest.mark.usefixtures("chinese")  # tests/estimator/gui/conftest.py


def _draft(demo: Engine) -> case_list.CaseSummary:
    """The demo's draft case with the most lines and no settlement data yet (the teardown
    case; its total includes 300.00 of towing). By claim number: the demo's settlement cases
    are drafts with larger totals and data of their own."""
    (found,) = [c for c in case_list.list_cases(demo) if c.claim_no == "RDAA2026330100000127"]
    assert found.status is EstimateStatus.DRAFT
    return found


def _active(qtbot: QtBot, main: MainWindow) -> None:
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)


def _open_dialog(qtbot: QtBot, main: MainWindow) -> SettlementDialog:
    _active(qtbot, main)
    qtbot.waitUntil(lambda: main.editor.stored is not None)
    qtbot.keyClick(main.editor.table, Qt.Key.Key_V, CTRL_SHIFT)
    found: list[SettlementDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, SettlementDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    return found[0]


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def _type_chinese(edit: QLineEdit | None, text: str) -> None:
    assert edit is not None
    edit.selectAll()
    typed = QInputMethodEvent("", [])
    typed.setCommitString(text)
    QApplication.sendEvent(edit, typed)


def test_the_entered_data_gives_the_payout_that_payout_for_and_the_hand_give(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    case = _draft(demo)
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(case.estimate_id)
    dialog = _open_dialog(qtbot, main)
    _type(qtbot, dialog.new_price, "180,000")
    _type(qtbot, dialog.registered_on, "2021-06-15")
    dialog.use_class.setCurrentIndex(dialog.use_class.findData("private_passenger_9"))
    assert dialog.use_class.currentText() == "9座以下客车 · 家庭自用及非营业"
    _type(qtbot, dialog.loss_on, "2026-11-20")
    _type_chinese(dialog.liability.lineEdit(), "主责")
    # On the box itself: the widget's middle may lie past its label, where Qt ignores a click
    # (where that falls depends on the fonts installed).
    box = dialog.two_vehicles
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.other_compulsory.isChecked() and dialog.other_liability.isEnabled()
    _type_chinese(dialog.other_liability.lineEdit(), "次责")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = settlement.case_settlement(demo, case.case_id)
    assert stored.new_price == Decimal("180000.00") and stored.loss_on == dt.date(2026, 11, 20)
    assert (stored.liability, stored.other_party_liability) == ("main", "minor")
    assert stored.other_party_compulsory is True
    history = main.editor.review_tabs.history  # the editor was read again after the save
    qtbot.waitUntil(
        lambda: any(
            history.item(r, 1).text() == "王定损 修改车辆价值与保单"
            for r in range(history.rowCount())
        )
    )

    _active(qtbot, main)
    qtbot.keyClick(main.editor.table, Qt.Key.Key_Y, CTRL_SHIFT)
    panel = main.editor.review_tabs.payout
    qtbot.waitUntil(panel.isVisible)
    assert main.editor.review_tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    shown = [panel.table.item(0, c).text() for c in range(panel.table.columnCount())]
    # By hand: the other vehicle bears minor liability, so its compulsory cover pays 2,000.00;
    # (loss − 2,000.00) × 70 %, to the fen; no deductible.
    total = estimate_store.load_estimate(demo, case.estimate_id).totals["total"]
    commercial = round_fen((total - Decimal("2000.00")) * Decimal("0.70"))
    assert shown == [
        f"标的车 {case.plate}",  # the object's title
        f"{total:,.2f}",
        "2,000.00",
        "70%",
        f"{commercial:,.2f}",
        "0.00",
        f"{commercial:,.2f}",
    ]
    (insured,) = settlement.payout_for(demo, case.estimate_id).objects
    assert shown[1:] == [
        f"{insured.loss:,.2f}",
        f"{insured.compulsory_paid:,.2f}",
        f"{insured.liability_share:.0%}",
        f"{insured.commercial_paid:,.2f}",
        f"{insured.deductible:,.2f}",
        f"{insured.payable:,.2f}",
    ]
    assert VALUE in panel.value.text() and "65" in panel.value.text()
    assert "0.60%" in panel.value.text()
    assert panel.state.text() == "维修"
    assert panel.provisional.text() == "预估(未核定)"
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(7)]
    assert headers == [
        "损失标的",
        "损失",
        "交强险赔付",
        "责任比例",
        "商业险赔付",
        "免赔额",
        "预估赔款",
    ]
    words = [panel.value.text(), panel.assessment.text(), *headers]
    words.append(main.editor.review_tabs.tabText(main.editor.review_tabs.indexOf(panel)))
    for text in words:  # a Chinese screen shows no English words
        assert not re.search(r"[A-Za-z]{2,}", text), text


def test_a_near_total_loss_is_said_in_words(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """New price 11,000.00 at 61 %: 6,710.00; the draft's repair and rescue cost is between
    80 % and 100 % of it."""
    case = _draft(demo)
    near = CaseSettlement(
        new_price=Decimal("11000.00"),
        registered_on=dt.date(2021, 6, 15),
        use_class=parse_class("private_passenger_9"),
        loss_on=dt.date(2026, 11, 20),
    )
    settlement.set_case_settlement(demo, case.case_id, near, assessor)
    total = estimate_store.load_estimate(demo, case.estimate_id).totals["total"]
    assert Decimal("0.8") * Decimal("6710.00") <= total < Decimal("6710.00")
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(case.estimate_id)
    _active(qtbot, main)
    qtbot.waitUntil(lambda: main.editor.stored is not None)
    qtbot.keyClick(main.editor.table, Qt.Key.Key_Y, CTRL_SHIFT)
    panel = main.editor.review_tabs.payout
    qtbot.waitUntil(lambda: panel.state.text() == "接近推定全损")
    assert "6,710.00" in panel.value.text()
    assert panel.assessment.text().startswith("接近推定全损")


def test_without_an_entered_price_the_catalogs_gives_the_value_and_is_named(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """The draft's Camry is priced 179,800.00 in the demo catalog: the dialog shows it in the
    empty price field; saved without a price, the value is 179,800.00 × 61 % = 109,678.00 and
    the panel says the price came from the catalog's model."""
    case = _draft(demo)
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(case.estimate_id)
    dialog = _open_dialog(qtbot, main)
    assert dialog.new_price.text() == ""
    assert dialog.new_price.placeholderText() == "目录价 179,800.00"
    _type(qtbot, dialog.registered_on, "2021-06-15")
    dialog.use_class.setCurrentIndex(dialog.use_class.findData("private_passenger_9"))
    _type(qtbot, dialog.loss_on, "2026-11-20")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert settlement.case_settlement(demo, case.case_id).new_price is None

    _active(qtbot, main)
    qtbot.keyClick(main.editor.table, Qt.Key.Key_Y, CTRL_SHIFT)
    panel = main.editor.review_tabs.payout
    qtbot.waitUntil(lambda: "109,678.00" in panel.value.text())
    assert "179,800.00" in panel.value.text()
    assert panel.value.text().endswith("新车购置价来源：目录车型。")
    assert not re.search(r"[A-Za-z]{2,}", panel.value.text())

    # A price entered on the case wins, and is named so.
    entered = settlement.case_settlement(demo, case.case_id)
    price = Decimal("180000.00")
    settlement.set_case_settlement(
        demo, case.case_id, dataclasses.replace(entered, new_price=price), assessor
    )
    panel.refresh()
    qtbot.waitUntil(lambda: VALUE in panel.value.text())
    assert panel.value.text().endswith("新车购置价来源：案件录入。")


def test_bad_input_is_refused_in_place_and_nothing_is_stored(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    case = _draft(demo)
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(case.estimate_id)
    dialog = _open_dialog(qtbot, main)
    _type(qtbot, dialog.new_price, "180000")
    _type(qtbot, dialog.registered_on, "2026-12-01")  # after the loss
    _type(qtbot, dialog.loss_on, "2026-11-20")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "早于初次登记日期" in dialog.message.text()
    assert dialog.message.text().startswith("出险日期")
    assert dialog.loss_on.styleSheet() and dialog.registered_on.styleSheet()
    assert settlement.case_settlement(demo, case.case_id).empty

    _type(qtbot, dialog.registered_on, "2021-06-15")
    _type(qtbot, dialog.new_price, "-180000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text().startswith("新车购置价")
    assert dialog.new_price.styleSheet() and not dialog.loss_on.styleSheet()
    assert dialog.new_price.text() == "-180000"  # kept, to correct
    assert settlement.case_settlement(demo, case.case_id).empty
    dialog.reject()


def test_the_review_desk_shows_the_payout_and_the_data_read_only(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """The submitted demo case with its settlement data: the reviewer's desk shows the same
    payout tab; its vehicle value and policy open read-only, saying who may change them."""
    submitted = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.SUBMITTED)
    data = CaseSettlement(
        new_price=Decimal("180000.00"),
        registered_on=dt.date(2021, 6, 15),
        use_class=parse_class("private_passenger_9"),
        loss_on=dt.date(2026, 11, 20),
        deductible=Decimal("500.00"),
    )
    settlement.set_case_settlement(demo, submitted.case_id, data, assessor)
    name, _display, _roles, password = next(u for u in DEMO_USERS if u[0] == "li")
    main = window(qtbot, demo, authenticate(demo, name, password), tmp_path)
    assert main.desk is not None
    viewer = main.desk.viewer
    qtbot.waitUntil(lambda: viewer.estimate_id == submitted.estimate_id)
    panel = viewer.review_tabs.payout
    main.tabs.setCurrentWidget(main.desk)
    viewer.review_tabs.setCurrentWidget(panel)
    # The two-vehicle collision: the insured car, the other car (三者车) and the case total.
    qtbot.waitUntil(lambda: panel.isVisible() and panel.table.rowCount() == 3)
    insured, _other = settlement.payout_for(demo, submitted.estimate_id).objects
    assert panel.table.item(0, 6).text() == f"{insured.payable:,.2f}"
    assert panel.table.item(0, 5).text() == "500.00"
    # Provisional: each object's version not approved yet, named by its object.
    assert panel.provisional.text() == "预估(未核定：标的车第1版、三者车1第1版)"
    assert VALUE in panel.value.text()
    dialog = panel.open_settlement()
    assert isinstance(dialog, SettlementDialog)
    assert dialog.new_price.text() == "180,000.00" and not dialog.new_price.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert "只有本案的定损员（wang）" in dialog.message.text()
    assert not dialog.save()
    dialog.reject()


def test_the_payout_keys_are_in_the_estimate_menu_and_taken_by_nothing_else(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    ours = main.payout_actions.actions
    assert {name: a.shortcut().toString() for name, a in ours.items()} == {
        "payout": "Ctrl+Shift+Y",
        "settlement": "Ctrl+Shift+V",
    }
    assert [a.text() for a in ours.values()] == ["赔款预估(&Y)", "车辆价值与保单(&V)…"]
    others = [
        a.shortcut().toString()
        for a in main.findChildren(QAction)
        if a not in ours.values() and not a.shortcut().isEmpty()
    ]
    assert not {"Ctrl+Shift+Y", "Ctrl+Shift+V"} & set(others)

"""Loss objects in the workstation (issue #20 item 1): the editor's strip of the open case's
objects with their status and total and the case total; a click or Ctrl+PgDown / Ctrl+PgUp
opens another object's newest version; nothing is offered with no case open."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.settlement_payout import ObjectKind
from estimator.gui.main_window import MainWindow
from estimator.services import case_list, loss_objects, workflow
from estimator.services.users import User
from tests.estimator.gui.conftest import window

pytestmark = pytest.mark.usefixtures("chinese")  # tests/estimator/gui/conftest.py

#: The demo's guard-rail collision: the insured car, the other car and the guard rail.
THREE_OBJECTS = "RDAA2026330100000130"
CTRL = Qt.KeyboardModifier.ControlModifier


def case_by_claim(demo: Engine, claim_no: str) -> case_list.CaseSummary:
    """A demo case picked by its claim number."""
    (found,) = [c for c in case_list.list_cases(demo) if c.claim_no == claim_no]
    return found


def opened(qtbot: QtBot, demo: Engine, user: User, tmp_path: Path, claim_no: str) -> MainWindow:
    """The main window with the case ``claim_no`` open in the editor (through the case list)."""
    main = window(qtbot, demo, user, tmp_path)
    main.open_claim(claim_no)
    qtbot.waitUntil(
        lambda: (
            main.editor.stored is not None
            and main.editor.stored.estimate.claim_no == claim_no
            and bool(main.editor.objects.objects)
        )
    )
    return main


def tab_texts(main: MainWindow) -> list[str]:
    bar = main.editor.objects.bar
    return [bar.tabText(i) for i in range(bar.count())]


def test_the_strip_names_each_object_with_its_status_and_total_and_the_case_total(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    summaries = loss_objects.case_objects(demo, main.editor.stored.case_id)  # type: ignore[union-attr]
    plates = [s.object.plate for s in summaries[:2]]
    assert tab_texts(main) == [
        f"标的车 {plates[0]} · 草稿 · 7,151.23",
        f"三者车1 {plates[1]} · 草稿 · 2,066.28",
        "三者物损1 丽水市公路管理局 · 核损通过 · 2,240.00",
    ]
    strip = main.editor.objects
    assert strip.bar.currentIndex() == 0  # the insured vehicle: the case list opens it
    # 7,151.23 + 2,066.28 + 2,240.00, under the object's own 合计 in the totals rail
    assert strip.totals.isVisible()
    assert strip.totals.text() == "案件合计（3 个损失标的）<br><b>11,457.51</b>"
    assert main.editor.totals_labels["total"].text() == "7,151.23"
    row = next(
        r for r in range(main.cases.rowCount()) if main.cases.case_at(r).claim_no == THREE_OBJECTS
    )
    assert main.cases.case_at(row).total == Decimal("11457.51")  # the case list's total too


def test_a_click_on_a_tab_opens_that_objects_newest_version(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    bar = main.editor.objects.bar
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    qtbot.waitUntil(lambda: main.editor.objects.is_property())
    stored = main.editor.stored
    assert stored is not None and stored.loss_object is not None
    assert stored.loss_object.owner == "丽水市公路管理局"
    assert main.editor.totals_labels["total"].text() == "2,240.00"
    assert bar.currentIndex() == 2
    # the case stays selected in the case list while another of its objects is open
    selected = main.case_table.selectionModel().selectedRows()
    assert [main.cases.case_at(i.row()).claim_no for i in selected] == [THREE_OBJECTS]


def test_ctrl_page_down_and_up_step_through_the_objects_round_the_case(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    editor = main.editor

    def kind() -> ObjectKind | None:
        found = editor.stored.loss_object if editor.stored else None
        return None if found is None else found.kind

    main.editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: kind() is ObjectKind.THIRD_PARTY_VEHICLE)
    assert editor.objects.bar.currentIndex() == 1
    assert editor.totals_labels["total"].text() == "2,066.28"
    qtbot.keyClick(editor.table, Qt.Key.Key_PageUp, CTRL)
    qtbot.waitUntil(lambda: kind() is ObjectKind.INSURED_VEHICLE)
    qtbot.keyClick(editor.table, Qt.Key.Key_PageUp, CTRL)  # round: the last object
    qtbot.waitUntil(lambda: kind() is ObjectKind.THIRD_PARTY_PROPERTY)
    assert editor.objects.bar.currentIndex() == 2


def test_a_case_of_one_object_shows_its_tab_without_a_case_total(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, "RDAA2026330100000127")
    assert len(tab_texts(main)) == 1 and tab_texts(main)[0].startswith("标的车 ")
    assert not main.editor.objects.totals.isVisible()
    assert main.editor.objects.add_vehicle_button.isEnabled()
    assert not main.editor.objects.step(1)  # nothing to step to


def test_nothing_is_offered_with_no_case_open(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    from estimator.gui.editor import EstimateEditor

    editor = EstimateEditor(demo, assessor)
    qtbot.addWidget(editor)
    editor.show()
    strip = editor.objects
    assert strip.bar.count() == 0 and not strip.bar.isEnabled()
    assert not strip.add_vehicle_button.isEnabled()
    assert not strip.add_property_button.isEnabled()
    assert strip.add_object(ObjectKind.THIRD_PARTY_PROPERTY) is None
    assert not strip.step(1)
    assert not strip.totals.isVisible()


def test_the_review_queue_names_a_third_party_objects_row(demo: Engine, assessor: User) -> None:
    from estimator.gui.models import CaseColumn, CasesModel

    case = case_by_claim(demo, THREE_OBJECTS)
    (other,) = [
        o
        for o in loss_objects.case_objects(demo, case.case_id)
        if o.object.kind is ObjectKind.THIRD_PARTY_VEHICLE
    ]
    assert other.estimate_id is not None
    workflow.submit(demo, other.estimate_id, assessor)
    model = CasesModel()
    model.set_cases(case_list.review_queue(demo))
    plates = {
        model.index(r, CaseColumn.PLATE).data()
        for r in range(model.rowCount())
        if model.case_at(r).claim_no == THREE_OBJECTS
    }
    assert plates == {f"三者车1 {other.object.plate}"}


def test_ctrl_page_down_works_from_the_search_box_too(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    main.editor.search.setFocus()
    qtbot.keyClick(main.editor.search, Qt.Key.Key_PageDown, CTRL)
    qtbot.waitUntil(lambda: main.editor.objects.bar.currentIndex() == 1)
    assert main.editor.search.text() == ""  # nothing typed into the search


def test_the_review_desk_shows_the_objects_without_switching_or_adding(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    from estimator.services.demo import DEMO_USERS
    from estimator.services.users import authenticate

    name, _display, _roles, password = next(u for u in DEMO_USERS if u[0] == "li")
    main = window(qtbot, demo, authenticate(demo, name, password), tmp_path)
    assert main.desk is not None
    viewer = main.desk.viewer
    submitted = case_by_claim(demo, "RDAA2026330100000123")  # the two-vehicle collision
    qtbot.waitUntil(lambda: viewer.estimate_id == submitted.estimate_id)
    strip = viewer.objects
    qtbot.waitUntil(lambda: strip.bar.count() == 2)
    assert not strip.bar.isEnabled() and not strip.step(1)
    assert strip.add_vehicle_button.isHidden() and strip.add_property_button.isHidden()
    assert strip.add_object(ObjectKind.THIRD_PARTY_VEHICLE) is None
    assert viewer.estimate_id == submitted.estimate_id


def test_the_object_actions_are_in_the_estimate_menu_their_keys_taken_by_nothing_else(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    from PySide6.QtGui import QAction

    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    ours = main.payout_actions.objects.actions
    assert [a.text() for a in ours.values()] == [
        "下一个损失标的(&X)",
        "上一个损失标的(&R)",
        "添加三者车(&T)…",
        "添加三者物损(&I)…",
        "修改损失标的(&M)…",
        "删除损失标的(&B)",
    ]
    keys = {name: a.shortcut().toString() for name, a in ours.items() if not a.shortcut().isEmpty()}
    assert keys == {"next": "Ctrl+PgDown", "previous": "Ctrl+PgUp"}
    others = [
        a.shortcut().toString()
        for a in main.findChildren(QAction)
        if a not in ours.values() and not a.shortcut().isEmpty()
    ]
    assert not set(keys.values()) & set(others)
    # From the menu: the property dialog opens on the open case.
    ours["property"].trigger()
    qtbot.waitUntil(lambda: main.editor.objects.dialog is not None)
    dialog = main.editor.objects.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()

"""Changing and removing a third-party loss object in the workstation (issue #20 item 1): a
tab's right-click menu and the Estimate menu offer 修改损失标的… / 删除损失标的 for a third
party whose newest version is open (removal only while never submitted), never for the
insured vehicle; the change dialog shows the object's values and says a refusal in place;
removal asks first, naming the object."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.settlement_payout import ObjectKind
from estimator.gui.main_window import MainWindow
from estimator.gui.object_dialogs import ThirdPartyPropertyDialog, ThirdPartyVehicleDialog
from estimator.services import loss_objects, workflow
from estimator.services.users import User
from tests.estimator.gui.test_object_add import kind_shown, type_chinese
from tests.estimator.gui.test_object_tabs import THREE_OBJECTS, opened, tab_texts

pytestmark = pytest.mark.usefixtures("chinese")  # tests/estimator/gui/conftest.py


def menu_of(qtbot: QtBot, main: MainWindow, tab: int) -> dict[str, bool]:
    """The right-click menu of tab ``tab``: each entry's words and whether it is enabled."""
    strip = main.editor.objects
    strip.bar.customContextMenuRequested.emit(strip.bar.tabRect(tab).center())
    assert strip.menu is not None
    qtbot.waitUntil(strip.menu.isVisible)
    found = {a.text(): a.isEnabled() for a in strip.menu.actions()}
    strip.menu.hide()
    return found


def open_tab(qtbot: QtBot, main: MainWindow, tab: int) -> None:
    bar = main.editor.objects.bar
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tab).center())
    qtbot.waitUntil(lambda: main.editor.objects.bar.currentIndex() == tab)


def test_the_tab_menu_offers_change_and_removal_for_an_open_third_party_only(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """The other car is a draft: both; the guard rail is approved: neither; the insured
    vehicle: neither (it is the case's)."""
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    both = {"修改损失标的…": True, "删除损失标的": True}
    neither = {"修改损失标的…": False, "删除损失标的": False}
    assert menu_of(qtbot, main, 1) == both
    assert menu_of(qtbot, main, 2) == neither
    assert menu_of(qtbot, main, 0) == neither
    # The Estimate menu acts on the object shown: the insured vehicle now.
    actions = main.payout_actions.objects.actions
    assert actions["change"].text() == "修改损失标的(&M)…"
    assert actions["remove"].text() == "删除损失标的(&B)"
    actions["remove"].trigger()
    assert main.editor.objects.confirmation is None


def test_a_third_party_vehicle_is_changed_through_its_dialog(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    strip = main.editor.objects
    other = strip.objects[1].object
    strip.bar.customContextMenuRequested.emit(strip.bar.tabRect(1).center())
    assert strip.menu is not None
    (change,) = [a for a in strip.menu.actions() if a.text() == "修改损失标的…"]
    change.trigger()
    qtbot.waitUntil(lambda: isinstance(strip.dialog, ThirdPartyVehicleDialog))
    dialog = strip.dialog
    assert isinstance(dialog, ThirdPartyVehicleDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "修改三者车" and dialog.ok_button.text() == "保存 (Enter)"
    assert (dialog.plate.text(), dialog.model_code.code()) == (other.plate, other.model_code)
    assert dialog.shop_class.isHidden()  # its class prices its versions: not changed here
    dialog.plate.clear()
    type_chinese(dialog.plate, "浙B99999")
    dialog.shop_name.clear()
    type_chinese(dialog.shop_name, "乙修理厂")
    dialog.try_add()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    changed = loss_objects.case_objects(demo, other.case_id)[1].object
    assert (changed.plate, changed.shop_name) == ("浙B99999", "乙修理厂")
    qtbot.waitUntil(lambda: tab_texts(main)[1].startswith("三者车1 浙B99999 · 草稿"))


def test_a_refusal_of_the_change_is_said_in_the_dialog_which_keeps_what_was_typed(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    open_tab(qtbot, main, 1)
    qtbot.waitUntil(lambda: kind_shown(main) is ObjectKind.THIRD_PARTY_VEHICLE)
    main.payout_actions.objects.actions["change"].trigger()
    strip = main.editor.objects
    qtbot.waitUntil(lambda: isinstance(strip.dialog, ThirdPartyVehicleDialog))
    dialog = strip.dialog
    assert isinstance(dialog, ThirdPartyVehicleDialog)
    # Meanwhile the other car's draft is submitted (at another workstation).
    workflow.submit(demo, strip.objects[1].estimate_id, assessor)  # type: ignore[arg-type]
    dialog.plate.clear()
    type_chinese(dialog.plate, "浙B99999")
    dialog.try_add()
    assert dialog.isVisible() and dialog.plate.text() == "浙B99999"
    assert "的第 1 版已提交或已核定，不能再修改标的信息" in dialog.problems.text()
    dialog.reject()


def test_a_property_items_owner_is_changed_from_the_estimate_menu(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """The guard rail is approved: a supplement (its version 2, a draft) opens it again."""
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    rail = main.editor.objects.objects[2]
    assert rail.estimate_id is not None
    workflow.supplement(demo, rail.estimate_id, assessor)
    main.editor.objects.refresh()
    open_tab(qtbot, main, 2)
    qtbot.waitUntil(lambda: main.editor.stored is not None and main.editor.stored.version_no == 2)
    main.payout_actions.objects.actions["change"].trigger()
    strip = main.editor.objects
    qtbot.waitUntil(lambda: isinstance(strip.dialog, ThirdPartyPropertyDialog))
    dialog = strip.dialog
    assert isinstance(dialog, ThirdPartyPropertyDialog)
    assert dialog.windowTitle() == "修改三者物损"
    assert dialog.owner.text() == "丽水市公路管理局"
    dialog.owner.clear()
    type_chinese(dialog.owner, "丽水市交通运输局")
    dialog.try_add()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: tab_texts(main)[2].startswith("三者物损1 丽水市交通运输局"))
    # Never removed: version 1 was submitted and approved.
    assert not strip.may_remove(strip.objects[2])


def test_removal_asks_naming_the_object_and_no_keeps_it(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = opened(qtbot, demo, assessor, tmp_path, THREE_OBJECTS)
    open_tab(qtbot, main, 1)
    qtbot.waitUntil(lambda: kind_shown(main) is ObjectKind.THIRD_PARTY_VEHICLE)
    strip = main.editor.objects
    title = strip.objects[1].object.title("zh")
    main.payout_actions.objects.actions["remove"].trigger()
    box = strip.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == f"删除“{title}”及其估损单草稿？删除后不能恢复。"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    words = [
        box.button(b).text()
        for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)
    ]
    assert words == ["删除", "保留"]  # no English Yes / No in the Chinese interface
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: not box.isVisible())
    assert len(loss_objects.case_objects(demo, strip.objects[0].object.case_id)) == 3
    # Yes: it goes with its draft; the editor shows the insured vehicle.
    main.payout_actions.objects.actions["remove"].trigger()
    box = strip.confirmation
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: kind_shown(main) is ObjectKind.INSURED_VEHICLE)
    qtbot.waitUntil(lambda: len(tab_texts(main)) == 2)
    assert tab_texts(main)[1].startswith("三者物损1 丽水市公路管理局")
    assert strip.totals.text().startswith("案件合计（2 个损失标的）")

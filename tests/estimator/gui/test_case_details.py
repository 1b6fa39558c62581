"""The "Case details…" dialog of the estimate editor: it shows the case, saves a correction
and the header follows; a save refused because another assessor changed the case first
keeps the user's values, shows theirs against the user's, and re-applies or discards; a
lost connection or a refused write keeps the values too."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus, Role
from estimator.gui import case_details as dialog_module
from estimator.gui.case_details import REAPPLIED_STYLE, CaseDetailsDialog
from estimator.gui.editor import EstimateEditor
from estimator.persistence.database import DatabaseUnavailable, create_database_engine
from estimator.services import case_list, estimate_store
from estimator.services.case_details import case_details, update_case
from estimator.services.users import User, create_user
from kernel.problems import Problem
from labor_standards.model import PaintType, ShopClass


@pytest.fixture
def second(demo: Engine) -> Iterator[Engine]:
    other = create_database_engine(demo.url)
    yield other
    other.dispose()


def _editor(qtbot: QtBot, demo: Engine, user: User, status: EstimateStatus) -> EstimateEditor:
    found = next(c for c in case_list.list_cases(demo) if c.status is status)
    editor = EstimateEditor(demo, user)
    qtbot.addWidget(editor)
    editor.show()
    editor.open(found.estimate_id)
    return editor


def _dialog(editor: EstimateEditor) -> CaseDetailsDialog:
    dialog = editor.open_case_details()
    assert dialog is not None and dialog.isVisible()
    return dialog


def _case_id(editor: EstimateEditor) -> uuid.UUID:
    assert editor.stored is not None
    return editor.stored.case_id


def test_a_correction_is_saved_and_the_header_follows(
    qtbot: QtBot, demo: Engine, assessor: User
) -> None:
    editor = _editor(qtbot, demo, assessor, EstimateStatus.DRAFT)
    assert editor.details_button.isEnabled()
    assert editor.stored is not None
    old_plate = editor.stored.estimate.plate
    dialog = _dialog(editor)
    assert dialog.plate.text() == old_plate and dialog.save_button.isEnabled()
    dialog.plate.setText("浙A00001")
    dialog.insured_name.setText("张三")
    assert dialog.changes() == {"plate": "浙A00001", "insured_name": "张三"}
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert dialog.result_update is not None
    assert set(dialog.result_update.changed) == {"plate", "insured_name"}
    assert "浙A00001" in editor.header.text() and old_plate not in editor.header.text()
    assert case_details(demo, _case_id(editor)).values["insured_name"] == "张三"
    last = editor.history.rowCount() - 1
    assert editor.history.item(last, 1).data(Qt.ItemDataRole.UserRole) == "case edit_details"
    # One sentence, with the display name and the field as a word.
    sentence = editor.history.item(last, 1).text()
    assert sentence.startswith("王定损 changed the case details: ")
    assert f"plate {old_plate} → 浙A00001" in sentence and "insured — → 张三" in sentence


def test_a_pricing_change_in_a_draft_reprices_what_the_editor_shows(
    qtbot: QtBot, demo: Engine, assessor: User
) -> None:
    editor = _editor(qtbot, demo, assessor, EstimateStatus.DRAFT)
    assert editor.stored is not None
    before = dict(editor.stored.totals)
    dialog = _dialog(editor)
    assert dialog.values()["shop_class"] == "class1"
    dialog.shop_class.setCurrentIndex(dialog.shop_class.findData(ShopClass.FOUR_S))
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert editor.stored.estimate.shop_class is ShopClass.FOUR_S
    assert editor.stored.totals["labor"] != before["labor"]  # the 4S labor rate
    assert editor.totals_labels["labor"].text() == f"{editor.stored.totals['labor']:,.2f}"
    assert editor.stored.row_version > 1  # the stored version was re-priced


def test_once_submitted_the_pricing_fields_are_locked_in_the_dialog(
    qtbot: QtBot, demo: Engine, assessor: User
) -> None:
    editor = _editor(qtbot, demo, assessor, EstimateStatus.SUBMITTED)
    dialog = _dialog(editor)
    for widget in (dialog.region, dialog.shop_class, dialog.paint_type, dialog.model_code):
        assert not widget.isEnabled()
        assert "submitted" in widget.toolTip() or "提交" in widget.toolTip()
    assert dialog.plate.isEnabled() and dialog.vin.isEnabled()


def test_someone_who_is_not_the_cases_assessor_sees_the_details_but_cannot_save(
    qtbot: QtBot, demo: Engine
) -> None:
    chen = create_user(demo, "chen", "second assessor", {Role.ASSESSOR}, actor="admin")
    editor = _editor(qtbot, demo, chen, EstimateStatus.DRAFT)
    dialog = _dialog(editor)
    assert not dialog.save_button.isEnabled() and not dialog.plate.isEnabled()
    assert "wang" in dialog.message.text()


def _conflict(
    qtbot: QtBot, demo: Engine, second: Engine, assessor: User
) -> tuple[EstimateEditor, CaseDetailsDialog, uuid.UUID]:
    """wang opens the details; chen (who worked on the lines) changes the plate and paint
    type on another machine; wang changes the plate and the insured and saves."""
    chen = create_user(demo, "chen", "second assessor", {Role.ASSESSOR}, actor="admin")
    editor = _editor(qtbot, demo, assessor, EstimateStatus.DRAFT)
    case_id = _case_id(editor)
    dialog = _dialog(editor)
    stored = editor.stored
    assert stored is not None
    estimate_store.replace_lines(
        second, stored.id, list(stored.estimate.lines), chen, based_on=stored
    )
    theirs = case_details(second, case_id)
    other = next(p for p in PaintType if p.value != theirs.values["paint_type"])
    update_case(
        second, case_id, {"plate": "浙B22222", "paint_type": other}, theirs.row_version, chen
    )
    dialog.plate.setText("浙A11111")
    dialog.insured_name.setText("张三")
    assert not dialog.save()
    return editor, dialog, case_id


def test_a_refused_save_keeps_my_values_shows_theirs_and_reapplies_mine(
    qtbot: QtBot, demo: Engine, second: Engine, assessor: User
) -> None:
    editor, dialog, case_id = _conflict(qtbot, demo, second, assessor)
    assert dialog.isVisible() and dialog.conflict.isVisible()
    text = dialog.conflict.text.text()
    assert "chen" in text and "浙B22222" in text and "浙A11111" in text  # theirs, yours
    assert dialog.plate.text() == "浙A11111" and dialog.insured_name.text() == "张三"  # kept
    now = case_details(demo, case_id)
    assert now.values["plate"] == "浙B22222" and now.values["insured_name"] == ""  # theirs
    assert not dialog.save()  # no second save on the stale version
    assert "re-apply or discard" in dialog.message.text() or "重新应用" in dialog.message.text()

    dialog.conflict.reapply_button.click()
    assert not dialog.conflict.isVisible() and dialog.isVisible()  # shown to confirm first
    assert dialog.plate.text() == "浙A11111" and dialog.insured_name.text() == "张三"
    assert dialog.paint_type.currentData() == now.values["paint_type"]  # theirs kept
    assert dialog.plate.styleSheet() == REAPPLIED_STYLE
    assert dialog.paint_type.styleSheet() == ""
    assert case_details(demo, case_id).values["plate"] == "浙B22222"  # not saved yet
    dialog.save_button.click()
    assert not dialog.isVisible()
    done = case_details(demo, case_id)
    assert done.values["plate"] == "浙A11111" and done.values["insured_name"] == "张三"
    assert done.values["paint_type"] == now.values["paint_type"]
    assert "浙A11111" in editor.header.text()


def test_a_refused_save_can_be_discarded(
    qtbot: QtBot, demo: Engine, second: Engine, assessor: User
) -> None:
    _, dialog, case_id = _conflict(qtbot, demo, second, assessor)
    dialog.conflict.discard_button.click()
    assert not dialog.conflict.isVisible()
    assert dialog.plate.text() == "浙B22222" and dialog.insured_name.text() == ""
    assert dialog.changes() == {}
    dialog.save_button.click()  # nothing to save: closes, writes nothing
    assert not dialog.isVisible()
    assert case_details(demo, case_id).values["plate"] == "浙B22222"


@pytest.mark.parametrize(
    "failure",
    [
        DatabaseUnavailable("the database server cannot be reached (test)"),
        estimate_store.StorageError(Problem("disk_full")),
    ],
)
def test_a_lost_connection_or_a_refused_write_keeps_my_values(
    qtbot: QtBot,
    demo: Engine,
    assessor: User,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
) -> None:
    editor = _editor(qtbot, demo, assessor, EstimateStatus.DRAFT)
    dialog = _dialog(editor)
    dialog.plate.setText("浙A00002")
    dialog.shop_class.setCurrentIndex(dialog.shop_class.findData(ShopClass.FOUR_S))

    def fail(*_args: object, **_kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(dialog_module, "update_case", fail)
    assert not dialog.save()
    assert dialog.isVisible()
    assert dialog.plate.text() == "浙A00002"
    assert dialog.shop_class.currentData() == ShopClass.FOUR_S
    assert "Save again" in dialog.message.text() or "再次" in dialog.message.text()
    monkeypatch.undo()
    dialog.save_button.click()  # the connection is back: the kept values are saved
    assert not dialog.isVisible()
    saved = case_details(demo, _case_id(editor))
    assert saved.values["plate"] == "浙A00002" and saved.values["shop_class"] == "4s"


def test_invalid_values_are_refused_with_the_field_marked(
    qtbot: QtBot, demo: Engine, assessor: User
) -> None:
    editor = _editor(qtbot, demo, assessor, EstimateStatus.DRAFT)
    dialog = _dialog(editor)
    dialog.vin.setText("LVGBE40K8KG0000")
    dialog.insured_phone.setText("call me")
    assert not dialog.save()
    assert dialog.isVisible() and "VIN" in dialog.message.text()
    assert dialog.vin.styleSheet() and dialog.insured_phone.styleSheet()
    assert dialog.vin.text() == "LVGBE40K8KG0000"


def test_without_the_server_the_dialog_does_not_open_and_says_why(
    qtbot: QtBot, demo: Engine, assessor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = _editor(qtbot, demo, assessor, EstimateStatus.DRAFT)

    def away(*_args: object) -> None:
        raise DatabaseUnavailable("the database server cannot be reached (test)")

    monkeypatch.setattr(dialog_module, "case_details", away)
    assert editor.open_case_details() is None
    assert "cannot be reached" in editor.message.text() or "无法连接" in editor.message.text()

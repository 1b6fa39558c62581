"""The new-case dialog: required fields marked and refused in place with what was typed
kept, the model picked from the catalog (by code, name or pinyin initials) or found by the
VIN, the region by name, all of it by keyboard; and nothing stored unless a case opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.regions import region_name
from estimator.gui.dialogs import NewCaseDialog
from estimator.services import case_list
from estimator.services.case_details import case_details
from estimator.services.users import User
from labor_standards.model import PaintType, ShopClass
from tests.estimator.gui.conftest import window

CLAIM = "RDAA2026330100004242"
#: Under the demo catalog's prefix LVGBE40K (TY-CAMRY-18); the check digit is right.
CAMRY_VIN = "LVGBE40K8LG000100"


# --- keys only ----------------------------------------------------------------------------


def _focused(dialog: QWidget) -> QWidget:
    """Where a key goes: an open popup (the model list), else the dialog's focus widget."""
    popup = QApplication.activePopupWidget()
    if popup is not None and popup.isVisible():
        return popup
    widget = dialog.focusWidget()
    assert widget is not None
    return widget


def _keys(qtbot: QtBot, dialog: QWidget, *keys: Qt.Key | str) -> None:
    """Press ``keys`` (a string is typed; Chinese through the input method) where the focus
    is, as a keyboard would."""
    for key in keys:
        target = _focused(dialog)
        if isinstance(key, str) and key.isascii():
            qtbot.keyClicks(target, key)
        elif isinstance(key, str):
            event = QInputMethodEvent("", [])
            event.setCommitString(key)
            QApplication.sendEvent(target, event)
        else:
            qtbot.keyClick(target, key)


def _ctrl_enter(qtbot: QtBot, dialog: QWidget) -> None:
    qtbot.keyClick(_focused(dialog), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def _when_open(act: Callable[[NewCaseDialog], None], failures: list[BaseException]) -> None:
    """Run ``act`` on the modal new-case dialog once it is open; a failed check closes it
    (kept in ``failures``) instead of leaving the test waiting."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewCaseDialog) or not dialog.isVisible():
            QTimer.singleShot(10, attempt)
            return
        try:
            act(dialog)
        except BaseException as failure:  # noqa: BLE001 - re-raised by the test
            failures.append(failure)
            dialog.reject()

    QTimer.singleShot(0, attempt)


def _new_case(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, act: Callable[[NewCaseDialog], None]
) -> object:
    main = window(qtbot, demo, assessor, tmp_path)
    failures: list[BaseException] = []
    _when_open(act, failures)
    main.new_case()
    if failures:
        raise failures[0]
    return main


def test_a_new_case_by_keys_only_in_the_form_s_tab_order(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    before = len(case_list.list_cases(demo))
    order: list[str] = []

    def fill(dialog: NewCaseDialog) -> None:
        names = {id(w): f for f, w in dialog.field_widgets().items()}

        def tab() -> None:
            _keys(qtbot, dialog, Qt.Key.Key_Tab)
            order.append(names.get(id(dialog.focusWidget()), repr(dialog.focusWidget())))

        assert dialog.focusWidget() is dialog.claim_no
        _keys(qtbot, dialog, Qt.Key.Key_Return)  # nothing typed: refused, nothing stored
        assert dialog.isVisible() and len(case_list.list_cases(demo)) == before
        _keys(qtbot, dialog, CLAIM)
        tab()
        _keys(qtbot, dialog, "浙A12345")
        tab()
        _keys(qtbot, dialog, CAMRY_VIN)
        assert dialog.model_code.text() == "TY-CAMRY-18"  # found by the VIN
        tab()  # the model was found: on to the insured
        tab()
        _keys(qtbot, dialog, "李雷")
        tab()
        _keys(qtbot, dialog, "138 0000 1234")
        tab()  # no shop yet
        tab()  # the shop class as it is
        tab()
        _keys(qtbot, dialog, Qt.Key.Key_Up)  # the region before 浙江: 上海
        assert dialog.region.currentText() in (region_name("SH"), region_name("SH", "en"))
        tab()
        _keys(qtbot, dialog, Qt.Key.Key_Down)  # metallic paint
        _keys(qtbot, dialog, Qt.Key.Key_Return)

    _new_case(qtbot, demo, assessor, tmp_path, fill)
    assert order == [
        "plate",
        "vin",
        "model_code",
        "insured_name",
        "insured_phone",
        "shop_name",
        "shop_class",
        "region",
        "paint_type",
    ]
    created = [c for c in case_list.list_cases(demo) if c.claim_no == CLAIM]
    assert len(created) == 1 and len(case_list.list_cases(demo)) == before + 1
    values = case_details(demo, created[0].case_id).values
    assert {f: values[f] for f in ("plate", "vin", "model_code", "region", "paint_type")} == {
        "plate": "浙A12345",
        "vin": CAMRY_VIN,
        "model_code": "TY-CAMRY-18",
        "region": "SH",
        "paint_type": PaintType.METALLIC.value,
    }
    assert (values["insured_name"], values["insured_phone"]) == ("李雷", "138 0000 1234")


def test_each_missing_field_is_said_under_it_and_what_was_typed_stays(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    before = len(case_list.list_cases(demo))
    seen: dict[str, object] = {}

    def refuse_then_cancel(dialog: NewCaseDialog) -> None:
        _keys(qtbot, dialog, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab)  # to the model
        _keys(qtbot, dialog, "camry?")
        _ctrl_enter(qtbot, dialog)  # Ctrl+Enter: refused like Enter
        seen["notes"] = {f: n.text() for f, n in dialog.notes.items() if n.isVisibleTo(dialog)}
        seen["focus"] = dialog.focusWidget() is dialog.claim_no  # the first refused field
        seen["typed"] = dialog.model_code.currentText()
        _keys(qtbot, dialog, CLAIM)
        assert "claim_no" not in [f for f, n in dialog.notes.items() if n.isVisibleTo(dialog)]
        _keys(qtbot, dialog, Qt.Key.Key_Escape)  # and cancelled: nothing stored either

    _new_case(qtbot, demo, assessor, tmp_path, refuse_then_cancel)
    notes = seen["notes"]
    assert isinstance(notes, dict) and set(notes) == {"claim_no", "plate", "model_code"}
    assert "报案号" in notes["claim_no"] or "claim number" in notes["claim_no"]
    assert "VIN" in notes["plate"]
    assert "camry?" in notes["model_code"]  # says which text is not a model
    assert seen["focus"] and seen["typed"] == "camry?"
    assert len(case_list.list_cases(demo)) == before


def test_required_fields_are_marked_with_a_star_and_a_placeholder(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = NewCaseDialog(None, (), engine=demo)
    qtbot.addWidget(dialog)
    for field in ("claim_no", "plate", "vin", "model_code"):
        assert "*" in dialog.labels[field].text() and "<b>" in dialog.labels[field].text()
    for field in ("insured_name", "insured_phone", "shop_name"):
        assert "*" not in dialog.labels[field].text()
    line = dialog.model_code.lineEdit()
    assert line is not None
    for placeholder in (dialog.claim_no, dialog.plate, dialog.vin, line):
        assert placeholder.placeholderText()


# --- the model ----------------------------------------------------------------------------


def _dialog(qtbot: QtBot, demo: Engine) -> NewCaseDialog:
    dialog = NewCaseDialog(None, (), engine=demo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_model_is_found_by_pinyin_initials_name_or_code_and_picked_from_the_list(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = _dialog(qtbot, demo)
    finder = dialog.model_code.finder
    dialog.model_code.setFocus()
    for typed, listed in (("kmr", ["TY-CAMRY-18"]), ("lavida", ["VW-LAVIDA-19"]), ("ft", None)):
        dialog.model_code.setEditText("")
        _keys(qtbot, dialog, typed)
        qtbot.waitUntil(finder.popup().isVisible)
        shown = [
            finder.completionModel().index(r, 0).data() for r in range(finder.completionCount())
        ]
        codes = [label.split(" — ")[0] for label in shown]
        if listed is not None:
            assert codes == listed
        else:  # 丰田 (two models) and 福特 share the initials
            assert set(codes) == {"TY-CAMRY-18", "TY-COROLLA-19", "FD-FOCUS-19"}
        _keys(qtbot, dialog, Qt.Key.Key_Escape)
    dialog.model_code.setEditText("")
    dialog.model_code.setEditText("")
    _keys(qtbot, dialog, "kmr", Qt.Key.Key_Down, Qt.Key.Key_Return)
    assert dialog.model_code.text() == "TY-CAMRY-18"
    assert dialog.model_code.currentText().startswith("TY-CAMRY-18 — 丰田 凯美瑞")
    # A code typed whole is the model too; a name that is not listed is not.
    dialog.model_code.setEditText("vw-lavida-19")
    assert dialog.model_code.code() == "VW-LAVIDA-19"
    dialog.model_code.setEditText("凯美瑞")
    assert dialog.model_code.code() is None


def test_a_vin_fills_the_model_and_a_chosen_model_is_kept_unless_asked(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = _dialog(qtbot, demo)
    dialog.vin.setFocus()
    _keys(qtbot, dialog, CAMRY_VIN)
    assert dialog.model_code.text() == "TY-CAMRY-18"
    assert "凯美瑞" in dialog.model_note.text() and not dialog.use_vin_model.isVisibleTo(dialog)
    # Another VIN the catalog knows replaces a model a VIN filled in.
    dialog.vin.clear()
    _keys(qtbot, dialog, "LSVAG2")
    assert dialog.model_code.text() == "TY-CAMRY-18"  # 17 characters first
    _keys(qtbot, dialog, "A1BC1234567")  # the check digit is wrong: said, not refused
    assert dialog.model_code.text() == "VW-LAVIDA-19"
    assert dialog.vin_note.isVisibleTo(dialog) and "VIN" in dialog.vin_note.text()
    # A VIN the catalog does not know: said, and the last VIN's model goes.
    dialog.vin.clear()
    _keys(qtbot, dialog, "WDDWF4KB0FR000001")
    assert dialog.model_code.text() == ""
    assert dialog.model_note.isVisibleTo(dialog) and dialog.model_note.text()
    # A model the user chose stays; the VIN's is offered and taken by keys on request.
    dialog.model_code.setFocus()
    _keys(qtbot, dialog, "lavida", Qt.Key.Key_Down, Qt.Key.Key_Return)
    assert dialog.model_code.text() == "VW-LAVIDA-19"
    dialog.vin.clear()
    dialog.vin.setFocus()
    _keys(qtbot, dialog, CAMRY_VIN)
    assert dialog.model_code.text() == "VW-LAVIDA-19"
    assert dialog.use_vin_model.isVisibleTo(dialog) and "凯美瑞" in dialog.model_note.text()
    _keys(qtbot, dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.use_vin_model
    _keys(qtbot, dialog, Qt.Key.Key_Space)
    assert dialog.model_code.text() == "TY-CAMRY-18"
    assert not dialog.use_vin_model.isVisibleTo(dialog)


def test_the_region_is_offered_by_name_where_the_standard_has_prices(
    qtbot: QtBot, demo: Engine
) -> None:
    dialog = _dialog(qtbot, demo)
    codes = [dialog.region.itemData(i) for i in range(dialog.region.count())]
    assert codes == ["SH", "ZJ"]  # the demo's labor standard prices these two
    assert dialog.region.text() == "ZJ"
    assert dialog.region.currentText() in ("浙江", "Zhejiang")
    dialog.region.setText("BJ")  # an older case's region is shown, by name
    assert dialog.region.currentText() in ("北京", "Beijing") and dialog.region.text() == "BJ"


# --- the main window ----------------------------------------------------------------------


def test_a_refused_new_case_comes_back_with_the_reason_and_what_was_typed(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    shown: list[tuple[str, str, str, bool]] = []

    def answer(dialog: NewCaseDialog) -> QDialog.DialogCode:
        # What the assessor sees each time the dialog opens, then what they do.
        shown.append(
            (
                dialog.claim_no.text(),
                dialog.insured_phone.text(),
                dialog.problems.text(),
                dialog.problems.isVisibleTo(dialog),
            )
        )
        if len(shown) == 1:
            dialog.claim_no.setText(CLAIM)
            dialog.plate.setText("浙A12345")
            dialog.model_code.setText("TY-CAMRY-18")
            dialog.insured_name.setText("Li Lei")
            dialog.insured_phone.setText("138-abc")  # refused: letters in a phone number
        elif len(shown) == 2:
            dialog.insured_phone.setText("138 0000 1234")
        return QDialog.DialogCode.Accepted

    NewCaseDialog.exec = answer  # type: ignore[method-assign,assignment]
    try:
        main.new_case()
    finally:
        del NewCaseDialog.exec  # type: ignore[attr-defined]
    assert len(shown) == 2
    assert shown[0] == ("", "", "", False)
    claim, phone, reason, visible = shown[1]
    assert (claim, phone, visible) == (CLAIM, "138-abc", True)
    assert "insured_phone" in reason or "电话" in reason or "phone" in reason
    created = next(c for c in case_list.list_cases(demo) if c.claim_no == CLAIM)
    assert main.editor.estimate_id == created.estimate_id
    details = case_details(demo, created.case_id)
    assert (details.values["insured_name"], details.values["insured_phone"]) == (
        "Li Lei",
        "138 0000 1234",
    )
    assert details.values["shop_class"] == ShopClass.CLASS1.value


def test_a_cancelled_new_case_opens_nothing(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    before = len(case_list.list_cases(demo))
    NewCaseDialog.exec = lambda _d: QDialog.DialogCode.Rejected  # type: ignore[method-assign,assignment,misc]
    try:
        main.new_case()
    finally:
        del NewCaseDialog.exec  # type: ignore[attr-defined]
    assert len(case_list.list_cases(demo)) == before


def test_the_case_details_form_shows_the_same_boxes_and_opening_it_changes_nothing(
    qtbot: QtBot, demo: Engine, assessor: User
) -> None:
    from estimator.gui.case_details import CaseDetailsDialog

    for case in case_list.list_cases(demo):
        dialog = CaseDetailsDialog(demo, case.case_id, assessor)
        qtbot.addWidget(dialog)
        values = case_details(demo, case.case_id).values
        assert dialog.changes() == {}  # no model filled in behind the user's back
        assert dialog.model_code.text() == values["model_code"]
        assert dialog.region.text() == values["region"]
        assert dialog.region.currentText() in (
            region_name(str(values["region"])),
            region_name(str(values["region"]), "en"),
        )

"""The on-site documents dialog in the editor: Ctrl+Shift+O opens it, the procedure is chosen
in words, the keys 1…5 tick items as collected on site (recorded at once, audited), the last
one stamps documents_collected, and a reviewer may read but not record."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.onsite_documents import DocumentState, Procedure
from estimator.gui.dialogs import NewCaseDialog
from estimator.gui.documents_dialog import DocumentsDialog
from estimator.gui.history_words import history_sentence
from estimator.services import case_list
from estimator.services.demo import DEMO_USERS
from estimator.services.onsite_documents import document_checklist
from estimator.services.users import User, authenticate
from tests.estimator.gui.conftest import window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _open_dialog(qtbot: QtBot, main) -> DocumentsDialog:  # type: ignore[no-untyped-def]
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.waitUntil(lambda: main.editor.documents_button.isEnabled())
    qtbot.keyClick(main.editor.table, Qt.Key.Key_O, CTRL_SHIFT)
    found: list[DocumentsDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, DocumentsDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    found[0].activateWindow()
    qtbot.waitUntil(found[0].isActiveWindow)
    return found[0]


def test_number_keys_tick_the_simple_checklist(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    dialog = _open_dialog(qtbot, main)
    stored = main.editor.stored
    assert stored is not None
    assert dialog.procedure.currentText() == dialog.tr("Ordinary procedure")
    assert len(dialog.rows) == 6
    dialog.procedure.setCurrentIndex(dialog.procedure.findData(Procedure.SIMPLE.value))
    qtbot.waitUntil(lambda: len(dialog.rows) == 5)
    assert document_checklist(demo, stored.case_id).procedure is Procedure.SIMPLE
    # The keys work wherever the focus is in the dialog, a state's list box too.
    dialog.rows[0][1].setFocus()
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_5):
        qtbot.keyClick(dialog.rows[0][1], key)
    qtbot.waitUntil(
        lambda: (
            [i.state for i in document_checklist(demo, stored.case_id).items].count(
                DocumentState.ONSITE
            )
            == 4
        )
    )
    assert dialog.checklist.collected_at is None
    bank_card = dialog.rows[3][1]
    assert bank_card.currentText() == dialog.tr("Missing")
    qtbot.keyClick(dialog, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: document_checklist(demo, stored.case_id).collected_at is not None)
    assert bank_card.currentText() == dialog.tr("Collected on site")
    assert dialog.tr("All collected at %1").split("%1")[0] in dialog.summary.text()
    qtbot.keyClick(dialog, Qt.Key.Key_4)  # again: not collected after all
    qtbot.waitUntil(
        lambda: document_checklist(demo, stored.case_id).items[3].state is DocumentState.MISSING
    )
    assert bank_card.currentText() == dialog.tr("Missing")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    tabs = main.editor.review_tabs
    detail = {"item": "bank_card", "state": "missing"}
    sentence = history_sentence("documents", assessor.display_name, detail, tabs.language())
    qtbot.waitUntil(
        lambda: any(
            tabs.history.item(row, 1) is not None and tabs.history.item(row, 1).text() == sentence
            for row in range(tabs.history.rowCount())
        )
    )


def test_a_reviewer_reads_but_does_not_record(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    name, _display, _roles, password = DEMO_USERS[1]
    reviewer = window(qtbot, demo, authenticate(demo, name, password), tmp_path / "li")
    qtbot.waitUntil(lambda: reviewer.editor.stored is not None)
    dialog = _open_dialog(qtbot, reviewer)
    assert not dialog.procedure.isEnabled()
    assert all(not box.isEnabled() for _code, box, _when in dialog.rows)
    qtbot.keyClick(dialog, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: dialog.message.text() != "")  # refused in words
    stored = reviewer.editor.stored
    assert stored is not None
    states = {i.state for i in document_checklist(demo, stored.case_id).items}
    assert states == {DocumentState.MISSING}


def test_the_new_case_dialog_chooses_the_procedure(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    claim = "RDAA2026330100009999"

    def answer(dialog: NewCaseDialog) -> QDialog.DialogCode:
        assert dialog.procedure.currentText() == dialog.tr("Ordinary procedure")
        dialog.claim_no.setText(claim)
        dialog.plate.setText("浙A12345")
        dialog.model_code.setText("TY-CAMRY-18")
        dialog.procedure.setCurrentIndex(dialog.procedure.findData(Procedure.SIMPLE.value))
        return QDialog.DialogCode.Accepted

    NewCaseDialog.exec = answer  # type: ignore[method-assign,assignment]
    try:
        main.new_case()
    finally:
        del NewCaseDialog.exec  # type: ignore[attr-defined]
    created = next(c for c in case_list.list_cases(demo) if c.claim_no == claim)
    checklist = document_checklist(demo, created.case_id)
    assert checklist.procedure is Procedure.SIMPLE and len(checklist.items) == 5

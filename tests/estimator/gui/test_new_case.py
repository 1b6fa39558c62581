"""The new-case dialog: the insured is asked for, and refused values come back with the
reason instead of being lost."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.gui.dialogs import NewCaseDialog
from estimator.services import cases
from estimator.services.case_details import case_details
from estimator.services.users import User
from tests.estimator.gui.conftest import window

CLAIM = "RDAA2026330100004242"


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
    created = next(c for c in cases.list_cases(demo) if c.claim_no == CLAIM)
    assert main.editor.estimate_id == created.estimate_id
    details = case_details(demo, created.case_id)
    assert (details.values["insured_name"], details.values["insured_phone"]) == (
        "Li Lei",
        "138 0000 1234",
    )


def test_a_cancelled_new_case_opens_nothing(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    before = len(cases.list_cases(demo))
    NewCaseDialog.exec = lambda _d: QDialog.DialogCode.Rejected  # type: ignore[method-assign,assignment,misc]
    try:
        main.new_case()
    finally:
        del NewCaseDialog.exec  # type: ignore[attr-defined]
    assert len(cases.list_cases(demo)) == before

"""Submitting with warnings open (issue 26.3): the editor lists them in one dialog, asks a
reason per finding, submits only once each has one, and the reviewer's desk shows them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus
from estimator.gui.submit_dialog import SubmitDialog
from estimator.services import case_list, estimate_store
from estimator.services.demo import DEMO_USERS
from estimator.services.submission import submission_reasons
from estimator.services.users import User, authenticate
from tests.estimator.gui.conftest import window

CLAIM_DRAFT = "RDAA2026330100000124"  # the demo's draft at the partner shop: R06 is open


def _user(demo: Engine, name: str) -> User:
    return authenticate(demo, name, {n: p for n, _d, _r, p in DEMO_USERS}[name])


def test_submitting_with_warnings_asks_a_reason_for_each_and_the_reviewer_reads_them(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    """Guards issue 26.3: Submit no longer goes through silently with warnings open. The
    dialog lists every open warning; Cancel leaves the draft; Submit is enabled only when
    each finding has a reason; the reasons are stored with the version and the reviewer
    sees them beside the findings on the review desk."""
    estimate_id = next(c.estimate_id for c in case_list.list_cases(demo, CLAIM_DRAFT))
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    editor.open(estimate_id)
    warned = [f for f in editor.current_findings if f.severity.value == "warn"]
    assert warned

    editor.submit_button.click()
    dialog = editor.submit_dialog
    assert isinstance(dialog, SubmitDialog) and dialog.isVisible()
    assert [f.rule for f in dialog.warnings] == [f.rule for f in warned]
    assert not dialog.submit_button.isEnabled()  # no reason written yet
    dialog.reject()
    assert estimate_store.load_estimate(demo, estimate_id).status is EstimateStatus.DRAFT

    editor.submit_button.click()
    dialog = editor.submit_dialog
    assert isinstance(dialog, SubmitDialog)
    boxes = list(dialog.boxes.values())
    for box in boxes[:-1]:
        qtbot.keyClicks(box, "the shop has no repair bench")
    assert not dialog.submit_button.isEnabled()  # one still has none
    qtbot.keyClicks(boxes[-1], "the shop has no repair bench")
    assert dialog.submit_button.isEnabled()
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.stored is not None and editor.stored.status.value == "submitted")
    kept = submission_reasons(demo, estimate_id)
    assert {(r.rule, r.line) for r in kept} == {(f.rule, f.line) for f in warned}
    assert {r.reason for r in kept} == {"the shop has no repair bench"}

    reviewer = window(qtbot, demo, _user(demo, "li"), tmp_path / "li")
    desk = reviewer.desk
    assert desk is not None
    row = next(
        r for r in range(desk.queue.rowCount()) if desk.queue.case_at(r).estimate_id == estimate_id
    )
    desk.open_row(row)
    findings = desk.viewer.findings
    header = findings.horizontalHeaderItem(4).text()
    assert header in ("Assessor's reason", "定损员说明")
    shown = {
        findings.item(r, 0).text(): findings.item(r, 4).text() for r in range(findings.rowCount())
    }
    assert all(shown[f.rule] == "the shop has no repair bench" for f in warned)

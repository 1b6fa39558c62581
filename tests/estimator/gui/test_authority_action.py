"""The editor's 权限内核定: enabled for the assessor's own on-site version within authority,
disabled with the reason otherwise; approving lets the customer sign."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus, Role
from estimator.gui.authority_action import AUTHORITY_KEY
from estimator.gui.labels import in_language
from estimator.services import authority, case_list, estimate_store, workflow
from estimator.services.demo import DEMO_USERS
from estimator.services.users import User, authenticate, update_user
from tests.estimator.gui.conftest import window

ADMIN = User("admin", "管理员", frozenset({Role.ADMIN}))


def _with_authority(demo: Engine, amount: str) -> User:
    """The demo assessor (wang) with an authority of ``amount``, signed in afresh."""
    name, _display, _roles, password = DEMO_USERS[0]
    update_user(demo, name, ADMIN, authority=Decimal(amount))
    return authenticate(demo, name, password)


def _case(demo: Engine, claim_no: str) -> case_list.CaseSummary:
    return next(c for c in case_list.list_cases(demo) if c.claim_no == claim_no)


def test_the_assessor_approves_within_authority_and_the_customer_may_sign(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    wang = _with_authority(demo, "2000")
    on_site = _case(demo, "RDAA2026330100000126")  # returned, on-site, 405.00, no findings
    workflow.submit(demo, on_site.estimate_id, wang)
    main = window(qtbot, demo, wang, tmp_path)
    editor = main.editor
    editor.open(on_site.estimate_id)
    button = editor.authority_button
    assert button.isVisible() and button.isEnabled()
    assert "2,000.00" in button.toolTip() and "Shift+E" in button.toolTip()
    assert not editor.sign_button.isEnabled()  # not yet approved

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: editor.stored is not None and editor.stored.status is EstimateStatus.APPROVED
    )
    assert authority.sample_state(demo, on_site.estimate_id).within_authority
    assert editor.sign_button.isEnabled()  # the customer signs at the scene
    assert not button.isEnabled()  # approved: nothing left to approve
    said = main.statusBar().currentMessage()
    assert said.startswith(
        editor.authority.tr("Approved within your authority: the customer may sign now.")
    )
    sampled = authority.sample_state(demo, on_site.estimate_id).sampled
    assert said.endswith(editor.authority.tr(" Drawn for a sample check by a reviewer.")) is sampled
    assert editor.message.text() == ""  # the red line is for problems


def test_the_key_approves_too(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    wang = _with_authority(demo, "2000")
    on_site = _case(demo, "RDAA2026330100000126")
    workflow.submit(demo, on_site.estimate_id, wang)
    main = window(qtbot, demo, wang, tmp_path)
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    main.editor.open(on_site.estimate_id)
    assert main.estimate_actions["authority"].shortcut().toString() == AUTHORITY_KEY
    qtbot.keyClick(
        main.editor.table,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: (
            estimate_store.load_estimate(demo, on_site.estimate_id).status
            is EstimateStatus.APPROVED
        )
    )


def test_outside_authority_the_action_is_disabled_and_says_why(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    wang = _with_authority(demo, "300")
    on_site = _case(demo, "RDAA2026330100000126")
    workflow.submit(demo, on_site.estimate_id, wang)
    main = window(qtbot, demo, wang, tmp_path)
    editor = main.editor
    editor.open(on_site.estimate_id)
    assert editor.authority_button.isVisible() and not editor.authority_button.isEnabled()
    tip = editor.authority_button.toolTip()
    assert "405.00" in tip and "300.00" in tip  # the total over the authority
    standard = _case(demo, "RDAA2026330100000123")  # submitted, the standard tier
    editor.open(standard.estimate_id)
    assert not editor.authority_button.isEnabled()
    refusal = authority.authority_refusal(demo, standard.estimate_id, wang)
    assert refusal is not None and refusal.code == "authority_not_on_site"
    assert editor.authority_button.toolTip().startswith(in_language(refusal))
    draft = _case(demo, "RDAA2026330100000124")
    editor.open(draft.estimate_id)
    assert not editor.authority_button.isEnabled()
    only_submitted = editor.authority.tr("Only a submitted version is approved within authority")
    assert editor.authority_button.toolTip().startswith(only_submitted)
    main.estimate_actions["authority"].trigger()  # disabled: the key does nothing
    assert estimate_store.load_estimate(demo, draft.estimate_id).status is EstimateStatus.DRAFT


def test_an_assessor_without_authority_is_not_offered_the_action(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    without = _with_authority(demo, "0")  # the demo's wang has 2,000: taken away here
    main = window(qtbot, demo, without, tmp_path)
    assert without.authority == 0
    assert not main.editor.authority_button.isVisible()


def test_the_desk_lists_a_sampled_approval_and_records_a_failed_check(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    from estimator.gui.models import tr as model_text
    from estimator.services.settings import set_setting

    set_setting(demo, "authority.sample_rate", "1", ADMIN)  # every approval is drawn
    wang = _with_authority(demo, "2000")
    on_site = _case(demo, "RDAA2026330100000126")
    workflow.submit(demo, on_site.estimate_id, wang)
    authority.approve_within_authority(demo, on_site.estimate_id, wang)
    name, _display, _roles, password = DEMO_USERS[1]
    li = authenticate(demo, name, password)
    main = window(qtbot, demo, li, tmp_path)
    desk = main.desk
    assert desk is not None
    main.tabs.setCurrentWidget(desk)
    rows = [desk.queue.case_at(r) for r in range(desk.queue.rowCount())]
    row = next(r for r, c in enumerate(rows) if c.estimate_id == on_site.estimate_id)
    assert rows[row].sampled and not rows[0].sampled  # the submitted one first
    status = desk.queue.index(row, 4).data()
    assert status.startswith(model_text("Sample check"))
    desk.table.selectRow(row)
    qtbot.waitUntil(lambda: desk.viewer.estimate_id == on_site.estimate_id)
    assert desk.samples.pass_button.isVisible() and desk.samples.fail_button.isVisible()
    assert not desk.approve_button.isEnabled()  # approved already: checked, not decided

    qtbot.mouseClick(desk.samples.fail_button, Qt.MouseButton.LeftButton)
    dialog = desk.samples.dialog
    assert dialog is not None and not dialog.ok_button.isEnabled()  # a note is needed
    dialog.text.setPlainText("拖车费偏高")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: authority.sample_state(demo, on_site.estimate_id).outcome == "failed")
    state = authority.sample_state(demo, on_site.estimate_id)
    assert (state.checked_by, state.note) == ("li", "拖车费偏高")
    ids = [desk.queue.case_at(r).estimate_id for r in range(desk.queue.rowCount())]
    assert on_site.estimate_id not in ids  # checked: off the queue
    assert not desk.samples.pass_button.isVisible()
    status_now = estimate_store.load_estimate(demo, on_site.estimate_id).status
    assert status_now is EstimateStatus.APPROVED  # a failed check changes no decision


def test_the_history_says_within_authority_and_what_a_failed_check_means() -> None:
    from estimator.gui.history_words import history_sentence

    approved = {"from": "submitted", "to": "approved", "within_authority": True}
    assert history_sentence("approve", "王定损", approved, "zh", 1) == "王定损 在定损权限内核定 v1"
    assert history_sentence("approve", "Wang", {**approved, "sampled": True}, "en", 1) == (
        "Wang approved v1 within their authority (drawn for a sample check)"
    )
    failed = {"ok": False, "note": "拖车费偏高"}
    assert history_sentence("sample_check", "李核损", failed, "zh", 1) == (
        "李核损 抽检 v1：不通过（拖车费偏高）；核定金额不变，计入指标"
    )
    assert (
        history_sentence("sample_check", "李核损", {"ok": True}, "zh", 1) == "李核损 抽检 v1：通过"
    )

"""The reviewer's desk: queue, open, return with a reason, resubmission, approval by a second reviewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import EstimateStatus, Role
from estimator.gui.main_window import MainWindow
from estimator.services import estimate_store, review_queue, workflow
from estimator.services.demo import DEMO_USERS
from estimator.services.users import authenticate, create_user


def _window(qtbot: QtBot, engine: Engine, user, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    main = MainWindow(
        engine, user, settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(main)
    main.show()
    return main


def test_walk_the_desk(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    credentials = {name: password for name, _d, _r, password in DEMO_USERS}
    li = authenticate(demo, "li", credentials["li"])
    wang = authenticate(demo, "wang", credentials["wang"])
    zhou = create_user(demo, "zheng", "second reviewer", {Role.REVIEWER}, actor="admin")

    main = _window(qtbot, demo, li, tmp_path)
    desk = main.desk
    assert desk is not None
    assert desk.queue.rowCount() == 1  # the demo has one submitted estimate
    queued = desk.queue.case_at(0)
    assert desk.viewer.estimate_id == queued.estimate_id
    assert desk.viewer.findings.rowCount() > 0  # the self-check findings travel with it
    assert not desk.viewer.search.isEnabled()  # read-only
    assert not desk.return_current("")  # a return needs reasons
    assert desk.return_current("拖车费请附发票；左前叶子板工时偏高")
    assert desk.queue.rowCount() == 0
    assert estimate_store.load_estimate(demo, queued.estimate_id).status is EstimateStatus.RETURNED

    workflow.submit(demo, queued.estimate_id, wang)  # the assessor resubmits

    second = _window(qtbot, demo, zhou, tmp_path)
    assert second.desk is not None
    second.desk.refresh()
    assert second.desk.queue.case_at(0).estimate_id == queued.estimate_id
    assert not second.desk.approve_current("")  # findings remain: a reason is needed
    assert (
        "reason" in second.desk.viewer.message.text() or "理由" in second.desk.viewer.message.text()
    )
    assert second.desk.approve_current("已与修理厂核对发票和工时")
    assert estimate_store.load_estimate(demo, queued.estimate_id).status is EstimateStatus.APPROVED
    history = workflow.case_deadlines(demo, queued.estimate_id)
    resubmissions = [d for d in history if d.name == "resubmission"]
    assert resubmissions and resubmissions[-1].met_at is not None


def test_assessors_have_no_desk(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    wang = authenticate(demo, "wang", {n: p for n, _d, _r, p in DEMO_USERS}["wang"])
    assert _window(qtbot, demo, wang, tmp_path).desk is None


def test_a_reviewer_adjusts_a_line_and_a_second_reviewer_approves(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    from decimal import Decimal

    from estimator.services.documents import estimate_sheet

    credentials = {name: password for name, _d, _r, password in DEMO_USERS}
    li = authenticate(demo, "li", credentials["li"])
    zhou = create_user(demo, "zheng", "second reviewer", {Role.REVIEWER}, actor="admin")
    main = _window(qtbot, demo, li, tmp_path)
    desk = main.desk
    assert desk is not None
    estimate_id = desk.viewer.estimate_id
    assert estimate_id is not None
    towing = next(
        r
        for r in range(desk.viewer.lines.rowCount())
        if desk.viewer.lines.line_at(r).description == "拖车"
    )
    position = desk.viewer.lines.line_at(towing).index
    assert position is not None
    assert not desk.adjust_current(position, Decimal("200.00"), "")  # a reason is required
    assert desk.adjust_current(position, Decimal("200.00"), "拖车发票金额 200 元")
    shown = desk.viewer.lines.data(desk.viewer.lines.index(towing, 6))
    assert shown == "300.00 → 200.00"
    assert "→" in desk.viewer.totals_labels["total"].text()
    assert not desk.approve_current("已核对")  # li changed a line: not li's approval
    assert desk.release_current()  # so li puts it back for a second reviewer
    second = _window(qtbot, demo, zhou, tmp_path)
    assert second.desk is not None
    second.desk.refresh()
    assert second.desk.approve_current("按发票核定拖车费")
    sheet = estimate_sheet(demo, estimate_id, language="zh")
    import subprocess

    path = tmp_path / "approved.pdf"
    path.write_bytes(sheet)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "核损金额 200.00" in text.replace("\n", "") and "核损合计" in text


def test_the_queue_filters_by_tier_shop_and_assessor(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    credentials = {name: password for name, _d, _r, password in DEMO_USERS}
    li = authenticate(demo, "li", credentials["li"])
    desk = _window(qtbot, demo, li, tmp_path).desk
    assert desk is not None and desk.queue.rowCount() == 1
    assert desk.shop_filter.findData("丽水某汽修") > 0 and desk.assessor_filter.findData("wang") > 0
    desk.assessor_filter.setCurrentIndex(desk.assessor_filter.findData("wang"))
    assert desk.queue.rowCount() == 1
    desk.tier_filter.setCurrentIndex(desk.tier_filter.findData("teardown"))
    assert desk.queue.rowCount() == 0  # the queued estimate is in the standard tier


def test_the_queue_is_worked_exclusively(qtbot: QtBot, demo: Engine, tmp_path: Path) -> None:
    credentials = {name: password for name, _d, _r, password in DEMO_USERS}
    li = authenticate(demo, "li", credentials["li"])
    zhou = create_user(demo, "zheng", "second reviewer", {Role.REVIEWER}, actor="admin")
    mine = _window(qtbot, demo, li, tmp_path).desk
    assert mine is not None and mine.held is not None  # opening it took it
    assert mine.approve_button.isEnabled() and mine.release_button.isEnabled()
    estimate_id = mine.held

    theirs = _window(qtbot, demo, zhou, tmp_path).desk
    assert theirs is not None and theirs.held is None
    assert theirs.viewer.estimate_id == estimate_id  # shown, but li has it
    assert "li" in theirs.holder.text()
    assert "李核损" in theirs.queue.data(theirs.queue.index(0, 4))  # by display name
    assert not theirs.approve_button.isEnabled() and not theirs.return_button.isEnabled()
    assert not theirs.approve_current("已核对")  # refused by the service too
    assert "li" in theirs.viewer.message.text()
    assert not theirs.take_next()  # nothing else to take
    assert estimate_store.load_estimate(demo, estimate_id).status is EstimateStatus.SUBMITTED

    assert mine.release_current()
    assert not mine.approve_button.isEnabled()
    assert theirs.take_next()
    assert theirs.held == estimate_id and theirs.approve_button.isEnabled()
    assert theirs.approve_current("已与修理厂核对发票和工时")
    assert theirs.held is None and theirs.queue.rowCount() == 0


def test_closing_the_workstation_puts_what_the_reviewer_holds_back(
    qtbot: QtBot, demo: Engine, tmp_path: Path
) -> None:
    credentials = {name: password for name, _d, _r, password in DEMO_USERS}
    li = authenticate(demo, "li", credentials["li"])
    main = _window(qtbot, demo, li, tmp_path)
    assert main.desk is not None and main.desk.held is not None  # opening the queue took it
    held = main.desk.held
    assert review_queue.review_holder(demo, held) == "li"
    main.close()
    assert review_queue.review_holder(demo, held) == ""  # free for the next reviewer at once

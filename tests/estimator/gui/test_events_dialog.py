"""The field events dialog in the editor: Ctrl+Shift+T opens it; key 2 records the arrival now
and the case bar's clock moves on; a typed past local time is stored in UTC; a future time is
refused in words with nothing stored; an entrustment keeps its party; a reviewer only reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.gui.chase_dialog import ChaseDialog
from estimator.gui.documents_dialog import DocumentsDialog
from estimator.gui.events_dialog import EventsDialog
from estimator.gui.history_words import history_sentence
from estimator.gui.labels import clock_text
from estimator.services import case_list
from estimator.services.demo import DEMO_USERS
from estimator.services.field_events import case_events
from estimator.services.users import User, authenticate
from kernel.clock import to_local, utcnow
from labor_standards.model import ShopClass
from tests.estimator.gui.conftest import window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _new_case(demo: Engine, user: User, claim_no: str):  # type: ignore[no-untyped-def]
    """A case dispatched three minutes ago (its contact and arrival clocks run)."""
    created = case_list.create_case(
        demo,
        claim_no=claim_no,
        region="ZJ",
        shop_class=ShopClass.CLASS1,
        actor=user,
        plate="浙K00078",
        model_code="TY-CAMRY-18",
        dispatch_at=utcnow() - dt.timedelta(minutes=3),
    )
    assert created.estimate_id is not None and created.case_id is not None
    return created


def _open_dialog(qtbot: QtBot, main) -> EventsDialog:  # type: ignore[no-untyped-def]
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow)
    qtbot.waitUntil(lambda: main.editor.events_button.isEnabled())
    qtbot.keyClick(main.editor.table, Qt.Key.Key_T, CTRL_SHIFT)
    found: list[EventsDialog] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, EventsDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    found[0].activateWindow()
    qtbot.waitUntil(found[0].isActiveWindow)
    return found[0]


def _kinds(demo: Engine, case_id: object) -> list[str]:
    return [e.kind for e in case_events(demo, str(case_id))]


def test_key_2_records_the_arrival_now_and_the_clock_moves_on(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    created = _new_case(demo, assessor, "RDAA2026330100EV001")
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(created.estimate_id)
    header = main.editor.header
    qtbot.waitUntil(lambda: clock_text("contact") in header.text())
    dialog = _open_dialog(qtbot, main)
    assert dialog.table.rowCount() == len(case_events(demo, str(created.case_id)))
    qtbot.keyClick(dialog, Qt.Key.Key_1)  # contacted the customer: the arrival is next
    qtbot.waitUntil(lambda: clock_text("arrival") in header.text())
    assert clock_text("contact") not in header.text()
    before = utcnow()
    qtbot.keyClick(dialog.buttons[0], Qt.Key.Key_2)  # the keys work wherever the focus is
    qtbot.waitUntil(lambda: "arrival" in _kinds(demo, created.case_id))
    (arrival,) = [e for e in case_events(demo, str(created.case_id)) if e.kind == "arrival"]
    assert before <= arrival.at <= utcnow() and arrival.by == assessor.username
    qtbot.waitUntil(lambda: clock_text("arrival") not in header.text())
    words = dialog.words["arrival"]
    assert any(dialog.table.item(row, 1).text() == words for row in range(dialog.table.rowCount()))
    assert words in dialog.confirmation.text() and dialog.message.text() == ""
    tabs = main.editor.review_tabs
    sentence = history_sentence("event_arrival", assessor.display_name, {}, tabs.language())
    qtbot.waitUntil(
        lambda: any(
            tabs.history.item(row, 1) is not None and tabs.history.item(row, 1).text() == sentence
            for row in range(tabs.history.rowCount())
        )
    )


def test_a_typed_time_is_local_a_future_one_refused_and_entrustment_keeps_its_party(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    created = _new_case(demo, assessor, "RDAA2026330100EV002")
    main = window(qtbot, demo, assessor, tmp_path)
    main.editor.open(created.estimate_id)
    dialog = _open_dialog(qtbot, main)
    # 2026-12-01 08:15 in Shanghai is 00:15 UTC.
    dialog.when.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(8, 15)))
    qtbot.mouseClick(dialog.buttons[3], Qt.MouseButton.LeftButton)  # teardown
    qtbot.waitUntil(lambda: "teardown" in _kinds(demo, created.case_id))
    (teardown,) = [e for e in case_events(demo, str(created.case_id)) if e.kind == "teardown"]
    assert teardown.at == dt.datetime(2026, 12, 1, 0, 15, tzinfo=dt.UTC)
    assert not dialog.typed_time  # back to now for the next event
    # A time tomorrow is refused in words; nothing is stored.
    tomorrow = to_local(utcnow() + dt.timedelta(days=1), dialog.zone)
    dialog.when.setDateTime(
        QDateTime(QDate(tomorrow.year, tomorrow.month, tomorrow.day), QTime(tomorrow.hour, 0))
    )
    count = len(_kinds(demo, created.case_id))
    qtbot.keyClick(dialog, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: dialog.message.text() != "")
    assert f"{tomorrow:%Y-%m-%d} {tomorrow.hour:02d}:00" in dialog.message.text()
    assert len(_kinds(demo, created.case_id)) == count
    # An entrustment without its party is refused; with it, the party is kept.
    dialog.reset_time()
    qtbot.keyClick(dialog, Qt.Key.Key_6)
    qtbot.waitUntil(lambda: "entrust" in dialog.message.text() or "受托方" in dialog.message.text())
    dialog.party.setFocus()
    typed = QInputMethodEvent("", [])
    typed.setCommitString("杭州分公司")
    QApplication.sendEvent(dialog.party, typed)
    qtbot.mouseClick(dialog.buttons[5], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "entrustment" in _kinds(demo, created.case_id))
    notes = [e.note for e in case_events(demo, str(created.case_id)) if e.kind == "entrustment"]
    assert notes == ["杭州分公司"] and dialog.party.text() == ""


def test_a_reviewer_reads_the_events_but_records_none(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    created = _new_case(demo, assessor, "RDAA2026330100EV003")
    name, _display, _roles, password = DEMO_USERS[1]
    reviewer = authenticate(demo, name, password)
    main = window(qtbot, demo, reviewer, tmp_path)
    main.editor.open(created.estimate_id)
    dialog = _open_dialog(qtbot, main)
    assert dialog.table.rowCount() > 0
    assert not any(b.isEnabled() for b in dialog.buttons) and not dialog.when.isEnabled()
    count = len(_kinds(demo, created.case_id))
    qtbot.keyClick(dialog, Qt.Key.Key_2)
    dialog.record(1)
    assert len(_kinds(demo, created.case_id)) == count


def test_the_buttons_open_their_dialogs_when_clicked(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    for button, kind in (
        (editor.events_button, EventsDialog),
        (editor.chase_button, ChaseDialog),
        (editor.documents_button, DocumentsDialog),
    ):
        qtbot.waitUntil(button.isEnabled)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda k=kind: any(
                isinstance(w, k) and w.isVisible() for w in QApplication.topLevelWidgets()
            )
        )
        for w in QApplication.topLevelWidgets():
            if isinstance(w, kind):
                w.close()

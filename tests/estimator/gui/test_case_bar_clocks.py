"""The case bar's clock: its name and state in Chinese words, the time in Shanghai time."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.clocks import Clock, EventKind
from estimator.domain.workflow import EstimateStatus
from estimator.gui.editor import EstimateEditor
from estimator.services import case_list, workflow
from estimator.services.demo import DEMO_USERS
from estimator.services.users import authenticate

DUE = dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC)  # 09:00 in Shanghai


def _editor(qtbot: QtBot, demo: Engine) -> EstimateEditor:
    wang = authenticate(demo, "wang", {n: p for n, _d, _r, p in DEMO_USERS}["wang"])
    editor = EstimateEditor(demo, wang)
    qtbot.addWidget(editor)
    return editor


@pytest.mark.usefixtures("chinese")
def test_an_overdue_clock_reads_in_chinese_with_the_local_time(qtbot: QtBot, demo: Engine) -> None:
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    # Returned at 2026-11-22 01:00 UTC: the resubmission was due two days later, 09:00 Shanghai.
    workflow.record_event(demo, draft.case_id, EventKind.RETURN, "li", DUE - dt.timedelta(days=2))
    editor = _editor(qtbot, demo)
    editor.open(draft.estimate_id)
    header = editor.header.text()
    assert "已于 11-24 09:00 超时" in header, header
    assert "overdue" not in header and "due" not in header


@pytest.mark.usefixtures("chinese")
def test_a_clock_met_late_says_by_how_many_hours(qtbot: QtBot, demo: Engine) -> None:
    bar = _editor(qtbot, demo).case_bar
    late = Clock("standard", DUE, DUE + dt.timedelta(hours=26), DUE - dt.timedelta(hours=24))
    assert "24小时定损：已完成（超时 26.00 小时）" in bar._clock_text([late])
    on_time = Clock("standard", DUE, DUE - dt.timedelta(hours=1))
    text = bar._clock_text([on_time])
    assert "24小时定损：已完成" in text and "超时" not in text
    running = Clock("review", dt.datetime(2099, 1, 1, 16, 0, tzinfo=dt.UTC))
    assert "核损时效 01-02 00:00 到期" in bar._clock_text([running])


@pytest.mark.usefixtures("chinese")
def test_the_case_bar_shows_the_time_in_the_configured_zone(qtbot: QtBot, demo: Engine) -> None:
    from estimator.services.settings import set_setting

    passwords = {n: p for n, _d, _r, p in DEMO_USERS}
    set_setting(
        demo, "display.timezone", "Asia/Tokyo", authenticate(demo, "admin", passwords["admin"])
    )
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    workflow.record_event(demo, draft.case_id, EventKind.RETURN, "li", DUE - dt.timedelta(days=2))
    editor = _editor(qtbot, demo)
    editor.open(draft.estimate_id)
    header = editor.header.text()
    assert "已于 11-24 10:00 超时" in header, header  # 01:00 UTC is 10:00 in Tokyo


def test_the_case_list_shows_the_due_time_in_the_listed_zone(qtbot: QtBot) -> None:
    import uuid

    from estimator.gui.models import CaseColumn, CasesModel
    from estimator.services.case_list import CaseSummary

    case = CaseSummary(
        uuid.uuid4(),
        uuid.uuid4(),
        "RDAA1",
        "浙A1",
        "",
        "",
        "",
        EstimateStatus.DRAFT,
        1,
        None,
        None,
        DUE,
        False,
        zone="Asia/Tokyo",
    )
    model = CasesModel()
    model.set_cases([case])
    assert model.data(model.index(0, CaseColumn.DUE)) == "11-24 10:00"

"""The database server goes away under the case list, the part search and the review desk:
the same banner (one widget class) says so, nothing crashes, and what failed is retried
until the server answers again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

import estimator.gui.editor as editor_module
import estimator.gui.flood as flood_module
from estimator.domain.workflow import EstimateStatus
from estimator.gui.banner import OfflineBanner
from estimator.services import case_list, estimate_store, review_queue, workflow
from estimator.services.connection import DatabaseUnavailable
from estimator.services.demo import DEMO_USERS
from estimator.services.flood_cases import list_flood_cases
from estimator.services.users import User, authenticate
from tests.estimator.gui.conftest import confirm_submit, window
from tests.estimator.gui.test_flood_screen import at_70, loaded
from tests.estimator.gui.test_flood_screen import screen as flood_screen


class Server:
    """Whether the (fake) server answers; ``cut`` makes a service raise while it does not."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.down = True
        self.monkeypatch = monkeypatch

    def cut(self, owner: object, name: str) -> None:
        real: Callable[..., Any] = getattr(owner, name)

        def unreachable(*args: Any, **kwargs: Any) -> Any:
            if self.down:
                raise DatabaseUnavailable("the database server cannot be reached (test)")
            return real(*args, **kwargs)

        self.monkeypatch.setattr(owner, name, unreachable)


def _fast(banner: OfflineBanner) -> OfflineBanner:
    banner.retry.setInterval(20)
    return banner


def test_the_case_list_shows_the_banner_and_reloads_when_the_server_is_back(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    listed = main.cases.rowCount()
    assert listed > 0 and not main.offline.isVisible()
    server = Server(monkeypatch)
    server.cut(case_list, "list_cases")
    _fast(main.offline)
    main.case_filter.setText("NOSUCHCLAIM")  # a refresh, while the server is away
    assert main.offline.isVisible() and "cannot be reached" in main.offline.text()
    assert main.cases.rowCount() == listed  # the list as last read stays
    main.case_filter.setText("")
    server.down = False
    qtbot.waitUntil(lambda: not main.offline.isVisible(), timeout=3000)
    assert main.cases.rowCount() == listed


def test_the_part_search_shows_the_banner_and_searches_again(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    server = Server(monkeypatch)
    server.cut(editor_module, "search_parts")
    _fast(editor.offline)
    editor.search.setText("qbxg")
    editor.run_search()
    assert editor.offline.isVisible()
    assert editor.matches.rowCount() == 0
    server.down = False
    qtbot.waitUntil(lambda: not editor.offline.isVisible(), timeout=3000)
    assert editor.matches.rowCount() > 0


def test_the_review_desk_shows_the_banner_and_never_crashes(
    qtbot: QtBot, demo: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    li = authenticate(demo, "li", {n: p for n, _d, _r, p in DEMO_USERS}["li"])
    desk = window(qtbot, demo, li, tmp_path).desk
    assert desk is not None and desk.queue.rowCount() == 1
    assert type(desk.offline) is OfflineBanner
    server = Server(monkeypatch)
    for module, name in (
        (case_list, "review_queue"),
        (workflow, "return_estimate"),
        (review_queue, "take_for_review"),
    ):
        server.cut(module, name)
    _fast(desk.offline)
    assert not desk.return_current("拖车费请附发票")  # not done, and said so
    assert not desk.offline.isHidden() and "cannot be reached" in desk.viewer.message.text()
    assert not desk.take_next()
    desk.refresh()
    assert not desk.offline.isHidden()
    server.down = False
    qtbot.waitUntil(desk.offline.isHidden, timeout=3000)
    assert desk.queue.rowCount() == 1
    assert desk.return_current("拖车费请附发票")


def test_an_editor_action_while_the_server_is_away_is_not_done_and_said(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = window(qtbot, demo, assessor, tmp_path)
    editor = main.editor
    draft = next(c for c in case_list.list_cases(demo) if c.status is EstimateStatus.DRAFT)
    editor.open(draft.estimate_id)
    server = Server(monkeypatch)
    server.cut(workflow, "submit")
    server.cut(estimate_store, "load_estimate")
    _fast(editor.offline)
    editor.submit()  # no traceback: not done, and said
    confirm_submit(editor)  # the open warnings' reasons (issue 26.3)
    assert "Not done" in editor.message.text() and editor.offline.isVisible()
    server.down = False
    qtbot.waitUntil(editor.offline.isHidden, timeout=3000)  # read again once it answers
    assert editor.stored is not None and editor.stored.status is EstimateStatus.DRAFT


def test_the_flood_screen_keeps_its_assessment_when_the_server_is_away(
    qtbot: QtBot, demo: Engine, assessor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flood = flood_screen(qtbot, demo, assessor, tmp_path)
    loaded(qtbot, flood)
    at_70(qtbot, flood)
    flood.inputs_panel.claim_no.setText("RQJC2026440100000124")
    assessed = flood.assessment
    server = Server(monkeypatch)
    server.cut(flood_module, "create_flood_case")
    assert not flood.save_version()
    assert "Not done" in flood.message.text() and flood.assessment is assessed
    assert list_flood_cases(demo) == []
    server.down = False
    assert flood.save_version()
    assert [c.claim_no for c in list_flood_cases(demo)] == ["RQJC2026440100000124"]

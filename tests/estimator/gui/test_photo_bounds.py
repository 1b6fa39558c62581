"""The photos panel never decodes a photo whose header declares more pixels than the limit (one
stored before the limit, or put in the database behind the service's back): the thumbnail is
refused in words, under the list and on the photo's item, and the other photos still show."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.gui.photos import PhotosPanel
from estimator.services.case_list import list_cases
from estimator.services.photos import attach_photo
from kernel.image_guard import PIXELS_ENV
from tests.hostile_images import png


def test_a_stored_photo_over_the_pixel_limit_is_refused_not_decoded(
    qtbot: QtBot, demo: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = list_cases(demo)[0].case_id
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png(50_000, 50_000, color=0, rows=600))  # 29 KB, 10 GB decoded
    good = tmp_path / "good.png"
    good.write_bytes(png(640, 480, color=2))
    monkeypatch.setenv(PIXELS_ENV, "10000")  # attached when the limit was higher
    attach_photo(demo, case_id, bomb, "wang")
    monkeypatch.delenv(PIXELS_ENV)
    attach_photo(demo, case_id, good, "wang")

    panel = PhotosPanel(demo, "wang")
    qtbot.addWidget(panel)
    panel.open(case_id)
    qtbot.waitUntil(lambda: PIXELS_ENV in panel.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: panel.thumbnails_ready() == 1, timeout=10_000)
    panel.pool.waitForDone()
    assert "bomb.png" in panel.message.text() and "50000" in panel.message.text()
    items = {panel.list.item(i).text(): panel.list.item(i) for i in range(panel.list.count())}
    assert "50000" in items["bomb.png"].toolTip() and panel.refused == {
        items["bomb.png"].data(Qt.ItemDataRole.UserRole)
    }
    assert not items["good.png"].icon().isNull() and items["good.png"].toolTip() == ""


def test_a_damaged_photo_is_said_to_be_damaged(qtbot: QtBot) -> None:
    from estimator.gui.photos import thumbnail
    from kernel.problems import Problem

    whole = png(64, 48, color=2)
    made = thumbnail(whole, "whole.png")
    assert not isinstance(made, Problem) and (made.width(), made.height()) == (128, 96)
    cut = whole[:33] + b"\x00" * 40  # the header intact, the pixels gone
    refused = thumbnail(cut, "cut.png")
    assert isinstance(refused, Problem) and refused.code == "photo_undecodable"
    assert refused.reason("en") == "cut.png is damaged and cannot be shown"

"""A check-in carried as a file, in the workstation (sync.md): Write sync bundle… signs the
laptop's check-in with wang's enrolled certificate and saves it; the office imports it on
the server; Read receipt… closes the check-in and the status line is in sync again. A wrong
passphrase or an altered receipt is said in words and changes nothing."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.gui.main_window import MainWindow
from estimator.gui.sync_actions import OfflineWork
from estimator.services import sync
from estimator.services.signers import create_certificate, enrol_certificate, read_certificate_file
from estimator.services.sync_bundle import bundle_kind, import_bundle
from estimator.services.users import User
from tests.estimator.gui import test_sync_actions as base
from tests.services.conftest import make_team
from tests.services.test_sync import qtys, set_qty

priced_template = base.priced_template
server_url = base.server_url
server = base.server
laptop = base.laptop
KEY = "key-pass-1"


@pytest.fixture
def team(server: Engine) -> dict[str, User]:
    return make_team(server, wang={Role.ASSESSOR}, admin={Role.ADMIN})


def _certificate(server: Engine, admin: User, tmp_path: Path) -> Path:
    p12 = create_certificate(server, "wang", KEY.encode(), actor=admin)
    enrol_certificate(server, "wang", read_certificate_file(p12, KEY.encode()), actor=admin)
    path = tmp_path / "wang.p12"
    path.write_bytes(p12)
    return path


def _offline_with_an_edit(
    qtbot: QtBot, server: Engine, server_url: str, laptop: Engine, team: dict[str, User], tmp: Path
) -> tuple[MainWindow, OfflineWork, uuid.UUID]:
    main, work, _case_id, version = base.checked_out_in_the_workstation(
        qtbot, server, server_url, laptop, team["wang"], tmp, "BUNDLE-GUI-1"
    )
    set_qty(laptop, version, 0, "7", team["wang"])
    work.refresh_status()
    base._line(qtbot, work, "Offline: 1 case(s) to check in")
    return main, work, version


def _choose(
    monkeypatch: pytest.MonkeyPatch, work: OfflineWork, *, open_: Path, save: Path, passphrase: str
) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(open_), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(save), ""))
    )
    monkeypatch.setattr(work.bundles, "ask_passphrase", lambda: passphrase)


def _bundles_idle(qtbot: QtBot, work: OfflineWork) -> None:
    qtbot.waitUntil(lambda: not work.bundles.jobs.is_busy, timeout=15000)
    base._idle(qtbot, work)


def test_a_bundle_written_is_imported_at_the_office_and_its_receipt_read_clears_the_line(
    qtbot: QtBot,
    server: Engine,
    server_url: str,
    laptop: Engine,
    team: dict[str, User],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main, work, version = _offline_with_an_edit(qtbot, server, server_url, laptop, team, tmp_path)
    certificate = _certificate(server, team["admin"], tmp_path)
    _choose(monkeypatch, work, open_=certificate, save=tmp_path / "wang-out", passphrase=KEY)
    work.bundles.export_action.trigger()
    written = tmp_path / "wang-out.estsync"  # the suffix added
    qtbot.waitUntil(lambda: work.bundles.message_box is not None, timeout=15000)
    _bundles_idle(qtbot, work)
    assert written.is_file() and bundle_kind(written.read_bytes()) == "checkin"
    box = work.bundles.message_box
    assert box is not None
    assert "1 case(s), 1 with changes" in box.text() and "read-only" in box.text()
    assert "wang-out.estsync" in main.statusBar().currentMessage()
    base._line(qtbot, work, "Check-in unfinished")  # in flight: read-only until the receipt
    assert sync.status(laptop).pending_batch

    outcome, receipt = import_bundle(server, written.read_bytes(), team["admin"])  # the office
    assert [c.claim_no for c in outcome.of("accepted")] == ["BUNDLE-GUI-1"]
    assert qtys(server, version)[0] == Decimal("7")
    receipt_file = tmp_path / "receipt.estsync"
    receipt_file.write_bytes(receipt)

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(receipt_file), ""))
    )
    work.bundles.receipt_action.trigger()
    qtbot.waitUntil(lambda: work.bundles.outcome_dialog is not None, timeout=15000)
    _bundles_idle(qtbot, work)
    dialog = work.bundles.outcome_dialog
    assert dialog is not None
    assert base._cells(dialog.table)[0][:2] == ("BUNDLE-GUI-1", "checked in")
    assert "1 case(s) checked in; 0 in conflict, 0 refused" in dialog.summary.text()
    base._line(qtbot, work, "In sync")
    assert sync.status(laptop).pending_batch == ""
    assert [c.checked_out for c in sync.status(laptop).cases] == [False]


def test_a_wrong_passphrase_is_refused_in_words_and_writes_nothing(
    qtbot: QtBot,
    server: Engine,
    server_url: str,
    laptop: Engine,
    team: dict[str, User],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main, work, _version = _offline_with_an_edit(qtbot, server, server_url, laptop, team, tmp_path)
    certificate = _certificate(server, team["admin"], tmp_path)
    target = tmp_path / "wang.estsync"
    _choose(monkeypatch, work, open_=certificate, save=target, passphrase="not-the-key")
    work.bundles.export_action.trigger()
    qtbot.waitUntil(lambda: "cannot sign" in main.statusBar().currentMessage(), timeout=15000)
    _bundles_idle(qtbot, work)
    assert not target.exists() and list(tmp_path.glob("*.estsync*")) == []
    assert work.bundles.message_box is None
    assert sync.status(laptop).pending_batch == ""  # no check-in put in flight
    assert work.label.text() == "Offline: 1 case(s) to check in"


def test_a_file_that_is_not_a_receipt_is_refused_and_the_check_in_stays_in_flight(
    qtbot: QtBot,
    server: Engine,
    server_url: str,
    laptop: Engine,
    team: dict[str, User],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main, work, _version = _offline_with_an_edit(qtbot, server, server_url, laptop, team, tmp_path)
    certificate = _certificate(server, team["admin"], tmp_path)
    written = tmp_path / "wang.estsync"
    _choose(monkeypatch, work, open_=certificate, save=written, passphrase=KEY)
    work.bundles.export_action.trigger()
    qtbot.waitUntil(lambda: work.bundles.message_box is not None, timeout=15000)
    _bundles_idle(qtbot, work)
    # The laptop's own bundle chosen as the receipt, then a file that is no bundle at all.
    junk = tmp_path / "junk.estsync"
    junk.write_bytes(b"plain text")
    for chosen, words in ((written, "receipt"), (junk, "zip")):
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *_a, c=chosen, **_k: (str(c), ""))
        )
        work.bundles.receipt_action.trigger()
        _bundles_idle(qtbot, work)
        assert words in main.statusBar().currentMessage()
    assert work.bundles.outcome_dialog is None
    assert sync.status(laptop).pending_batch  # still in flight, nothing closed
    assert work.label.text() == "Check-in unfinished"


def test_the_bundle_entries_read_in_chinese(
    qtbot: QtBot, laptop: Engine, tmp_path: Path, chinese: None
) -> None:
    user = make_team(laptop, wang={Role.ASSESSOR})["wang"]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(laptop, user, settings=settings)
    qtbot.addWidget(main)
    bundles = main.offline_work.bundles
    assert bundles.export_action.text() == "写出同步包(&B)…"
    assert bundles.receipt_action.text() == "读取回执(&R)…"
    assert bundles.export_action.isEnabled() and bundles.receipt_action.isEnabled()

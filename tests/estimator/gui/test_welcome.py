"""The first run's welcome (issue #25.3): what is being created and why, the password rule
before any input, checked as it is typed, Enter creates the administrator."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.gui.dialogs import SignInDialog
from estimator.persistence.database import sqlite_url
from estimator.services.users import MIN_PASSWORD, create_user, has_users
from tests.estimator.gui.test_one_workstation import _run


def _welcome(qtbot: QtBot, engine: Engine) -> SignInDialog:
    dialog = SignInDialog(engine)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_welcome_says_what_is_created_and_shows_the_rule_before_any_input(
    qtbot: QtBot, engine: Engine
) -> None:
    dialog = _welcome(qtbot, engine)
    assert dialog.first_run and dialog.welcome is not None
    assert dialog.windowTitle() == "Welcome to Estimator"
    assert dialog.welcome.title.isVisible() and "administrator" in dialog.welcome.about.text()
    rule = dialog.welcome.rule
    assert rule.isVisible() and f"at least {MIN_PASSWORD} characters" in rule.text()
    assert dialog.message.text() == ""  # nothing typed, nothing refused yet
    assert not dialog.ok_button.isEnabled()
    assert dialog.ok_button.text() == "Create the administrator"


def test_a_short_password_is_refused_inline_and_enter_then_creates_the_administrator(
    qtbot: QtBot, engine: Engine
) -> None:
    dialog = _welcome(qtbot, engine)
    qtbot.keyClicks(dialog.username, "chief")
    short = "x" * (MIN_PASSWORD - 1)
    qtbot.keyClicks(dialog.password, short)
    assert f"has {MIN_PASSWORD - 1} characters" in dialog.message.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.repeat, short)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert not has_users(engine) and dialog.user is None and dialog.isVisible()
    dialog.password.clear()
    dialog.repeat.clear()
    good = "x" * MIN_PASSWORD
    qtbot.keyClicks(dialog.password, good)
    qtbot.keyClicks(dialog.repeat, good[:-1] + "y")
    assert dialog.message.text() == "The two passwords differ." and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.repeat, "x")
    assert dialog.message.text() == "" and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.finished) as closed:
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert closed.args == [QDialog.DialogCode.Accepted.value]
    assert dialog.user is not None and dialog.user.username == "chief"
    assert {Role.ADMIN, Role.MAINTAINER} <= dialog.user.roles


def test_the_welcome_grows_in_full_when_the_database_opens_behind_the_sign_in(
    qtbot: QtBot, engine: Engine
) -> None:
    dialog = SignInDialog()  # as ``estimator`` shows it: before the database is open
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_engine(engine)
    assert dialog.welcome is not None
    about = dialog.welcome.about
    qtbot.waitUntil(lambda: about.isVisible())
    assert about.height() >= about.heightForWidth(about.width())  # no line cut off
    assert dialog.height() >= dialog.minimumSizeHint().height()


def test_a_database_with_users_gets_the_plain_sign_in(qtbot: QtBot, engine: Engine) -> None:
    create_user(engine, "someone", "long enough 1", {Role.ASSESSOR}, actor="test")
    dialog = _welcome(qtbot, engine)
    assert not dialog.first_run and dialog.welcome is None
    assert dialog.windowTitle() == "Sign in" and dialog.ok_button.isEnabled()
    assert not dialog.repeat.isVisible()


#: The real first start, watched: the welcome once the database is open, the administrator
#: created with Enter, then the main window with the setup over it.
FIRST_START = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    from estimator.cli.main import main
    from estimator.gui.dialogs import SignInDialog
    from estimator.gui.first_setup import SetupDialog

    seen = {}
    exec_ = SignInDialog.exec

    def setup_shown():
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        setups = [w for w in windows if isinstance(w, SetupDialog)]
        if not setups:
            QTimer.singleShot(20, setup_shown)
            return
        seen["main_window"] = any(isinstance(w, QMainWindow) for w in windows)
        seen["setup"] = setups[0].summary.text()
        QApplication.quit()

    def when_open(dialog):
        if dialog.engine is None:
            QTimer.singleShot(20, lambda: when_open(dialog))
            return
        seen["title"] = dialog.windowTitle()
        seen["rule"] = dialog.welcome.rule.text()
        dialog.username.setText("chief")
        dialog.password.setText(sys.argv[2])
        dialog.repeat.setText(sys.argv[2])
        dialog.ok_button.click()
        setup_shown()

    def watched_exec(dialog):
        QTimer.singleShot(0, lambda: when_open(dialog))
        return exec_(dialog)

    SignInDialog.exec = watched_exec
    code = main(["--db", sys.argv[1]])
    print(json.dumps({**seen, "code": code}))
    """
)


def test_the_first_start_creates_the_administrator_and_leads_to_the_setup(
    tmp_path: Path,
) -> None:
    database = tmp_path / "new" / "estimator.sqlite3"
    out = _run(tmp_path, FIRST_START, sqlite_url(database), "x" * MIN_PASSWORD)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["title"] == "Welcome to Estimator"
    assert str(MIN_PASSWORD) in seen["rule"]
    assert seen["main_window"] is True
    assert "Parts catalog: none imported yet." in seen["setup"]
    assert seen["code"] == 0
    noise = "This plugin does not support propagateSizeHints()"  # the offscreen platform's
    assert [line for line in out.stderr.splitlines() if line != noise] == []

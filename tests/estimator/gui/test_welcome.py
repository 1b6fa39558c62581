"""The first run's welcome (issue #25.3): what is being created and why, the password rule
before any input, checked as it is typed, Enter creates the administrator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.domain.workflow import Role
from estimator.gui.dialogs import SignInDialog
from estimator.services.users import MIN_PASSWORD, create_user, has_users


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


def test_a_database_with_users_gets_the_plain_sign_in(qtbot: QtBot, engine: Engine) -> None:
    create_user(engine, "someone", "long enough 1", {Role.ASSESSOR}, actor="test")
    dialog = _welcome(qtbot, engine)
    assert not dialog.first_run and dialog.welcome is None
    assert dialog.windowTitle() == "Sign in" and dialog.ok_button.isEnabled()
    assert not dialog.repeat.isVisible()

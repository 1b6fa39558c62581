"""A copy of the demo database per test (of the session's, tests/conftest.py), and the demo
assessor signed in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.demo import DEMO_USERS
from estimator.services.users import User, authenticate

if TYPE_CHECKING:
    from estimator.gui.main_window import MainWindow


#: The Chinese translation the workstation loads at start.
QM = Path(__file__).resolve().parents[3] / "resources" / "translations" / "estimator_zh_CN.qm"


@pytest.fixture
def chinese() -> Iterator[None]:
    """The Chinese interface, as the workstation starts by default (restored afterwards)."""
    translator = QTranslator()
    assert translator.load(str(QM))
    before = QLocale()
    QCoreApplication.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    yield
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(before)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Iterator[Engine]:
    import shutil

    target = tmp_path / "demo.sqlite3"
    shutil.copy(demo_template, target)
    engine = create_database_engine(sqlite_url(target))
    yield engine
    engine.dispose()


@pytest.fixture
def assessor(demo: Engine) -> User:
    name, _display, _roles, password = DEMO_USERS[0]
    return authenticate(demo, name, password)


def window(qtbot: QtBot, engine: Engine, user: User, tmp_path: Path) -> MainWindow:
    """The main window, shown, with its settings in ``tmp_path``."""
    from estimator.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(engine, user, settings=settings)
    qtbot.addWidget(main)
    main.show()
    return main


def confirm_submit(editor: object, reason: str = "checked with the shop") -> None:
    """Answer the editor's submit dialog, if it asked (warnings open), with ``reason`` for
    every finding, and confirm it (issue 26.3)."""
    dialog = getattr(editor, "submit_dialog", None)
    if dialog is not None and dialog.isVisible():
        for box in dialog.boxes.values():
            box.setText(reason)
        dialog.accept()

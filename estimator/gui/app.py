"""Starting the workstation: Qt application, bundled CJK font, translation, sign-in."""

from __future__ import annotations

import importlib
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import Engine

from estimator.gui.qt_guard import guard_none_refcount
from estimator.services.users import User
from estimator.services.workstation import DatabaseBusy, claim_database

ORGANIZATION = "Estimator"
APPLICATION = "Estimator"


def resource(*parts: str) -> Path:
    """A file shipped in estimator.resources."""
    return Path(str(resources.files("estimator.resources").joinpath(*parts)))


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the bundled font and the user's language (Chinese by default)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    guard_none_refcount()  # PySide6 6.12.0 on Python 3.11: see qt_guard
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    font_id = QFontDatabase.addApplicationFont(str(resource("fonts", "wqy-microhei.ttc")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    language = os.environ.get("ESTIMATOR_LANG") or str(QSettings().value("ui/language", "zh_CN"))
    if not language.startswith("en"):
        translator = QTranslator(app)
        if translator.load(str(resource("translations", "estimator_zh_CN.qm"))):
            app.installTranslator(translator)
            QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return app


#: Loading the main window's modules takes about a third of a second: done while the sign-in
#: dialog waits for the password, once it has painted.
PRELOAD_DELAY_MS = 100


def load_main_window() -> None:
    """Import the main window and what it uses (idempotent)."""
    importlib.import_module("estimator.gui.main_window")


def authenticate_while_loading(engine: Engine, username: str, password: str) -> User:
    """Check a password while the main window's modules load: Argon2id runs in C without
    the GIL, so on a second core the check costs no wall time next to the imports."""
    from estimator.services.users import authenticate

    with ThreadPoolExecutor(max_workers=1) as pool:
        checking = pool.submit(authenticate, engine, username, password)
        load_main_window()
        return checking.result()


def run(engine: Engine, user: User | None = None, *, screenshot: str | None = None) -> int:
    """Open the workstation (signing in first unless ``user`` is given) until it closes;
    refused while another workstation has the same database open."""
    app = application()
    try:
        lock = claim_database(engine)
    except DatabaseBusy as busy:
        refuse(busy.message_zh if QLocale().name().startswith("zh") else busy.message_en)
        return 1
    try:
        return _run_signed_in(app, engine, user, screenshot)
    finally:
        if lock is not None:
            lock.release()


def refuse(message: str) -> None:
    """Tell why the workstation cannot open (on the terminal too, for a start from a shell)."""
    print(message, file=sys.stderr)
    QMessageBox.critical(
        None, QCoreApplication.translate("Workstation", "The workstation cannot open"), message
    )


def _run_signed_in(
    app: QApplication, engine: Engine, user: User | None, screenshot: str | None
) -> int:
    from estimator.gui.banner import report_outages
    from estimator.gui.dialogs import SignInDialog

    report_outages(engine)  # an outage no screen caught: the banner, not a traceback
    if user is None:
        dialog = SignInDialog(engine)
        QTimer.singleShot(PRELOAD_DELAY_MS, load_main_window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
            return 1
        user = dialog.user
    from estimator.gui.main_window import MainWindow

    window = MainWindow(engine, user)
    if screenshot:
        window.resize(1360, 820)
        window.editor.search.setText("qbxgp")  # show the type-ahead at work
    window.show()
    if screenshot:
        # Documentation screenshots: grab the window once it has painted, then quit.
        def grab() -> None:
            window.grab().save(screenshot)
            app.quit()

        QTimer.singleShot(1500, grab)
    return app.exec()

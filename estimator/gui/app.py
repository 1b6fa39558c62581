"""Starting the workstation: Qt application, bundled CJK font, translation, sign-in.

Nothing of the database (SQLAlchemy, the rows, Argon2id) is imported with this module: the
sign-in dialog paints first and the database opens behind it (``open_workstation``).
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from estimator.domain.errors import DomainError
from estimator.gui.labels import in_language
from estimator.gui.qt_guard import collect_on_gui_thread, guard_none_refcount

if TYPE_CHECKING:
    from estimator.gui.dialogs import SignInDialog
    from estimator.services.database import Database
    from estimator.services.demo_pending import PendingHistory
    from estimator.services.users import User
    from estimator.services.workstation import InstanceLock

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
    collect_on_gui_thread(app)  # never a Qt wrapper destroyed on a worker thread
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
            chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
            QLocale.setDefault(chinese)
            # Qt's own words (the standard buttons 保存/取消, the print dialog, context menus).
            qt = QTranslator(app)
            where = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt.load(chinese, "qtbase", "_", where):
                app.installTranslator(qt)
    return app


#: Loading the main window's modules takes about a third of a second: done while the sign-in
#: dialog waits for the password, once it has painted.
PRELOAD_DELAY_MS = 100


def load_main_window() -> None:
    """Import the main window and what it uses (idempotent)."""
    importlib.import_module("estimator.gui.main_window")


def authenticate_while_loading(engine: Database, username: str, password: str) -> User:
    """Check a password while the main window's modules load: Argon2id runs in C without
    the GIL, so on a second core the check costs no wall time next to the imports."""
    from estimator.services.users import authenticate

    with ThreadPoolExecutor(max_workers=1) as pool:
        checking = pool.submit(authenticate, engine, username, password)
        load_main_window()
        return checking.result()


def run(
    engine: Database,
    user: User | None = None,
    *,
    screenshot: str | None = None,
    pending: PendingHistory | None = None,
) -> int:
    """Open the workstation on an open database (signing in first unless ``user`` is given)
    until it closes, the demo's ``pending`` history replayed behind it; refused while
    another workstation has the same database open."""
    from estimator.services.workstation import DatabaseBusy, claim_database

    app = application()
    try:
        lock = claim_database(engine)
    except DatabaseBusy as busy:
        refuse(in_language(busy))
        return 1
    try:
        return _run_signed_in(app, engine, user, screenshot, pending)
    finally:
        if lock is not None:
            lock.release()


class _DatabaseModules(QObject):
    """Imports what opening the database needs on a worker thread (SQLAlchemy, the rows,
    Argon2id: most of a start's time) while the sign-in dialog is already answering keys;
    ``loaded`` arrives on the GUI thread (None, or what the import raised)."""

    loaded = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.worker = threading.Thread(target=self._load, name="estimator-load-database")

    def _load(self) -> None:
        try:
            importlib.import_module("estimator.services.workstation")
            importlib.import_module("estimator.services.users")
        except BaseException as error:  # noqa: BLE001 - raised again on the GUI thread
            self.loaded.emit(error)
        else:
            self.loaded.emit(None)


#: Opening the database waits for the sign-in dialog's first paint, or this long at most.
FIRST_PAINT_WAIT_MS = 1000


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, as soon as ``widget`` has painted (a window that is never
    painted, say hidden by the window manager, waits FIRST_PAINT_WAIT_MS at most)."""

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            QTimer.singleShot(0, self._call)  # after this paint has reached the screen
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


class _Opening:
    """``open_workstation``'s state: the database once open and claimed, or why not."""

    def __init__(self, url: str | None, dialog: SignInDialog) -> None:
        self.url, self.dialog = url, dialog
        self.engine: Database | None = None
        self.lock: InstanceLock | None = None
        self.failure: BaseException | None = None
        self.closed = False  # the dialog closed first: too late to open anything

    def open(self, import_error: BaseException | None) -> None:
        """On the GUI thread once the modules are loaded: the network-share refusal, the
        schema, the claim on the database (services.workstation.open_database); a refusal
        is shown and the dialog closes, nothing signed in."""
        if self.closed or not self.dialog.isVisible():  # cancelled meanwhile: open nothing
            return
        if import_error is not None:
            self.failure = import_error
            self.dialog.reject()
            return
        from estimator.services.connection import DatabaseUnavailable
        from estimator.services.workstation import open_database

        try:
            self.engine, self.lock = open_database(self.url)
            self.dialog.set_engine(self.engine)
        except (DomainError, DatabaseUnavailable) as refused:  # the latter: gone meanwhile
            self.dialog.hide()
            refuse(in_language(refused) if isinstance(refused, DomainError) else str(refused))
            self.dialog.reject()
            return
        except Exception as error:  # noqa: BLE001 - raised again once the dialog has closed
            self.failure = error
            self.dialog.reject()
            return
        QTimer.singleShot(PRELOAD_DELAY_MS, load_main_window)


def open_workstation(url: str | None = None, *, screenshot: str | None = None) -> int:
    """``estimator``: the workstation on the database at ``url`` (else the default).

    The sign-in dialog is the first window and paints before anything of the database is
    imported; the database opens behind it (modules on a worker thread, then the refusals
    and the claim, which close the dialog with their message if they fail). Nobody signs
    in before the database is open and claimed."""
    from estimator.gui.dialogs import SignInDialog

    app = application()
    dialog = SignInDialog()
    opening = _Opening(url, dialog)
    modules = _DatabaseModules()
    modules.loaded.connect(opening.open)
    _AfterFirstPaint(dialog, modules.worker.start)
    dialog.show()
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        opening.closed = True
        if modules.worker.is_alive():
            modules.worker.join()
    try:
        if opening.failure is not None:
            raise opening.failure
        if not accepted or dialog.user is None or opening.engine is None:
            return 1
        return _show_main_window(
            app, opening.engine, dialog.user, screenshot, first_run=dialog.first_run
        )
    finally:
        if opening.lock is not None:
            opening.lock.release()


def refuse(message: str) -> None:
    """Tell why the workstation cannot open (on the terminal too, for a start from a shell)."""
    print(message, file=sys.stderr)
    QMessageBox.critical(
        None, QCoreApplication.translate("Workstation", "The workstation cannot open"), message
    )


def _run_signed_in(
    app: QApplication,
    engine: Database,
    user: User | None,
    screenshot: str | None,
    pending: PendingHistory | None = None,
) -> int:
    from estimator.gui.dialogs import SignInDialog

    first_run = False
    if user is None:
        dialog = SignInDialog(engine)
        QTimer.singleShot(PRELOAD_DELAY_MS, load_main_window)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.user is None:
            return 1
        user, first_run = dialog.user, dialog.first_run
    return _show_main_window(app, engine, user, screenshot, first_run=first_run, pending=pending)


def _show_main_window(
    app: QApplication,
    engine: Database,
    user: User,
    screenshot: str | None,
    *,
    first_run: bool = False,
    pending: PendingHistory | None = None,
) -> int:
    from estimator.gui.banner import report_outages
    from estimator.gui.first_setup import add_setup_action, offer_setup
    from estimator.gui.main_window import MainWindow

    report_outages(engine)  # an outage no screen caught: the banner, not a traceback
    window = MainWindow(engine, user)
    add_setup_action(window)
    if screenshot:
        window.resize(1366, 768)  # the common laptop screen the editor is laid out for
        window.editor.search.setText("qbxgp")  # show the type-ahead at work
    window.show()
    # A claims manager steers by the indicators: their workstation opens on the dashboard.
    home = window.open_dashboard() if window.opens_on_dashboard() else None
    from estimator.gui.demo_history_bar import replay_behind

    replay_behind(window, pending)  # a first demo launch: the history comes in behind
    if not screenshot:  # a new database: how to get a catalog and a labor standard
        offer_setup(window, first_run=first_run)
    if screenshot:
        # Documentation screenshots: grab the window once it has painted, then quit.
        def grab() -> None:
            (home or window).grab().save(screenshot)
            app.quit()

        QTimer.singleShot(1500, grab)
    return app.exec()

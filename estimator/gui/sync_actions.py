"""The workstation's offline work (sync.md): the Offline menu (work offline: check out my
cases; check in; the offline status; the team server's address) and a permanent line in the
status bar with what is pending. The workstation's own database is the laptop; the team
server is a URL the user gives once (QSettings ``sync/server``).

Everything that touches the server runs off the GUI thread (a server out of reach may take
the connect timeout to say so): opening it, the reachability probe (at start, every minute
and before each check-in), check-out and check-in. Check in is enabled only while the last
probe succeeded; its tooltip and the status line say why not otherwise.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit

from estimator.domain.workflow import Role
from estimator.gui.operations import OperationRunner, Screen
from estimator.gui.sync_bundle_actions import BundleWork
from estimator.gui.sync_dialogs import SyncConflictDialog, SyncOutcomeDialog, SyncStatusDialog
from estimator.services.connection import DatabaseUnavailable, server_reachable
from estimator.services.database import DatabaseError, open_engine, shown_url
from estimator.services.sync import CaseOutcome, CheckoutResult, SyncStatus, checkout, status
from estimator.services.sync_checkin import CheckinResult, Choice, checkin

if TYPE_CHECKING:
    from estimator.gui.main_window import MainWindow
    from estimator.services.database import Database

#: The settings key of the team server's URL.
SERVER_KEY = "sync/server"
#: How often the server's reachability is probed (ms).
PROBE_MS = 60_000
#: How long after a save the status line is read again (saves come in bursts).
REFRESH_MS = 800


class TeamServer:
    """The team server's database, opened once on first use (from any thread)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Database | None = None
        self._lock = threading.Lock()

    def engine(self) -> Database:
        """The opened server (DatabaseUnavailable while it cannot be reached)."""
        with self._lock:
            if self._engine is None:
                self._engine = open_engine(self.url)  # with a connect timeout on PostgreSQL
            return self._engine

    def dispose(self) -> None:
        """Close the connections to the server."""
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None


@dataclass(frozen=True)
class Probe:
    """Whether the server answered, and if not why (its own words)."""

    reachable: bool
    why: str = ""


def probe(server: TeamServer) -> Probe:
    """Try the server once (off the GUI thread): opened and answering, or why not."""
    try:
        return Probe(server_reachable(server.engine()))
    except DatabaseError as error:  # out of reach, a bad URL, a schema it cannot take
        return Probe(False, str(error))


class OfflineWork(QObject):
    """The Offline menu and status line of ``window`` (see the module's docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.laptop = window.engine
        self.username = window.user.username
        self.server: TeamServer | None = None
        self.reachable: Probe | None = None
        self.found: SyncStatus | None = None
        self.conflict_dialog: SyncConflictDialog | None = None
        self.outcome_dialog: SyncOutcomeDialog | None = None
        self._conflicts: list[CaseOutcome] = []
        self._choices: dict[uuid.UUID, Choice] = {}
        self._probing = self._reading = self._read_again = False
        # Check-out and check-in, one at a time; a lost server is said in the offline words.
        self.jobs = OperationRunner(Screen(self.say, offline=self._server_lost), self)
        # Probes and the status line: a failure is said and the next one may start.
        self.background = OperationRunner(Screen(self._background_failed), self)
        self.jobs.busy.connect(lambda _busy: self._enable())
        self.label = QLabel()
        self.label.setObjectName("sync-status")
        window.statusBar().addPermanentWidget(self.label)
        self._menu()
        self.probe_timer = QTimer(self)
        self.probe_timer.setInterval(PROBE_MS)
        self.probe_timer.timeout.connect(self.probe)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh_status)
        window.editor.changed.connect(self._saved)
        window.installEventFilter(self)  # closing the window waits for the server's threads
        self.use_server(self.server_url())

    def _menu(self) -> None:
        menu = self.window.menuBar().addMenu(self.tr("O&ffline"))
        self.checkout_action = QAction(self.tr("&Work offline…"), self)
        self.checkout_action.setStatusTip(
            self.tr("Check my cases out of the team server into this workstation")
        )
        self.checkout_action.triggered.connect(self.work_offline)
        self.checkin_action = QAction(self.tr("Check &in"), self)
        self.checkin_action.triggered.connect(self.check_in)
        self.status_action = QAction(self.tr("Offline &status…"), self)
        self.status_action.triggered.connect(self.show_status)
        self.server_action = QAction(self.tr("Team s&erver…"), self)
        self.server_action.triggered.connect(self.change_server)
        for action in (self.checkout_action, self.checkin_action, self.status_action):
            menu.addAction(action)
        menu.addSeparator()
        self.bundles = BundleWork(self, menu)  # a check-in carried as a file
        menu.addSeparator()
        menu.addAction(self.server_action)
        self.checkout_action.setVisible(Role.ASSESSOR in self.window.user.roles)
        menu.setToolTipsVisible(True)

    # The server's address and reachability.

    def server_url(self) -> str:
        """The team server's URL as set ("" when none)."""
        return str(self.window.settings.value(SERVER_KEY, "") or "").strip()

    def ask_server(self) -> str:
        """Ask for the team server's URL ("" when cancelled)."""
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Team server"))
        dialog.setLabelText(
            self.tr("The team database's URL (postgresql+psycopg://user@host/database):")
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setTextValue(self.server_url())
        dialog.resize(560, dialog.sizeHint().height())
        given = dialog.exec() == QInputDialog.DialogCode.Accepted
        url = dialog.textValue().strip() if given else ""
        dialog.deleteLater()
        return url

    def change_server(self) -> None:
        """Team server…: set its URL; it is probed at once."""
        url = self.ask_server()
        if url:
            self.set_server(url)

    def set_server(self, url: str) -> bool:
        """Remember ``url`` as the team server and probe it; False (said) when it is this
        workstation's own database."""
        own = self.laptop.url.render_as_string(hide_password=False)
        if url == own:
            self.say(self.tr("The team server cannot be this workstation's own database."))
            return False
        self.window.settings.setValue(SERVER_KEY, url)
        self.use_server(url)
        return True

    def use_server(self, url: str) -> None:
        """Work with the server at ``url`` ("" none): probed now and every minute."""
        if self.server is not None and self.server.url == url:
            self.probe()
            return
        old, self.server = self.server, TeamServer(url) if url else None
        if old is not None:
            self.background.start(old.dispose)
        self.reachable = None
        if self.server is None:
            self.probe_timer.stop()
        else:
            self.probe_timer.start()
            self.probe()
            self.refresh_status()
        self._enable()
        self._show_line()

    def probe(self) -> None:
        """Probe the server off the GUI thread (one probe at a time)."""
        server = self.server
        if server is None or self._probing:
            return
        self._probing = True
        self.background.start(lambda: probe(server), lambda found: self._probed(server, found))

    def _probed(self, server: TeamServer, found: Probe) -> None:
        self._probing = False
        if server is self.server:
            self.reachable = found
            self._enable()
            self._show_line()

    def _server_lost(self) -> None:
        self._probing = False
        self.reachable = Probe(False, self.tr("the team server cannot be reached"))
        self.say(self.tr("Not done: the team server cannot be reached. Nothing here was changed."))
        self._enable()
        self._show_line()

    def _background_failed(self, text: str) -> None:
        self._probing = self._reading = False
        self.say(text)

    def _why_not(self) -> str:
        """Why Check in is disabled ("" when it is not)."""
        if self.server is None:
            return self.tr("No team server is set (Offline → Team server…).")
        if self.reachable is None:
            return self.tr("Trying the team server…")
        if not self.reachable.reachable:
            return self.tr("The team server cannot be reached: %1").replace(
                "%1", self.reachable.why or "—"
            )
        return ""

    def _enable(self) -> None:
        idle = not self.jobs.is_busy
        why = self._why_not()
        self.checkin_action.setEnabled(idle and not why)
        self.checkin_action.setToolTip(why or self.tr("Check this workstation's work in"))
        self.checkin_action.setStatusTip(why)
        self.checkout_action.setEnabled(idle)

    # The status line.

    def _saved(self) -> None:
        if self.server is not None:
            self.refresh_timer.start()

    def refresh_status(self, *, always: bool = False) -> None:
        """Read the laptop's offline state again, off the GUI thread (with no server set,
        only when ``always``: after a bundle written or a receipt read)."""
        if self.server is None and not always:
            return
        if self._reading:  # the read under way may have begun before this save: once more
            self._read_again = True
            return
        self._reading, self._read_again = True, False
        self.background.start(lambda: status(self.laptop), self._status_read)

    def _status_read(self, found: SyncStatus) -> None:
        self._reading = False
        self.found = found
        self._show_line()
        if self._read_again:
            self.refresh_status(always=True)

    def line_text(self) -> str:
        """The status line: what is pending on this workstation."""
        found = self.found
        if found is None:
            return ""
        if found.pending_batch:
            return self.tr("Check-in unfinished")
        if found.pending:
            return self.tr("Offline: %1 case(s) to check in").replace("%1", str(found.pending))
        return self.tr("In sync")

    def _show_line(self) -> None:
        text = self.line_text()
        why = self._why_not() if self.server is not None and self.reachable is not None else ""
        if text and why:
            text += " · " + self.tr("server unreachable")
        self.label.setText(text)
        self.label.setToolTip(why)
        self.label.setVisible(bool(text))

    # The actions.

    def say(self, text: str) -> None:
        """A message in the window's status bar."""
        self.window.statusBar().showMessage(text, 15000)

    def _server_for_action(self) -> TeamServer | None:
        if self.server is None:
            url = self.ask_server()
            if not url or not self.set_server(url):
                return None
        return self.server

    def work_offline(self) -> None:
        """离线工作…: check my cases out of the server (off the GUI thread), then say what
        was checked out and what was not, and why."""
        server = self._server_for_action()
        if server is None or self.jobs.is_busy:
            return
        self.say(self.tr("Checking your cases out of the team server…"))
        self.jobs.start(
            lambda: checkout(server.engine(), self.laptop, self.username), self._checked_out
        )

    def _checked_out(self, done: CheckoutResult) -> None:
        self.reachable = Probe(True)
        taken = len(done.of("checked_out"))
        summary = (
            self.tr("Checked out to this workstation (%1): %2 case(s).")
            .replace("%1", done.device.name)
            .replace("%2", str(taken))
        )
        self.say(summary)
        self.outcome_dialog = SyncOutcomeDialog(
            self.tr("Work offline"), summary, done.cases, self.window
        )
        self.outcome_dialog.open()
        self.after_sync()

    def check_in(self) -> None:
        """检入: probe the server, then check in (off the GUI thread)."""
        self._check_in({})

    def _check_in(self, choices: dict[uuid.UUID, Choice]) -> None:
        server = self.server
        if server is None or self.jobs.is_busy:
            return
        self.say(self.tr("Checking in to the team server…"))
        self.jobs.start(lambda: self._checkin_job(server, choices), self._checked_in)

    def _checkin_job(self, server: TeamServer, choices: dict[uuid.UUID, Choice]) -> CheckinResult:
        engine = server.engine()
        if not server_reachable(engine):
            raise DatabaseUnavailable("the team server does not answer")
        return checkin(engine, self.laptop, self.username, choices)

    def _checked_in(self, done: CheckinResult) -> None:
        self.reachable = Probe(True)
        settled = len(done.of("accepted")) + len(done.of("discarded"))
        conflicts, refused = done.of("conflict"), done.of("refused")
        summary = (
            self.tr("Checked in: %1 case(s); %2 in conflict, %3 refused.")
            .replace("%1", str(settled))
            .replace("%2", str(len(conflicts)))
            .replace("%3", str(len(refused)))
        )
        self.say(summary)
        if refused:
            self.outcome_dialog = SyncOutcomeDialog(
                self.tr("Check in"), summary, done.cases, self.window
            )
            self.outcome_dialog.open()
        self.after_sync()
        self._conflicts, self._choices = list(conflicts), {}
        self._next_conflict()

    def _next_conflict(self) -> None:
        """Show the conflicts one case at a time; then check in again with the choices."""
        if not self._conflicts:
            self.conflict_dialog = None
            if self._choices:
                self._check_in(self._choices)
            return
        dialog = SyncConflictDialog(self._conflicts.pop(0), self.window)
        self.conflict_dialog = dialog
        dialog.finished.connect(lambda _code: self._conflict_answered(dialog))
        dialog.open()

    def _conflict_answered(self, dialog: SyncConflictDialog) -> None:
        if dialog.choice is not None:
            self._choices[uuid.UUID(dialog.case.case_id)] = dialog.choice
        else:
            self.say(
                self.tr(
                    "Case %1 stays checked out here with your changes; check in again later."
                ).replace("%1", dialog.case.claim_no)
            )
        dialog.deleteLater()
        self._next_conflict()

    def after_sync(self) -> None:
        """The case list, the open estimate (now read-only, or as the server has it) and the
        status line read again."""
        self.window.refresh_cases()
        editor = self.window.editor
        if editor.estimate_id is not None:
            editor.reload()
        self._reading = False
        self.refresh_status(always=True)
        self._enable()

    def show_status(self) -> None:
        """离线状态: the laptop's state read (off the GUI thread), then shown."""
        self.background.start(lambda: status(self.laptop), self._open_status)

    def _open_status(self, found: SyncStatus) -> None:
        self.found = found
        self._show_line()
        if self.reachable is None:
            reachable = self.tr("not tried yet")
        elif self.reachable.reachable:
            reachable = self.tr("reachable")
        else:
            reachable = self.tr("cannot be reached")
        server = self.server.url if self.server is not None else ""
        SyncStatusDialog(found, shown_url(server), reachable, self.window).open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.probe_timer.stop()
            self.refresh_timer.stop()
            self.jobs.wait()  # a thread must not outlive its QThread object
            self.background.wait()
            if self.server is not None:
                self.server.dispose()
        return False


def add_offline_work(window: MainWindow) -> OfflineWork:
    """The Offline menu and the status line, on ``window``."""
    return OfflineWork(window)

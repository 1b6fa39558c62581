"""The main window: case list on the left, the estimate editor on the right."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.clocks import LocationClass
from estimator.domain.onsite_documents import Procedure
from estimator.domain.workflow import EstimateStatus, Group, Role
from estimator.gui.authority_action import AUTHORITY_KEY
from estimator.gui.banner import OfflineBanner
from estimator.gui.chase_dialog import record_chase
from estimator.gui.dialogs import NewCaseDialog
from estimator.gui.documents_dialog import open_documents
from estimator.gui.editor import EstimateEditor
from estimator.gui.events_dialog import open_events
from estimator.gui.models import STATUS_TEXT, CasesModel
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.gui.payout_actions import add_payout_actions
from estimator.gui.sync_actions import add_offline_work
from estimator.gui.users_dialog import UsersDialog
from estimator.services import case_list, estimate_store
from estimator.services.partners import partner_shops
from estimator.services.users import User
from kernel.clock import utcnow
from labor_standards.model import PaintType, ShopClass

if TYPE_CHECKING:  # loaded when first opened: not needed for the first interaction
    from estimator.gui.backup_dialog import BackupDialog
    from estimator.gui.dashboard import IndicatorsDashboard
    from estimator.gui.flood import FloodScreen
    from estimator.gui.part_correction import PartCorrectionDialog
    from estimator.gui.partners import PartnerRegistryDialog
    from estimator.gui.pending import PendingWindow
    from estimator.gui.queues import QueuesDialog
    from estimator.gui.review_desk import ReviewDesk
    from estimator.gui.settings_dialog import SettingsDialog
    from estimator.services.database import Database


class MainWindow(QMainWindow):
    """定损工作站: find a case, edit its estimate; layout remembered between sessions."""

    def __init__(self, engine: Database, user: User, *, settings: QSettings | None = None) -> None:
        super().__init__()
        self.engine = engine
        self.user = user
        self.settings = settings or QSettings()
        self.setWindowTitle(
            self.tr("Estimator — loss assessment workstation") + f" · {user.display_name}"
        )
        self.cases = CasesModel()
        self.case_filter = QLineEdit()
        self.case_filter.setPlaceholderText(self.tr("Claim no., plate or VIN"))
        self.case_filter.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status, text in STATUS_TEXT.items():
            self.status_filter.addItem(self.translate_status(text), status)
        self.overdue_filter = QCheckBox(self.tr("Overdue only"))
        self.archived_filter = QCheckBox(self.tr("Archived"))
        self.case_table = QTableView()
        self.case_table.setModel(self.cases)
        self.case_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.case_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.case_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.case_table.verticalHeader().hide()
        self.case_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.offline = OfflineBanner()  # the case list could not be read: retried
        # The window's actions: a lost server reads the case list again once it answers.
        self.runner = OperationRunner(
            Screen(self._say, self.offline, self.refresh_cases, "cases"), self
        )
        left_layout.addWidget(self.offline)
        search = QHBoxLayout()
        search.addWidget(self.case_filter, 1)
        search.addWidget(self.archived_filter)
        left_layout.addLayout(search)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.overdue_filter)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.case_table)
        self.editor = EstimateEditor(engine, user)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(1, 2)
        self.desk: ReviewDesk | None = None
        self.flood: FloodScreen | None = None
        self.dashboard: IndicatorsDashboard | None = None
        if Role.REVIEWER in user.roles:
            from estimator.gui.review_desk import ReviewDesk

            self.desk = ReviewDesk(engine, user, settings=self.settings)
            self.tabs = QTabWidget()
            self.tabs.addTab(self.splitter, self.tr("Cases"))
            self.tabs.addTab(self.desk, self.tr("Review desk"))
            self.tabs.currentChanged.connect(self._tab_changed)
            self.setCentralWidget(self.tabs)
        else:
            self.setCentralWidget(self.splitter)
        self._actions()
        self.case_filter.textChanged.connect(lambda _text: self.refresh_cases())
        self.status_filter.currentIndexChanged.connect(lambda _index: self.refresh_cases())
        self.overdue_filter.toggled.connect(lambda _checked: self.refresh_cases())
        self.archived_filter.toggled.connect(lambda _checked: self.refresh_cases())
        self.case_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.open_row(current.row())
        )
        self.editor.changed.connect(self._refresh_keep_selection)
        self.refresh_cases()
        self._restore()
        if self.cases.rowCount():
            self.case_table.selectRow(0)

    def _actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Case"))
        self.new_case_action = QAction(self.tr("&New case…"), self)
        self.new_case_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_case_action.triggered.connect(self.new_case)
        menu.addAction(self.new_case_action)
        find = QAction(self.tr("&Find case"), self)
        find.setShortcut(QKeySequence("Ctrl+L"))
        find.triggered.connect(self.find_case)
        menu.addAction(find)
        self.case_list_action = QAction(self.tr("Case &list"), self)
        self.case_list_action.setCheckable(True)
        self.case_list_action.setChecked(True)
        self.case_list_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.case_list_action.toggled.connect(self.show_case_list)
        menu.addAction(self.case_list_action)
        backup = QAction(self.tr("&Back up the database…"), self)
        backup.triggered.connect(self.back_up)
        menu.addAction(backup)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self.editor.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.editor.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        find_part = QAction(self.tr("Find &part"), self)
        find_part.setShortcut(QKeySequence("Ctrl+F"))
        find_part.triggered.connect(self.editor.search.setFocus)
        edit.addAction(find_part)
        if self.user.roles & {Role.MAINTAINER, Role.ADMIN}:
            data = self.menuBar().addMenu(self.tr("&Data"))
            for kind, label in (
                ("catalog", self.tr("Import parts &catalog…")),
                ("labor", self.tr("Import &labor standards…")),
                ("depreciation", self.tr("Import &depreciation table…")),
                ("flood_guide", self.tr("Import &flooded-vehicle guide…")),
            ):
                data.addAction(label).triggered.connect(lambda _c, k=kind: self.import_workbook(k))
            data.addSeparator()
            partners = QAction(self.tr("&Partner shops…"), self)
            partners.triggered.connect(self.open_partner_registry)
            data.addAction(partners)
            if Role.MAINTAINER in self.user.roles:
                self.correct_part_action = QAction(self.tr("C&orrect part…"), self)
                self.correct_part_action.triggered.connect(self.open_part_correction)
                data.addAction(self.correct_part_action)
        self._estimate_actions()
        self._tools_menu()
        view = self.menuBar().addMenu(self.tr("&View"))
        language = view.addMenu(self.tr("&Language"))
        for code, name in (("zh_CN", "简体中文"), ("en", "English")):
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(str(self.settings.value("ui/language", "zh_CN")) == code)
            action.triggered.connect(lambda _checked, c=code: self.set_language(c))
            language.addAction(action)
        self._review_menu()
        self.offline_work = add_offline_work(self)  # 离线: check out, check in, the status line
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        self.toolbar = toolbar
        for action in (self.new_case_action, self.undo_action, self.redo_action):
            toolbar.addAction(action)

    def _tools_menu(self) -> None:
        """Flood assessment; the indicators dashboard (managers); the settings (administrators)."""
        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self.flood_action = QAction(self.tr("&Flood inventory assessment…"), self)
        self.flood_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.flood_action.triggered.connect(self.open_flood)
        tools.addAction(self.flood_action)
        self._pending_action(tools)
        self._queues_menu(tools)
        self._users_action(tools)
        if self.user.roles & {Role.MANAGER, Role.ADMIN}:
            self.dashboard_action = QAction(self.tr("Service &indicators dashboard…"), self)
            self.dashboard_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
            self.dashboard_action.triggered.connect(self.open_dashboard)
            tools.addAction(self.dashboard_action)
        if Role.ADMIN in self.user.roles:
            self.settings_action = QAction(self.tr("&Settings: limits, targets, settlement…"), self)
            self.settings_action.triggered.connect(self.open_settings)
            tools.addAction(self.settings_action)

    def _pending_action(self, tools: QMenu) -> None:
        """The pending list (未决清单) in the Tools menu: assessors, managers, administrators."""
        if self.user.roles & {Role.ASSESSOR, Role.MANAGER, Role.ADMIN}:
            self.pending_action = QAction(self.tr("&Pending list…"), self)
            self.pending_action.triggered.connect(self.open_pending)
            tools.addAction(self.pending_action)

    def _users_action(self, tools: QMenu) -> None:
        """用户… (gui/users_dialog.py): administrators change users, managers read them."""
        if self.user.roles & {Role.ADMIN, Role.MANAGER}:
            self.users_action = QAction(self.tr("&Users…"), self)
            self.users_action.triggered.connect(
                lambda: UsersDialog(self.engine, self.user, self).open()
            )
            tools.addAction(self.users_action)

    def _review_menu(self) -> None:
        """The desk's commands in a Review menu (reviewers only)."""
        if self.desk is not None:
            review = self.menuBar().addMenu(self.tr("&Review"))
            desk_tab = QAction(self.tr("Review &desk"), self)
            desk_tab.setShortcut(QKeySequence("Ctrl+Shift+D"))
            desk_tab.triggered.connect(lambda: self.tabs.setCurrentWidget(self.desk))
            review.addAction(desk_tab)
            review.addSeparator()
            for action in self.desk.menu_actions():
                review.addAction(action)
            self._desk_actions(False)

    def _desk_actions(self, on_desk: bool) -> None:
        """The desk's commands work while the desk is shown (its keys, its menu entries)."""
        assert self.desk is not None
        for action in self.desk.menu_actions():
            action.setEnabled(on_desk)
            # From the menu bar they are window-wide; from the desk's own widget only there.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def _tab_changed(self, index: int) -> None:
        on_desk = self.desk is not None and self.tabs.widget(index) is self.desk
        if self.desk is not None:
            self._desk_actions(on_desk)
            # New case, undo and redo are the editor's: on the desk the estimate gets the room.
            self.toolbar.setVisible(not on_desk)
            if on_desk:
                self.desk.refresh()

    def open_flood(self) -> FloodScreen:
        """Open (or bring forward) the flood inventory assessment screen (存货水浸定损)."""
        if self.flood is None:
            from estimator.gui.flood import FloodScreen

            self.flood = FloodScreen(self.engine, self.user, settings=self.settings)
        self.flood.show()
        self.flood.raise_()
        self.flood.activateWindow()
        return self.flood

    def opens_on_dashboard(self) -> bool:
        """Whether this user's workstation opens on the dashboard: a claims manager who does
        not also estimate or review."""
        return Role.MANAGER in self.user.roles and not self.user.roles & {
            Role.ASSESSOR,
            Role.REVIEWER,
        }

    def open_dashboard(self) -> IndicatorsDashboard:
        """Open (or bring forward) the service indicators dashboard (managers, administrators)."""
        if self.dashboard is None:
            from estimator.gui.dashboard import dashboard_for

            self.dashboard = dashboard_for(self.engine)
            self.dashboard.open_case.connect(self.open_claim)
        self.dashboard.show()
        self.dashboard.raise_()
        return self.dashboard

    def open_claim(self, claim_no: str) -> None:
        """Show a case by its claim number in the case list and open it in the editor."""
        self.case_list_action.setChecked(True)
        self.case_filter.setText(claim_no)
        rows = [
            r for r in range(self.cases.rowCount()) if self.cases.case_at(r).claim_no == claim_no
        ]
        if rows:
            self.case_table.selectRow(rows[0])
        else:
            self._say(self.tr("Case %1 is not in the case list.").replace("%1", claim_no))
        self.raise_()
        self.activateWindow()

    def import_workbook(self, kind: str) -> None:
        """Open the import dialog (maintainers)."""
        from estimator.gui.import_dialog import ImportDialog

        ImportDialog(self.engine, self.user, kind, self).exec()

    def back_up(self) -> BackupDialog:
        """Open the backup dialog."""
        from estimator.gui.backup_dialog import BackupDialog

        dialog = BackupDialog(self.engine, self)
        dialog.open()
        return dialog

    def _queues_menu(self, tools: QMenu) -> None:
        """The queues (gui/queues.py) for large-group assessors, managers, administrators."""
        if self.user.roles & {Role.MANAGER, Role.ADMIN} or (
            Role.ASSESSOR in self.user.roles and self.user.group is Group.LARGE
        ):
            self.queues_action = QAction(self.tr("Large-case &queue and escalations…"), self)
            self.queues_action.triggered.connect(self.open_queues)
            tools.addAction(self.queues_action)

    def open_queues(self) -> QueuesDialog:
        """Open the large-case queue and the escalations (issue #19)."""
        from estimator.gui.queues import QueuesDialog

        dialog = QueuesDialog(self.engine, self.user, self)
        dialog.open_case.connect(self.open_claim)
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        """Open the settings screen (administrators)."""
        from estimator.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.engine, self.user, self)
        dialog.open()
        return dialog

    def open_pending(self) -> PendingWindow:
        """Open the pending list (未决清单)."""
        from estimator.gui.pending import PendingWindow

        window = PendingWindow(self.engine, self.user, self)
        window.open()
        return window

    def open_partner_registry(self) -> PartnerRegistryDialog:
        """Open the partner shop registry (maintainers)."""
        from estimator.gui.partners import PartnerRegistryDialog

        dialog = PartnerRegistryDialog(self.engine, self.user, self)
        dialog.open()
        return dialog

    def open_part_correction(self) -> PartCorrectionDialog:
        """Open the part correction dialog (maintainers)."""
        from estimator.gui.part_correction import PartCorrectionDialog

        dialog = PartCorrectionDialog(self.engine, self.user, self)
        dialog.open()
        return dialog

    def set_language(self, code: str) -> None:
        """Remember the interface language; it applies from the next start."""
        self.settings.setValue("ui/language", code)
        self.statusBar().showMessage(self.tr("The language changes when the workstation restarts."))

    @staticmethod
    def translate_status(text: str) -> str:
        """A status name in the user's language."""
        return QCoreApplication.translate("Models", text)

    def _listed(self) -> list[case_list.CaseSummary]:
        chosen = self.status_filter.currentData()  # Qt hands the enum back as its text
        return case_list.list_cases(
            self.engine,
            self.case_filter.text(),
            status=EstimateStatus(chosen) if chosen else None,
            overdue_only=self.overdue_filter.isChecked(),
            archived=self.archived_filter.isChecked(),
        )

    def refresh_cases(self) -> None:
        """Reload the case list with the filters, sorted again, the open case kept selected."""
        self._refresh_keep_selection(keep_order=False)

    def _list_cases(self, keep_order: bool = False) -> bool:
        listed = self.runner.run(
            lambda: self.cases.set_cases(self._listed(), keep_order=keep_order),
            key="cases",
            again=self.refresh_cases,
        )
        return listed[0] is Outcome.DONE

    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text)

    def _refresh_keep_selection(self, keep_order: bool = True) -> None:
        # While the open case is edited the list keeps its order (issue #26); a refresh sorts.
        current = self.editor.stored.case_id if self.editor.stored else None  # any object's
        if not self._list_cases(keep_order):
            return
        for row in range(self.cases.rowCount()):
            if self.cases.case_at(row).case_id == current:
                blocker = self.case_table.selectionModel().blockSignals(True)
                self.case_table.selectRow(row)
                self.case_table.selectionModel().blockSignals(blocker)
                break

    def open_row(self, row: int) -> None:
        """Open the estimate of a case list row."""
        if 0 <= row < self.cases.rowCount():
            estimate_id = self.cases.case_at(row).estimate_id
            if estimate_id != self.editor.estimate_id:
                self._open(estimate_id)

    def _open(self, estimate_id: uuid.UUID) -> None:
        self.runner.run(
            lambda: self.editor.open(estimate_id), key="open", again=lambda: self._open(estimate_id)
        )

    def new_case(self) -> None:
        """Ask for the header of a new case and open its empty draft. When the values are
        refused or the server cannot be reached the header is not lost: the dialog comes back
        with it and the reason, to try again."""
        _, dialog = self.runner.run(lambda: NewCaseDialog(self, partner_shops(self.engine)))
        if dialog is None:
            return
        # Refusals (and a lost server) are said in the dialog, which keeps what was typed.
        creating = OperationRunner(
            Screen(dialog.show_problems, self.offline, self.refresh_cases, "cases"), dialog
        )
        while dialog.exec() == QDialog.DialogCode.Accepted:
            _, created = creating.run(lambda: self._create_case(dialog))
            if created is None:
                continue
            if created.estimate_id is not None:
                break
            dialog.show_problems("\n".join(p.describe() for p in created.problems))
        else:
            return
        self.refresh_cases()
        self.editor.open(created.estimate_id)
        self._refresh_keep_selection()
        self.editor.search.setFocus()

    def _create_case(self, dialog: NewCaseDialog) -> estimate_store.ImportedEstimate:
        return case_list.create_case(
            self.engine,
            claim_no=dialog.claim_no.text().strip(),
            region=dialog.region.text().strip().upper(),
            shop_class=ShopClass(dialog.shop_class.currentData()),
            actor=self.user,
            plate=dialog.plate.text().strip(),
            vin=dialog.vin.text().strip().upper(),
            model_code=dialog.model_code.text().strip().upper(),
            paint_type=PaintType(dialog.paint_type.currentData()),
            shop_name=dialog.shop_name.text().strip(),
            partner=dialog.partner.isChecked(),
            location=LocationClass(dialog.location_class.currentData()),
            procedure=Procedure(dialog.procedure.currentData()),
            survey_at=utcnow(),
            insured_name=dialog.insured_name.text(),
            insured_phone=dialog.insured_phone.text(),
        )

    def _estimate_actions(self) -> None:
        """The editor's actions in an Estimate menu, each with its key, and the key in the
        button's tooltip too: a shortcut nobody can see is never learned."""
        menu = self.menuBar().addMenu(self.tr("E&stimate"))
        self.estimate_actions: dict[str, QAction] = {}
        e = self.editor
        table: list[tuple[str, str, str, QPushButton, Callable[[], object]]] = [
            ("submit", self.tr("&Submit for review"), "Ctrl+Return", e.submit_button, e.submit),
            (
                "authority",
                self.tr("&Approve within authority"),
                AUTHORITY_KEY,
                e.authority_button,
                e.authority.approve,
            ),
            ("sheet", self.tr("Estimate &sheet…"), "Ctrl+P", e.sheet_button, e.open_sheet),
            (
                "sign",
                self.tr("&Customer signs…"),
                "Ctrl+Shift+G",
                e.sign_button,
                e.ask_customer_signature,
            ),
            ("notice", self.tr("Approval &notice"), "Ctrl+Shift+N", e.notice_button, e.show_notice),
            (
                "supplement",
                self.tr("Su&pplement"),
                "Ctrl+Shift+U",
                e.supplement_button,
                e.supplement,
            ),
            ("details", self.tr("Case &details…"), "Ctrl+I", e.details_button, e.open_case_details),
            ("chase", self.tr("C&hase…"), "Ctrl+Shift+H", e.chase_button, lambda: record_chase(e)),
            (
                "documents",
                self.tr("On-site d&ocuments…"),
                "Ctrl+Shift+O",
                e.documents_button,
                lambda: open_documents(e),
            ),
            (
                "events",
                self.tr("Field &events…"),
                "Ctrl+Shift+T",
                e.events_button,
                lambda: open_events(e),
            ),
        ]
        for name, label, key, button, run in table:
            action = QAction(label, self)
            action.setShortcut(QKeySequence(key))
            # Only while the editor is on screen, and only what its button allows now.
            action.triggered.connect(
                lambda _checked=False, b=button, r=run: self._run_editor_action(b, r)
            )
            shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{button.text()} ({shown})")
            menu.addAction(action)
            self.estimate_actions[name] = action
            # Greyed in the menu as the button is (no case open: all); the key stays, checked.
            menu.aboutToShow.connect(lambda a=action, b=button: a.setEnabled(b.isEnabled()))
            menu.aboutToHide.connect(lambda a=action: a.setEnabled(True))
        self.payout_actions = add_payout_actions(self, menu)  # 赔款预估, 车辆价值与保单

    def _run_editor_action(self, button: QPushButton, run: Callable[[], object]) -> None:
        if self.editor.isVisible() and button.isVisible() and button.isEnabled():
            run()

    def find_case(self) -> None:
        """Ctrl+L: the case list (shown again if it was folded away) with the focus in its filter."""
        self.case_list_action.setChecked(True)
        self.case_filter.setFocus()
        self.case_filter.selectAll()

    def show_case_list(self, shown: bool) -> None:
        """Fold the case list away for the editor's width, or bring it back."""
        left = self.splitter.widget(0)
        assert left is not None
        left.setVisible(shown)
        if not shown and self.case_filter.hasFocus():
            self.editor.search.setFocus()

    def _restore(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:  # as large as the screen allows, up to 1360×820
            screen = self.screen().availableGeometry()
            self.resize(min(1360, screen.width()), min(820, screen.height()))
        state = self.settings.value("main/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            # The case list gives the editor the width: claim no., plate and status show; the
            # finder, the lines and the totals need the rest (editor-ux.md §2).
            self.splitter.setSizes([300, 1060])

    def closeEvent(self, event: object) -> None:
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/splitter", self.splitter.saveState())
        if self.desk is not None:  # layout kept; what the reviewer holds goes back to the queue
            self.desk.save_layout()
            self.desk.release_current()
        if self.flood is not None:
            self.flood.close()
        if self.dashboard is not None:
            self.dashboard.close()
        super().closeEvent(event)  # type: ignore[arg-type]

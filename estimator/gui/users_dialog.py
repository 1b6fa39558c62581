"""The users screen (用户), opened from the Tools menu: every user with roles, group, authority
and sign-in state. An administrator adds a user, changes a user's group, authority, roles or
name, and clears a user's wrong passwords; a claims manager reads the list. Refusals are said
in words in the form, which stays open with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Group, Role
from estimator.gui.banner import OfflineBanner
from estimator.gui.labels import in_language
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.services.users import (
    MIN_PASSWORD,
    User,
    authority_amount,
    create_user,
    list_users,
    sign_in_waits,
    unlock,
    update_user,
)
from kernel.clock import to_local

if TYPE_CHECKING:
    import datetime as dt

    from estimator.services.database import Database

#: The columns of the users table.
NAME, DISPLAY, ROLES, GROUP, AUTHORITY, STATE = range(6)
ERROR_STYLE = "color: #c62828;"
DONE_STYLE = "color: #2e7d32;"


def may_change_users(user: User) -> bool:
    """Whether ``user`` changes users here (administrators); a manager only reads."""
    return Role.ADMIN in user.roles


def may_see_users(user: User) -> bool:
    """Whether ``user`` is offered the users screen: administrators and claims managers."""
    return bool(user.roles & {Role.ADMIN, Role.MANAGER})


class UsersModel(QAbstractTableModel):
    """The users as a table: name, display name, roles and group in words, authority, state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.users: list[User] = []
        self.waits: dict[str, dt.datetime] = {}

    def role_text(self, role: Role) -> str:
        """A role as a word in the interface's language."""
        words = {
            Role.ASSESSOR: self.tr("Assessor"),
            Role.REVIEWER: self.tr("Reviewer"),
            Role.MAINTAINER: self.tr("Data maintainer"),
            Role.ADMIN: self.tr("Administrator"),
            Role.MANAGER: self.tr("Claims manager"),
        }
        return words[role]

    def group_text(self, group: Group) -> str:
        """A group as a word in the interface's language."""
        if group is Group.LARGE:
            return self.tr("Large-case group")
        return self.tr("Ordinary group")

    def set_users(self, users: list[User], waits: dict[str, dt.datetime]) -> None:
        """Show ``users``; ``waits``: whose sign-in is held back, until when."""
        self.beginResetModel()
        self.users, self.waits = users, waits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """One row per user."""
        return 0 if parent.isValid() else len(self.users)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """The six columns."""
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column titles."""
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            self.tr("User name"),
            self.tr("Display name"),
            self.tr("Roles"),
            self.tr("Group"),
            self.tr("Authority (yuan)"),
            self.tr("Sign-in"),
        ]
        return titles[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        """A cell's text (amounts right-aligned)."""
        if not index.isValid():
            return None
        user = self.users[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == AUTHORITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text(user, index.column())

    def text(self, user: User, column: int) -> str:
        """What ``column`` shows of ``user``."""
        if column == NAME:
            return user.username
        if column == DISPLAY:
            return user.display_name
        if column == ROLES:
            return self.tr(", ").join(self.role_text(r) for r in Role if r in user.roles)
        assessor = Role.ASSESSOR in user.roles
        if column == GROUP:  # a group and an authority mean something for assessors only
            return self.group_text(user.group) if assessor else "—"
        if column == AUTHORITY:
            return f"{user.authority:,.2f}" if assessor else "—"
        until = self.waits.get(user.username)
        if until is None:
            return self.tr("Normal")
        return self.tr("Held back until %1").replace("%1", f"{to_local(until):%Y-%m-%d %H:%M}")


class UserForm(QDialog):
    """The fields of a user an administrator sets: display name, roles, group, authority;
    the action runs on OK and a refusal is said here, with everything typed kept."""

    def __init__(self, engine: Database, actor: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.actor = engine, actor
        self.offline = OfflineBanner()
        self.form = QFormLayout()
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(60)
        self.role_boxes: dict[Role, QCheckBox] = {}
        boxes = QHBoxLayout()
        words = UsersModel(self)
        for role in Role:
            box = QCheckBox(words.role_text(role))
            self.role_boxes[role] = box
            boxes.addWidget(box)
        boxes.addStretch(1)
        self.group = QComboBox()
        for group in Group:
            self.group.addItem(words.group_text(group), group)
        self.group.setCurrentIndex(self.group.findData(Group.ORDINARY))
        self.authority = QLineEdit("0.00")
        self.authority.setPlaceholderText(self.tr("e.g. 2,000"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.ok_button = QPushButton()
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(cancel)
        self.roles_row = boxes
        # A group and an authority mean something for assessors only.
        self.role_boxes[Role.ASSESSOR].toggled.connect(self.group.setEnabled)
        self.role_boxes[Role.ASSESSOR].toggled.connect(self.authority.setEnabled)
        self.group.setEnabled(False)
        self.authority.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.runner = OperationRunner(Screen(self._say, self.offline), self)
        self.result_user: User | None = None

    def add_common_rows(self) -> None:
        """The rows every form has, after its own."""
        self.form.addRow(self.tr("Display name:"), self.display_name)
        self.form.addRow(self.tr("Roles:"), self.roles_row)
        self.form.addRow(self.tr("Group (assessors):"), self.group)
        self.form.addRow(self.tr("Authority (yuan):"), self.authority)

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def roles(self) -> set[Role]:
        """The roles ticked."""
        return {role for role, box in self.role_boxes.items() if box.isChecked()}

    def chosen_group(self) -> Group:
        """The group chosen."""
        return Group(self.group.currentData())

    def amount(self) -> Decimal | None:
        """The authority typed, or None (then the reason is said)."""
        try:
            return authority_amount(self.authority.text())
        except DomainError as error:
            self._say(in_language(error))
            self.authority.setFocus()
            return None

    def checked_common(self) -> Decimal | None:
        """The authority if the common fields are acceptable, else None (reason said)."""
        if not self.roles():
            self._say(self.tr("Tick at least one role."))
            return None
        return self.amount()

    def run(self, action: Callable[[], User]) -> Outcome:
        """Run the change; done: the form closes; refused: the reason here, fields kept."""
        outcome, user = self.runner.run(action)
        if outcome is Outcome.DONE:
            self.result_user = user
            self.accept()
        return outcome

    def submit(self) -> Outcome:
        """Check and store (each form its own)."""
        raise NotImplementedError


class AddUserForm(UserForm):
    """添加用户: name, display name, roles, group, authority and the password twice, the
    password rule shown before typing."""

    def __init__(self, engine: Database, actor: User, parent: QWidget | None = None) -> None:
        super().__init__(engine, actor, parent)
        self.setWindowTitle(self.tr("Add user"))
        self.username = QLineEdit()
        self.username.setMaxLength(60)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.rule = QLabel(
            self.tr("The password needs at least %1 characters.").replace("%1", str(MIN_PASSWORD))
        )
        self.rule.setStyleSheet("color: #555;")
        self.form.addRow(self.tr("User name:"), self.username)
        self.add_common_rows()
        self.form.addRow("", self.rule)
        self.form.addRow(self.tr("Password:"), self.password)
        self.form.addRow(self.tr("Password again:"), self.again)
        self.role_boxes[Role.ASSESSOR].setChecked(True)
        self.ok_button.setText(self.tr("&Add"))
        self.resize(640, 0)

    def submit(self) -> Outcome:
        """Create the user; refused (a name taken, a short password …): said here, kept."""
        amount = self.checked_common()
        if amount is None:
            return Outcome.REFUSED
        if self.password.text() != self.again.text():
            self._say(self.tr("The two passwords differ: type the same password twice."))
            self.again.setFocus()
            return Outcome.REFUSED
        return self.run(
            lambda: create_user(
                self.engine,
                self.username.text(),
                self.password.text(),
                self.roles(),
                display_name=self.display_name.text().strip(),
                actor=self.actor.username,
                group=self.chosen_group(),
                authority=amount,
            )
        )


class EditUserForm(UserForm):
    """修改用户: a user's display name, roles, group and authority (the name stays)."""

    def __init__(
        self, engine: Database, actor: User, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(engine, actor, parent)
        self.user = user
        self.setWindowTitle(self.tr("Change user %1").replace("%1", user.username))
        self.add_common_rows()
        self.display_name.setText(user.display_name)
        for role, box in self.role_boxes.items():
            box.setChecked(role in user.roles)
        self.group.setCurrentIndex(self.group.findData(user.group))
        self.authority.setText(f"{user.authority:,.2f}")
        self.ok_button.setText(self.tr("&Save"))
        self.resize(640, 0)

    def submit(self) -> Outcome:
        """Store the changes (audited by the service with before and after)."""
        amount = self.checked_common()
        if amount is None:
            return Outcome.REFUSED
        return self.run(
            lambda: update_user(
                self.engine,
                self.user.username,
                self.actor,
                group=self.chosen_group(),
                authority=amount,
                roles=self.roles(),
                display_name=self.display_name.text(),
            )
        )


F = TypeVar("F", bound=UserForm)


class UsersDialog(QDialog):
    """用户: every user; an administrator adds, changes and unlocks, a manager reads."""

    def __init__(self, engine: Database, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine, self.user = engine, user
        self.form: UserForm | None = None
        self.setWindowTitle(self.tr("Users"))
        self.offline = OfflineBanner()
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(96)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ROLES, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add user…"))
        self.add_button.clicked.connect(self.open_add)
        self.edit_button = QPushButton(self.tr("&Change group/authority…"))
        self.edit_button.clicked.connect(self.open_edit)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.clicked.connect(self.unlock_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.unlock_button):
            button.setVisible(may_change_users(user))
            buttons.addWidget(button)
        if not may_change_users(user):
            buttons.addWidget(QLabel(self.tr("Read only: administrators change users.")))
        else:
            self.table.doubleClicked.connect(lambda _index: self.open_edit())
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.offline)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(900, 520)
        self.runner = OperationRunner(
            Screen(self._say, self.offline, reread=self.refresh, reread_key="users"), self
        )
        self.refresh()

    def _say(self, text: str, style: str = ERROR_STYLE) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def refresh(self) -> None:
        """Read the users (and who is held back) again."""
        outcome, users = self.runner.run(lambda: list_users(self.engine), key="users")
        if outcome is not Outcome.DONE or users is None:
            return
        _outcome, waits = self.runner.run(lambda: sign_in_waits(self.engine))
        self.model.set_users(users, waits or {})

    def row_of(self, username: str) -> int:
        """The table row of ``username``."""
        return next(i for i, u in enumerate(self.model.users) if u.username == username)

    def selected(self) -> User | None:
        """The selected user, or None (then the dialog says to choose one)."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._say(self.tr("Choose a user first."))
            return None
        return self.model.users[rows[0].row()]

    def open_add(self) -> AddUserForm:
        """Open the form that adds a user."""
        return self._open(AddUserForm(self.engine, self.user, self), self.tr("User %1 added."))

    def open_edit(self) -> EditUserForm | None:
        """Open the form that changes the selected user."""
        chosen = self.selected()
        if chosen is None:
            return None
        form = EditUserForm(self.engine, self.user, chosen, self)
        return self._open(form, self.tr("User %1 changed."))

    def _open(self, form: F, said: str) -> F:
        self.form = form
        form.accepted.connect(lambda: self._stored(form, said))
        form.open()
        return form

    def _stored(self, form: UserForm, said: str) -> None:
        """After a form stored its user: the list read again, the user selected, said."""
        self.refresh()
        if form.result_user is not None:
            name = form.result_user.username
            self.table.selectRow(self.row_of(name))
            self._say(said.replace("%1", name), DONE_STYLE)

    def unlock_selected(self) -> Outcome:
        """Clear the selected user's wrong passwords (audited by the service)."""
        chosen = self.selected()
        if chosen is None:
            return Outcome.REFUSED
        outcome, failures = self.runner.run(
            lambda: unlock(self.engine, chosen.username, self.user), key="users"
        )
        if outcome is Outcome.DONE:
            self.refresh()
            self.table.selectRow(self.row_of(chosen.username))
            said = self.tr("Sign-in of %1 cleared (%2 wrong passwords forgotten).")
            text = said.replace("%1", chosen.username).replace("%2", str(failures))
            self._say(text, DONE_STYLE)
        return outcome

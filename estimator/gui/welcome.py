"""The first run's welcome: on a database without users the sign-in dialog becomes the page
that creates the administrator, says what that account is for, shows the password rule before
anything is typed and checks it as it is typed (issue #25.3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStyle, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from estimator.gui.dialogs import SignInDialog

#: A hint while typing (not yet a refusal), and the title's size.
HINT_STYLE = "color: #8a5a00;"
TITLE_STYLE = "font-size: 16pt; font-weight: bold;"
#: The first-run page's width: its text in a few lines, well inside a 1366×768 screen.
MIN_WIDTH = 560


class WelcomePanel(QWidget):
    """The head of the first-run page: the title, what is being created and why, the rule."""

    def __init__(self, minimum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The shortest password the users service accepts (services.users.MIN_PASSWORD).
        self.minimum = minimum
        self.title = QLabel(self.tr("Welcome to Estimator"))
        self.title.setStyleSheet(TITLE_STYLE)
        self.about = QLabel(
            self.tr(
                "This database has no users yet. First create the administrator account: the administrator manages the users, the settings and the data imports (the parts catalog and the labor standard), and can also assess cases. Once signed in, you import the data and add the assessors."
            )
        )
        self.about.setWordWrap(True)
        self.rule = QLabel(
            self.tr("Password rule: at least %1 characters.").replace("%1", str(minimum))
        )
        self.rule.setObjectName("password-rule")
        self.rule.setStyleSheet("font-weight: bold;")
        self.rule.setWordWrap(True)
        for label in (self.about, self.rule):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.about)
        layout.addWidget(self.rule)

    def problem(self, username: str, password: str, repeat: str) -> str:
        """What keeps the administrator from being created now ('' when nothing does);
        said only once there is something to say about what was typed."""
        if password and len(password) < self.minimum:
            return (
                self.tr("The password has %1 characters; it needs at least %2.")
                .replace("%1", str(len(password)))
                .replace("%2", str(self.minimum))
            )
        if repeat and repeat != password:
            return self.tr("The two passwords differ.")
        if password and repeat == password and not username.strip():
            return self.tr("Enter a username.")
        return ""

    def ready(self, username: str, password: str, repeat: str) -> bool:
        """Whether everything is there for creating the administrator."""
        complete = bool(username.strip() and password and repeat)
        return complete and not self.problem(username, password, repeat)

    def attach(self, dialog: SignInDialog) -> None:
        """Turn the sign-in dialog into the first-run page: this panel above the fields, OK
        named for what it does and enabled only when the rule is met, checked on every key."""
        dialog.setWindowTitle(self.tr("Welcome to Estimator"))
        dialog.form.insertRow(0, self)
        dialog.form.setRowVisible(dialog.repeat, True)
        dialog.password.setPlaceholderText(
            self.tr("at least %1 characters").replace("%1", str(self.minimum))
        )
        dialog.ok_button.setText(self.tr("Create the administrator"))
        dialog.setMinimumWidth(MIN_WIDTH)
        # Tall enough for its wrapped lines at that width: a dialog already shown does not
        # ask its rows' height for their width again when it grows.
        text_width = MIN_WIDTH - 2 * dialog.style().pixelMetric(
            QStyle.PixelMetric.PM_LayoutLeftMargin
        )
        for label in (self.about, self.rule):
            label.setMinimumHeight(label.heightForWidth(text_width))

        def check() -> None:
            texts = (dialog.username.text(), dialog.password.text(), dialog.repeat.text())
            dialog.message.setStyleSheet(HINT_STYLE)
            dialog.message.setText(self.problem(*texts))
            dialog.ok_button.setEnabled(self.ready(*texts))

        for field in (dialog.username, dialog.password, dialog.repeat):
            field.textChanged.connect(lambda _text: check())
        check()
        if dialog.isVisible():  # shown as the sign-in before the database was open: regrow
            _regrow(dialog)


def _regrow(dialog: QWidget) -> None:
    """Size a shown dialog to its grown contents (the wrapped text at its full height) and
    centre it on its screen again."""
    layout = dialog.layout()
    if layout is not None:
        layout.activate()
    dialog.adjustSize()
    screen = dialog.screen()
    if screen is not None:
        frame = dialog.frameGeometry()
        frame.moveCenter(screen.availableGeometry().center())
        dialog.move(frame.topLeft())

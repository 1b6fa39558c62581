"""One dialog for every written reason (an override, a return, an approval with findings, a
reviewer's adjustment, an archive): what the reason is for, a text box, OK only when
something is written, Ctrl+Enter to confirm and Esc to cancel."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

#: The keys that confirm a reason (Return on the main keyboard, Enter on the keypad).
CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_ctrl_enter(event: QKeyEvent) -> bool:
    """Whether ``event`` is Ctrl+Enter or Ctrl+Return (the keypad flag allowed)."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in CONFIRM_KEYS and modifiers == Qt.KeyboardModifier.ControlModifier


class ReasonDialog(QDialog):
    """Asks for a written reason; ``ask`` is the one call the screens make (tests replace
    it)."""

    def __init__(
        self, title: str, prompt: str, parent: QWidget | None = None, text: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)  # Tab reaches the buttons, as in every other form
        self.text.setPlainText(text)
        self.prompt.setBuddy(self.text)
        # Four lines of room: reasons are sentences, sometimes a few of them.
        self.text.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        self.text.setMinimumWidth(self.fontMetrics().horizontalAdvance("W" * 36))
        self.hint = QLabel(self.tr("Ctrl+Enter confirms, Esc cancels."))
        self.hint.setStyleSheet("color: #616161;")
        #: Said when OK is pressed (Ctrl+Enter) before a reason is written.
        self.missing = QLabel(self.tr("Write the reason first: it is required."))
        self.missing.setStyleSheet("color: #c62828;")
        self.missing.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.text)
        layout.addWidget(self.missing)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._enable_ok)
        self.text.textChanged.connect(self.missing.hide)
        self.text.installEventFilter(self)
        self._enable_ok()
        self.text.setFocus()

    def reason(self) -> str:
        """The reason as written, without surrounding blanks."""
        return self.text.toPlainText().strip()

    def _enable_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        """Close with the reason, unless nothing is written yet (then say so)."""
        if self.reason():
            super().accept()
        else:
            self.missing.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The text box takes Return for a new line: Ctrl+Enter must reach the dialog first
        # (from any field the dialog watches: the text, and what a subclass adds).
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and is_ctrl_enter(event)
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_ctrl_enter(event):  # from the buttons, when they have the focus
            self.accept()
            return
        super().keyPressEvent(event)

    @staticmethod
    def ask(parent: QWidget | None, title: str, prompt: str, text: str = "") -> str | None:
        """The reason written (never blank), or None when cancelled."""
        dialog = ReasonDialog(title, prompt, parent, text)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()

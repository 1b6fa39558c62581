"""The editor's approval within authority (权限内核定): an assessor whose authority is above 0
approves their own submitted on-site version, so that the customer signs the final sheet at the
scene. Outside the authority the button stays, disabled, its tooltip saying why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QPushButton

from estimator.domain.workflow import EstimateStatus, Role
from estimator.gui.labels import in_language
from estimator.gui.operations import Outcome
from estimator.services import authority
from estimator.services.users import User

if TYPE_CHECKING:
    from estimator.gui.editor import EstimateEditor
    from estimator.services.estimate_store import StoredEstimate

#: The key of the action (the Estimate menu); the desk's Ctrl+Shift+A stays the reviewer's.
AUTHORITY_KEY = "Ctrl+Shift+E"


def offered(user: User) -> bool:
    """Whether ``user`` is offered the action at all: an assessor with an authority above 0."""
    return Role.ASSESSOR in user.roles and user.authority > 0


class AuthorityAction(QObject):
    """The 权限内核定 button of the editor and what it does."""

    def __init__(self, editor: EstimateEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.button = QPushButton(self.tr("Approve within authority"))
        self.button.setVisible(offered(editor.user))
        self.button.setEnabled(False)
        self.button.clicked.connect(self.approve)

    def _tip(self, text: str) -> None:
        shown = QKeySequence(AUTHORITY_KEY).toString(QKeySequence.SequenceFormat.NativeText)
        self.button.setToolTip(f"{text} ({shown})")

    def refresh(self, stored: StoredEstimate) -> None:
        """Enable the button when the signed-in assessor may approve ``stored`` within their
        authority now; otherwise disable it and say why in its tooltip."""
        editor = self.editor
        if not offered(editor.user):
            self.button.hide()
            return
        self.button.show()
        if stored.status is not EstimateStatus.SUBMITTED:
            self.button.setEnabled(False)
            self._tip(self.tr("Only a submitted version is approved within authority"))
            return
        refusal = authority.authority_refusal(editor.engine, stored.id, editor.user)
        self.button.setEnabled(refusal is None)
        if refusal is None:
            self._tip(
                self.tr(
                    "Approve your own on-site estimate within your authority of %1 yuan"
                ).replace("%1", f"{editor.user.authority:,.2f}")
            )
        else:
            self._tip(in_language(refusal))

    def approve(self) -> bool:
        """Approve the open version within authority; the customer may then sign."""
        editor = self.editor
        estimate_id = editor.estimate_id
        if estimate_id is None or not self.button.isEnabled():
            return False
        outcome, _status = editor.runner.run(
            lambda: authority.approve_within_authority(editor.engine, estimate_id, editor.user)
        )
        if outcome is not Outcome.DONE:
            return False
        editor.reload()
        sampled = authority.sample_state(editor.engine, estimate_id).sampled
        said = self.tr("Approved within your authority: the customer may sign now.") + (
            self.tr(" Drawn for a sample check by a reviewer.") if sampled else ""
        )
        # Good news goes to the window's status line: the message line is for problems (red).
        window = editor.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(said, 15000)
        if editor.sign_button.isEnabled():
            editor.sign_button.setFocus()
        return True

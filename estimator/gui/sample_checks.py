"""The review desk's sample checks (抽检): approvals within an assessor's authority drawn for a
later check are listed in the queue, marked; a reviewer opens one and records that it passed,
or that it failed with a note. A failed check leaves the approved amount as it is (a finding
for the indicators)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from estimator.gui.operations import Outcome
from estimator.gui.reason_dialog import ReasonDialog
from estimator.services import authority

if TYPE_CHECKING:
    from estimator.gui.review_desk import ReviewDesk


class SampleChecks(QObject):
    """The two outcome buttons of a sample check, and the check of the version open."""

    def __init__(self, desk: ReviewDesk) -> None:
        super().__init__(desk)
        self.desk = desk
        self.open_id: uuid.UUID | None = None  # the sampled version shown, if any
        self.dialog: ReasonDialog | None = None  # the failed check's note, while asked
        self.pass_button = QPushButton(self.tr("Sample check passed"))
        self.fail_button = QPushButton(self.tr("Sample check failed…"))
        self.pass_button.setToolTip(
            self.tr("The approval within authority is right: record the check")
        )
        self.fail_button.setToolTip(
            self.tr("Record a failed check with a note: the approved amount stays")
        )
        self.pass_button.clicked.connect(self.passed)
        self.fail_button.clicked.connect(self.ask_failed)
        self.show(None)

    def show(self, estimate_id: uuid.UUID | None) -> None:
        """Offer the outcome buttons for ``estimate_id`` (a sampled version), or hide them."""
        self.open_id = estimate_id
        for button in (self.pass_button, self.fail_button):
            button.setVisible(estimate_id is not None)
        if estimate_id is not None:
            self.desk.holder.setText(
                self.tr("Sample check: approved by its assessor within authority.")
            )

    def record(self, ok: bool, note: str = "") -> bool:
        """Record the check of the open sampled version; the queue is read again."""
        estimate_id, desk = self.open_id, self.desk
        if estimate_id is None:
            return False
        done, _ = desk.runner.run(
            lambda: authority.sample_check(desk.engine, estimate_id, desk.user, ok, note),
            key="decide",
        )
        if done is not Outcome.DONE:
            return False
        self.show(None)
        desk.refresh()
        desk.holder.setText(
            self.tr("Sample check recorded: passed.")
            if ok
            else self.tr("Sample check recorded: failed; the approved amount stands.")
        )
        return True

    def passed(self) -> bool:
        """The approval within authority is right."""
        return self.record(True)

    def ask_failed(self) -> None:
        """Ask for the note of a failed check, then record it."""
        if self.open_id is None:
            return
        dialog = ReasonDialog(self.tr("Sample check failed"), self.tr("What is wrong?"), self.desk)
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.record(False, dialog.reason()))
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

"""The editor's saving: every change is stored at once through the operation runner; a save
the database refused (disk full, read-only) stays on screen with "Save again", one made while
the server was away is kept and saved when it is back, and one refused because someone else
saved first waits on the conflict bar until the user re-applies or discards it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton

from estimator.domain.errors import DomainError
from estimator.gui.banner import OfflineBanner
from estimator.gui.commands import LinesState, SetLinesCommand, changed_position, reapply
from estimator.gui.conflict import ConflictBar
from estimator.gui.labels import in_language
from estimator.gui.operations import OperationRunner, Outcome, Screen
from estimator.services import estimate_store
from estimator.services.connection import DatabaseUnavailable
from estimator.services.estimates import price
from estimator.services.salvage import set_salvage
from estimator.services.sync_release import read_only_refusals

if TYPE_CHECKING:
    from decimal import Decimal

    from estimator.gui.editor import EstimateEditor


class SaveState(QObject):
    """Stores the editor's lines and salvage; owns the offline banner, the conflict bar and
    the "Save again" button, and the edit kept while a save is refused."""

    def __init__(self, editor: EstimateEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        # Shown while the database server cannot be reached; the unsaved edit is retried.
        self.offline = OfflineBanner(
            self.tr(
                "The database server cannot be reached. Your edit is kept and will be saved when the connection is back; retrying…"
            )
        )
        self.conflict = ConflictBar()
        self.retry_button = QPushButton(self.tr("Save again"))
        self.retry_button.hide()
        #: Lines the user asked for that the database refused to store (disk full,
        #: read-only): shown and kept until "Save again" stores them.
        self.unsaved: LinesState | None = None
        #: A save refused because someone else saved first: (the version it was based on,
        #: the user's edit), kept until re-applied on the newest version or discarded.
        self.refused: tuple[LinesState, LinesState] | None = None
        self._saving: LinesState | None = None
        self.conflict.reapply.connect(self.reapply_my_edit)
        self.conflict.discard.connect(self.discard_my_edit)
        self.retry_button.clicked.connect(self.save_again)
        say: Callable[[str], None] = editor.message.setText
        self.runner = OperationRunner(
            Screen(say, self.offline, storage=self._storage_refused, conflict=self._conflicted),
            self,
        )

    @property
    def settled(self) -> bool:
        """Whether nothing waits: no kept edit, no conflict."""
        return self.unsaved is None and self.refused is None

    def state(self) -> LinesState:
        """The current lines and keys: the unsaved ones while a save is refused."""
        stored = self.editor.stored
        assert stored is not None
        if self.unsaved is not None:
            return self.unsaved
        return LinesState(stored.estimate.lines, stored.line_keys)

    def read_only_words(self, case_id: uuid.UUID) -> list[str]:
        """Why the case may not be changed here (checked out to a laptop, or on a laptop
        checked in), in the interface's language; empty when it may."""
        return [in_language(e) for e in read_only_refusals(self.editor.engine, case_id)]

    def store(self, state: LinesState) -> bool:
        """Save a state in one transaction and show what was saved. When the database
        refuses the write, the state stays on screen, unsaved, with the reason and a
        "Save again" button (or the conflict bar, when someone saved first); False then."""
        editor = self.editor
        assert editor.estimate_id is not None
        if not editor.showing_asked_for():
            editor.message.setText(self.offline.not_done())  # not read yet: nothing to save on
            return False
        if self.refused is not None:
            editor.message.setText(self.tr("First re-apply or discard the edit that was refused."))
            return False
        position = changed_position(self.state(), state)
        estimate_id, stored = editor.estimate_id, editor.stored
        self._saving = state
        outcome, _ = self.runner.run(
            lambda: estimate_store.replace_lines(
                editor.engine,
                estimate_id,
                list(state.lines),
                editor.user,
                list(state.keys),
                based_on=stored,
            ),
            key="save",
            again=self.retry_save,
        )
        if outcome is Outcome.OFFLINE:
            self.keep_unsaved(state, "")  # nothing written: the banner says why, and saves it
        if outcome is not Outcome.DONE:
            return False
        self.unsaved = None  # stored
        editor.reload()
        editor.select_position(position)  # the view stays on the changed line (undo, redo too)
        return True

    def _storage_refused(self, error: DomainError) -> None:
        assert self._saving is not None
        self.keep_unsaved(self._saving, in_language(error))

    def _conflicted(self, error: DomainError) -> None:
        assert self._saving is not None
        self.refused = (self.state(), self._saving)
        self.conflict.show_conflict(in_language(error))

    def keep_unsaved(self, state: LinesState, reason: str) -> None:
        """Show ``state`` priced but unsaved, with why and the "Save again" button."""
        editor = self.editor
        assert editor.stored is not None
        self.unsaved = state
        try:
            priced, _problems = price(
                editor.engine, replace(editor.stored.estimate, lines=state.lines)
            )
        except DatabaseUnavailable:
            priced = None  # shown as it was; the lines themselves are kept below
        if priced is not None and priced.ok:
            editor.priced = priced
            editor.lines.set_priced(priced, True, {})
            editor.rail.show_totals(priced)
        self.retry_button.show()
        editor.message.setText(
            (reason + "\n" if reason else "")
            + self.tr(
                "Not saved: your change is kept on screen. Press Save again when the problem is fixed."
            )
        )

    def save_again(self) -> None:
        """Store the lines a refused save kept on screen (an undoable step once stored)."""
        stored = self.editor.stored
        if self.unsaved is None or stored is None:
            return
        before = LinesState(stored.estimate.lines, stored.line_keys)
        self.editor.undo_stack.push(
            SetLinesCommand(self.editor, before, self.unsaved, self.tr("Save again"))
        )

    def retry_save(self) -> None:
        """Save the edit kept while the server could not be reached (again later if it
        still cannot be)."""
        if self.unsaved is not None:
            self.save_again()

    def reapply_my_edit(self) -> None:
        """Load the newest version and save the refused edit again on top of it."""
        if self.refused is None:
            return
        base, mine = self.refused
        self._settle_conflict()
        self.store(reapply(base, mine, self.state()))

    def discard_my_edit(self) -> None:
        """Drop the refused edit and show the newest version."""
        self._settle_conflict()

    def _settle_conflict(self) -> None:
        self.refused = None
        self.conflict.hide()
        self.editor.undo_stack.clear()  # its steps were made on a version no longer current
        self.editor.reload()

    def store_salvage(self, salvage: Decimal | None) -> bool:
        """Save the estimate's salvage against the version shown (False: refused, said)."""
        editor = self.editor
        assert editor.estimate_id is not None
        if not self.settled or not editor.showing_asked_for():
            editor.message.setText(self.tr("First save or settle the lines; then set the salvage."))
            return False
        estimate_id, stored = editor.estimate_id, editor.stored
        outcome, _ = editor.runner.run(
            lambda: set_salvage(editor.engine, estimate_id, salvage, editor.user, based_on=stored),
            key="salvage",
        )
        if outcome in (Outcome.DONE, Outcome.CONFLICT, Outcome.REFUSED):
            editor.reload()  # a refusal (an edit conflict too): the newest version is shown
        return outcome is Outcome.DONE

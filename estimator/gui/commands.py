"""Undoable edits: each redo()/undo() stores the estimate's lines through the services in one
transaction, so what the user sees is what is saved (no Save button)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from estimator.domain.estimate import EstimateLine


@dataclass(frozen=True)
class LinesState:
    """The lines of a version and their stable keys (None for a line not saved yet)."""

    lines: tuple[EstimateLine, ...]
    keys: tuple[uuid.UUID | None, ...]


class Editor(Protocol):
    """What commands need of the editor: store a state (False: the database refused it)."""

    def store(self, state: LinesState) -> bool: ...


class SetLinesCommand(QUndoCommand):
    """Replace the lines (add, remove, change) with a before and an after state."""

    def __init__(self, editor: Editor, before: LinesState, after: LinesState, text: str) -> None:
        super().__init__(text)
        self.editor = editor
        self.before = before
        self.after = after

    # A step the database refused is made obsolete, so the undo stack drops it and keeps
    # matching what is stored; the editor keeps the refused lines on screen to save again.
    def redo(self) -> None:
        if not self.editor.store(self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.editor.store(self.before):
            self.setObsolete(True)


class EditQuantityCommand(SetLinesCommand):
    """Change one line's quantity; consecutive changes of the same line merge into one step."""

    ID = 1001

    def __init__(
        self, editor: Editor, before: LinesState, position: int, qty: Decimal, text: str
    ) -> None:
        lines = list(before.lines)
        lines[position] = replace(lines[position], qty=qty)
        super().__init__(editor, before, LinesState(tuple(lines), before.keys), text)
        self.position = position

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, EditQuantityCommand)
            or other.position != self.position
            or other.isObsolete()  # refused by the database: not a step to merge
        ):
            return False
        self.after = other.after
        return True

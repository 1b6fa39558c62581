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


def reapply(base: LinesState, mine: LinesState, theirs: LinesState) -> LinesState:
    """``mine`` (an edit of ``base``) applied again on top of ``theirs`` (what someone else
    saved meanwhile from ``base``): the lines I changed take my version, the lines I removed
    go, the lines I added come last; every other line stays as they left it. A line I
    changed that they removed comes back as a new line (my edit is never dropped)."""
    was = {k: line for k, line in zip(base.keys, base.lines, strict=True) if k is not None}
    now = {k: line for k, line in zip(mine.keys, mine.lines, strict=True) if k is not None}
    lines: list[EstimateLine] = []
    keys: list[uuid.UUID | None] = []
    for key, line in zip(theirs.keys, theirs.lines, strict=True):
        if key in was and key not in now:
            continue  # I removed it
        lines.append(now[key] if key in now and now[key] != was.get(key) else line)
        keys.append(key)
    kept = set(theirs.keys)
    for key, line in zip(mine.keys, mine.lines, strict=True):
        added = key is None or key not in was
        lost = key is not None and key not in kept and line != was.get(key)
        if added or lost:
            lines.append(line)
            keys.append(None)
    return LinesState(tuple(lines), tuple(keys))


class Salvager(Protocol):
    """What the salvage command needs of the editor: store a salvage (False: refused)."""

    def store_salvage(self, salvage: Decimal | None) -> bool: ...


class SetSalvageCommand(QUndoCommand):
    """Set the estimate's salvage (残值) from one value to another."""

    def __init__(
        self, editor: Salvager, before: Decimal | None, after: Decimal | None, text: str
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.before = before
        self.after = after

    def redo(self) -> None:
        if not self.editor.store_salvage(self.after):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.editor.store_salvage(self.before):
            self.setObsolete(True)


def with_value(
    line: EstimateLine, field: str, value: Decimal, reason: str | None = None
) -> EstimateLine:
    """A line with one typed value changed (and the override's reason, when given)."""
    reason_text = line.override_reason if reason is None else reason
    if field == "unit_price":
        return replace(line, unit_price=value, override_reason=reason_text)
    if field == "hours":
        return replace(line, hours=value, override_reason=reason_text)
    if field == "panels":
        return replace(line, panels=value, override_reason=reason_text)
    if field == "amount":
        return replace(line, amount=value)
    return replace(line, qty=value)


def changed_position(before: LinesState, after: LinesState) -> int | None:
    """Where two states' lines differ: the first changed line, the last of lines added at
    the end, or the line before a removed one (None: the same lines)."""
    for position, (old, new) in enumerate(zip(before.lines, after.lines, strict=False)):
        if old != new:
            return position
    if len(after.lines) == len(before.lines):
        return None
    return len(after.lines) - 1

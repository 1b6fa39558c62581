"""The shared flow of every workbook import: identity by hash, validation, atomic or
skip-invalid storage with the rejected rows written beside the input."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from estimator.persistence.uow import UnitOfWork
from kernel.problems import Problem
from kernel.workbook import (
    ImportCancelled,
    ParsedWorkbook,
    WorkbookRefused,
    rejected_path,
    write_rejected,
)

P = TypeVar("P", bound=ParsedWorkbook)


@dataclass(frozen=True)
class ImportResult:
    """The outcome of an import, for the command line and the GUI to show."""

    status: str  # "imported", "already_imported", "rejected", "refused", "cancelled"
    problems: list[Problem] = field(default_factory=list)
    version_id: int | None = None
    rows_read: int = 0
    rows_rejected: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    rejected_file: Path | None = None

    @property
    def ok(self) -> bool:
        """Whether the import went through (or had already been done)."""
        return self.status in ("imported", "already_imported")


def file_hash(path: Path) -> str:
    """SHA-256 of the file's bytes: the identity of an import."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_import(
    engine: Engine,
    path: Path,
    *,
    skip_invalid: bool,
    find_existing: Callable[[Session, str], int | None],
    read: Callable[[Session], Callable[[], P]],
    store: Callable[[Session, P, str], tuple[int, dict[str, int]]],
) -> ImportResult:
    """Import ``path``: already imported → nothing; invalid rows → nothing (or, with
    ``skip_invalid``, the valid rows and ``<input>.rejected.xlsx``); all in one transaction.

    ``read`` gets a session to look up what validation needs and returns the reader to run
    outside the transaction; ``store`` writes and returns (version id, counts).
    """
    try:
        content_hash = file_hash(path)
    except OSError:
        return ImportResult("refused", [Problem("no_file", value=str(path))])
    with UnitOfWork(engine) as uow:
        earlier = find_existing(uow.session, content_hash)
        if earlier is not None:
            return ImportResult("already_imported", version_id=earlier)
        reader = read(uow.session)
    try:
        parsed = reader()
    except WorkbookRefused as refusal:
        return ImportResult("refused", [refusal.problem])
    except ImportCancelled:
        return ImportResult("cancelled")
    if parsed.file_errors or (parsed.errors and not skip_invalid):
        return ImportResult(
            "rejected",
            parsed.problems,
            rows_read=parsed.rows_read,
            rows_rejected=parsed.rows_rejected,
        )
    rejected_file = None
    if parsed.rows_rejected:
        rejected_file = rejected_path(path)
        write_rejected(rejected_file, parsed.rejected, "原因 reason")
    try:
        with UnitOfWork(engine, write=True) as uow:
            earlier = find_existing(uow.session, content_hash)
            if earlier is not None:  # imported by someone else meanwhile
                return ImportResult("already_imported", version_id=earlier)
            version_id, counts = store(uow.session, parsed, content_hash)
            uow.commit()
    except IntegrityError:
        # The same file imported twice at once on PostgreSQL: both found no version, the
        # loser's rows collide with the winner's once it commits. The winner's version stands.
        with UnitOfWork(engine) as uow:
            earlier = find_existing(uow.session, content_hash)
        if earlier is None:
            raise
        return ImportResult("already_imported", version_id=earlier)
    return ImportResult(
        "imported",
        parsed.problems,
        version_id,
        parsed.rows_read,
        parsed.rows_rejected,
        counts,
        rejected_file,
    )

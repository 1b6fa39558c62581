"""The shared flow of every workbook import: a maintainer or administrator imports, identity
by hash, validation, atomic or skip-invalid storage with the rejected rows written beside the
input, and an audit entry naming the importer, the file's SHA-256, the counts and the version
made (reliability.md, promise 14)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services.users import User, require_roles
from kernel.problems import MESSAGES, Problem, register_messages
from kernel.workbook import (
    ImportCancelled,
    ParsedWorkbook,
    WorkbookRefused,
    write_rejected_beside,
)

P = TypeVar("P", bound=ParsedWorkbook)
R = TypeVar("R")

#: Who may import catalogs, labor standards and partner shops (workflow.md, People).
IMPORTERS = frozenset({Role.MAINTAINER, Role.ADMIN})


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


def read_whole(path: Path, reader: Callable[[Path], R]) -> tuple[R | None, list[Problem], str]:
    """The first step of a whole-or-nothing import (a table in force: the calendar, the
    depreciation table, the flooded-vehicle guide): the file's SHA-256 and its workbook read by
    ``reader``; ``(None, why, digest)`` when the file cannot be read or is refused whole."""
    try:
        digest = file_hash(path)
    except OSError:
        return None, [Problem("no_file", value=str(path))], ""
    try:
        return reader(path), [], digest
    except WorkbookRefused as refusal:
        return None, [refusal.problem], digest


def run_import(
    engine: Engine,
    path: Path,
    *,
    actor: User,
    entity: str,
    skip_invalid: bool,
    find_existing: Callable[[Session, str], int | None],
    read: Callable[[Session], Callable[[], P]],
    store: Callable[[Session, P, str], tuple[int, dict[str, int]]],
) -> ImportResult:
    """Import ``path``: already imported → nothing; invalid rows → nothing (or, with
    ``skip_invalid``, the valid rows and ``<input>.rejected.xlsx``, numbered when one exists);
    no valid row → nothing, no empty version; all in one transaction.

    ``actor`` must be a maintainer or an administrator; the import is audited as
    ``entity`` (its version's id) in the same transaction. ``read`` gets a session to look up
    what validation needs and returns the reader to run outside the transaction; ``store``
    writes and returns (version id, counts).
    """
    require_roles(actor, IMPORTERS)
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
        wrong_kind = _wrong_kind(parsed.file_errors, entity)
        # The wrong-kind line names the missing sheet already: said once, not twice.
        named = {str(p.params.get("sheet", "")) for p in wrong_kind}
        rest = [
            p
            for p in parsed.problems
            if not (p.code == "missing_sheet" and str(p.params.get("sheet", "")) in named)
        ]
        return ImportResult(
            "rejected",
            [*wrong_kind, *rest],
            rows_read=parsed.rows_read,
            rows_rejected=parsed.rows_rejected,
        )
    rejected_file = None
    if parsed.rows_rejected:  # beside the input, never over an earlier one
        rejected_file = write_rejected_beside(path, parsed.rejected, "原因 reason")
    if parsed.rows_read <= parsed.rows_rejected:  # nothing to store: no empty version either
        return ImportResult(
            "rejected",
            [*parsed.problems, Problem("nothing_to_import")],
            rows_read=parsed.rows_read,
            rows_rejected=parsed.rows_rejected,
            rejected_file=rejected_file,
        )
    stored = _store_audited(engine, path, parsed, content_hash, actor, entity, find_existing, store)
    if isinstance(stored, ImportResult):
        return stored
    version_id, counts = stored
    return ImportResult(
        "imported",
        parsed.problems,
        version_id,
        parsed.rows_read,
        parsed.rows_rejected,
        counts,
        rejected_file,
    )


register_messages(
    {
        "import.wrong_kind": (
            "文件类型不对：这不是{kind}工作簿（缺少工作表 {sheet}）；文件中的工作表为：{found}",
            "Wrong kind of workbook: this is not a {kind} workbook (no sheet {sheet}); the file "
            "has the sheets: {found}",
        ),
        # What each import reads, in words (by the entity its audit entry names).
        "import.kind.catalog_version": ("零件目录", "parts catalog"),
        "import.kind.labor_standard_version": ("工时标准", "labor standards"),
        "import.kind.partner_import": ("合作修理厂", "partner shops"),
        "import.kind.other": ("所需类型的", "the expected"),
    }
)


def _wrong_kind(file_errors: list[Problem], entity: str) -> list[Problem]:
    """Said first when the workbook lacks a sheet this import needs: it is of another kind,
    and the sheets it does have tell which."""
    missing = next((p for p in file_errors if p.code == "missing_sheet"), None)
    if missing is None:
        return []
    params = {
        "kind": Problem(
            f"import.kind.{entity}" if f"import.kind.{entity}" in MESSAGES else "import.kind.other"
        ),
        "sheet": missing.params.get("sheet", ""),
        "found": missing.params.get("found", ""),
    }
    return [Problem("import.wrong_kind", params=params)]


def _store_audited(
    engine: Engine,
    path: Path,
    parsed: P,
    content_hash: str,
    actor: User,
    entity: str,
    find_existing: Callable[[Session, str], int | None],
    store: Callable[[Session, P, str], tuple[int, dict[str, int]]],
) -> tuple[int, dict[str, int]] | ImportResult:
    """Store the parsed rows and audit the import in one transaction: (version id, counts),
    or "already imported" when someone imported the same file meanwhile."""
    try:
        with UnitOfWork(engine, write=True) as uow:
            earlier = find_existing(uow.session, content_hash)
            if earlier is not None:  # imported by someone else meanwhile
                return ImportResult("already_imported", version_id=earlier)
            version_id, counts = store(uow.session, parsed, content_hash)
            audit.record(
                uow.session,
                actor=actor.username,
                entity=entity,
                entity_id=version_id,
                action="import",
                detail={
                    "file": path.name,
                    "sha256": content_hash,
                    "rows_read": parsed.rows_read,
                    "rows_rejected": parsed.rows_rejected,
                    "counts": counts,
                    "version": version_id,
                },
            )
            uow.commit()
    except IntegrityError:
        # The same file imported twice at once on PostgreSQL: both found no version, the
        # loser's rows collide with the winner's once it commits. The winner's version stands.
        with UnitOfWork(engine) as uow:
            earlier = find_existing(uow.session, content_hash)
        if earlier is None:
            raise
        return ImportResult("already_imported", version_id=earlier)
    return version_id, counts

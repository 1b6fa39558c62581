"""Content binding use cases (reliability.md, promise 13): check every frozen version
against the audit chain, and refuse to print, export, sign or move on from altered content."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine

from estimator.domain.binding import BindingProblem, failures
from estimator.domain.errors import DomainError
from estimator.persistence.binding import check_bindings
from estimator.persistence.uow import UnitOfWork
from kernel.problems import Worded


@dataclass(frozen=True)
class BindingCheck:
    """What re-hashing the frozen versions found."""

    #: How many submitted, approved, signed or closed versions were checked.
    checked: int
    problems: list[BindingProblem] = field(default_factory=list)

    @property
    def failures(self) -> list[BindingProblem]:
        """Altered content and statuses without their audit entry."""
        return failures(self.problems)

    @property
    def not_bound(self) -> list[BindingProblem]:
        """Versions frozen before content binding (reported, not failures)."""
        return [p for p in self.problems if not p.failure]

    @property
    def ok(self) -> bool:
        """Whether no version was altered and every status is backed by the trail."""
        return not self.failures


def verify_bindings(engine: Engine) -> BindingCheck:
    """Re-hash every frozen version and compare status and content with the audit trail."""
    with engine.connect() as connection:
        return check_in(connection)


def check_in(connection: Connection) -> BindingCheck:
    """:func:`verify_bindings` on an open connection (a read-only backup file's too)."""
    checked, problems = check_bindings(connection)
    return BindingCheck(checked, problems)


def refuse_problems(problems: list[BindingProblem]) -> None:
    """Raise a DomainError naming what changed for the first version that no longer matches
    the audit trail (altered content, a status without its entry); nothing when none."""
    broken = failures(problems)
    if broken:
        problem = broken[0]
        words = Worded(problem.message("zh"), problem.message("en"))
        raise DomainError("content_altered:refused", problem=words)


def refuse_altered_in(connection: Connection, estimate_id: uuid.UUID) -> None:
    """:func:`refuse_problems` for one version, read on ``connection``."""
    refuse_problems(check_bindings(connection, estimate_id)[1])


def refuse_altered(engine: Engine, estimate_id: str | uuid.UUID) -> None:
    """:func:`refuse_altered_in` in a connection of its own: called before a sheet, an
    export or a workflow step is made from a stored version."""
    from estimator.services.estimate_store import parse_id

    with engine.connect() as connection:
        refuse_altered_in(connection, parse_id(estimate_id))


def record_signed_sheet(engine: Engine, estimate_id: str | uuid.UUID, signed_pdf: bytes) -> bytes:
    """Audit a digitally signed sheet (reliability.md, promise 13): its SHA-256, its signer and
    the content it was made from, in the name of the version's assessor; ``signed_pdf`` back."""
    from estimator.documents.signing import verify_pdf
    from estimator.services.estimate_store import parse_id

    key = parse_id(estimate_id)
    signer = verify_pdf(signed_pdf).signer
    with UnitOfWork(engine, write=True) as uow:
        stored = uow.estimates.get(key)
        assert stored is not None  # the sheet was just made from it
        uow.audit.record(
            actor=stored.created_by,
            entity="estimate",
            entity_id=key,
            action="sign_sheet",
            detail={
                "sheet_sha256": hashlib.sha256(signed_pdf).hexdigest(),
                "signer": signer,
                "content": uow.audit.binding(key),
            },
        )
        uow.commit()
    return signed_pdf

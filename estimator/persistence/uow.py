"""The unit of work: one transaction per use case, rolled back unless committed."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from estimator.domain.binding import BindingProblem, failures
from estimator.domain.errors import DomainError
from estimator.persistence import audit
from estimator.persistence import sync_guard as sync_guard  # registers the guard
from estimator.persistence import text_guard as text_guard  # registers the guard
from estimator.persistence.binding import binding_detail, check_bindings
from estimator.persistence.case_details import CaseDetailsRepository
from estimator.persistence.case_settlement import CaseSettlementRepository
from estimator.persistence.cases import CaseRepository
from estimator.persistence.catalog import CatalogRepository
from estimator.persistence.certificates import CertificateRepository
from estimator.persistence.chases import ChaseRepository
from estimator.persistence.database import DatabaseUnavailable, is_disconnect, unavailable
from estimator.persistence.estimates import EstimateRepository
from estimator.persistence.flood_cases import FloodCaseRepository
from estimator.persistence.flood_guides import FloodGuideRepository
from estimator.persistence.invoices import InvoiceRepository
from estimator.persistence.locks import advisory_lock as advisory_lock  # its old home
from estimator.persistence.loss_objects import LossObjectRepository
from estimator.persistence.onsite_documents import DocumentRepository
from estimator.persistence.partners import PartnerRepository
from estimator.persistence.pending import CalendarRepository, PendingRepository
from estimator.persistence.photos import PhotoRepository
from estimator.persistence.reference import ReferenceRepository
from estimator.persistence.reports import ReportRepository
from estimator.persistence.retention import RetentionRepository
from estimator.persistence.rows import AuditRow
from estimator.persistence.settings import SettingsRepository
from estimator.persistence.submission_reasons import SubmissionReasonRepository
from estimator.persistence.users import UserRepository
from kernel.problems import Problem

# SQLite's primary result codes (the low byte of an extended code), and PostgreSQL's
# SQLSTATEs, for the storage failures a user can do something about.
_SQLITE_CODES = {13: "disk_full", 8: "read_only_database", 5: "database_busy", 6: "database_busy"}
_SQLITE_IO = {10, 14}  # SQLITE_IOERR, SQLITE_CANTOPEN
_SQLSTATES = {"53100": "disk_full", "25006": "read_only_database", "55P03": "database_busy"}


class StorageError(DomainError):
    """The database refused a write (disk full, read-only, busy, I/O): nothing of this
    transaction was stored, everything committed before is intact. A ``DomainError``, so
    every entry point already shows its message instead of a traceback."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code, **problem.params)
        self.problem = problem


def storage_error(error: BaseException) -> StorageError | None:
    """The user's words for a failed database write, or None when it is not one of those."""
    if not isinstance(error, DBAPIError):
        return None
    driver = error.orig
    sqlite_code = getattr(driver, "sqlite_errorcode", None)
    if isinstance(sqlite_code, int):
        primary = sqlite_code & 0xFF
        if primary in _SQLITE_CODES:
            return StorageError(Problem(_SQLITE_CODES[primary]))
        if primary in _SQLITE_IO:
            return StorageError(Problem("storage_failed", params={"detail": str(driver)}))
        return None
    code = _SQLSTATES.get(str(getattr(driver, "sqlstate", "") or ""))
    return StorageError(Problem(code)) if code else None


class StaleEdit(DomainError):
    """Someone else changed what this save was based on; nothing was written."""

    def __init__(self) -> None:
        super().__init__("stale_edit")


class AuditTrail:
    """The audit trail as a unit of work appends to it (in its transaction)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def entries(self, targets: Mapping[str, Collection[str]]) -> list[AuditRow]:
        """The entries about these entities (entity kind → ids as stored), oldest first."""
        about = [
            (AuditRow.entity == entity) & AuditRow.entity_id.in_(list(ids))
            for entity, ids in targets.items()
        ]
        if not about:
            return []
        return list(
            self.session.scalars(select(AuditRow).where(or_(*about)).order_by(AuditRow.seq))
        )

    def record(
        self,
        *,
        actor: str,
        entity: str,
        entity_id: object,
        action: str,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Append an entry to the chain (see ``persistence.audit.record``)."""
        audit.record(
            self.session,
            actor=actor,
            entity=entity,
            entity_id=entity_id,
            action=action,
            detail=detail,
        )

    def binding(self, estimate_id: uuid.UUID) -> dict[str, Any]:
        """A version's content binding as this transaction leaves it (promise 13), for the
        detail of the entry that freezes it (see ``persistence.binding.binding_detail``)."""
        return binding_detail(self.session, estimate_id)

    def binding_problems(self, estimate_id: uuid.UUID) -> list[BindingProblem]:
        """Whether a version's status and frozen content still match the trail: the
        altered content or unbacked status found (empty: it matches or is not bound)."""
        return failures(check_bindings(self.session.connection(), estimate_id)[1])


class UnitOfWork:
    """Opens a session in one transaction; ``commit()`` keeps the work, anything else undoes it.

    Writers take SQLite's write lock at BEGIN (BEGIN IMMEDIATE), so two writers queue on the
    busy timeout instead of failing half-way through. A server that cannot be reached is
    reported as :class:`DatabaseUnavailable` (the transaction is gone; try again later); a
    write the database refuses (disk full, read-only file) leaves as a ``StorageError`` that
    says so.

    ``snapshot=True`` (for a document: the sheet, an export, a report) reads one consistent
    state of the database, even on a server where each statement would otherwise see the
    latest commits.

    Its repositories (``estimates``, ``cases``, ``users``, ``photos``, ``partners``,
    ``retention``,
    ``certificates``, ``invoices``, ``reference``,
    ``case_details``, ``flood_cases``,
    ``reports``, ``catalog``, ``chases``, ``pending``, ``calendar``) and
    ``reports``, ``catalog``, ``chases``, ``documents``, ``settlement``, ``loss_objects``) and
    ``audit`` trail work in its session.
    """

    def __init__(self, engine: Engine, *, write: bool = False, snapshot: bool = False) -> None:
        bind = engine
        if write:
            bind = engine.execution_options(sqlite_begin="IMMEDIATE")
        elif snapshot and engine.dialect.name != "sqlite":
            # A document read in one go sees one state of the database: on a server, a
            # read-only REPEATABLE READ transaction (its first query fixes the snapshot); an
            # SQLite transaction is one snapshot already (WAL, BEGIN at the start).
            bind = engine.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        self._factory = sessionmaker(bind=bind, expire_on_commit=False)
        self.engine = engine
        self.session: Session
        self.estimates: EstimateRepository
        self.cases: CaseRepository
        self.users: UserRepository
        self.photos: PhotoRepository
        self.partners: PartnerRepository
        self.retention: RetentionRepository
        self.certificates: CertificateRepository
        self.invoices: InvoiceRepository
        self.reference: ReferenceRepository
        self.case_details: CaseDetailsRepository
        self.flood_cases: FloodCaseRepository
        self.reports: ReportRepository
        self.catalog: CatalogRepository
        self.chases: ChaseRepository
        self.pending: PendingRepository
        self.calendar: CalendarRepository
        self.documents: DocumentRepository
        self.submission_reasons: SubmissionReasonRepository
        self.settlement: CaseSettlementRepository
        self.loss_objects: LossObjectRepository
        self.audit: AuditTrail

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.session.begin()
        self.estimates = EstimateRepository(self.session)
        self.cases = CaseRepository(self.session)
        self.users = UserRepository(self.session)
        self.photos = PhotoRepository(self.session)
        self.partners = PartnerRepository(self.session)
        self.retention = RetentionRepository(self.session)
        self.certificates = CertificateRepository(self.session)
        self.invoices = InvoiceRepository(self.session)
        self.reference = ReferenceRepository(self.session)
        self.case_details = CaseDetailsRepository(self.session)
        self.flood_cases = FloodCaseRepository(self.session)
        self.reports = ReportRepository(self.session)
        self.catalog = CatalogRepository(self.session)
        self.settings = SettingsRepository(self.session)
        self.chases = ChaseRepository(self.session)
        self.pending = PendingRepository(self.session)
        self.calendar = CalendarRepository(self.session)
        self.documents = DocumentRepository(self.session)
        self.submission_reasons = SubmissionReasonRepository(self.session)
        self.settlement = CaseSettlementRepository(self.session)
        self.loss_objects = LossObjectRepository(self.session)
        self.flood_guides = FloodGuideRepository(self.session)
        self.audit = AuditTrail(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self.session.in_transaction():
                self.session.rollback()
        except Exception:  # the rollback of a dead connection fails too
            if exc is None or not is_disconnect(self.engine, exc):
                raise
        finally:
            self.session.close()
        if isinstance(exc, DatabaseUnavailable):
            return  # already the plain error (the engine's handle_error)
        if exc is not None and is_disconnect(self.engine, exc):
            raise unavailable(self.engine, exc) from exc
        translated = None if exc is None else storage_error(exc)
        if translated is not None:
            raise translated from exc
        if isinstance(exc, StaleDataError):
            # A versioned row another user changed since it was read, where no service
            # compared versions first: refused as a conflict, never a traceback.
            raise StaleEdit() from exc

    def commit(self) -> None:
        """Commit the transaction."""
        self.session.commit()

"""What a service core needs of a unit of work, as typed protocols (Cosmic Python's "ports").

The real :class:`estimator.persistence.uow.UnitOfWork` and its repositories satisfy them, and
so does the in-memory fake of the tests (tests/services/fakes.py): a core written against
:class:`UnitOfWorkLike` (``f(uow, ...)``) runs on either, and mypy checks both fit. Each
protocol names only the operations the cores call, not everything a repository offers.

Repositories are read-only properties here so that an implementation may hold a narrower type
(``EstimateRepository``, ``FakeEstimates``) than the protocol names.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any, Protocol

from estimator.domain.clocks import Event, EventKind
from estimator.domain.estimate import Tier
from estimator.domain.partners import PartnerShop
from estimator.persistence.rows import (
    CaseRow,
    EstimateLineRow,
    EstimateRow,
    FloodCaseRow,
    FloodPhotoRow,
    FloodVersionRow,
    GuaranteeCertificateRow,
    InvoiceReconciliationLineRow,
    InvoiceReconciliationRow,
    PartnerShopRow,
    PhotoRow,
)


class AuditLike(Protocol):
    """The audit trail a unit of work appends to."""

    def record(
        self,
        *,
        actor: str,
        entity: str,
        entity_id: object,
        action: str,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Append an entry."""

    def binding(self, estimate_id: uuid.UUID) -> dict[str, Any]:
        """The content binding of a version (its canonical hash), for an entry's detail."""


class EstimatesLike(Protocol):
    """Estimate versions and their lines, as the workflow, the review queue and the reviewer's
    adjustments read and change them."""

    def row(self, estimate_id: uuid.UUID, *, lock: bool = False) -> EstimateRow | None:
        """A version's row (locked for the rest of the unit of work with ``lock``)."""

    def line_at(self, estimate_id: uuid.UUID, position: int) -> EstimateLineRow | None:
        """A version's line at ``position``."""

    def next_for_review(
        self, reviewer: str, lapsed: dt.datetime, tier: Tier | None
    ) -> EstimateRow | None:
        """The oldest submitted version nobody holds, of a case ``reviewer`` never edited."""

    def pin_pricing(self, row: EstimateRow) -> None:
        """Bind a version to the current catalog and labor standard."""

    def object_kind(self, row: EstimateRow) -> str:
        """The kind of the loss object a version estimates (insured_vehicle, …)."""

    def lines_json(self, estimate_id: uuid.UUID) -> str:
        """A version's lines as JSON (the first submission's copy)."""


class CasesLike(Protocol):
    """Cases, their editors and their events."""

    def exists(self, case_id: uuid.UUID) -> bool:
        """Whether there is a case with this id."""

    def get(self, case_id: uuid.UUID) -> CaseRow | None:
        """A case's row."""

    def editors(self, case_id: uuid.UUID) -> set[str]:
        """Who wrote or changed the case's lines."""

    def add_editor(self, case_id: uuid.UUID, username: str) -> None:
        """Count ``username`` among the case's editors (once)."""

    def add_event(
        self,
        case_id: uuid.UUID,
        kind: EventKind,
        actor: str,
        at: dt.datetime | None = None,
        note: str = "",
        object_id: uuid.UUID | None = None,
    ) -> None:
        """Record an event of the case (with its note: the entrusted party, a remark; a
        version's event with its loss object)."""

    def events(self, case_id: uuid.UUID, object_id: uuid.UUID | None = None) -> list[Event]:
        """The case's events (as ``object_id``'s clocks see them, if given)."""

    def set_first_total(self, case_id: uuid.UUID, total: Decimal | None) -> bool:
        """Keep the case's first total unless it has one; True when it was set."""

    def join_large_case_group(self, case_id: uuid.UUID) -> bool:
        """Put the case in the large-case group; True when it was not in it yet."""


class RetentionLike(Protocol):
    """What archiving and deleting a case read and write."""

    def latest_status(self, case_id: uuid.UUID) -> str | None:
        """The status of the case's newest version (None without one)."""

    def closed_at(self, case_id: uuid.UUID) -> dt.datetime | None:
        """When one of the case's versions was last closed."""

    def signed_at(self, case_id: uuid.UUID) -> list[dt.datetime]:
        """When the customer signed each signed version of the case."""

    def is_archived(self, case_id: uuid.UUID) -> bool:
        """Whether the case carries an archive mark."""

    def archive(self, case_id: uuid.UUID, at: dt.datetime, by: str, reason: str) -> None:
        """Mark the case archived."""

    def delete_case(self, key: uuid.UUID) -> None:
        """Delete the case and everything that hangs on it."""


class CaseDetailsLike(Protocol):
    """What correcting a case's details reads and locks."""

    def statuses(self, case_id: uuid.UUID) -> list[str]:
        """The status of each of the case's versions, oldest first."""

    def lock_versions(self, case_id: uuid.UUID) -> None:
        """Lock the case's versions until commit."""

    def locked_case(self, case_id: uuid.UUID) -> CaseRow | None:
        """The case's row, read afresh and locked until commit."""

    def edits(self, case_id: uuid.UUID) -> list[tuple[str, dict[str, Any]]]:
        """The case's audited detail edits, oldest first: (actor, detail)."""


class UsersLike(Protocol):
    """What the services read of the people."""

    def roles_of(self, usernames: set[str]) -> dict[str, str]:
        """The comma-separated roles of each of these users that exists."""


class CertificatesLike(Protocol):
    """Guarantee certificates: numbered, and named by an invoice's reconciliation."""

    def count_numbered(self, prefix: str) -> int:
        """How many certificates are numbered ``prefix`` and six digits."""

    def numbering_tag(self) -> str:
        """A laptop's tag in its certificate numbers ("" elsewhere)."""

    def add(self, row: GuaranteeCertificateRow) -> None:
        """A new certificate."""

    def number_of(self, estimate_id: uuid.UUID) -> str | None:
        """The number of the version's certificate (None without one)."""


class InvoicesLike(Protocol):
    """Stored invoice reconciliations."""

    def add(
        self, row: InvoiceReconciliationRow, lines: Sequence[InvoiceReconciliationLineRow]
    ) -> InvoiceReconciliationRow:
        """Store a reconciliation (it has its id then) and its lines, numbered in order."""


class PhotosLike(Protocol):
    """Photo records and their bytes, kept once by SHA-256."""

    def keep_blob(self, sha256: str, data: bytes) -> None:
        """Store the bytes unless the same bytes are already there."""

    def add(self, row: PhotoRow | FloodPhotoRow) -> None:
        """A new photo record (it has its id then)."""


class FloodCasesLike(Protocol):
    """Flood cases and their saved versions."""

    def exists(self, case_id: uuid.UUID) -> bool:
        """Whether there is a flood case with this id."""

    def add(self, row: FloodCaseRow | FloodVersionRow) -> None:
        """A new flood case or saved version (it has its id then)."""

    def last_version_no(self, case_id: uuid.UUID) -> int:
        """The number of the case's newest saved version (0 before the first)."""


class PartnersLike(Protocol):
    """The partner shop registry."""

    def get(self, name: str) -> PartnerShop | None:
        """The shop of that name, or None."""

    def save(self, shop: PartnerShop) -> tuple[PartnerShopRow, PartnerShop | None]:
        """Add or update ``shop``: its row, and what it was before (None when new)."""


class VinModel(Protocol):
    """A vehicle model found by one of its registered VIN prefixes."""

    @property
    def prefix(self) -> str:
        """The registered prefix that matched."""

    @property
    def model_code(self) -> str:
        """The model's code."""

    @property
    def brand(self) -> str:
        """The brand."""

    @property
    def model_name(self) -> str:
        """The model's name."""

    @property
    def vehicle_class(self) -> str:
        """The vehicle class that prices its labor."""


class CatalogLike(Protocol):
    """What the services look up in the parts catalog."""

    def models_by_vin_prefix(self, prefixes: Collection[str]) -> Sequence[VinModel]:
        """The models whose VIN prefix is one of ``prefixes``."""

    def categories(self, part_nos: Collection[str]) -> dict[str, str]:
        """The catalog category of each of these part numbers it has."""


class UnitOfWorkLike(Protocol):
    """One transaction's repositories, its audit trail and its commit."""

    @property
    def estimates(self) -> EstimatesLike:
        """Estimate versions and lines."""

    @property
    def cases(self) -> CasesLike:
        """Cases, editors, events."""

    @property
    def retention(self) -> RetentionLike:
        """Archive marks and whole-case deletion."""

    @property
    def case_details(self) -> CaseDetailsLike:
        """What a case's details read and lock."""

    @property
    def users(self) -> UsersLike:
        """The people."""

    @property
    def certificates(self) -> CertificatesLike:
        """Guarantee certificates."""

    @property
    def invoices(self) -> InvoicesLike:
        """Invoice reconciliations."""

    @property
    def catalog(self) -> CatalogLike:
        """The parts catalog."""

    @property
    def partners(self) -> PartnersLike:
        """The partner shop registry."""

    @property
    def photos(self) -> PhotosLike:
        """Photos and their bytes."""

    @property
    def flood_cases(self) -> FloodCasesLike:
        """Flood cases."""

    @property
    def audit(self) -> AuditLike:
        """The audit trail."""

    def commit(self) -> None:
        """Keep the work."""

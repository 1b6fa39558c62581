"""A unit of work with in-memory repositories: the services' pure rules run on it without a
database (no session, no SQL). Rows are plain, never-persisted row objects.

Each fake implements the protocol of ``estimator.services.ports`` its real repository does
(mypy checks ``FakeUnitOfWork`` against ``UnitOfWorkLike``: see ``_TYPED`` at the end), and
test_fake_parity.py runs the same operations on a fake and on a real unit of work."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from estimator.domain.clocks import Event, EventKind
from estimator.domain.estimate import Tier
from estimator.domain.partners import PartnerShop
from estimator.domain.workflow import EstimateStatus
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
from estimator.services.ports import UnitOfWorkLike
from kernel.clock import utcnow


@dataclass
class AuditEntry:
    """One entry the service appended to the (fake) audit trail."""

    actor: str
    entity: str
    entity_id: str
    action: str
    detail: dict[str, Any] | None
    at: dt.datetime = field(default_factory=utcnow)


class FakeAudit:
    """The audit trail as a list."""

    def __init__(self) -> None:
        self.entries: list[AuditEntry] = []

    def record(
        self,
        *,
        actor: str,
        entity: str,
        entity_id: object,
        action: str,
        detail: dict[str, Any] | None = None,
    ) -> None:
        self.entries.append(AuditEntry(actor, entity, str(entity_id), action, detail))

    def actions(self) -> list[str]:
        return [e.action for e in self.entries]

    def binding(self, estimate_id: uuid.UUID) -> dict[str, Any]:
        # No stored content to hash: a stand-in that says which version it binds.
        return {"hash": f"content of {estimate_id}"}

    def binding_problems(self, estimate_id: uuid.UUID) -> list[object]:
        return []


class FakeEstimates:
    """Estimate versions by id, in memory."""

    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, EstimateRow] = {}
        self.pinned: list[uuid.UUID] = []
        self.lines: dict[tuple[uuid.UUID, int], EstimateLineRow] = {}
        self.cases: FakeCases | None = None  # the editors' home, for the queue's rule

    def add(
        self,
        status: EstimateStatus,
        *,
        case_id: uuid.UUID | None = None,
        created_at: dt.datetime | None = None,
        tier: Tier = Tier.ON_SITE,
        total: Decimal = Decimal("1000.00"),
        version_no: int = 1,
        customer_signed_at: dt.datetime | None = None,
    ) -> EstimateRow:
        row = EstimateRow(
            id=uuid.uuid4(),
            case_id=case_id or uuid.uuid4(),
            version_no=version_no,
            customer_signed_at=customer_signed_at,
            status=status.value,
            tier=tier.value,
            total=total,
            review_taken_by="",
            review_taken_at=None,
            first_submission_json="",
            created_at=created_at or dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        self.rows[row.id] = row
        return row

    def add_line(self, estimate_id: uuid.UUID, amount: Decimal) -> EstimateLineRow:
        """A priced line at the version's next position."""
        position = sum(1 for e, _ in self.lines if e == estimate_id)
        line = EstimateLineRow(
            estimate_id=estimate_id, position=position, amount=amount, reviewed_amount=None
        )
        self.lines[(estimate_id, position)] = line
        return line

    def row(self, estimate_id: uuid.UUID, *, lock: bool = False) -> EstimateRow | None:
        return self.rows.get(estimate_id)

    def line_at(self, estimate_id: uuid.UUID, position: int) -> EstimateLineRow | None:
        return self.lines.get((estimate_id, position))

    def of_case(self, case_id: uuid.UUID) -> list[EstimateRow]:
        """The case's versions, oldest first."""
        return sorted((r for r in self.rows.values() if r.case_id == case_id), key=_version)

    def next_for_review(
        self, reviewer: str, lapsed: dt.datetime, tier: Tier | None
    ) -> EstimateRow | None:
        candidates = [
            r
            for r in self.rows.values()
            if r.status == EstimateStatus.SUBMITTED.value
            and (not r.review_taken_by or r.review_taken_at is None or r.review_taken_at <= lapsed)
            and (tier is None or r.tier == tier.value)
            and reviewer not in self.editors_of(r.case_id)
        ]
        return min(candidates, key=lambda r: (r.created_at, r.id), default=None)

    def editors_of(self, case_id: uuid.UUID) -> set[str]:
        return self.cases.editors(case_id) if self.cases is not None else set()

    def pin_pricing(self, row: EstimateRow) -> None:
        self.pinned.append(row.id)

    def object_kind(self, row: EstimateRow) -> str:
        return "insured_vehicle"  # the fake's versions are all the insured vehicle's

    def lines_json(self, estimate_id: uuid.UUID) -> str:
        return "[]"


def _version(row: EstimateRow) -> int:
    return row.version_no


class FakeCases:
    """Cases, their editors, events and the case columns a submission sets, in memory."""

    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, CaseRow] = {}
        self.editor_names: dict[uuid.UUID, set[str]] = {}
        self.event_log: list[tuple[uuid.UUID, EventKind, str]] = []
        self.event_times: list[dt.datetime] = []
        self.first_totals: dict[uuid.UUID, Decimal | None] = {}
        self.large: set[uuid.UUID] = set()

    def add(self, *, claim_no: str = "BA2026", created_by: str = "wang") -> CaseRow:
        """A new case."""
        case = CaseRow(
            id=uuid.uuid4(),
            claim_no=claim_no,
            insured_name="张三",
            insured_phone="13800000000",
            plate="浙A12345",
            vin="",
            model_code="TOY-CAMRY-2019",
            vehicle_class="sedan",
            paint_type="solid",
            region="ZJ",
            shop_name="杭州汽修",
            shop_class="class1",
            partner=False,
            created_by=created_by,
            created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            first_total=None,
            large_case_group=False,
            row_version=1,
        )
        self.rows[case.id] = case
        return case

    def exists(self, case_id: uuid.UUID) -> bool:
        return case_id in self.rows

    def get(self, case_id: uuid.UUID) -> CaseRow | None:
        return self.rows.get(case_id)

    def editors(self, case_id: uuid.UUID) -> set[str]:
        return set(self.editor_names.get(case_id, set()))

    def add_editor(self, case_id: uuid.UUID, username: str) -> None:
        self.editor_names.setdefault(case_id, set()).add(username)

    def add_event(
        self,
        case_id: uuid.UUID,
        kind: EventKind,
        actor: str,
        at: dt.datetime | None = None,
        note: str = "",
        object_id: uuid.UUID | None = None,
    ) -> None:
        self.event_log.append((case_id, kind, actor))
        self.event_times.append(at or utcnow())

    def events(self, case_id: uuid.UUID, object_id: uuid.UUID | None = None) -> list[Event]:
        return [
            Event(kind, at)
            for (c, kind, _), at in zip(self.event_log, self.event_times, strict=True)
            if c == case_id
        ]

    def set_first_total(self, case_id: uuid.UUID, total: Decimal | None) -> bool:
        if case_id in self.first_totals:
            return False
        self.first_totals[case_id] = total
        return True

    def join_large_case_group(self, case_id: uuid.UUID) -> bool:
        if case_id in self.large:
            return False
        self.large.add(case_id)
        return True


class FakeRetention:
    """Archive marks in memory; the rest read from the fake estimates, cases and audit trail
    as the real repository reads its tables."""

    def __init__(self) -> None:
        self.archived: dict[uuid.UUID, tuple[dt.datetime, str, str]] = {}
        self.estimates = FakeEstimates()
        self.cases = FakeCases()
        self.audit = FakeAudit()

    def latest_status(self, case_id: uuid.UUID) -> str | None:
        versions = self.estimates.of_case(case_id)
        return versions[-1].status if versions else None

    def closed_at(self, case_id: uuid.UUID) -> dt.datetime | None:
        ids = {str(r.id) for r in self.estimates.of_case(case_id)}
        closes = [
            e.at
            for e in self.audit.entries
            if e.entity == "estimate" and e.entity_id in ids and e.action == "close"
        ]
        return closes[-1] if closes else None

    def signed_at(self, case_id: uuid.UUID) -> list[dt.datetime]:
        signed = (r.customer_signed_at for r in self.estimates.of_case(case_id))
        return [at for at in signed if at is not None]

    def is_archived(self, case_id: uuid.UUID) -> bool:
        return case_id in self.archived

    def archive(self, case_id: uuid.UUID, at: dt.datetime, by: str, reason: str) -> None:
        self.archived[case_id] = (at, by, reason)

    def delete_case(self, key: uuid.UUID) -> None:
        for row in self.estimates.of_case(key):
            del self.estimates.rows[row.id]
            for line_key in [k for k in self.estimates.lines if k[0] == row.id]:
                del self.estimates.lines[line_key]
        self.cases.rows.pop(key, None)
        self.cases.editor_names.pop(key, None)
        kept = [
            (e, at)
            for e, at in zip(self.cases.event_log, self.cases.event_times, strict=True)
            if e[0] != key
        ]
        self.cases.event_log = [e for e, _ in kept]
        self.cases.event_times = [at for _, at in kept]
        self.archived.pop(key, None)


class FakeCaseDetails:
    """A case's versions and audited edits as its details see them, read from the fake
    estimates and audit trail; ``locks`` counts the cases whose versions were locked."""

    def __init__(self) -> None:
        self.estimates = FakeEstimates()
        self.cases = FakeCases()
        self.audit = FakeAudit()
        self.locks: list[uuid.UUID] = []

    def statuses(self, case_id: uuid.UUID) -> list[str]:
        return [r.status for r in self.estimates.of_case(case_id)]

    def lock_versions(self, case_id: uuid.UUID) -> None:
        self.locks.append(case_id)

    def locked_case(self, case_id: uuid.UUID) -> CaseRow | None:
        return self.cases.get(case_id)

    def edits(self, case_id: uuid.UUID) -> list[tuple[str, dict[str, Any]]]:
        return [
            (e.actor, dict(e.detail or {}))
            for e in self.audit.entries
            if (e.entity, e.entity_id, e.action) == ("case", str(case_id), "edit_details")
        ]


class FakeUsers:
    """People's roles by username, comma-separated as stored."""

    def __init__(self) -> None:
        self.roles: dict[str, str] = {}

    def roles_of(self, usernames: set[str]) -> dict[str, str]:
        return {name: roles for name, roles in self.roles.items() if name in usernames}


class FakeCertificates:
    """Guarantee certificates in the order added, and numbers by estimate version."""

    def __init__(self) -> None:
        self.rows: list[GuaranteeCertificateRow] = []
        self.numbers: dict[uuid.UUID, str] = {}

    def count_numbered(self, prefix: str) -> int:
        return sum(
            1
            for number in self.numbers.values()
            if number.startswith(prefix) and len(number) == len(prefix) + 6
        )

    def numbering_tag(self) -> str:
        return ""

    def add(self, row: GuaranteeCertificateRow) -> None:
        self.rows.append(row)
        self.numbers[row.estimate_id] = row.number

    def number_of(self, estimate_id: uuid.UUID) -> str | None:
        return self.numbers.get(estimate_id)


class FakePartners:
    """Partner shops by name; each saved shop's row as the repository maps it."""

    def __init__(self) -> None:
        self.shops: dict[str, PartnerShop] = {}
        self.ids: dict[str, int] = {}

    def get(self, name: str) -> PartnerShop | None:
        return self.shops.get(name)

    def save(self, shop: PartnerShop) -> tuple[PartnerShopRow, PartnerShop | None]:
        before = self.shops.get(shop.name)
        self.shops[shop.name] = shop
        self.ids.setdefault(shop.name, len(self.ids) + 1)
        agreement = shop.agreement
        row = PartnerShopRow(
            id=self.ids[shop.name],
            name=shop.name,
            price_types=json.dumps(
                {k: v.value for k, v in agreement.price_types.items()}, ensure_ascii=False
            ),
            default_price_type=agreement.default_price_type.value,
        )
        return row, before


class FakeInvoices:
    """Stored reconciliations with their lines, in the order stored."""

    def __init__(self) -> None:
        self.stored: list[tuple[InvoiceReconciliationRow, list[InvoiceReconciliationLineRow]]] = []

    def add(
        self, row: InvoiceReconciliationRow, lines: Sequence[InvoiceReconciliationLineRow]
    ) -> InvoiceReconciliationRow:
        row.id = uuid.uuid4()  # as the flush gives it
        for position, line in enumerate(lines):
            line.reconciliation_id, line.position = row.id, position
        self.stored.append((row, list(lines)))
        return row


@dataclass(frozen=True)
class FakeVinModel:
    """A vehicle model under one registered VIN prefix."""

    prefix: str
    model_code: str
    brand: str
    model_name: str
    vehicle_class: str


class FakeCatalog:
    """The catalog's vehicle models by registered VIN prefix, and its parts' categories."""

    def __init__(self) -> None:
        self.models: list[FakeVinModel] = []
        self.part_categories: dict[str, str] = {}

    def categories(self, part_nos: Collection[str]) -> dict[str, str]:
        return {p: c for p, c in self.part_categories.items() if p in set(part_nos)}

    def models_by_vin_prefix(self, prefixes: Collection[str]) -> list[FakeVinModel]:
        return [m for m in self.models if m.prefix in set(prefixes)]


class FakePhotos:
    """Photo records in the order added, and their bytes by SHA-256 (kept once)."""

    def __init__(self) -> None:
        self.rows: list[PhotoRow | FloodPhotoRow] = []
        self.blobs: dict[str, bytes] = {}

    def keep_blob(self, sha256: str, data: bytes) -> None:
        self.blobs.setdefault(sha256, data)

    def add(self, row: PhotoRow | FloodPhotoRow) -> None:
        row.id = uuid.uuid4()  # as the flush gives it
        self.rows.append(row)


class FakeFloodCases:
    """Flood cases and their saved versions in the order added."""

    def __init__(self) -> None:
        self.ids: set[uuid.UUID] = set()
        self.rows: list[FloodCaseRow | FloodVersionRow] = []

    def exists(self, case_id: uuid.UUID) -> bool:
        return case_id in self.ids

    def add(self, row: FloodCaseRow | FloodVersionRow) -> None:
        row.id = uuid.uuid4()  # as the flush gives it
        if isinstance(row, FloodCaseRow):
            self.ids.add(row.id)
        self.rows.append(row)

    def last_version_no(self, case_id: uuid.UUID) -> int:
        numbers = [
            r.version_no
            for r in self.rows
            if isinstance(r, FloodVersionRow) and r.case_id == case_id
        ]
        return max(numbers, default=0)


@dataclass
class FakeUnitOfWork:
    """What a service needs of a unit of work, without a database; ``committed`` counts
    commits (a service that refuses never commits)."""

    estimates: FakeEstimates = field(default_factory=FakeEstimates)
    cases: FakeCases = field(default_factory=FakeCases)
    audit: FakeAudit = field(default_factory=FakeAudit)
    retention: FakeRetention = field(default_factory=FakeRetention)
    case_details: FakeCaseDetails = field(default_factory=FakeCaseDetails)
    users: FakeUsers = field(default_factory=FakeUsers)
    certificates: FakeCertificates = field(default_factory=FakeCertificates)
    invoices: FakeInvoices = field(default_factory=FakeInvoices)
    photos: FakePhotos = field(default_factory=FakePhotos)
    partners: FakePartners = field(default_factory=FakePartners)
    catalog: FakeCatalog = field(default_factory=FakeCatalog)
    flood_cases: FakeFloodCases = field(default_factory=FakeFloodCases)
    committed: int = 0

    def __post_init__(self) -> None:
        self.estimates.cases = self.cases
        self.retention.estimates = self.estimates
        self.retention.cases = self.cases
        self.retention.audit = self.audit
        self.case_details.estimates = self.estimates
        self.case_details.cases = self.cases
        self.case_details.audit = self.audit

    def commit(self) -> None:
        self.committed += 1


# Checked by mypy (make typecheck): the fake is a unit of work the service cores accept.
_TYPED: UnitOfWorkLike = FakeUnitOfWork()

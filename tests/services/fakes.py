"""A unit of work with in-memory repositories: the services' pure rules run on it without a
database (no session, no SQL). Rows are plain, never-persisted row objects."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from estimator.domain.clocks import Event, EventKind
from estimator.domain.estimate import Tier
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.rows import EstimateRow


@dataclass
class AuditEntry:
    """One entry the service appended to the (fake) audit trail."""

    actor: str
    entity: str
    entity_id: str
    action: str
    detail: dict[str, Any] | None


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
        self.cases: FakeCases | None = None  # the editors' home, for the queue's rule

    def add(
        self,
        status: EstimateStatus,
        *,
        case_id: uuid.UUID | None = None,
        created_at: dt.datetime | None = None,
        tier: Tier = Tier.ON_SITE,
        total: Decimal = Decimal("1000.00"),
    ) -> EstimateRow:
        row = EstimateRow(
            id=uuid.uuid4(),
            case_id=case_id or uuid.uuid4(),
            version_no=1,
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

    def row(self, estimate_id: uuid.UUID, *, lock: bool = False) -> EstimateRow | None:
        return self.rows.get(estimate_id)

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

    def lines_json(self, estimate_id: uuid.UUID) -> str:
        return "[]"


class FakeCases:
    """Case editors, events and the case columns a submission sets, in memory."""

    def __init__(self) -> None:
        self.editor_names: dict[uuid.UUID, set[str]] = {}
        self.event_log: list[tuple[uuid.UUID, EventKind, str]] = []
        self.first_totals: dict[uuid.UUID, Decimal | None] = {}
        self.large: set[uuid.UUID] = set()

    def editors(self, case_id: uuid.UUID) -> set[str]:
        return set(self.editor_names.get(case_id, set()))

    def add_editor(self, case_id: uuid.UUID, username: str) -> None:
        self.editor_names.setdefault(case_id, set()).add(username)

    def add_event(
        self, case_id: uuid.UUID, kind: EventKind, actor: str, at: dt.datetime | None = None
    ) -> None:
        self.event_log.append((case_id, kind, actor))

    def events(self, case_id: uuid.UUID) -> list[Event]:
        at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        return [Event(kind, at) for c, kind, _ in self.event_log if c == case_id]

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


@dataclass
class FakeUnitOfWork:
    """What a service needs of a unit of work, without a database; ``committed`` counts
    commits (a service that refuses never commits)."""

    estimates: FakeEstimates = field(default_factory=FakeEstimates)
    cases: FakeCases = field(default_factory=FakeCases)
    audit: FakeAudit = field(default_factory=FakeAudit)
    committed: int = 0

    def __post_init__(self) -> None:
        self.estimates.cases = self.cases

    def commit(self) -> None:
        self.committed += 1

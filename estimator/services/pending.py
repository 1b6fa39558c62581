"""The pending list (未决, indicators.md): per assessor the cases without an approved estimate,
their age and bucket, tier, current clock and the assessor's reason; the reason recorded per
case (audited ``pending_reason``) and the manager's review of a list (audited
``pending_reviewed``), due every ``pending.review_every_days``."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from estimator.domain.clocks import (
    CLOCK_STATE_ZH,
    CLOCK_ZH,
    Clock,
    ClockState,
    Event,
    EventKind,
    LocationClass,
    TimeLimitPolicy,
    clocks,
)
from estimator.domain.errors import DomainError
from estimator.domain.estimate import TIER_ZH, Tier
from estimator.domain.loss_objects import LossObject
from estimator.domain.pending import (
    BUCKET_ZH,
    AgeBucket,
    age_bucket,
    age_days,
    bucket_counts,
    check_reason,
    review_due,
)
from estimator.domain.workflow import Role
from estimator.persistence.pending import PendingReviewRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.object_clocks import DueClock, clocks_by_object_in, soonest_due_in
from estimator.services.settings import settings_in
from estimator.services.time_limits import policy_in
from estimator.services.users import User, require_roles
from kernel.clock import to_local, utcnow
from kernel.problems import Language

#: Who reviews the lists (an administrator may act as the claims manager).
REVIEWERS = frozenset({Role.MANAGER, Role.ADMIN})
#: Who records a reason: the case's assessor, or an administrator.
REASON_WRITERS = frozenset({Role.ASSESSOR, Role.ADMIN})


@dataclass(frozen=True)
class PendingCase:
    """A case without an approved estimate, as the list shows it."""

    case_id: uuid.UUID
    claim_no: str
    plate: str
    assessor: str
    since: dt.datetime  # the report, else the case's creation
    age_days: int
    tier: Tier | None
    clock: Clock | None  # the earliest clock not yet met
    clock_state: ClockState | None
    reason: str = ""
    reason_by: str = ""
    reason_at: dt.datetime | None = None
    #: The third-party object whose clock ``clock`` is (None: the case's or its insured
    #: vehicle's).
    clock_object: LossObject | None = None

    def clock_title(self, language: Language) -> str:
        """Which object the clock is of, for a third party's (三者车1 浙B…); else blank."""
        return "" if self.clock_object is None else self.clock_object.title(language)

    @property
    def bucket(self) -> AgeBucket:
        """The case's ageing bucket."""
        return age_bucket(self.age_days)


@dataclass(frozen=True)
class PendingList:
    """An assessor's pending list with its bucket counts and its last review."""

    assessor: str
    cases: tuple[PendingCase, ...]
    reviewed_at: dt.datetime | None
    reviewed_by: str
    review_due: bool
    review_every_days: int
    zone: str = "Asia/Shanghai"
    counts: dict[AgeBucket, int] = field(default_factory=dict)


def pending_lists(
    engine: Engine, assessor: str | None = None, now: dt.datetime | None = None
) -> list[PendingList]:
    """Every assessor's pending list (only ``assessor``'s when named: then always one list,
    maybe empty), by assessor."""
    now = now or utcnow()
    with UnitOfWork(engine, snapshot=True) as uow:
        rows = uow.pending.pending_cases(assessor)
        events = uow.cases.all_events()
        reasons = uow.pending.reasons()
        reviews = uow.pending.last_reviews()
        settings = settings_in(uow)
        policy = policy_in(uow, settings)
        due = _soonest_clocks(uow, rows, events, policy)
    every = settings.whole("pending.review_every_days")
    zone = settings.text("display.timezone")
    by_assessor: dict[str, list[PendingCase]] = {} if assessor is None else {assessor: []}
    for row in rows:
        history = events.get(row.id, [])
        reports = sorted(e.at for e in history if e.kind is EventKind.REPORT)
        since = reports[0] if reports else row.created_at
        tier = Tier(row.tier) if row.tier else None
        soonest = due.get(row.id)
        open_clock = soonest.clock if soonest else None
        reason = reasons.get(row.id)
        by_assessor.setdefault(row.assessor, []).append(
            PendingCase(
                row.id,
                row.claim_no,
                row.plate,
                row.assessor,
                since,
                age_days(since, now),
                tier,
                open_clock,
                open_clock.state(now) if open_clock else None,
                reason[0] if reason else "",
                reason[1] if reason else "",
                reason[2] if reason else None,
                soonest.loss_object if soonest else None,
            )
        )
    result = []
    for name in sorted(by_assessor):
        cases = sorted(by_assessor[name], key=lambda c: (-c.age_days, c.claim_no))
        review = reviews.get(name)
        reviewed_at = review[1] if review else None
        result.append(
            PendingList(
                name,
                tuple(cases),
                reviewed_at,
                review[0] if review else "",
                review_due(reviewed_at, now, every),
                every,
                zone,
                bucket_counts([c.age_days for c in cases]),
            )
        )
    return result


def _soonest_clocks(
    uow: UnitOfWork, rows: list[Any], events: dict[uuid.UUID, list[Event]], policy: TimeLimitPolicy
) -> dict[uuid.UUID, DueClock]:
    """By pending case, its clock due soonest among every loss object's (a third party's
    overdue resubmission before the insured vehicle's running review), read in ``uow``."""
    locations = {row.id: LocationClass(row.location_class) for row in rows}
    objects = clocks_by_object_in(uow, policy, locations)
    found = {}
    for row in rows:
        tier = Tier(row.tier) if row.tier else Tier.ON_SITE
        own = clocks(tier, events.get(row.id, []), policy, locations[row.id])
        soonest = soonest_due_in(uow, own, objects.get(row.id, []))
        if soonest is not None:
            found[row.id] = soonest
    return found


def pending_list(engine: Engine, assessor: str, now: dt.datetime | None = None) -> PendingList:
    """One assessor's pending list."""
    return pending_lists(engine, assessor, now)[0]


def set_pending_reason(engine: Engine, case_id: str | uuid.UUID, text: str, actor: User) -> str:
    """Record why the case is still pending (the case's assessor or an administrator;
    audited; the latest wins); the reason as kept."""
    require_roles(actor, REASON_WRITERS)
    reason = check_reason(text)
    key = parse_id(case_id)
    now = utcnow()
    with UnitOfWork(engine, write=True) as uow:
        case = uow.cases.get(key)
        if case is None:
            raise NotFound(str(case_id))
        if Role.ADMIN not in actor.roles and (case.assessor or case.created_by) != actor.username:
            raise DomainError("pending_not_your_case", claim_no=case.claim_no, user=actor.username)
        if uow.pending.case_done(key):
            raise DomainError("pending_case_approved", claim_no=case.claim_no)
        before = uow.pending.reasons().get(key)
        uow.pending.set_reason(key, reason, actor.username, now)
        uow.audit.record(
            actor=actor.username,
            entity="case",
            entity_id=key,
            action="pending_reason",
            detail={"reason": reason, "before": before[0] if before else ""},
        )
        uow.commit()
    return reason


def mark_pending_reviewed(
    engine: Engine, assessor: str, manager: User, now: dt.datetime | None = None
) -> PendingList:
    """The manager marks ``assessor``'s list reviewed (who, when, the cases listed; audited);
    the list after it."""
    require_roles(manager, REVIEWERS)
    when = now or utcnow()
    listed = pending_list(engine, assessor, when)
    claims = [c.claim_no for c in listed.cases]
    with UnitOfWork(engine, write=True) as uow:
        if uow.users.get(assessor) is None:
            raise NotFound(assessor)
        uow.pending.add_review(
            PendingReviewRow(
                assessor=assessor,
                reviewed_by=manager.username,
                reviewed_at=when,
                cases=json.dumps(claims, ensure_ascii=False),
            )
        )
        uow.audit.record(
            actor=manager.username,
            entity="pending_list",
            entity_id=assessor,
            action="pending_reviewed",
            detail={"assessor": assessor, "cases": claims, "count": len(claims)},
        )
        uow.commit()
    return pending_list(engine, assessor, when)


def _iso(value: dt.datetime | None, zone: str) -> str | None:
    return None if value is None else to_local(value, zone).isoformat(timespec="minutes")


def _shown(value: dt.datetime | None, zone: str) -> str:
    return "" if value is None else to_local(value, zone).strftime("%Y-%m-%d %H:%M")


def pending_document(lists: list[PendingList]) -> dict[str, Any]:
    """The lists as JSON (``report pending --json``): local times, codes for the words."""
    return {
        "assessors": [
            {
                "assessor": p.assessor,
                "buckets": {b.value: n for b, n in p.counts.items()},
                "reviewed_at": _iso(p.reviewed_at, p.zone),
                "reviewed_by": p.reviewed_by,
                "review_due": p.review_due,
                "cases": [
                    {
                        "claim_no": c.claim_no,
                        "plate": c.plate,
                        "since": _iso(c.since, p.zone),
                        "age_days": c.age_days,
                        "bucket": c.bucket.value,
                        "tier": c.tier.value if c.tier else None,
                        "clock": c.clock.name if c.clock else None,
                        "clock_object": None
                        if c.clock_object is None
                        else {"kind": c.clock_object.kind.value, "index": c.clock_object.index},
                        "due": _iso(c.clock.due if c.clock else None, p.zone),
                        "state": c.clock_state.value if c.clock_state else None,
                        "reason": c.reason,
                    }
                    for c in p.cases
                ],
            }
            for p in lists
        ]
    }


_HEADER = [
    "报案号 claim no.",
    "车牌 plate",
    "报案时间 reported",
    "未决天数 days",
    "账龄 bucket",
    "定损时限档 tier",
    "当前时效 clock",
    "时限 due",
    "状态 state",
    "未决原因 reason",
]


def _clock_words(case: PendingCase) -> str:
    """The clock's name in the workbook, after the third party it is of (三者车1 浙B… 核损)."""
    if case.clock is None:
        return ""
    name = CLOCK_ZH.get(case.clock.name, case.clock.name)
    return f"{case.clock_title('zh')} {name}".strip()


def write_pending_report(lists: list[PendingList], path: Path) -> None:
    """A sheet per assessor: the bucket counts and the last review on top, then the cases."""
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    bold = Font(bold=True)
    for p in lists or [PendingList("-", (), None, "", True, 14)]:
        sheet = book.create_sheet(p.assessor[:31] or "-")
        sheet.append(["定损员 assessor", p.assessor])
        for bucket in AgeBucket:
            sheet.append([BUCKET_ZH[bucket], p.counts.get(bucket, 0)])
        sheet.append(["合计 total", len(p.cases)])
        reviewed = _shown(p.reviewed_at, p.zone) or "—"
        sheet.append(["上次检视 last review", reviewed, p.reviewed_by])
        sheet.append(["应检视 review due", "是" if p.review_due else "否"])
        sheet.append([])
        sheet.append(_HEADER)
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for c in p.cases:
            sheet.append(
                [
                    c.claim_no,
                    c.plate,
                    _shown(c.since, p.zone),
                    c.age_days,
                    BUCKET_ZH[c.bucket],
                    TIER_ZH.get(c.tier.value, c.tier.value) if c.tier else "",
                    _clock_words(c),
                    _shown(c.clock.due if c.clock else None, p.zone),
                    CLOCK_STATE_ZH.get(c.clock_state.value, "") if c.clock_state else "",
                    c.reason,
                ]
            )
        for letter, width in zip(
            "ABCDEFGHIJ", (20, 12, 18, 10, 10, 12, 16, 18, 10, 40), strict=True
        ):
            sheet.column_dimensions[letter].width = width
    book.save(path)

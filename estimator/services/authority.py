"""Approval within the assessor's authority (定损权限, indicators.md) and its sampling (抽检).

An assessor whose authority is above 0 approves their own submitted on-site estimate when its
total is within that authority and the review rules find nothing a reviewer must weigh, so
that the customer signs the final sheet at the scene. The approval is marked and audited
(action ``approve`` with ``within_authority``); a share of such approvals
(``authority.sample_rate``) is drawn into the review queue, where a reviewer records the
check's outcome. A failed check does not change the approved amount: it is a finding for the
indicators.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from estimator.domain.workflow import (
    Action,
    EstimateStatus,
    approved_within_authority,
    sample_drawn,
)
from estimator.persistence.rows import EstimateRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.binding import refuse_problems
from estimator.services.case_list import CaseSummary, list_cases
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.review_queue import check_take, need_reviewer
from estimator.services.settings import settings_in
from estimator.services.users import User
from estimator.services.workflow import apply_action, certificate_step
from kernel.problems import register_messages

register_messages(
    {
        "not_sampled": (
            "该估损单不是抽检的权限内核定",
            "this version is not a sampled approval within authority",
        ),
        "sample_checked": (
            "该抽检已由 {reviewer} 记录结果",
            "this sample was already checked by {reviewer}",
        ),
        "sample_note_required": (
            "抽检不通过须写明原因",
            "a failed sample check needs a written note",
        ),
        "sample_own_case": (
            "{actor} 编写或修改过本案估损单，不能抽检",
            "{actor} wrote or changed this case's estimate and may not check it",
        ),
    }
)

#: The outcomes of a sample check as stored (estimates.sample_outcome).
OUTCOME_OK, OUTCOME_FAILED = "ok", "failed"


@dataclass(frozen=True)
class SampleState:
    """How a version stands with authority and sampling (the desk and the editor show it)."""

    within_authority: bool
    sampled: bool
    outcome: str  # "", "ok" or "failed"
    checked_by: str
    note: str


def _findings_refusal(engine: Engine, key: uuid.UUID) -> DomainError | None:
    """A refusal when the review rules find anything a reviewer must weigh (``warn`` or
    ``block``): a reviewer approves only with a written reason, so the author may not."""
    from estimator.services.review import review_estimate

    found = [f for f in review_estimate(engine, key) if f.severity.value != "info"]
    if not found:
        return None
    return DomainError("authority_findings", rules=", ".join(sorted({f.rule for f in found})))


def _decide(uow: UnitOfWork, key: uuid.UUID, actor: User) -> tuple[EstimateRow, EstimateStatus]:
    """The version's row (locked) and its status once approved within authority, or the
    DomainError saying why not; the authority is read afresh (an administrator may have
    changed it since the actor signed in)."""
    row = uow.estimates.row(key, lock=True)
    if row is None:
        raise NotFound(str(key))
    refuse_problems(uow.audit.binding_problems(key))  # nothing moves on from altered content
    stored_user = uow.users.get(actor.username)
    authority = actor.authority if stored_user is None else stored_user.authority
    target = approved_within_authority(
        EstimateStatus(row.status),
        total=row.total,
        tier=row.tier,
        authority=authority,
        editors=uow.cases.editors(row.case_id),
        actor=actor.username,
        roles=actor.roles,
    )
    check_take(row, actor)  # a reviewer holding it from the queue decides
    return row, target


def authority_refusal(
    engine: Engine, estimate_id: str | uuid.UUID, actor: User
) -> DomainError | None:
    """Why ``actor`` may not approve this version within authority now, or None when they
    may (the editor enables its action by this)."""
    key = parse_id(estimate_id)
    try:
        with UnitOfWork(engine) as uow:
            _decide(uow, key, actor)
    except DomainError as refusal:
        return refusal
    return _findings_refusal(engine, key)


def approve_within_authority(
    engine: Engine, estimate_id: str | uuid.UUID, actor: User
) -> EstimateStatus:
    """Approve the actor's own submitted on-site version within their authority: marked,
    the approval event stamped, the content bound, audited as ``approve`` with
    ``within_authority``; drawn for a later check at ``authority.sample_rate``. Refused (and
    the refusal audited) outside the authority."""
    from estimator.services.audit import record_refusal

    key = parse_id(estimate_id)
    with_certificate = certificate_step(engine, key, actor)
    findings = _findings_refusal(engine, key)  # a submitted version's content does not change
    failed: DomainError | None = None
    with UnitOfWork(engine, write=True) as uow:
        try:
            row, target = _decide(uow, key, actor)
            if findings is not None:
                raise findings
        except DomainError as refusal:
            uow.session.rollback()
            failed = refusal
        else:
            rate = settings_in(uow).decimal("authority.sample_rate")
            sampled = sample_drawn(row.id, rate)

            def mark(marked: EstimateRow) -> None:
                marked.within_authority, marked.sampled = True, sampled
                with_certificate(marked)

            detail = {"within_authority": True, "sampled": sampled}
            apply_action(uow, row, Action.APPROVE, target, actor, "", mark, detail)
            uow.commit()
    if failed is not None:
        record_refusal(engine, actor.username, "estimate", key, Action.APPROVE.value, failed.code)
        raise failed
    return target


def sample_state(engine: Engine, estimate_id: str | uuid.UUID) -> SampleState:
    """Whether the version was approved within authority, sampled, and the check's outcome."""
    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        row = uow.estimates.row(key)
        if row is None:
            raise NotFound(str(key))
        return SampleState(
            bool(row.within_authority),
            bool(row.sampled),
            row.sample_outcome or "",
            row.sample_checked_by or "",
            row.sample_note or "",
        )


def samples_to_check(engine: Engine) -> list[uuid.UUID]:
    """The sampled approvals within authority waiting for a reviewer's check, oldest first."""
    with UnitOfWork(engine) as uow:
        return uow.estimates.samples_to_check()


def sampled_cases(
    engine: Engine,
    tier: Tier | None = None,
    shop: str | None = None,
    assessor: str | None = None,
) -> list[CaseSummary]:
    """The cases whose latest version is a sampled approval waiting for its check, marked
    ``sampled`` (the review queue lists them as 抽检), by tier, shop and assessor."""
    waiting = set(samples_to_check(engine))
    return [
        replace(c, sampled=True)
        for c in list_cases(engine)
        if c.estimate_id in waiting
        and (tier is None or c.tier == tier)
        and (shop is None or c.shop_name == shop)
        and (assessor is None or c.assessor == assessor)
    ]


def sample_check(
    engine: Engine, estimate_id: str | uuid.UUID, reviewer: User, ok: bool, note: str = ""
) -> None:
    """Record a reviewer's check of a sampled approval within authority (audited
    ``sample_check``). A failed check needs a note and leaves the approved amount as it is:
    it is a finding for the indicators."""
    need_reviewer(reviewer)
    if not ok and not note.strip():
        raise DomainError("sample_note_required")
    key = parse_id(estimate_id)
    with UnitOfWork(engine, write=True) as uow:
        row = uow.estimates.row(key, lock=True)
        if row is None:
            raise NotFound(str(key))
        if not row.sampled:
            raise DomainError("not_sampled")
        if row.sample_outcome:
            raise DomainError("sample_checked", reviewer=row.sample_checked_by)
        if reviewer.username in uow.cases.editors(row.case_id):
            raise DomainError("sample_own_case", actor=reviewer.username)
        row.sample_outcome = OUTCOME_OK if ok else OUTCOME_FAILED
        row.sample_checked_by, row.sample_note = reviewer.username, note.strip()
        uow.audit.record(
            actor=reviewer.username,
            entity="estimate",
            entity_id=key,
            action="sample_check",
            detail={"ok": ok, "note": note.strip(), "total": str(row.total or Decimal(0))},
        )
        uow.commit()

"""The review queue: a reviewer takes a submitted version, renews or releases the take, and
adjusts line amounts (核损金额). The rules of a take are pure functions over who holds it."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from estimator.domain.workflow import EstimateStatus, Role, require_role
from estimator.persistence.rows import EstimateRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.ports import UnitOfWorkLike
from estimator.services.users import User
from kernel.clock import to_local, utcnow
from kernel.money import limit, places

# A reviewer's take on a queued estimate lapses after this long without activity (taking,
# opening again, adjusting a line): another reviewer may then take it. Long enough for a
# careful review of a large estimate, short enough that a desk left open over lunch does not
# block the queue for the afternoon.
TAKE_EXPIRES = dt.timedelta(minutes=30)


def holder(taken_by: str, taken_at: dt.datetime | None, now: dt.datetime) -> str:
    """Who holds a version from the review queue: "" when nobody does or the take lapsed."""
    if not taken_by or taken_at is None or now - taken_at >= TAKE_EXPIRES:
        return ""
    return taken_by


def check_take(row: EstimateRow, reviewer: User, now: dt.datetime | None = None) -> None:
    """Refuse a review decision on a version another reviewer holds (a fresh take)."""
    held_by = holder(row.review_taken_by, row.review_taken_at, now or utcnow())
    if held_by and held_by != reviewer.username:
        assert row.review_taken_at is not None
        since = to_local(row.review_taken_at).strftime("%H:%M")
        raise DomainError("taken_by_other", held_by=held_by, since=since)


def _take(uow: UnitOfWorkLike, row: EstimateRow, reviewer: User) -> None:
    """Mark ``row`` taken by ``reviewer`` now; audited when it changes hands."""
    if row.review_taken_by != reviewer.username:
        uow.audit.record(
            actor=reviewer.username,
            entity="estimate",
            entity_id=row.id,
            action="take_review",
        )
    row.review_taken_by, row.review_taken_at = reviewer.username, utcnow()


def _locked(uow: UnitOfWorkLike, estimate_id: str | uuid.UUID) -> EstimateRow:
    """A version's row, locked (FOR UPDATE on PostgreSQL) until the transaction ends."""
    row = uow.estimates.row(parse_id(estimate_id), lock=True)
    if row is None:
        raise NotFound(str(estimate_id))
    return row


def need_reviewer(reviewer: User) -> None:
    """Refuse anyone but a reviewer."""
    if Role.REVIEWER not in reviewer.roles:
        raise DomainError("not_reviewer")


def take_next(uow: UnitOfWorkLike, reviewer: User, tier: Tier | None = None) -> uuid.UUID | None:
    """Take the oldest submitted version nobody holds in ``uow`` (not committed)."""
    need_reviewer(reviewer)
    row = uow.estimates.next_for_review(reviewer.username, utcnow() - TAKE_EXPIRES, tier)
    if row is None:
        return None
    _take(uow, row, reviewer)
    return row.id


def take_for_review(engine: Engine, reviewer: User, tier: Tier | None = None) -> uuid.UUID | None:
    """Take the oldest submitted version nobody holds (never taken, or the take lapsed after
    ``TAKE_EXPIRES``) and the reviewer never edited from the queue; None when there is none.
    Two reviewers never take the same one: on PostgreSQL the candidate row is locked FOR
    UPDATE SKIP LOCKED, so a second reviewer passes over it to the next instead of waiting;
    SQLite serialises writers at BEGIN."""
    need_reviewer(reviewer)
    with UnitOfWork(engine, write=True) as uow:
        taken = take_next(uow, reviewer, tier)
        if taken is not None:
            uow.commit()
        return taken


def take(uow: UnitOfWorkLike, estimate_id: str | uuid.UUID, reviewer: User) -> None:
    """Take or renew the take of a submitted version in ``uow`` (not committed)."""
    need_reviewer(reviewer)
    row = _locked(uow, estimate_id)
    if row.status != EstimateStatus.SUBMITTED.value:
        raise DomainError("not_submitted")
    check_take(row, reviewer)
    _take(uow, row, reviewer)


def take_estimate(engine: Engine, estimate_id: str | uuid.UUID, reviewer: User) -> None:
    """Take this submitted version from the queue (the desk does so when it is opened), or
    renew one's own take; refused while another reviewer holds it."""
    need_reviewer(reviewer)
    with UnitOfWork(engine, write=True) as uow:
        take(uow, estimate_id, reviewer)
        uow.commit()


def review_holder(engine: Engine, estimate_id: str | uuid.UUID) -> str:
    """The reviewer who holds this version from the queue now ("" when nobody does)."""
    key = parse_id(estimate_id)
    with UnitOfWork(engine) as uow:
        found = uow.estimates.review_take(key)
    return "" if found is None else holder(found[0], found[1], utcnow())


def release(uow: UnitOfWorkLike, estimate_id: str | uuid.UUID, reviewer: User) -> None:
    """Put a taken version back in the queue in ``uow`` (only its taker may; not committed)."""
    row = _locked(uow, estimate_id)
    if row.review_taken_by != reviewer.username:
        raise DomainError("not_taken_by_you")
    row.review_taken_by, row.review_taken_at = "", None
    uow.audit.record(
        actor=reviewer.username,
        entity="estimate",
        entity_id=row.id,
        action="release_review",
    )


def release_review(engine: Engine, estimate_id: str | uuid.UUID, reviewer: User) -> None:
    """Put a taken version back in the queue (only its taker may)."""
    with UnitOfWork(engine, write=True) as uow:
        release(uow, estimate_id, reviewer)
        uow.commit()


def _check_adjustment(amount: Decimal, reason: str, reviewer: User) -> None:
    require_role(reviewer.username, reviewer.roles, Role.REVIEWER)
    if not reason.strip():
        raise DomainError("reason_required:adjustment")
    # Finite and bounded first: NaN cannot be compared and 1e308 cannot be quantized.
    if (
        not amount.is_finite()
        or not 0 <= amount <= limit("amount")
        or places(amount.normalize()) > 2
    ):
        raise DomainError("bad_amount")


def adjust_line(
    engine: Engine,
    estimate_id: str | uuid.UUID,
    position: int,
    amount: Decimal,
    reason: str,
    reviewer: User,
) -> None:
    """Set the reviewer's amount (核损金额) on a submitted version's line, with a reason.
    The reviewer becomes one of the case's editors, so a second reviewer must approve."""
    _check_adjustment(amount, reason, reviewer)
    with UnitOfWork(engine, write=True) as uow:
        adjust(uow, estimate_id, position, amount, reason, reviewer)
        uow.commit()


def adjust(
    uow: UnitOfWorkLike,
    estimate_id: str | uuid.UUID,
    position: int,
    amount: Decimal,
    reason: str,
    reviewer: User,
) -> None:
    """``adjust_line`` in ``uow`` (not committed): refused for anyone but a reviewer, without
    a reason, for an amount below zero or finer than a fen, on a version not submitted, on one
    another reviewer holds and for a line it does not have."""
    _check_adjustment(amount, reason, reviewer)
    key = parse_id(estimate_id)
    row = _locked(uow, key)
    if row.status != EstimateStatus.SUBMITTED.value:
        raise DomainError("not_submitted:adjustment")
    check_take(row, reviewer)
    if row.review_taken_by == reviewer.username:
        row.review_taken_at = utcnow()  # activity keeps the take fresh
    line = uow.estimates.line_at(key, position)
    if line is None:
        raise DomainError("no_line", line=position + 1)
    before = line.reviewed_amount if line.reviewed_amount is not None else line.amount
    line.reviewed_amount, line.review_reason, line.reviewed_by = (
        amount,
        reason,
        reviewer.username,
    )
    uow.cases.add_editor(row.case_id, reviewer.username)
    uow.audit.record(
        actor=reviewer.username,
        entity="estimate",
        entity_id=key,
        action="review_adjust",
        detail={
            "line": position + 1,
            "before": str(before),
            "after": str(amount),
            "reason": reason,
            "content": uow.audit.binding(key),  # the reviewed content, bound again
        },
    )

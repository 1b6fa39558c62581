"""The workflow's and the review queue's rules on a fake unit of work: no database, no SQL.

What needs storage (locks, the audit chain, both engines) is tested in test_cases.py and
test_concurrency.py; here only the decisions the services take on what they read."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from estimator.domain.workflow import Action, EstimateStatus, Role
from estimator.persistence.rows import EstimateRow
from estimator.services import review_queue, workflow
from estimator.services.estimate_store import NotFound
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.fakes import FakeUnitOfWork

WANG = User("wang", "王", frozenset({Role.ASSESSOR}))
LI = User("li", "李", frozenset({Role.REVIEWER}))
ZHAO = User("zhao", "赵", frozenset({Role.REVIEWER}))


def _act(
    uow: FakeUnitOfWork, key: uuid.UUID, action: Action, actor: User, reason: str = ""
) -> tuple[EstimateRow, EstimateStatus]:
    # workflow.py still names the real UnitOfWork (its owner moves it to UnitOfWorkLike)
    row, target = workflow.decide(uow, key, action, actor, reason)  # type: ignore[arg-type]
    workflow.apply_action(uow, row, action, target, actor, reason)  # type: ignore[arg-type]
    return row, target


def test_submitting_a_draft_moves_it_pins_pricing_and_keeps_the_first_total() -> None:
    uow = FakeUnitOfWork()
    row = uow.estimates.add(EstimateStatus.DRAFT, tier=Tier.TEARDOWN)
    _, target = _act(uow, row.id, Action.SUBMIT, WANG)
    assert target is EstimateStatus.SUBMITTED and row.status == "submitted"
    assert uow.estimates.pinned == [row.id]
    assert uow.cases.first_totals == {row.case_id: row.total}
    assert row.case_id in uow.cases.large  # the teardown tier joins the large-case group
    assert uow.audit.actions() == ["assign_large_case_group", "submit"]
    assert [kind for _, kind, _ in uow.cases.event_log] == [EventKind.SUBMISSION]


def test_an_assessor_cannot_approve_and_a_return_needs_a_reason() -> None:
    uow = FakeUnitOfWork()
    row = uow.estimates.add(EstimateStatus.SUBMITTED)
    with pytest.raises(DomainError):
        _act(uow, row.id, Action.APPROVE, WANG)
    with pytest.raises(DomainError) as refused:
        _act(uow, row.id, Action.RETURN, LI, "  ")
    assert refused.value.code == "reason_required"
    assert row.status == "submitted" and uow.audit.entries == []  # nothing changed


def test_nobody_approves_a_case_they_edited() -> None:
    uow = FakeUnitOfWork()
    row = uow.estimates.add(EstimateStatus.SUBMITTED)
    uow.cases.add_editor(row.case_id, "li")
    with pytest.raises(DomainError) as refused:
        _act(uow, row.id, Action.APPROVE, LI)
    assert refused.value.code == "self_approval"
    _, target = _act(uow, row.id, Action.APPROVE, ZHAO)
    assert target is EstimateStatus.APPROVED and row.decided_by == "zhao"


def test_a_decision_takes_the_version_off_the_queue_and_is_refused_to_others_while_held() -> None:
    uow = FakeUnitOfWork()
    row = uow.estimates.add(EstimateStatus.SUBMITTED)
    review_queue.take(uow, row.id, LI)
    with pytest.raises(DomainError) as refused:
        _act(uow, row.id, Action.RETURN, ZHAO, "缺照片")
    assert refused.value.code == "taken_by_other"
    _act(uow, row.id, Action.RETURN, LI, "缺照片")
    assert row.status == "returned" and row.review_taken_by == "" and row.review_taken_at is None
    assert row.decision_reason == "缺照片"


def test_an_unknown_version_is_not_found() -> None:
    with pytest.raises(NotFound):
        workflow.decide(FakeUnitOfWork(), uuid.uuid4(), Action.SUBMIT, WANG)  # type: ignore[arg-type]


def test_the_queue_gives_the_oldest_free_version_and_never_the_same_twice() -> None:
    uow = FakeUnitOfWork()
    old = uow.estimates.add(
        EstimateStatus.SUBMITTED, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    new = uow.estimates.add(
        EstimateStatus.SUBMITTED, created_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    )
    uow.estimates.add(EstimateStatus.DRAFT, created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert review_queue.take_next(uow, LI) == old.id
    assert review_queue.take_next(uow, ZHAO) == new.id
    assert review_queue.take_next(uow, ZHAO) is None
    assert uow.audit.actions() == ["take_review", "take_review"]


def test_the_queue_skips_cases_the_reviewer_edited_and_a_lapsed_take_is_free_again() -> None:
    uow = FakeUnitOfWork()
    edited = uow.estimates.add(EstimateStatus.SUBMITTED)
    uow.cases.add_editor(edited.case_id, "li")
    assert review_queue.take_next(uow, LI) is None
    edited.review_taken_by = "zhao"
    edited.review_taken_at = utcnow() - review_queue.TAKE_EXPIRES - dt.timedelta(seconds=1)
    assert review_queue.take_next(uow, User("sun", "孙", frozenset({Role.REVIEWER}))) == edited.id
    assert edited.review_taken_by == "sun"


def test_only_a_reviewer_takes_and_only_the_taker_releases() -> None:
    uow = FakeUnitOfWork()
    row = uow.estimates.add(EstimateStatus.SUBMITTED)
    with pytest.raises(DomainError) as refused:
        review_queue.take(uow, row.id, WANG)
    assert refused.value.code == "not_reviewer"
    review_queue.take(uow, row.id, LI)
    with pytest.raises(DomainError) as refused:
        review_queue.release(uow, row.id, ZHAO)
    assert refused.value.code == "not_taken_by_you"
    review_queue.release(uow, row.id, LI)
    assert row.review_taken_by == "" and uow.audit.actions() == ["take_review", "release_review"]


def test_a_draft_is_not_in_the_queue_to_take() -> None:
    uow = FakeUnitOfWork()
    row = uow.estimates.add(EstimateStatus.DRAFT)
    with pytest.raises(DomainError) as refused:
        review_queue.take(uow, row.id, LI)
    assert refused.value.code == "not_submitted"


def test_a_take_lapses_after_thirty_minutes() -> None:
    now = utcnow()
    assert review_queue.holder("li", now - dt.timedelta(minutes=29), now) == "li"
    assert review_queue.holder("li", now - review_queue.TAKE_EXPIRES, now) == ""
    assert review_queue.holder("", now, now) == ""

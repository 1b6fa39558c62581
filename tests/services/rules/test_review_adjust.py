"""The reviewer's line adjustment (核损金额) decided on a fake unit of work: who may, with what
amount and reason, on which version and line, and what it records. The stored adjustment, the
sheet and the second reviewer's approval stay in test_cases.py."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from estimator.domain.errors import DomainError
from estimator.domain.workflow import EstimateStatus, Role
from estimator.services import review_queue
from estimator.services.estimate_store import NotFound
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.fakes import FakeUnitOfWork

WANG = User("wang", "王", frozenset({Role.ASSESSOR}))
LI = User("li", "李", frozenset({Role.REVIEWER}))
ZHAO = User("zhao", "赵", frozenset({Role.REVIEWER}))


def _submitted(uow: FakeUnitOfWork) -> uuid.UUID:
    row = uow.estimates.add(EstimateStatus.SUBMITTED)
    uow.estimates.add_line(row.id, Decimal("800.00"))
    uow.estimates.add_line(row.id, Decimal("200.00"))
    return row.id


def test_an_adjustment_sets_the_reviewed_amount_and_makes_the_reviewer_an_editor() -> None:
    uow = FakeUnitOfWork()
    key = _submitted(uow)
    review_queue.adjust(uow, key, 1, Decimal("150.00"), "市场价更低", LI)
    line = uow.estimates.line_at(key, 1)
    assert line is not None
    assert (line.reviewed_amount, line.review_reason, line.reviewed_by) == (
        Decimal("150.00"),
        "市场价更低",
        "li",
    )
    row = uow.estimates.rows[key]
    assert "li" in uow.cases.editors(row.case_id)  # so a second reviewer must approve
    entry = uow.audit.entries[-1]
    assert entry.action == "review_adjust"
    assert entry.detail == {
        "line": 2,
        "before": "200.00",
        "after": "150.00",
        "reason": "市场价更低",
        "content": uow.audit.binding(key),  # the reviewed content, bound again
    }
    # a second adjustment of the same line starts from the reviewed amount
    review_queue.adjust(uow, key, 1, Decimal("120"), "再降", LI)
    assert uow.audit.entries[-1].detail == {
        "line": 2,
        "before": "150.00",
        "after": "120",
        "reason": "再降",
        "content": uow.audit.binding(key),
    }
    assert uow.committed == 0


@pytest.mark.parametrize(
    ("amount", "reason", "who", "code"),
    [
        (Decimal("10"), "太贵", WANG, "missing_role"),
        (Decimal("10"), "  ", LI, "reason_required"),
        (Decimal("-1"), "太贵", LI, "bad_amount"),
        (Decimal("10.005"), "太贵", LI, "bad_amount"),
    ],
)
def test_a_reviewer_with_a_reason_and_an_amount_to_the_fen_is_needed(
    amount: Decimal, reason: str, who: User, code: str
) -> None:
    uow = FakeUnitOfWork()
    key = _submitted(uow)
    with pytest.raises(DomainError) as refused:
        review_queue.adjust(uow, key, 0, amount, reason, who)
    assert refused.value.code == code
    line = uow.estimates.line_at(key, 0)
    assert line is not None and line.reviewed_amount is None and uow.audit.entries == []


def test_only_a_submitted_version_with_that_line_and_not_held_by_another_is_adjusted() -> None:
    uow = FakeUnitOfWork()
    draft = uow.estimates.add(EstimateStatus.DRAFT)
    with pytest.raises(DomainError) as refused:
        review_queue.adjust(uow, draft.id, 0, Decimal("1"), "原因", LI)
    assert refused.value.code == "not_submitted"
    key = _submitted(uow)
    with pytest.raises(DomainError) as refused:
        review_queue.adjust(uow, key, 2, Decimal("1"), "原因", LI)
    assert refused.value.code == "no_line" and "there is no line 3" in str(refused.value)
    review_queue.take(uow, key, ZHAO)
    with pytest.raises(DomainError) as refused:
        review_queue.adjust(uow, key, 0, Decimal("1"), "原因", LI)
    assert refused.value.code == "taken_by_other"
    with pytest.raises(NotFound):
        review_queue.adjust(uow, uuid.uuid4(), 0, Decimal("1"), "原因", LI)


def test_adjusting_keeps_ones_own_take_fresh() -> None:
    uow = FakeUnitOfWork()
    key = _submitted(uow)
    row = uow.estimates.rows[key]
    row.review_taken_by = "li"
    row.review_taken_at = utcnow() - dt.timedelta(minutes=20)
    review_queue.adjust(uow, key, 0, Decimal("700"), "原因", LI)
    assert row.review_taken_at is not None
    assert utcnow() - row.review_taken_at < dt.timedelta(minutes=1)

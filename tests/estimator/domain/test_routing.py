"""Large-case routing and escalation rules (indicators.md, Groups and authority; Clocks)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D  # noqa: N817 - reads like the money constructor

import pytest

from estimator.domain.clocks import Event, EventKind, clocks
from estimator.domain.errors import DomainError
from estimator.domain.estimate import Tier
from estimator.domain.routing import (
    belongs_to_large_group,
    check_take,
    escalations_of,
    waits_in_queue,
)
from estimator.domain.workflow import Group

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)  # 10:00 in Shanghai


def test_a_case_over_ten_thousand_or_teardown_belongs_to_the_large_case_group() -> None:
    assert belongs_to_large_group(D("10000.01"), Tier.TEARDOWN)
    assert belongs_to_large_group(D("10000.01"), None)  # over the line, whatever the tier says
    assert belongs_to_large_group(D("800.00"), "teardown")  # marked "needs teardown"
    assert not belongs_to_large_group(D("10000.00"), Tier.STANDARD)  # 10,000 is not over it
    assert not belongs_to_large_group(None, None)


def test_a_large_case_waits_until_a_large_group_member_has_it() -> None:
    assert waits_in_queue(True, Group.ORDINARY)
    assert waits_in_queue(True, None)  # its assessor is no assessor (anymore)
    assert not waits_in_queue(True, Group.LARGE)
    assert not waits_in_queue(False, Group.ORDINARY)


def _take(**changes: object) -> None:
    args: dict[str, object] = {
        "claim_no": "RPT1",
        "large": True,
        "taker": "liu",
        "taker_group": Group.LARGE,
        "assessor": "zhang",
        "assessor_group": Group.ORDINARY,
    }
    check_take(**{**args, **changes})  # type: ignore[arg-type]


def test_who_may_take_a_case_from_the_queue() -> None:
    _take()  # a large-group member takes an ordinary assessor's large case
    with pytest.raises(DomainError) as ordinary:
        _take(taker="zhang", taker_group=Group.ORDINARY)
    assert ordinary.value.message_zh == "zhang 属普案组，不能接手大案：只有大案组的定损员可以接手"
    with pytest.raises(DomainError) as taken:
        _take(assessor="wu", assessor_group=Group.LARGE)
    assert taken.value.code == "case_already_taken" and "wu" in taken.value.message_zh
    with pytest.raises(DomainError, match="does not belong to the large-case group"):
        _take(large=False)


def test_an_overdue_resubmission_escalates_until_resubmitted_one_per_return() -> None:
    first_return = T0
    events = [
        Event(EventKind.SUBMISSION, T0 - dt.timedelta(hours=5)),
        Event(EventKind.RETURN, first_return),
        # Resubmitted 3 days later: a day late (the limit is 2 calendar days).
        Event(EventKind.SUBMISSION, T0 + dt.timedelta(days=3)),
        Event(EventKind.RETURN, T0 + dt.timedelta(days=4)),
    ]
    second_due = T0 + dt.timedelta(days=6)
    # Before the second return's clock runs out: only the first (resolved) escalation.
    early = escalations_of(clocks(Tier.STANDARD, events), T0 + dt.timedelta(days=5))
    assert [(e.returned_at, e.is_open()) for e in early] == [(first_return, False)]
    assert early[0].hours_overdue(T0 + dt.timedelta(days=5)) == D("24.00")
    # 7.5 hours past the second due time: the second one is open.
    now = second_due + dt.timedelta(hours=7, minutes=30)
    found = escalations_of(clocks(Tier.STANDARD, events), now)
    assert [e.is_open() for e in found] == [False, True]
    assert found[1].due == second_due and found[1].hours_overdue(now) == D("7.50")
    assert found[1].key == "2026-12-05T02:00:00+00:00"


def test_a_resubmission_in_time_never_escalates() -> None:
    events = [
        Event(EventKind.RETURN, T0),
        Event(EventKind.SUBMISSION, T0 + dt.timedelta(days=1)),
    ]
    assert escalations_of(clocks(Tier.ON_SITE, events), T0 + dt.timedelta(days=9)) == []
    running = [Event(EventKind.RETURN, T0)]
    assert escalations_of(clocks(Tier.ON_SITE, running), T0 + dt.timedelta(days=1)) == []

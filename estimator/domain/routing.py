"""Large-case routing and escalation (indicators.md, Groups and authority; Clocks). Pure.

A case whose estimate exceeds 10,000 or needs teardown belongs to the large-case group: it
waits in the group's queue until a member of the group takes it or a manager assigns it. An
overdue resubmission after a return escalates to the claims manager until the resubmission
is made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from estimator.domain.clocks import Clock, ClockState
from estimator.domain.errors import DomainError
from estimator.domain.estimate import STANDARD_LIMIT, Tier
from estimator.domain.workflow import GROUP_ZH, Group
from kernel.problems import Worded, register_messages

#: Over this total (yuan) a case belongs to the large-case group, whatever its tier.
LARGE_CASE_TOTAL = STANDARD_LIMIT

register_messages(
    {
        "case_already_taken": (
            "案件 {claim_no} 已由大案组的 {assessor} 接手",
            "case {claim_no} is already taken by {assessor} of the large-case group",
        ),
        "take_needs_large_group": (
            "{user} 属{group}，不能接手大案：只有大案组的定损员可以接手",
            "{user} is in the {group} and may not take a large case: "
            "only assessors of the large-case group take one",
        ),
        "case_not_large": (
            "案件 {claim_no} 不属大案组，不在大案队列中",
            "case {claim_no} does not belong to the large-case group and is not in its queue",
        ),
        "assign_to_non_assessor": (
            "{user} 不是定损员，不能指派案件给他",
            "{user} is not an assessor: a case cannot be assigned to them",
        ),
        "already_assigned": (
            "案件 {claim_no} 的定损员已是 {user}",
            "case {claim_no} is already assigned to {user}",
        ),
        "case_assigned_meanwhile": (
            "案件 {claim_no} 刚被他人接手或指派，请刷新后重试",
            "case {claim_no} was just taken or assigned by someone else: refresh and try again",
        ),
    }
)

_HOUR = Decimal(3600)
_CENTS = Decimal("0.01")


def belongs_to_large_group(total: Decimal | None, tier: Tier | str | None) -> bool:
    """Whether a case with this newest total and tier belongs to the large-case group: a
    total over 10,000 or the teardown tier (which "needs teardown" puts it in at any total)."""
    if tier is not None and tier != "" and Tier(tier) is Tier.TEARDOWN:
        return True
    return total is not None and total > LARGE_CASE_TOTAL


def group_word(group: Group) -> Worded:
    """A group named in both languages, for a message."""
    english = "large-case group" if group is Group.LARGE else "ordinary group"
    return Worded(GROUP_ZH[group], english)


def waits_in_queue(large: bool, assessor_group: Group | None) -> bool:
    """Whether a case waits in the large-case queue: it belongs to the large-case group and
    its assessor is not a member of that group (or is no assessor at all: ``None``)."""
    return large and assessor_group is not Group.LARGE


def check_take(
    *,
    claim_no: str,
    large: bool,
    taker: str,
    taker_group: Group,
    assessor: str,
    assessor_group: Group | None,
) -> None:
    """A DomainError unless ``taker`` (an assessor) may take the case from the queue."""
    if taker_group is not Group.LARGE:
        raise DomainError("take_needs_large_group", user=taker, group=group_word(taker_group))
    if not large:
        raise DomainError("case_not_large", claim_no=claim_no)
    if not waits_in_queue(large, assessor_group):
        raise DomainError("case_already_taken", claim_no=claim_no, assessor=assessor)


@dataclass(frozen=True)
class Escalation:
    """An overdue resubmission after one return (升级督办): open until the resubmission."""

    returned_at: dt.datetime
    due: dt.datetime
    resubmitted_at: dt.datetime | None

    @property
    def key(self) -> str:
        """The return it belongs to, as the audit records it (one escalation per return)."""
        return self.returned_at.astimezone(dt.UTC).isoformat()

    def is_open(self) -> bool:
        """Still waiting for the resubmission."""
        return self.resubmitted_at is None

    def hours_overdue(self, now: dt.datetime) -> Decimal:
        """Hours past due (two places): until now while open, else until the resubmission."""
        end = self.resubmitted_at or now
        seconds = Decimal(max((end - self.due).total_seconds(), 0.0))
        return (seconds / _HOUR).quantize(_CENTS)


def escalations_of(case_clocks: Iterable[Clock], now: dt.datetime) -> list[Escalation]:
    """The case's escalations at ``now``: every resubmission clock that is overdue (open) or
    was met late (resolved), oldest return first."""
    found = []
    for clock in case_clocks:
        if clock.name != "resubmission" or clock.start is None:
            continue
        if clock.state(now) in (ClockState.OVERDUE, ClockState.MET_LATE):
            found.append(Escalation(clock.start, clock.due, clock.met_at))
    return sorted(found, key=lambda e: e.returned_at)

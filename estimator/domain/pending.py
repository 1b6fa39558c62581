"""The pending list (未决, indicators.md): the ageing buckets of a case without an approved
estimate, the assessor's reason and when the manager's review falls due. Pure."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from estimator.domain.errors import DomainError
from kernel.problems import register_messages

#: The longest reason an assessor records for a pending case.
REASON_LIMIT = 500

register_messages(
    {
        "pending_reason_empty": ("未决原因不能为空", "the pending reason cannot be empty"),
        "pending_reason_too_long": (
            "未决原因最多 {limit} 个字",
            "a pending reason has at most {limit} characters",
        ),
        "pending_not_your_case": (
            "案件 {claim_no} 不是 {user} 的未决案件",
            "the case {claim_no} is not a pending case of {user}",
        ),
        "pending_case_approved": (
            "案件 {claim_no} 已核损通过，不在未决清单中",
            "the case {claim_no} is approved and not on the pending list",
        ),
    }
)


class AgeBucket(StrEnum):
    """The ageing buckets of a pending case, in days since the report."""

    UP_TO_5 = "0-5"
    DAYS_6_20 = "6-20"
    DAYS_21_40 = "21-40"
    OVER_40 = "41+"


#: The buckets' words (the sheet's and the screen's).
BUCKET_ZH = {
    AgeBucket.UP_TO_5: "5天以内",
    AgeBucket.DAYS_6_20: "6-20天",
    AgeBucket.DAYS_21_40: "21-40天",
    AgeBucket.OVER_40: "40天以上",
}
BUCKET_EN = {
    AgeBucket.UP_TO_5: "up to 5 days",
    AgeBucket.DAYS_6_20: "6-20 days",
    AgeBucket.DAYS_21_40: "21-40 days",
    AgeBucket.OVER_40: "over 40 days",
}


def age_bucket(days: int) -> AgeBucket:
    """The bucket of a case ``days`` old: ≤ 5, 6–20, 21–40, > 40."""
    if days <= 5:
        return AgeBucket.UP_TO_5
    if days <= 20:
        return AgeBucket.DAYS_6_20
    if days <= 40:
        return AgeBucket.DAYS_21_40
    return AgeBucket.OVER_40


def age_days(since: dt.datetime, now: dt.datetime) -> int:
    """Whole days from ``since`` to ``now`` (never negative)."""
    return max(0, (now - since).days)


def bucket_counts(days: list[int]) -> dict[AgeBucket, int]:
    """How many cases fall into each bucket (every bucket present, in order)."""
    counts = dict.fromkeys(AgeBucket, 0)
    for value in days:
        counts[age_bucket(value)] += 1
    return counts


def review_due(last_reviewed: dt.datetime | None, now: dt.datetime, every_days: int) -> bool:
    """Whether the manager's review of a list is due: never reviewed, or ``every_days`` since."""
    return last_reviewed is None or now - last_reviewed >= dt.timedelta(days=every_days)


def check_reason(text: str) -> str:
    """The reason trimmed; a DomainError when empty or too long."""
    reason = text.strip()
    if not reason:
        raise DomainError("pending_reason_empty")
    if len(reason) > REASON_LIMIT:
        raise DomainError("pending_reason_too_long", limit=REASON_LIMIT)
    return reason

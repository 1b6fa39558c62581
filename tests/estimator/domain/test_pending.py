"""The pending list's pure rules: ageing buckets at their edges, the review's due date and
the reason's checks."""

from __future__ import annotations

import datetime as dt

import pytest

from estimator.domain.errors import DomainError
from estimator.domain.pending import (
    REASON_LIMIT,
    AgeBucket,
    age_bucket,
    age_days,
    bucket_counts,
    check_reason,
    review_due,
)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (0, AgeBucket.UP_TO_5),
        (5, AgeBucket.UP_TO_5),
        (6, AgeBucket.DAYS_6_20),
        (20, AgeBucket.DAYS_6_20),
        (21, AgeBucket.DAYS_21_40),
        (40, AgeBucket.DAYS_21_40),
        (41, AgeBucket.OVER_40),
        (400, AgeBucket.OVER_40),
    ],
)
def test_the_buckets_edges(days: int, bucket: AgeBucket) -> None:
    assert age_bucket(days) is bucket


def test_counts_hold_every_bucket_in_order() -> None:
    counts = bucket_counts([5, 6, 20, 21, 40, 41, 3])
    assert list(counts) == list(AgeBucket)
    assert list(counts.values()) == [2, 2, 2, 1]
    assert bucket_counts([]) == dict.fromkeys(AgeBucket, 0)


def test_age_is_whole_days_never_negative() -> None:
    start = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    assert age_days(start, start + dt.timedelta(days=5, hours=23)) == 5
    assert age_days(start, start + dt.timedelta(days=6)) == 6
    assert age_days(start, start - dt.timedelta(hours=1)) == 0


def test_a_review_is_due_when_never_done_or_after_the_interval() -> None:
    reviewed = dt.datetime(2026, 11, 16, 8, 0, tzinfo=dt.UTC)
    assert review_due(None, reviewed, 14)
    assert not review_due(reviewed, reviewed + dt.timedelta(days=13, hours=23), 14)
    assert review_due(reviewed, reviewed + dt.timedelta(days=14), 14)
    assert review_due(reviewed, reviewed + dt.timedelta(days=7), 7)


def test_a_reason_is_trimmed_and_bounded() -> None:
    assert check_reason("  等待配件报价 ") == "等待配件报价"
    with pytest.raises(DomainError) as empty:
        check_reason("   ")
    assert empty.value.code == "pending_reason_empty"
    with pytest.raises(DomainError) as long:
        check_reason("字" * (REASON_LIMIT + 1))
    assert long.value.code == "pending_reason_too_long"

"""Retention of claim files (workflow.md, reliability.md promise 12). Pure.

The Insurance Law keeps claim records at least 5 years (10 for policies longer than a year).
No policy term is stored yet, so the period is a setting that never goes below the law's 5
years; it runs from the case's closing and from every customer signature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from estimator.domain.errors import DomainError

LEGAL_MINIMUM_YEARS = 5


@dataclass(frozen=True)
class RetentionPolicy:
    """How long a closed case and its signed estimates are kept before they may be deleted."""

    years: int = LEGAL_MINIMUM_YEARS

    def __post_init__(self) -> None:
        if self.years < LEGAL_MINIMUM_YEARS:
            raise DomainError("retention_too_short", years=LEGAL_MINIMUM_YEARS)


def add_years(at: dt.datetime, years: int) -> dt.datetime:
    """The same moment ``years`` later (29 February becomes 28 February)."""
    try:
        return at.replace(year=at.year + years)
    except ValueError:
        return at.replace(year=at.year + years, day=28)


def retention_ends(
    closed_at: dt.datetime, signed_at: Iterable[dt.datetime], policy: RetentionPolicy
) -> dt.datetime:
    """When the last retention period of a closed case (its closing, each signature) ends."""
    return max(add_years(at, policy.years) for at in (closed_at, *signed_at))


def check_deletable(
    *,
    closed_at: dt.datetime | None,
    signed_at: Iterable[dt.datetime],
    policy: RetentionPolicy,
    now: dt.datetime,
) -> None:
    """Raise a DomainError unless the case is closed and its retention period is over."""
    if closed_at is None:
        raise DomainError("case_not_closed:delete")
    ends = retention_ends(closed_at, signed_at, policy)
    if now < ends:
        day = ends.date().isoformat()
        raise DomainError("within_retention", day=day)

"""A small set of cases with hand-computed service indicators (November 2026, Asia/Shanghai).

All clocks run on calendar days here (``POLICY``), so every due time is start + limit. ``NOW``
is 2026-12-01 12:00 local. The cases (local times):

A  wang (large-case group), teardown, large case. dispatch 11-02 09:00, first contact 09:03,
   arrival 09:20, survey 10:00, teardown 11-03 10:00, submission 11-04 10:00, return 16:00,
   submission 11-07 10:00, approval 14:00. First total 12,000, approved 10,000; 2 chases.
B  chen (ordinary), standard. dispatch 11-10 09:00, first contact 09:10 (5 min late), arrival
   09:25, survey 10:00, submission 11-11 12:00 (standard due 11-11 10:00: 2 h late), approval
   15:00, supplement 11-16 10:00, submission 11:00, approval 13:00. First 5,000, approved
   5,500; on-site documents complete.
C  chen, on_site, never submitted. dispatch 11-20 09:00, first contact 09:02, arrival 09:40
   (10 min late), survey 10:00 (on-site due 12:00, still open at NOW: 264 h overdue); 1 chase;
   on-site documents incomplete.
D  chen, standard. dispatch 11-30 20:00, first contact 20:01, arrival 20:20, survey 21:00,
   submission 23:00 (in November); its standard clock (due 12-01 21:00) and review clock (due
   12-01 23:00) fall due in December. First total 3,000, not approved.
E  wang, on_site, all in October: dispatch 10-10 09:00, first contact 09:01, arrival 09:10,
   survey 10:00, submission 11:00, approval 12:00. First and approved 800.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from estimator.domain.chases import penalty_total
from estimator.domain.clocks import Event, EventKind, TimeLimitPolicy, clocks, front_end_cycle
from estimator.domain.estimate import Tier
from estimator.domain.indicators import CaseTiming
from estimator.domain.settings_schema import Settings

ZONE = "Asia/Shanghai"
POLICY = TimeLimitPolicy(working_day_clocks=frozenset())
K = EventKind


def local(text: str) -> dt.datetime:
    """A local wall time ("2026-11-02 09:00") as an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(ZONE))


NOW = local("2026-12-01 12:00")


def timing(
    claim_no: str,
    assessor: str,
    group: str,
    tier: Tier,
    events: list[tuple[EventKind, str]],
    **extra: object,
) -> CaseTiming:
    """The case's timing from its events, as the service builds it."""
    history = [Event(kind, local(at)) for kind, at in events]
    submissions = [e.at for e in history if e.kind is K.SUBMISSION]
    chases = int(extra.pop("chases", 0))  # type: ignore[call-overload]
    return CaseTiming(
        claim_no=claim_no,
        assessor=assessor,
        large_case_group=bool(extra.pop("large", False)),
        deadlines=tuple(clocks(tier, history, POLICY)),
        cycle=front_end_cycle(history),
        chases=chases,
        penalty=penalty_total(chases, Settings.of({})),
        group=group,
        tier=tier.value,
        last_submission=max(submissions, default=None),
        submissions=len(submissions),
        returns=sum(1 for e in history if e.kind is K.RETURN),
        supplements=sum(1 for e in history if e.kind is K.SUPPLEMENT),
        **extra,  # type: ignore[arg-type]
    )


def cases() -> list[CaseTiming]:
    """The five cases of the module's note."""
    return [
        timing(
            "A",
            "wang",
            "large",
            Tier.TEARDOWN,
            [
                (K.DISPATCH, "2026-11-02 09:00"),
                (K.FIRST_CONTACT, "2026-11-02 09:03"),
                (K.ARRIVAL, "2026-11-02 09:20"),
                (K.SURVEY, "2026-11-02 10:00"),
                (K.TEARDOWN, "2026-11-03 10:00"),
                (K.SUBMISSION, "2026-11-04 10:00"),
                (K.RETURN, "2026-11-04 16:00"),
                (K.SUBMISSION, "2026-11-07 10:00"),
                (K.APPROVAL, "2026-11-07 14:00"),
            ],
            large=True,
            chases=2,
            first_total=Decimal("12000.00"),
            approved_total=Decimal("10000.00"),
        ),
        timing(
            "B",
            "chen",
            "ordinary",
            Tier.STANDARD,
            [
                (K.DISPATCH, "2026-11-10 09:00"),
                (K.FIRST_CONTACT, "2026-11-10 09:10"),
                (K.ARRIVAL, "2026-11-10 09:25"),
                (K.SURVEY, "2026-11-10 10:00"),
                (K.SUBMISSION, "2026-11-11 12:00"),
                (K.APPROVAL, "2026-11-11 15:00"),
                (K.SUPPLEMENT, "2026-11-16 10:00"),
                (K.SUBMISSION, "2026-11-16 11:00"),
                (K.APPROVAL, "2026-11-16 13:00"),
            ],
            first_total=Decimal("5000.00"),
            approved_total=Decimal("5500.00"),
            onsite_complete=True,
        ),
        timing(
            "C",
            "chen",
            "ordinary",
            Tier.ON_SITE,
            [
                (K.DISPATCH, "2026-11-20 09:00"),
                (K.FIRST_CONTACT, "2026-11-20 09:02"),
                (K.ARRIVAL, "2026-11-20 09:40"),
                (K.SURVEY, "2026-11-20 10:00"),
            ],
            chases=1,
            onsite_complete=False,
        ),
        timing(
            "D",
            "chen",
            "ordinary",
            Tier.STANDARD,
            [
                (K.DISPATCH, "2026-11-30 20:00"),
                (K.FIRST_CONTACT, "2026-11-30 20:01"),
                (K.ARRIVAL, "2026-11-30 20:20"),
                (K.SURVEY, "2026-11-30 21:00"),
                (K.SUBMISSION, "2026-11-30 23:00"),
            ],
            first_total=Decimal("3000.00"),
        ),
        timing(
            "E",
            "wang",
            "large",
            Tier.ON_SITE,
            [
                (K.DISPATCH, "2026-10-10 09:00"),
                (K.FIRST_CONTACT, "2026-10-10 09:01"),
                (K.ARRIVAL, "2026-10-10 09:10"),
                (K.SURVEY, "2026-10-10 10:00"),
                (K.SUBMISSION, "2026-10-10 11:00"),
                (K.APPROVAL, "2026-10-10 12:00"),
            ],
            first_total=Decimal("800.00"),
            approved_total=Decimal("800.00"),
        ),
    ]

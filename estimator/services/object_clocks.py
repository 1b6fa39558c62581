"""The clocks of a case's third-party loss objects, for the reports that count clocks (the
time-limit report, the service indicators): each object's estimate clock from when it joined
the case, its review and resubmission clocks from its own submissions and returns. The
contact, arrival and entrusted-survey clocks are the case's and are counted once, with the
insured vehicle's."""

from __future__ import annotations

import uuid

from estimator.domain.clocks import Clock, LocationClass, TimeLimitPolicy, clocks
from estimator.domain.estimate import Tier
from estimator.persistence.uow import UnitOfWork

#: The clocks that are the case's, not an object's.
CASE_CLOCKS = frozenset({"contact", "arrival", "entrusted_survey"})


def third_party_clocks_in(
    uow: UnitOfWork, policy: TimeLimitPolicy, locations: dict[uuid.UUID, LocationClass]
) -> dict[uuid.UUID, list[Clock]]:
    """By case (of ``locations``: case id → its location class), its third-party objects'
    own clocks, read in ``uow``."""
    objects = [o for o in uow.loss_objects.third_parties() if o[0] in locations]
    if not objects:
        return {}
    events = uow.cases.events_by_object()
    found: dict[uuid.UUID, list[Clock]] = {}
    for case_id, object_id, tier, opened in objects:
        history = events.get(case_id, {}).get(object_id, [])
        own = clocks(
            Tier(tier) if tier else Tier.ON_SITE, history, policy, locations[case_id], opened
        )
        found.setdefault(case_id, []).extend(c for c in own if c.name not in CASE_CLOCKS)
    return found

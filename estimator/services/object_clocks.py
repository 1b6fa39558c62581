"""The clocks of a case's third-party loss objects, for the reports that count clocks (the
time-limit report, the service indicators): each object's estimate clock from when it joined
the case, its review and resubmission clocks from its own submissions and returns. The
contact, arrival and entrusted-survey clocks are the case's and are counted once, with the
insured vehicle's. The lists that show a case's next due clock (the case list, the pending
list) take the soonest of every object's, naming the object whose clock it is."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from estimator.domain.clocks import Clock, LocationClass, TimeLimitPolicy, clocks, next_due
from estimator.domain.estimate import Tier
from estimator.domain.loss_objects import LossObject
from estimator.persistence.uow import UnitOfWork

#: The clocks that are the case's, not an object's.
CASE_CLOCKS = frozenset({"contact", "arrival", "entrusted_survey"})


@dataclass(frozen=True)
class DueClock:
    """A case's clock due soonest, and the third-party object whose clock it is (None: the
    case's own or its insured vehicle's)."""

    clock: Clock
    loss_object: LossObject | None = None


def third_party_clocks_in(
    uow: UnitOfWork, policy: TimeLimitPolicy, locations: dict[uuid.UUID, LocationClass]
) -> dict[uuid.UUID, list[Clock]]:
    """By case (of ``locations``: case id → its location class), its third-party objects'
    own clocks, read in ``uow``."""
    return {
        case_id: [c for _object_id, own in found for c in own]
        for case_id, found in clocks_by_object_in(uow, policy, locations).items()
    }


def clocks_by_object_in(
    uow: UnitOfWork, policy: TimeLimitPolicy, locations: dict[uuid.UUID, LocationClass]
) -> dict[uuid.UUID, list[tuple[uuid.UUID, list[Clock]]]]:
    """By case (of ``locations``), each third-party object's id and its own clocks."""
    objects = [o for o in uow.loss_objects.third_parties() if o[0] in locations]
    if not objects:
        return {}
    # Only the cases that have a third party: the case list reads every case's events once
    # already, and most cases have no third party.
    events = uow.cases.events_by_object({o[0] for o in objects})
    found: dict[uuid.UUID, list[tuple[uuid.UUID, list[Clock]]]] = {}
    for case_id, object_id, tier, opened in objects:
        history = events.get(case_id, {}).get(object_id, [])
        own = clocks(
            Tier(tier) if tier else Tier.ON_SITE, history, policy, locations[case_id], opened
        )
        mine = [c for c in own if c.name not in CASE_CLOCKS]
        found.setdefault(case_id, []).append((object_id, mine))
    return found


def soonest_due_in(
    uow: UnitOfWork, own: list[Clock], theirs: list[tuple[uuid.UUID, list[Clock]]]
) -> DueClock | None:
    """The clock not yet met that is due soonest among the case's own (``own``: its insured
    vehicle's) and its third-party objects' (``theirs``), with the object it is of."""
    best, owner = next_due(own), None
    for object_id, found in theirs:
        candidate = next_due(found)
        if candidate is not None and (best is None or candidate.due < best.due):
            best, owner = candidate, object_id
    if best is None:
        return None
    return DueClock(best, None if owner is None else uow.loss_objects.get(owner))

"""The clock every package reads: the current moment as an aware UTC timestamp, and local time
for display. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from zoneinfo import ZoneInfo

#: A moment the clock reads instead of the real time, inside ``replaying_at`` only.
_REPLAYED: ContextVar[dt.datetime | None] = ContextVar("replayed_now", default=None)


def utcnow() -> dt.datetime:
    """The current time in UTC, aware."""
    replayed = _REPLAYED.get()
    return replayed if replayed is not None else dt.datetime.now(dt.UTC)


@contextmanager
def replaying_at(moment: dt.datetime) -> Iterator[None]:
    """Inside the block (this thread or task only), ``utcnow()`` reads ``moment``.

    For the demo builder only (services/demo_history.py): it replays three months of
    history through the real services, which stamp workflow steps with the time they happen.
    Nothing a user does runs inside it (tests/services/test_demo_history.py checks who
    calls it)."""
    if moment.tzinfo is None:
        raise ValueError("replaying_at needs an aware moment")
    token = _REPLAYED.set(moment.astimezone(dt.UTC))
    try:
        yield
    finally:
        _REPLAYED.reset(token)


#: The zone every screen, sheet and report shows times in (indicators.md).
LOCAL_ZONE = "Asia/Shanghai"


def to_local(moment: dt.datetime, zone: str = LOCAL_ZONE) -> dt.datetime:
    """``moment`` (aware; a naive one is taken as UTC) in the local zone, for display."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(ZoneInfo(zone))


def from_local(moment: dt.datetime, zone: str = LOCAL_ZONE) -> dt.datetime:
    """A wall time typed without a zone, taken as local time (Asia/Shanghai); an aware one kept."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=ZoneInfo(zone))

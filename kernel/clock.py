"""The clock every package reads: the current moment as an aware UTC timestamp, and local time
for display. Pure."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def utcnow() -> dt.datetime:
    """The current time in UTC, aware."""
    return dt.datetime.now(dt.UTC)


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

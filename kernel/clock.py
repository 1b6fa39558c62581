"""The clock every package reads: the current moment as an aware UTC timestamp. Pure."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    """The current time in UTC, aware."""
    return dt.datetime.now(dt.UTC)

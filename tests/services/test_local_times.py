"""Times are stored in UTC and shown in Shanghai time everywhere (indicators.md, "Events"),
whatever the machine's own time zone: a server or a CI machine on UTC shows 09:00 for 01:00 UTC."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from estimator.services.signers import stamp


@pytest.fixture
def machine_on_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    # The machine's zone must not matter: set it to UTC (the old .astimezone() followed it).
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


@pytest.mark.usefixtures("machine_on_utc")
def test_a_moment_is_shown_in_shanghai_time() -> None:
    assert os.environ["TZ"] == "UTC"
    moment = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)
    assert stamp(moment) == "2026-12-07 09:00:00"
    # Across midnight the date is Shanghai's too.
    assert stamp(dt.datetime(2026, 12, 7, 17, 30, tzinfo=dt.UTC)) == "2026-12-08 01:30:00"

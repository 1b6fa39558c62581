"""The shipped working-day calendar and the policy the services use."""

from __future__ import annotations

import datetime as dt

import pytest

from estimator.domain.errors import DomainError
from estimator.services.time_limits import (
    calendar_file,
    read_calendar_year,
    shipped_calendar,
    time_limit_policy,
)


def test_the_2026_calendar_is_shipped_with_its_source() -> None:
    path = calendar_file(2026)
    assert path is not None and "国务院办公厅" in path.read_text(encoding="utf-8")
    holidays, make_up = read_calendar_year(path.read_text(encoding="utf-8"), path.name)
    assert len(holidays) == 33 and len(make_up) == 6
    assert all(d.weekday() >= 5 for d in make_up)  # make-up days are weekends worked


def test_holidays_and_make_up_days_count_as_the_notice_says() -> None:
    calendar = shipped_calendar((2026,))
    assert not calendar.counts(dt.date(2026, 10, 1))  # National Day, a Thursday
    assert calendar.counts(dt.date(2026, 10, 10))  # a Saturday worked (调休)
    assert not calendar.counts(dt.date(2026, 10, 11))  # an ordinary Sunday
    assert calendar.counts(dt.date(2026, 10, 12))
    assert not calendar.counts(dt.date(2026, 2, 23)) and calendar.counts(dt.date(2026, 2, 14))


def test_the_review_clock_counts_working_days_of_the_shipped_calendar() -> None:
    policy = time_limit_policy()
    submitted = dt.datetime(2026, 9, 30, 2, 0, tzinfo=dt.UTC)  # Wednesday 10:00 in Shanghai
    assert policy.add_days("review", submitted, 1) == dt.datetime(2026, 10, 8, 2, 0, tzinfo=dt.UTC)
    assert policy.add_days("resubmission", submitted, 1) == submitted + dt.timedelta(days=1)


def test_a_year_without_a_file_counts_monday_to_friday() -> None:
    assert calendar_file(1999) is None
    calendar = shipped_calendar((1999,))
    assert calendar.counts(dt.date(1999, 10, 1)) and not calendar.counts(dt.date(1999, 10, 2))


@pytest.mark.parametrize("text", ["{", "[]", '{"holidays": ["2026-13-01"]}', '{"holidays": 3}'])
def test_a_broken_calendar_file_is_refused_in_words(text: str) -> None:
    with pytest.raises(DomainError) as refused:
        read_calendar_year(text, "CN-2026.json")
    assert "CN-2026.json" in refused.value.message_zh and "工作日历" in refused.value.message_zh


def test_the_policy_takes_the_settings_in_force() -> None:
    from estimator.domain.settings_schema import Settings

    default = time_limit_policy()
    assert default.contact == dt.timedelta(minutes=5) and default.working_day_clocks == {"review"}
    chosen = time_limit_policy(
        Settings.of(
            {
                "clock.arrival.city_minutes": "20",
                "clock.on_site.hours": "1.5",
                "clock.review.day_kind": "calendar",
                "clock.resubmission.day_kind": "working",
                "clock.teardown_estimate.days": "7",
            }
        )
    )
    assert chosen.arrival_city == dt.timedelta(minutes=20)
    assert chosen.on_site == dt.timedelta(hours=1, minutes=30)
    assert chosen.teardown_estimate_days == 7
    assert chosen.working_day_clocks == {"resubmission"}

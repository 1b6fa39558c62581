"""The settings schema: every limit and target of indicators.md with its default, parsed
exactly, refused in words naming the key, the value and why."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.domain.errors import DomainError
from estimator.domain.settings_schema import (
    SCHEMA,
    SPECS,
    DayKind,
    Kind,
    Settings,
    SettingSpec,
    parse_setting,
    spec_of,
)
from kernel.problems import Problem

CJK = re.compile(r"[\u4e00-\u9fff]")
NUMERIC = [s for s in SCHEMA if s.kind in (Kind.WHOLE, Kind.DECIMAL, Kind.RATIO)]


def test_the_defaults_are_those_of_indicators_md() -> None:
    settings = Settings.of({})
    assert settings.minutes_limit("clock.contact.minutes") == dt.timedelta(minutes=5)
    assert settings.whole("clock.arrival.city_minutes") == 30
    assert settings.whole("clock.arrival.suburban_minutes") == 60
    assert settings.hours_limit("entrusted_survey") == dt.timedelta(hours=1)
    assert settings.hours_limit("on_site") == dt.timedelta(hours=2)
    assert settings.hours_limit("standard") == dt.timedelta(hours=24)
    assert settings.days_limit("awaiting_teardown") == (2, DayKind.CALENDAR)
    assert settings.days_limit("teardown_items") == (2, DayKind.CALENDAR)
    assert settings.days_limit("teardown_estimate") == (5, DayKind.CALENDAR)
    assert settings.days_limit("resubmission") == (2, DayKind.CALENDAR)
    assert settings.days_limit("review") == (1, DayKind.WORKING)
    assert settings.whole("cycle.target.large_days") == 20
    assert settings.whole("cycle.target.ordinary_days") == 5
    assert settings.decimal("authority.sample_rate") == Decimal("0.10")
    assert settings.whole("pending.review_every_days") == 14
    assert settings.decimal("chase.penalty.first") == Decimal("100")
    assert settings.decimal("chase.penalty.factor") == Decimal("2")
    assert settings.decimal("documents.target_rate") == Decimal("0.90")
    assert str(settings.time_zone) == "Asia/Shanghai"


def test_every_setting_has_a_label_in_each_language_and_a_valid_default() -> None:
    for spec in SCHEMA:
        zh, en = spec.label("zh"), spec.label("en")
        assert CJK.search(zh) and not re.search(r"[A-Za-z]", zh), zh
        assert not CJK.search(en) and en != f"setting.{spec.key}", en
        assert spec.problem(spec.default) is None, spec.key


def test_stored_values_overlay_the_defaults_and_a_stale_one_falls_back() -> None:
    settings = Settings.of(
        {
            "clock.arrival.city_minutes": "20",
            "clock.on_site.hours": "1.5",
            "clock.review.day_kind": "calendar",
            "clock.contact.minutes": "not a number",  # stored before a bound narrowed
            "gone.key": "1",
        }
    )
    assert settings.whole("clock.arrival.city_minutes") == 20
    assert settings.hours_limit("on_site") == dt.timedelta(minutes=90)
    assert settings.days_limit("review") == (1, DayKind.CALENDAR)
    assert settings.whole("clock.contact.minutes") == 5


def test_a_choice_is_taken_by_its_code_or_its_word() -> None:
    assert parse_setting("clock.review.day_kind", "工作日") == "working"
    assert parse_setting("clock.review.day_kind", " Calendar ") == "calendar"


@pytest.mark.parametrize(
    ("key", "value", "zh", "en"),
    [
        ("clock.contact.minutes", "1.5", "不是整数", "not a whole number"),
        ("clock.contact.minutes", "0", "不能小于 1", "must not be less than 1"),
        ("authority.sample_rate", "1.2", "不能大于 1", "must not be more than 1"),
        ("chase.penalty.first", "100.001", "小数位数超过 2 位", "more than 2 decimal places"),
        ("chase.penalty.first", "abc", "不是数字", "not a number"),
        ("display.timezone", "Mars/Olympus", "不是时区名称", "not a time zone name"),
        ("display.timezone", "../../etc/passwd", "不是时区名称", "not a time zone name"),
        ("clock.review.day_kind", "weekly", "自然日、工作日", "calendar, working"),
        ("cycle.target.large_days", " ", "必填项为空", "a value is required"),
    ],
)
def test_a_bad_value_is_refused_naming_key_value_and_why(
    key: str, value: str, zh: str, en: str
) -> None:
    with pytest.raises(DomainError) as caught:
        parse_setting(key, value)
    assert caught.value.code == "setting_refused"
    assert key in caught.value.message_zh and zh in caught.value.message_zh
    assert key in caught.value.message_en and en in caught.value.message_en
    assert value.strip() in caught.value.message_en


def test_an_unknown_key_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        spec_of("clock.lunch.minutes")
    assert caught.value.code == "setting_unknown"
    assert "clock.lunch.minutes" in caught.value.message_zh


@given(spec=st.sampled_from(NUMERIC), data=st.data())
def test_a_number_inside_the_bounds_is_kept_exactly(spec: SettingSpec, data: st.DataObject) -> None:
    s = SPECS[spec.key]
    assert s.minimum is not None and s.maximum is not None
    step = Decimal(1).scaleb(-s.places)
    units = data.draw(st.integers(int(s.minimum / step), int(s.maximum / step)))
    value = units * step
    parsed = parse_setting(s.key, str(value))
    assert parsed == value
    assert isinstance(parsed, int if s.kind is Kind.WHOLE else Decimal)


@given(spec=st.sampled_from(NUMERIC), data=st.data())
def test_a_number_outside_the_bounds_is_refused(spec: SettingSpec, data: st.DataObject) -> None:
    s = SPECS[spec.key]
    assert s.minimum is not None and s.maximum is not None
    below = data.draw(st.booleans())
    distance = Decimal(data.draw(st.integers(1, 10**6))).scaleb(-s.places)
    value = s.minimum - distance if below else s.maximum + distance
    with pytest.raises(DomainError) as caught:
        parse_setting(s.key, str(value))
    expected = "below_minimum" if below else "above_maximum"
    reason = caught.value.params["reason"]
    assert isinstance(reason, Problem) and reason.code == expected

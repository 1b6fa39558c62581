"""Settings on both engines: defaults overlaid by stored values, changed and reset by an
administrator only, each change audited with the old and the new value, a refusal writing
nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.settings_schema import DayKind
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services.settings import (
    current_settings,
    get_setting,
    list_settings,
    reset_setting,
    set_setting,
)
from estimator.services.users import User

ADMIN = User("root", "管理员", frozenset({Role.ADMIN}))
REVIEWER = User("li", "李核损", frozenset({Role.REVIEWER}))


def _trail(engine: Engine) -> list[tuple[str, str, str, dict[str, object]]]:
    with UnitOfWork(engine) as uow:
        return [
            (action, actor, key, detail)
            for action in ("set_setting", "reset_setting")
            for actor, key, detail in audit.entries(uow.session, "setting", action)
        ]


def test_a_fresh_database_has_every_default(engine: Engine) -> None:
    views = list_settings(engine)
    assert [v.key for v in views][:2] == ["clock.contact.minutes", "clock.arrival.city_minutes"]
    assert all(v.is_default and v.value == v.default for v in views)
    assert current_settings(engine).whole("clock.arrival.city_minutes") == 30


def test_an_administrator_sets_and_resets_a_value_audited(engine: Engine) -> None:
    view = set_setting(engine, "clock.arrival.city_minutes", "20", ADMIN)
    assert (view.value, view.default, view.changed_by) == ("20", "30", "root")
    assert view.changed_at is not None and view.changed_at.tzinfo is not None
    set_setting(engine, "clock.review.day_kind", "自然日", ADMIN)
    set_setting(engine, "authority.sample_rate", "0.15", ADMIN)
    settings = current_settings(engine)
    assert settings.whole("clock.arrival.city_minutes") == 20
    assert settings.days_limit("review") == (1, DayKind.CALENDAR)
    assert settings.decimal("authority.sample_rate") == Decimal("0.15")

    set_setting(engine, "clock.arrival.city_minutes", "25", ADMIN)
    reset = reset_setting(engine, "clock.arrival.city_minutes", ADMIN)
    assert reset.is_default and reset.value == "30" and reset.changed_by == ""
    assert _trail(engine) == [
        ("set_setting", "root", "clock.arrival.city_minutes",
         {"key": "clock.arrival.city_minutes", "old": "30", "new": "20"}),
        ("set_setting", "root", "clock.review.day_kind",
         {"key": "clock.review.day_kind", "old": "working", "new": "calendar"}),
        ("set_setting", "root", "authority.sample_rate",
         {"key": "authority.sample_rate", "old": "0.10", "new": "0.15"}),
        ("set_setting", "root", "clock.arrival.city_minutes",
         {"key": "clock.arrival.city_minutes", "old": "20", "new": "25"}),
        ("reset_setting", "root", "clock.arrival.city_minutes",
         {"key": "clock.arrival.city_minutes", "old": "25", "new": "30"}),
    ]  # fmt: skip


def test_the_same_value_again_or_a_reset_default_writes_nothing(engine: Engine) -> None:
    set_setting(engine, "chase.penalty.first", "150", ADMIN)
    set_setting(engine, "chase.penalty.first", "150", ADMIN)
    reset_setting(engine, "clock.contact.minutes", ADMIN)
    assert len(_trail(engine)) == 1


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("clock.contact.minutes", "-1", "setting_refused"),
        ("display.timezone", "Nowhere/City", "setting_refused"),
        ("clock.coffee.minutes", "5", "setting_unknown"),
    ],
)
def test_a_bad_key_or_value_is_refused_with_nothing_written(
    engine: Engine, key: str, value: str, code: str
) -> None:
    with pytest.raises(DomainError) as caught:
        set_setting(engine, key, value, ADMIN)
    assert caught.value.code == code
    assert all(v.is_default for v in list_settings(engine))
    assert _trail(engine) == []


def test_only_an_administrator_may_change_a_setting(engine: Engine) -> None:
    set_setting(engine, "pending.review_every_days", "7", ADMIN)
    for change in (
        lambda: set_setting(engine, "pending.review_every_days", "30", REVIEWER),
        lambda: reset_setting(engine, "pending.review_every_days", REVIEWER),
    ):
        with pytest.raises(DomainError) as caught:
            change()
        assert caught.value.code == "role_required"
    view = get_setting(engine, "pending.review_every_days")
    assert (view.value, view.changed_by) == ("7", "root")
    assert len(_trail(engine)) == 1


def test_the_change_time_is_now(engine: Engine) -> None:
    before = dt.datetime.now(dt.UTC)
    view = set_setting(engine, "documents.target_rate", "0.95", ADMIN)
    assert view.changed_at is not None
    assert before - dt.timedelta(seconds=1) <= view.changed_at <= dt.datetime.now(dt.UTC)

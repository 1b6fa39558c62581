"""The settings repository on both engines: stored, replaced, listed and removed by key."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from estimator.persistence.settings import SettingsRepository
from estimator.persistence.uow import UnitOfWork

AT = dt.datetime(2026, 12, 7, 4, 30, tzinfo=dt.UTC)


@pytest.fixture
def db_url(both_engines_url: str) -> str:
    """Every repository test runs on SQLite and on PostgreSQL."""
    return both_engines_url


def test_a_setting_is_stored_replaced_listed_and_removed(engine: Engine) -> None:
    with UnitOfWork(engine, write=True) as uow:
        settings = SettingsRepository(uow.session)
        assert settings.all() == {} and settings.get("clock.review.days") is None
        settings.put("clock.review.days", "2", "root", AT)
        settings.put("display.timezone", "Asia/Urumqi", "root", AT)
        settings.put("clock.review.days", "3", "chen", AT + dt.timedelta(hours=1))
        uow.commit()
    with UnitOfWork(engine) as uow:
        stored = SettingsRepository(uow.session).all()
        assert list(stored) == ["clock.review.days", "display.timezone"]
        row = stored["clock.review.days"]
        assert (row.value, row.changed_by) == ("3", "chen")
        assert row.changed_at == AT + dt.timedelta(hours=1)
    with UnitOfWork(engine, write=True) as uow:
        settings = SettingsRepository(uow.session)
        assert settings.remove("clock.review.days") is True
        assert settings.remove("clock.review.days") is False
        uow.commit()
    with UnitOfWork(engine) as uow:
        assert list(SettingsRepository(uow.session).all()) == ["display.timezone"]

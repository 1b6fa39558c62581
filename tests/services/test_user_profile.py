"""Changing a user's roles and display name (the users screen): administrators only, audited
with before and after, never leaving a user without roles nor an administrator without their
own administrator role; whose sign-in is held back, and until when."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Engine, select

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Group, Role
from estimator.persistence.rows import AuditRow
from estimator.services.users import (
    FIRST_DELAY,
    authenticate,
    create_user,
    find_user,
    sign_in_waits,
    unlock,
    update_user,
)

PASSWORD = "correct horse"


def _updates(engine: Engine) -> list[dict[str, object]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditRow.detail).where(AuditRow.action == "update").order_by(AuditRow.seq)
        ).scalars()
        return [json.loads(detail) for detail in rows]


@pytest.fixture
def team(engine):
    admin = create_user(engine, "root", PASSWORD, {Role.ADMIN}, actor="first-run")
    create_user(engine, "li", PASSWORD, {Role.ASSESSOR}, display_name="李", actor="root")
    manager = create_user(engine, "zhou", PASSWORD, {Role.MANAGER}, actor="root")
    return admin, manager


def test_an_administrator_changes_roles_and_display_name_audited(engine, team) -> None:
    admin, _ = team
    changed = update_user(
        engine, "li", admin, roles={Role.ASSESSOR, Role.REVIEWER}, display_name=" 李核损 "
    )
    assert changed.roles == frozenset({Role.ASSESSOR, Role.REVIEWER})
    stored = find_user(engine, "li")
    assert stored is not None and stored.display_name == "李核损"
    [entry] = _updates(engine)
    assert entry["before"] == {
        "group": "ordinary",
        "authority": "0.00",
        "roles": "assessor",
        "display_name": "李",
    }
    assert entry["after"] == {
        "group": "ordinary",
        "authority": "0.00",
        "roles": "assessor,reviewer",
        "display_name": "李核损",
    }


def test_an_empty_display_name_falls_back_to_the_user_name(engine, team) -> None:
    admin, _ = team
    assert update_user(engine, "li", admin, display_name="").display_name == "li"


def test_no_roles_and_dropping_ones_own_admin_role_are_refused(engine, team) -> None:
    admin, manager = team
    with pytest.raises(DomainError) as caught:
        update_user(engine, "li", admin, roles=set(), group=Group.LARGE)
    assert caught.value.message_zh == "用户 li 至少需要一个角色"
    with pytest.raises(DomainError) as caught:
        update_user(engine, "root", admin, roles={Role.MANAGER})
    assert "管理员" in caught.value.message_zh
    with pytest.raises(DomainError):
        update_user(engine, "li", manager, roles={Role.REVIEWER})
    li, root = find_user(engine, "li"), find_user(engine, "root")
    assert li is not None and (li.roles, li.group) == (frozenset({Role.ASSESSOR}), Group.ORDINARY)
    assert root is not None and root.roles == frozenset({Role.ADMIN})
    assert _updates(engine) == []


def test_held_back_sign_ins_are_listed_until_cleared(engine, team) -> None:
    admin, _ = team
    now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    for _ in range(5):
        with pytest.raises(DomainError):
            authenticate(engine, "li", "wrong", now=now)
    assert sign_in_waits(engine, now) == {"li": now + FIRST_DELAY}
    assert sign_in_waits(engine, now + FIRST_DELAY) == {}  # the wait is over
    unlock(engine, "li", admin)
    assert sign_in_waits(engine, now) == {}

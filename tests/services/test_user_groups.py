"""Users' group and authority (indicators.md, Groups and authority): set at creation, changed
by an administrator only, audited with before and after, listed."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Group, Role
from estimator.persistence.rows import AuditRow
from estimator.services.users import (
    authority_amount,
    create_user,
    find_user,
    list_users,
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
    create_user(
        engine,
        "wang",
        PASSWORD,
        {Role.ASSESSOR},
        actor="root",
        group=Group.LARGE,
        authority=Decimal("2000"),
    )
    create_user(engine, "li", PASSWORD, {Role.ASSESSOR}, actor="root")
    manager = create_user(engine, "zhou", PASSWORD, {Role.MANAGER}, actor="root")
    return admin, manager


def test_group_and_authority_are_kept_from_creation(engine, team) -> None:
    wang, li = find_user(engine, "wang"), find_user(engine, "li")
    assert wang is not None and li is not None
    assert (wang.group, wang.authority) == (Group.LARGE, Decimal("2000.00"))
    assert (li.group, li.authority) == (Group.ORDINARY, Decimal("0.00"))


def test_an_administrator_changes_them_audited(engine, team) -> None:
    admin, _ = team
    changed = update_user(engine, "li", admin, group=Group.LARGE, authority=Decimal("1500.5"))
    assert (changed.group, changed.authority) == (Group.LARGE, Decimal("1500.50"))
    stored = find_user(engine, "li")
    assert stored is not None and stored.group is Group.LARGE
    updates = _updates(engine)
    assert len(updates) == 1
    assert updates[0]["before"] == {"group": "ordinary", "authority": "0.00"}
    assert updates[0]["after"] == {"group": "large", "authority": "1500.50"}


def test_a_manager_may_not_change_them(engine, team) -> None:
    _, manager = team
    with pytest.raises(DomainError) as caught:
        update_user(engine, "li", manager, group=Group.LARGE)
    assert "管理员" in caught.value.message_zh
    li = find_user(engine, "li")
    assert li is not None and li.group is Group.ORDINARY


def test_an_unchanged_update_records_nothing(engine, team) -> None:
    admin, _ = team
    update_user(engine, "wang", admin, group=Group.LARGE)
    assert _updates(engine) == []


@pytest.mark.parametrize("text", ["-1", "abc", "NaN", "1e12"])
def test_a_bad_authority_is_refused_in_words(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        authority_amount(text)
    assert text in caught.value.message_zh


def test_the_list_is_by_name(engine, team) -> None:
    assert [u.username for u in list_users(engine)] == ["li", "root", "wang", "zhou"]

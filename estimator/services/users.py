"""People: create users with roles, sign in with Argon2id-hashed passwords, lock after failures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.field_rules import check_fields
from estimator.domain.workflow import Role
from estimator.persistence.rows import UserRow
from estimator.persistence.uow import UnitOfWork
from kernel.clock import utcnow

MAX_FAILED_ATTEMPTS = 5
LOCK_FOR = dt.timedelta(minutes=15)
MIN_PASSWORD = 8
_HASHER = PasswordHasher()  # Argon2id with the library's current recommended parameters


@dataclass(frozen=True)
class User:
    """A signed-in person."""

    username: str
    display_name: str
    roles: frozenset[Role]


def _user(row: UserRow) -> User:
    return User(
        row.username, row.display_name, frozenset(Role(r) for r in row.roles.split(",") if r)
    )


def has_users(engine: Engine) -> bool:
    """Whether anyone has been created yet (the first run creates the administrator)."""
    with UnitOfWork(engine) as uow:
        return uow.users.count() > 0


def create_user(
    engine: Engine,
    username: str,
    password: str,
    roles: set[Role],
    *,
    display_name: str = "",
    actor: str,
) -> User:
    """Create a user; the password is kept only as an Argon2id hash."""
    username = username.strip()
    if not username:
        raise DomainError("bad_username", "用户名不能为空", "a username is required")
    check_fields({"username": username, "display_name": display_name})
    if len(password) < MIN_PASSWORD:
        raise DomainError(
            "weak_password",
            f"密码至少 {MIN_PASSWORD} 位",
            f"a password needs at least {MIN_PASSWORD} characters",
        )
    with UnitOfWork(engine, write=True) as uow:
        if uow.users.get(username) is not None:
            raise DomainError("user_exists", f"用户 {username} 已存在", f"user {username} exists")
        row = UserRow(
            username=username,
            display_name=display_name or username,
            roles=",".join(sorted(r.value for r in roles)),
            password_hash=_HASHER.hash(password),
            created_at=utcnow(),
        )
        uow.users.add(row)
        uow.audit.record(
            actor=actor,
            entity="user",
            entity_id=row.id,
            action="create",
            detail={"username": username, "roles": row.roles},
        )
        uow.commit()
        return _user(row)


def authenticate(
    engine: Engine, username: str, password: str, now: dt.datetime | None = None
) -> User:
    """Check a password; five failures lock the account for fifteen minutes."""
    now = now or utcnow()
    refused = DomainError("bad_credentials", "用户名或密码错误", "wrong username or password")
    with UnitOfWork(engine, write=True) as uow:
        row = uow.users.get(username.strip())
        if row is None or not row.active:
            raise refused
        if row.locked_until is not None and row.locked_until > now:
            raise DomainError(
                "locked",
                f"账户已锁定至 {row.locked_until:%H:%M} (UTC)",
                f"the account is locked until {row.locked_until:%H:%M} UTC",
            )
        try:
            _HASHER.verify(row.password_hash, password)
        except (VerificationError, InvalidHashError):
            row.failed_attempts += 1
            if row.failed_attempts >= MAX_FAILED_ATTEMPTS:
                row.locked_until = now + LOCK_FOR
                row.failed_attempts = 0
                uow.audit.record(
                    actor=row.username,
                    entity="user",
                    entity_id=row.id,
                    action="lock",
                    detail={"until": row.locked_until.isoformat()},
                )
            uow.commit()
            raise refused from None
        row.failed_attempts = 0
        row.locked_until = None
        if _HASHER.check_needs_rehash(row.password_hash):
            row.password_hash = _HASHER.hash(password)
        uow.commit()
        return _user(row)


def find_user(engine: Engine, username: str) -> User | None:
    """A user by name."""
    with UnitOfWork(engine) as uow:
        row = uow.users.get(username)
        return None if row is None else _user(row)


def display_names(engine: Engine) -> dict[str, str]:
    """Every user's display name (王定损) by username, for lists that name people."""
    with UnitOfWork(engine) as uow:
        return uow.users.display_names()

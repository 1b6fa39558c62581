"""People: create users with roles, sign in with Argon2id-hashed passwords, back off per user
name after wrong passwords (the administrator can clear it), and check a writer's role."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.field_rules import check_fields
from estimator.domain.workflow import ROLE_ZH, Group, Role
from estimator.persistence.rows import SignInThrottleRow, UserRow
from estimator.persistence.uow import UnitOfWork
from kernel.clock import utcnow
from kernel.problems import Worded, register_messages

#: Wrong passwords a user name may take before each further try waits.
THROTTLE_FROM = 5
#: The wait after the THROTTLE_FROM-th wrong password; it doubles with each further one …
FIRST_DELAY = dt.timedelta(seconds=30)
#: … up to this.
MAX_DELAY = dt.timedelta(minutes=15)
#: A name's failures are forgotten a day after its last one.
FORGET_AFTER = dt.timedelta(days=1)
MIN_PASSWORD = 8
#: The longest user name stored (``users.username``); a longer one is no user's.
MAX_USERNAME = 60
_HASHER = PasswordHasher()  # Argon2id with the library's current recommended parameters

register_messages(
    {
        "bad_credentials": ("用户名或密码错误", "wrong username or password"),
        "sign_in_throttled": (
            "该用户名密码错误次数过多，请在 {seconds} 秒后再试 (或请管理员解除)",
            "too many wrong passwords for this name: try again in {seconds} s "
            "(or ask an administrator to clear it)",
        ),
        "role_required": (
            "{user} 不能执行此操作：需要{roles}角色",
            "{user} may not do this: it needs the {roles} role",
        ),
        "no_such_user": ("没有用户 {user}", "no user {user}"),
        "no_roles": ("用户 {user} 至少需要一个角色", "user {user} needs at least one role"),
        "own_admin_role": (
            "不能取消自己的管理员角色 (请另一位管理员操作)",
            "you may not remove your own administrator role (ask another administrator)",
        ),
        "bad_authority": (
            "定损权限金额无效：{value} (应为不小于 0 的金额，单位元)",
            "invalid authority amount: {value} (a sum in yuan, 0 or more)",
        ),
    }
)


@dataclass(frozen=True)
class User:
    """A signed-in person."""

    username: str
    display_name: str
    roles: frozenset[Role]
    #: The assessor's group (indicators.md): large-case or ordinary.
    group: Group = Group.ORDINARY
    #: 定损权限: up to this total the assessor approves their own on-site estimate (0: none).
    authority: Decimal = Decimal("0.00")


def _user(row: UserRow) -> User:
    return User(
        row.username,
        row.display_name,
        frozenset(Role(r) for r in row.roles.split(",") if r),
        Group(row.group_name or Group.ORDINARY.value),
        row.authority if row.authority is not None else Decimal("0.00"),
    )


def authority_amount(text: str | Decimal) -> Decimal:
    """An authority amount in yuan (two places), or a DomainError naming the value."""
    try:
        value = Decimal(str(text).strip().replace(",", ""))
    except InvalidOperation:
        raise DomainError("bad_authority", value=str(text)) from None
    if not value.is_finite() or value < 0 or value >= Decimal("1e10"):
        raise DomainError("bad_authority", value=str(text))
    return value.quantize(Decimal("0.01"))


def require_roles(actor: User, allowed: Collection[Role]) -> None:
    """A DomainError unless ``actor`` holds one of the ``allowed`` roles (it names them)."""
    if actor.roles & set(allowed):
        return
    ordered = [r for r in Role if r in allowed]
    raise DomainError(
        "role_required",
        user=actor.username,
        roles=Worded("或".join(ROLE_ZH[r] for r in ordered), " or ".join(r.value for r in ordered)),
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
    group: Group = Group.ORDINARY,
    authority: Decimal = Decimal("0.00"),
) -> User:
    """Create a user; the password is kept only as an Argon2id hash."""
    username = username.strip()
    if not username:
        raise DomainError("bad_username")
    check_fields({"username": username, "display_name": display_name})
    if len(password) < MIN_PASSWORD:
        raise DomainError("weak_password", minimum=MIN_PASSWORD)
    hashed = _HASHER.hash(password)  # before the write lock: no writer waits on the hashing
    with UnitOfWork(engine, write=True) as uow:
        if uow.users.get(username) is not None:
            raise DomainError("user_exists", username=username)
        row = UserRow(
            username=username,
            display_name=display_name or username,
            roles=",".join(sorted(r.value for r in roles)),
            password_hash=hashed,
            created_at=utcnow(),
            group_name=group.value,
            authority=authority_amount(authority),
        )
        uow.users.add(row)
        uow.audit.record(
            actor=actor,
            entity="user",
            entity_id=row.id,
            action="create",
            detail={
                "username": username,
                "roles": row.roles,
                "group": row.group_name,
                "authority": str(row.authority),
            },
        )
        uow.commit()
        return _user(row)


def name_key(username: str) -> str:
    """The key of a user name's back-off: its SHA-256 (the name itself is not kept)."""
    return hashlib.sha256(username.strip().encode("utf-8", "surrogatepass")).hexdigest()


def backoff(failures: int) -> dt.timedelta:
    """How long a name waits after ``failures`` wrong passwords in a row."""
    if failures < THROTTLE_FROM:
        return dt.timedelta(0)
    doublings = min(failures - THROTTLE_FROM, 16)  # 2**16 × 30 s is far past the cap
    wait: dt.timedelta = FIRST_DELAY * (2**doublings)
    return min(wait, MAX_DELAY)


@cache
def _dummy_hash() -> str:
    """A hash with the real parameters, checked for names that are no user's: an unknown
    name then takes as long to refuse as a known one with a wrong password."""
    return _HASHER.hash("no such user: a password nobody has")


def _matches(password_hash: str, password: str) -> bool:
    try:
        return bool(_HASHER.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def _plausible(username: str) -> bool:
    """Whether ``username`` could be a stored one (else it is not looked up at all)."""
    return 0 < len(username) <= MAX_USERNAME and "\x00" not in username


def authenticate(
    engine: Engine, username: str, password: str, now: dt.datetime | None = None
) -> User:
    """Check a password. Wrong passwords are counted per user name, known or not; from the
    fifth in a row each further try waits (30 s, doubling, at most 15 minutes), the right
    password included. Unknown names cost the same Argon2 check as known ones."""
    now = now or utcnow()
    name = username.strip()
    key = name_key(name)
    with UnitOfWork(engine) as uow:
        throttle = uow.users.throttle(key)
        if throttle is not None and throttle.retry_after is not None and throttle.retry_after > now:
            wait = throttle.retry_after - now
            raise DomainError(
                "sign_in_throttled", seconds=max(1, int(wait.total_seconds() + 0.999))
            )
        row = uow.users.get(name) if _plausible(name) else None
        stored_hash = _dummy_hash() if row is None else row.password_hash
        user = None if row is None or not row.active else _user(row)
    # The slow check outside any transaction: no writer waits on it.
    if _matches(stored_hash, password) and user is not None:
        if throttle is None and not _HASHER.check_needs_rehash(stored_hash):
            return user  # nothing to write: signing in works on a full or read-only disk
        return _signed_in(engine, name, key, password)
    _count_failure(engine, name, key, now)
    raise DomainError("bad_credentials")


def _signed_in(engine: Engine, name: str, key: str, password: str) -> User:
    """Forget the name's failures, rehash when the parameters moved on; the user."""
    with UnitOfWork(engine, write=True) as uow:
        uow.users.clear_throttle(key)
        row = uow.users.get(name)
        assert row is not None  # users are never deleted
        if _HASHER.check_needs_rehash(row.password_hash):
            row.password_hash = _HASHER.hash(password)
        uow.commit()
        return _user(row)


def _count_failure(engine: Engine, name: str, key: str, now: dt.datetime) -> None:
    """One more wrong password for the name; the back-off it earns (audited for a user)."""
    with UnitOfWork(engine, write=True) as uow:
        uow.users.forget_failures_before(now - FORGET_AFTER)
        throttle = uow.users.throttle(key)
        if throttle is None:
            throttle = uow.users.add_throttle(
                SignInThrottleRow(name_key=key, failures=0, last_failure_at=now)
            )
        throttle.failures += 1
        throttle.last_failure_at = now
        wait = backoff(throttle.failures)
        throttle.retry_after = now + wait if wait else None
        row = uow.users.get(name) if _plausible(name) else None
        if wait and row is not None:
            uow.audit.record(
                actor=row.username,
                entity="user",
                entity_id=row.id,
                action="throttle",
                detail={"failures": throttle.failures, "until": (now + wait).isoformat()},
            )
        uow.commit()


def unlock(engine: Engine, username: str, actor: User) -> int:
    """Clear a user's wrong passwords (administrators); how many there were (audited)."""
    require_roles(actor, {Role.ADMIN})
    name = username.strip()
    key = name_key(name)
    with UnitOfWork(engine, write=True) as uow:
        row = uow.users.get(name) if _plausible(name) else None
        if row is None:
            raise DomainError("no_such_user", user=name)
        throttle = uow.users.throttle(key)
        failures = 0 if throttle is None else throttle.failures
        uow.users.clear_throttle(key)
        row.failed_attempts, row.locked_until = 0, None
        uow.audit.record(
            actor=actor.username,
            entity="user",
            entity_id=row.id,
            action="unlock",
            detail={"username": name, "failures": failures},
        )
        uow.commit()
        return failures


def find_user(engine: Engine, username: str) -> User | None:
    """A user by name."""
    with UnitOfWork(engine) as uow:
        row = uow.users.get(username)
        return None if row is None else _user(row)


def display_names(engine: Engine) -> dict[str, str]:
    """Every user's display name (王定损) by username, for lists that name people."""
    with UnitOfWork(engine) as uow:
        return uow.users.display_names()


def update_user(
    engine: Engine,
    username: str,
    actor: User,
    *,
    group: Group | None = None,
    authority: Decimal | None = None,
    roles: set[Role] | None = None,
    display_name: str | None = None,
) -> User:
    """Change a user's group, authority, roles or display name (an administrator; audited
    with before and after: group and authority always, roles and name when given)."""
    require_roles(actor, {Role.ADMIN})
    if display_name is not None:
        display_name = display_name.strip()
        check_fields({"display_name": display_name})
    with UnitOfWork(engine, write=True) as uow:
        row = uow.users.get(username)
        if row is None:
            raise DomainError("no_such_user", user=username)
        before = _changeable(row, roles is not None, display_name is not None)
        if group is not None:
            row.group_name = group.value
        if authority is not None:
            row.authority = authority_amount(authority)
        if roles is not None:
            if not roles:
                raise DomainError("no_roles", user=username)
            if Role.ADMIN not in roles and actor.username == username:
                raise DomainError("own_admin_role")
            row.roles = ",".join(sorted(r.value for r in roles))
        if display_name is not None:
            row.display_name = display_name or row.username
        after = _changeable(row, roles is not None, display_name is not None)
        if after != before:
            uow.audit.record(
                actor=actor.username,
                entity="user",
                entity_id=row.id,
                action="update",
                detail={"username": username, "before": before, "after": after},
            )
        uow.commit()
        return _user(row)


def _changeable(row: UserRow, roles: bool, display_name: bool) -> dict[str, str]:
    """What update_user records of ``row``: group and authority, roles and name if asked."""
    shown = {"group": row.group_name, "authority": str(row.authority)}
    if roles:
        shown["roles"] = row.roles
    if display_name:
        shown["display_name"] = row.display_name
    return shown


def sign_in_waits(engine: Engine, now: dt.datetime | None = None) -> dict[str, dt.datetime]:
    """The users whose sign-in is held back now (too many wrong passwords): until when."""
    now = now or utcnow()
    with UnitOfWork(engine) as uow:
        waits = {}
        for row in uow.users.all():
            throttle = uow.users.throttle(name_key(row.username))
            if throttle is not None and throttle.retry_after and throttle.retry_after > now:
                waits[row.username] = throttle.retry_after
        return waits


def list_users(engine: Engine) -> list[User]:
    """Every user, by username."""
    with UnitOfWork(engine) as uow:
        return [_user(row) for row in uow.users.all()]

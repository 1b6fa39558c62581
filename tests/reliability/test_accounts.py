"""Accounts (issue #18, item 8): wrong passwords slow a user name down (30 s from the fifth,
doubling, at most 15 minutes) instead of locking it; an administrator can always clear it;
an unknown name is answered in the same time as a known one. On both engines."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Iterator

import pytest
from argon2 import extract_parameters
from argon2.profiles import RFC_9106_LOW_MEMORY
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from estimator.cli.main import main
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.database import create_database_engine
from estimator.services.users import (
    MAX_DELAY,
    THROTTLE_FROM,
    User,
    authenticate,
    backoff,
    create_user,
    unlock,
)

T0 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
PASSWORDS = {"admin": "admin pw 12", "admin2": "admin pw 34", "wang": "assessor pw 1"}


@pytest.fixture
def url(both_engines_url: str) -> str:
    return both_engines_url


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    engine = create_database_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def people(engine: Engine) -> dict[str, User]:
    roles = {"admin": {Role.ADMIN}, "admin2": {Role.ADMIN}, "wang": {Role.ASSESSOR}}
    return {
        name: create_user(engine, name, PASSWORDS[name], roles[name], actor="setup")
        for name in PASSWORDS
    }


def _fail(engine: Engine, name: str, times: int, at: dt.datetime) -> None:
    for _ in range(times):
        with pytest.raises(DomainError) as refused:
            authenticate(engine, name, "not the password", now=at)
        assert refused.value.code == "bad_credentials"


def _refusal(engine: Engine, name: str, password: str, at: dt.datetime) -> DomainError:
    with pytest.raises(DomainError) as refused:
        authenticate(engine, name, password, now=at)
    return refused.value


def test_the_back_off_doubles_from_the_fifth_failure_and_is_capped() -> None:
    assert [backoff(n).total_seconds() for n in range(1, 12)] == [
        0,
        0,
        0,
        0,
        30,
        60,
        120,
        240,
        480,
        900,
        900,
    ]
    assert backoff(10_000) == MAX_DELAY


def test_five_wrong_passwords_make_the_name_wait_then_the_right_one_works(
    engine: Engine, people: dict[str, User]
) -> None:
    _fail(engine, "wang", THROTTLE_FROM - 1, T0)
    assert authenticate(engine, "wang", PASSWORDS["wang"], now=T0).username == "wang"  # resets
    _fail(engine, "wang", THROTTLE_FROM, T0)
    waiting = _refusal(engine, "wang", PASSWORDS["wang"], T0 + dt.timedelta(seconds=10))
    assert waiting.code == "sign_in_throttled"  # even the right password waits
    assert "try again in 20 s" in waiting.message_en and "20 秒后再试" in waiting.message_zh
    # Others sign in as usual meanwhile.
    assert authenticate(engine, "admin", PASSWORDS["admin"], now=T0).username == "admin"
    # A try while waiting is not counted: the wait does not grow.
    later = T0 + dt.timedelta(seconds=31)
    _fail(engine, "wang", 1, later)  # the sixth failure: 60 s
    assert "try again in 60 s" in _refusal(engine, "wang", "x", later).message_en
    again = later + dt.timedelta(seconds=61)
    assert authenticate(engine, "wang", PASSWORDS["wang"], now=again).username == "wang"
    _fail(engine, "wang", THROTTLE_FROM - 1, again)  # counting starts over after a success
    assert authenticate(engine, "wang", PASSWORDS["wang"], now=again).username == "wang"
    with Session(engine) as session:
        entries = list(audit.entries(session, "user", "throttle"))
    assert [(actor, detail["failures"]) for actor, _id, detail in entries] == [
        ("wang", THROTTLE_FROM),
        ("wang", THROTTLE_FROM + 1),
    ]


def test_nobody_can_lock_the_administrator_out(engine: Engine, people: dict[str, User]) -> None:
    """An attacker who keeps guessing only delays the administrator (at most 15 minutes),
    and another administrator clears the name at once."""
    at = last = T0
    for _ in range(12):
        _fail(engine, "admin", 1, at)
        last, at = at, at + MAX_DELAY  # waits out every back-off, then fails again
    throttled = _refusal(engine, "admin", PASSWORDS["admin"], last + dt.timedelta(minutes=14))
    assert throttled.code == "sign_in_throttled"
    assert "(or ask an administrator to clear it)" in throttled.message_en
    user = authenticate(engine, "admin", PASSWORDS["admin"], now=last + MAX_DELAY)
    assert user.roles == {Role.ADMIN}  # 15 minutes after the last guess at the latest
    _fail(engine, "admin", THROTTLE_FROM, at)
    assert unlock(engine, "admin", people["admin2"]) == THROTTLE_FROM
    assert authenticate(engine, "admin", PASSWORDS["admin"], now=at).username == "admin"
    with Session(engine) as session:
        (entry,) = audit.entries(session, "user", "unlock")
    assert entry[0] == "admin2" and entry[2] == {"username": "admin", "failures": THROTTLE_FROM}


def test_only_an_administrator_unlocks_and_only_a_user(
    engine: Engine, people: dict[str, User]
) -> None:
    with pytest.raises(DomainError) as refused:
        unlock(engine, "admin", people["wang"])
    assert refused.value.code == "role_required"
    with pytest.raises(DomainError) as unknown:
        unlock(engine, "nobody", people["admin"])
    assert unknown.value.code == "no_such_user"


def test_user_unlock_on_the_command_line(
    url: str,
    engine: Engine,
    people: dict[str, User],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _fail(engine, "wang", THROTTLE_FROM, dt.datetime.now(dt.UTC))
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PASSWORDS["wang"])
    assert main(["--db", url, "user", "unlock", "wang", "--as", "wang"]) == 1
    assert "try again in" in capsys.readouterr().err  # wang is still waiting, and no admin
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PASSWORDS["admin"])
    assert main(["--db", url, "user", "unlock", "wang"]) == 1
    assert "someone with the admin role" in capsys.readouterr().err
    assert main(["--db", url, "user", "unlock", "wang", "--as", "admin"]) == 0
    assert f"cleared {THROTTLE_FROM} wrong passwords of wang" in capsys.readouterr().out
    assert authenticate(engine, "wang", PASSWORDS["wang"]).username == "wang"


def test_an_unknown_name_is_throttled_like_a_known_one(
    engine: Engine, people: dict[str, User]
) -> None:
    """Five failures on a name nobody has: the same answers, so a name's existence cannot be
    told from them."""
    for name in ("wang", "no-such-person"):
        _fail(engine, name, THROTTLE_FROM, T0)
        refused = _refusal(engine, name, "anything", T0 + dt.timedelta(seconds=1))
        assert (refused.code, refused.message_en) == (
            "sign_in_throttled",
            "too many wrong passwords for this name: try again in 29 s "
            "(or ask an administrator to clear it)",
        )
    with pytest.raises(DomainError, match="wrong username or password"):
        authenticate(engine, "x" * 100_000 + "\x00", "password", now=T0)  # refused in words


def _median_seconds(engine: Engine, name: str, tries: int) -> float:
    spent = []
    for i in range(tries):
        at = T0 + dt.timedelta(days=2 * i)  # every earlier failure forgotten: never throttled
        start = time.perf_counter()
        with pytest.raises(DomainError) as refused:
            authenticate(engine, name, "a wrong password", now=at)
        spent.append(time.perf_counter() - start)
        assert refused.value.code == "bad_credentials"
    return statistics.median(spent)


@pytest.mark.real_hash
def test_unknown_and_known_names_take_the_same_time(
    engine: Engine, people: dict[str, User]
) -> None:
    """Was: unknown refused in 1 ms, known in 190 ms. Both now pay one Argon2 check."""
    _median_seconds(engine, "nobody", 1)  # the dummy hash is made once, before measuring
    known = _median_seconds(engine, "wang", 7)
    unknown = _median_seconds(engine, "nobody-at-all", 7)
    assert max(known, unknown) / min(known, unknown) < 2, (known, unknown)
    assert unknown > 0.01  # an Argon2 check, not a dictionary miss


@pytest.mark.real_hash
def test_the_product_hashes_with_the_recommended_argon2id_profile(
    engine: Engine, people: dict[str, User]
) -> None:
    """The other tests hash with the cheapest profile (tests/conftest.py); the product's own
    hasher is still argon2-cffi's recommended one (RFC 9106, low memory: 64 MiB, 3 passes)."""
    with Session(engine) as session:
        stored = session.execute(text("SELECT password_hash FROM users WHERE username = 'wang'"))
        parameters = extract_parameters(stored.scalar_one())
    assert parameters == RFC_9106_LOW_MEMORY
    assert authenticate(engine, "wang", PASSWORDS["wang"]).username == "wang"

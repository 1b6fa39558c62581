"""The demo's three months of history: deterministic, about 200 cases of six assessors in
two groups and a manager, every clock state at the demo's "now", the audit chain intact."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from estimator.domain.clocks import ClockState
from estimator.domain.indicators import CaseTiming
from estimator.domain.workflow import Group, Role
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.rows import CaseEventRow, CaseRow, EstimateRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import demo_history
from estimator.services.audit import verify_audit
from estimator.services.case_list import list_cases
from estimator.services.chases import chases_of
from estimator.services.demo import build_demo_database
from estimator.services.demo_users import HISTORY_ASSESSORS
from estimator.services.reports import case_timings
from estimator.services.users import authenticate, list_users

#: The demo's "now" for these tests (a Monday afternoon in Shanghai).
NOW = dt.datetime(2026, 12, 7, 6, 0, tzinfo=dt.UTC)
_HISTORY = "RDAA%33010010%"


def _build(path: Path) -> Engine:
    build_demo_database(path, history=True, now=NOW)
    return create_database_engine(sqlite_url(path))


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The demo database with its full history, built once for this module."""
    engine = _build(tmp_path_factory.mktemp("history") / "demo.sqlite3")
    yield engine
    engine.dispose()


def _events(engine: Engine) -> list[tuple[str, str, dt.datetime]]:
    with UnitOfWork(engine) as uow:
        rows = uow.session.execute(
            select(CaseRow.claim_no, CaseEventRow.kind, CaseEventRow.at)
            .join(CaseRow, CaseRow.id == CaseEventRow.case_id)
            .where(CaseRow.claim_no.like(_HISTORY))
        )
        return sorted((claim, kind, at) for claim, kind, at in rows)


def test_the_plan_is_the_same_every_time_and_ends_at_now() -> None:
    first, second = demo_history.history_plan(NOW), demo_history.history_plan(NOW)
    assert first == second
    assert len(first) == demo_history.CASE_COUNT == 200
    assert len({p.claim_no for p in first}) == 200
    assert all(re.fullmatch(r"RDAA2026330100100\d{3}", p.claim_no) for p in first)
    moments = [s.at for p in first for s in p.steps]
    assert max(moments) <= NOW  # nothing after "now" has happened
    assert NOW - min(p.opened for p in first) > dt.timedelta(days=80)  # three months back
    # Another seed is another history.
    assert demo_history.history_plan(NOW, seed=1) != first


def test_two_builds_hold_the_same_claims_and_event_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_history, "CASE_COUNT", 12)  # the first twelve: quick to build
    one = _build(tmp_path / "one.sqlite3")
    two = _build(tmp_path / "two.sqlite3")
    try:
        events = _events(one)
        assert events == _events(two)
        assert len({claim for claim, _kind, _at in events}) == 12
        plan = demo_history.history_plan(NOW, count=12)
        first = plan[0]
        stored = {
            (kind, at.replace(tzinfo=dt.UTC)) for c, kind, at in events if c == first.claim_no
        }
        # The field events at the plan's moments, the workflow's stamped at theirs.
        assert {(s.kind, s.at) for s in first.steps if s.kind == "survey"} <= stored
        submitted = [s.at for s in first.steps if s.kind == "submit"]
        assert [at for kind, at in sorted(stored, key=lambda e: e[1]) if kind == "submission"] == (
            submitted
        )
    finally:
        one.dispose()
        two.dispose()


def test_about_two_hundred_cases_by_six_assessors_in_two_groups_and_a_manager(
    history: Engine,
) -> None:
    cases = list_cases(history)
    assert len(cases) == 200 + 5 + 3  # the history, today's five and the three settlement cases
    users = {u.username: u for u in list_users(history)}
    groups = {name: users[name].group for name, _d, _p, _g in HISTORY_ASSESSORS}
    assert Counter(groups.values()) == {Group.LARGE: 2, Group.ORDINARY: 4}
    assert all(Role.ASSESSOR in users[name].roles for name in groups)
    assert Role.MANAGER in authenticate(history, "zhou", "demo-zhou-1").roles
    timings = case_timings(history, dt.date(2026, 9, 1), dt.date(2026, 12, 7))
    worked = Counter(t.assessor for t in timings if t.assessor in groups)
    assert set(worked) == set(groups) and sum(worked.values()) == 200
    assert min(worked.values()) >= 10  # each assessor has enough cases to show a pattern


def test_the_teardown_cases_are_the_large_case_groups(history: Engine) -> None:
    with UnitOfWork(history) as uow:
        rows = uow.session.execute(
            select(CaseRow.created_by, EstimateRow.tier, EstimateRow.version_no)
            .join(EstimateRow, EstimateRow.case_id == CaseRow.id)
            .where(CaseRow.claim_no.like(_HISTORY))
        ).all()
    tiers = Counter(tier for _by, tier, version in rows if version == 1)
    assert tiers["on_site"] > 50 and tiers["standard"] > 50 and tiers["teardown"] > 25
    large = {name for name, _d, _p, group in HISTORY_ASSESSORS if group is Group.LARGE}
    assert {by for by, tier, _v in rows if tier == "teardown"} == large
    assert sum(1 for _by, _tier, version in rows if version > 1) >= 3  # supplements


def test_clocks_are_met_met_late_running_and_overdue_at_now(history: Engine) -> None:
    timings = case_timings(history, dt.date(2026, 9, 1), dt.date(2026, 12, 7))
    by_state = Counter(clock.state(NOW) for t in timings for clock in t.deadlines)
    assert all(by_state[state] > 0 for state in ClockState)
    assert by_state[ClockState.MET] > by_state[ClockState.MET_LATE] > by_state[ClockState.OVERDUE]
    # Each assessor's pattern shows: zhao resubmits late, liu meets the contact clock.
    late = Counter(
        t.assessor
        for t in timings
        for c in t.deadlines
        if c.name == "resubmission" and c.state(NOW) in (ClockState.MET_LATE, ClockState.OVERDUE)
    )
    assert late.most_common(1)[0][0] == "zhao"
    contact = {
        name: [
            c.state(NOW)
            for t in timings
            if t.assessor == name
            for c in t.deadlines
            if c.name == "contact"
        ]
        for name in ("liu", "huang")
    }
    share = {n: s.count(ClockState.MET) / len(s) for n, s in contact.items()}
    assert share["liu"] > share["huang"]


def test_chases_returns_and_the_audit_chain(history: Engine) -> None:
    timings = case_timings(history, dt.date(2026, 9, 1), dt.date(2026, 12, 7))
    chased = Counter(t.assessor for t in timings if t.chases)
    assert chased.most_common(1)[0][0] == "zhang"
    with UnitOfWork(history) as uow:
        case_id = uow.session.scalars(
            select(CaseRow.id).where(CaseRow.claim_no == _chased_claim(timings))
        ).one()
    assert chases_of(history, case_id).count >= 1
    returns = [c for t in timings for c in t.deadlines if c.name == "resubmission"]
    assert len(returns) >= 20
    assert verify_audit(history).ok


def _chased_claim(timings: list[CaseTiming]) -> str:
    return next(t.claim_no for t in timings if t.chases)


def test_only_the_demo_builder_replays_the_clock() -> None:
    """``kernel.clock.replaying_at`` back-dates what the services stamp: the demo history
    builder is the only caller."""
    root = Path(__file__).resolve().parents[2]
    callers = {
        path.relative_to(root).as_posix()
        for package in ("estimator", "kernel", "parts_catalog", "labor_standards")
        for path in (root / package).rglob("*.py")
        if "replaying_at" in path.read_text(encoding="utf-8")
    }
    assert callers == {"kernel/clock.py", "estimator/services/demo_history.py"}


def test_replaying_at_holds_the_clock_inside_its_block_only() -> None:
    from kernel.clock import replaying_at, utcnow

    past = dt.datetime(2026, 9, 1, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with replaying_at(past):
        assert utcnow() == past and utcnow().tzinfo is dt.UTC
    assert utcnow() - dt.datetime.now(dt.UTC) < dt.timedelta(seconds=5)
    with pytest.raises(ValueError, match="aware"), replaying_at(dt.datetime(2026, 9, 1)):
        pass


def test_the_indicators_show_each_assessors_pattern(history: Engine) -> None:
    """The manager's figures on the history: on-site documents collected best by liu and worst
    by wu (simple-procedure cases, each with its own draw), zhao the slowest of the large-case
    group; and the demo assessors with authority have it."""
    from estimator.services.indicators import indicators_document

    doc = indicators_document(history, dt.date(2026, 9, 1), dt.date(2026, 12, 7), now=NOW)
    rows = {r["assessor"]: r for r in doc["by_assessor"]}
    rates = {name: rows[name]["onsite_collection_rate"] for name in ("liu", "zhang", "wu")}
    assert all(rate is not None for rate in rates.values())
    assert Decimal(rates["liu"]) > Decimal(rates["wu"])
    assert rows["chen"]["onsite_collection_rate"] is None  # large cases: no simple procedure
    cycle = {name: Decimal(rows[name]["front_end_cycle_avg_days"]) for name in ("chen", "zhao")}
    assert cycle["zhao"] > cycle["chen"]
    users = {u.username: u for u in list_users(history)}
    assert users["wang"].authority == Decimal("2000.00") == users["liu"].authority
    assert users["chen"].authority == Decimal("0.00")


def test_a_launch_moves_the_clocks_without_breaking_a_signed_or_certified_version(
    history: Engine, tmp_path: Path
) -> None:
    # Each launch copies the pristine demo with its clocks moved to now; the customer's
    # signature time and a certificate's issue are bound into the audit trail, so moving them
    # made every signed version read as altered (export and the sheet refused).
    import shutil
    import sqlite3

    from estimator.services.binding import refuse_altered, verify_bindings
    from estimator.services.demo_cache import _move_timestamps

    history.dispose()
    copy = tmp_path / "launch.sqlite3"
    shutil.copyfile(str(history.url.database), copy)
    connection = sqlite3.connect(copy, isolation_level=None)
    try:
        _move_timestamps(connection, dt.timedelta(hours=5))
    finally:
        connection.close()
    engine = create_database_engine(sqlite_url(copy))
    try:
        with UnitOfWork(engine) as uow:
            signed = uow.session.scalars(
                select(EstimateRow.id).where(EstimateRow.customer_signed_at.is_not(None))
            ).all()
        assert signed, "the history has signed versions"
        check = verify_bindings(engine)
        assert check.ok, [p.message("en") for p in check.failures]
        for estimate_id in signed[:5]:
            refuse_altered(engine, estimate_id)
    finally:
        engine.dispose()

"""A first demo launch of the day: today's cases at once, the history replayed behind the
window (services/demo_pending.py), the same figures as a build in one go, and the pristine
file kept for later launches only when nobody changed the demo meanwhile."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from estimator.domain.chases import ChaseBy, ChaseVia
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import demo_history
from estimator.services.audit import verify_audit
from estimator.services.case_list import list_cases
from estimator.services.chases import chases_of, record_chase
from estimator.services.demo import build_demo_database
from estimator.services.demo_cache import launch_demo_database
from estimator.services.users import authenticate

#: The first cases of the history: quick to replay, enough to show it works.
COUNT = 12


@pytest.fixture(autouse=True)
def few_cases(monkeypatch: pytest.MonkeyPatch, quick_first_launch: None) -> None:
    monkeypatch.setattr(demo_history, "CASE_COUNT", COUNT)


def _engine(path: Path) -> Iterator[Engine]:
    engine = create_database_engine(sqlite_url(path))
    try:
        yield engine
    finally:
        engine.dispose()


def _figures(path: Path) -> list[tuple[object, ...]]:
    """What the case list shows of every case, as a comparable list."""
    for engine in _engine(path):
        cases = list_cases(engine)
        return sorted((c.claim_no, c.status.value, c.version_no, c.total) for c in cases)
    raise AssertionError("unreachable")


def test_the_window_opens_on_todays_cases_and_the_history_comes_in_behind(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    launch = launch_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    assert launch.pending is not None
    assert len(_figures(launch.path)) == 8  # today's five and the three settlement cases
    seen: list[tuple[int, int]] = []
    outcome = launch.pending.run(lambda done, total: seen.append((done, total)))
    assert seen == [(n, COUNT) for n in range(1, COUNT + 1)]
    assert (outcome.cases, outcome.complete, outcome.cached) == (COUNT, True, True)
    assert len(_figures(launch.path)) == 8 + COUNT
    for engine in _engine(launch.path):
        assert verify_audit(engine).ok
    # The next launch copies the pristine file the replay left: complete, nothing pending.
    again = launch_demo_database(tmp_path / "again.sqlite3", cache_dir=cache)
    assert again.pending is None
    assert _figures(again.path) == _figures(launch.path)
    assert len(list(cache.glob("demo-pristine-*.sqlite3"))) == 1


def test_the_same_figures_as_the_history_built_in_one_go(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    whole = build_demo_database(tmp_path / "whole.sqlite3", history=True, now=now)
    launch = launch_demo_database(tmp_path / "demo.sqlite3", cache_dir=tmp_path / "cache")
    assert launch.pending is not None
    dataclasses.replace(launch.pending, now=now).run()
    assert _figures(launch.path) == _figures(whole)


def test_a_change_beside_the_replay_is_kept_and_not_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    launch = launch_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    assert launch.pending is not None
    (engine,) = _engine(launch.path)
    try:
        wang = authenticate(engine, "wang", "demo-wang-1")
        today = next(c for c in list_cases(engine) if c.claim_no.endswith("0123"))

        def chase_once(done: int, _total: int) -> None:  # the assessor works meanwhile
            if done == 3:
                record_chase(engine, today.case_id, ChaseBy.CUSTOMER, ChaseVia.CLAIMS_MANAGER, wang)

        outcome = launch.pending.run(chase_once)
        assert outcome.complete and not outcome.cached
        assert chases_of(engine, today.case_id).count == 1  # nothing lost
        assert verify_audit(engine).ok
    finally:
        engine.dispose()
    assert list(cache.glob("demo-pristine-*.sqlite3")) == []  # the next launch replays anew
    assert launch_demo_database(tmp_path / "next.sqlite3", cache_dir=cache).pending is not None


def test_a_stopped_replay_keeps_what_it_did_and_caches_nothing(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    launch = launch_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    assert launch.pending is not None
    done: list[int] = []
    outcome = launch.pending.run(lambda n, _t: done.append(n), lambda: len(done) >= 4)
    assert (outcome.cases, outcome.complete, outcome.cached) == (4, False, False)
    assert len(_figures(launch.path)) == 8 + 4
    assert list(cache.glob("demo-pristine-*.sqlite3")) == []


def test_without_a_usable_cache_folder_the_history_still_comes_in(tmp_path: Path) -> None:
    cache = tmp_path / "not-a-folder"
    cache.write_text("a file where the cache folder would be", encoding="utf-8")
    launch = launch_demo_database(tmp_path / "demo.sqlite3", cache_dir=cache)
    assert launch.pending is not None
    outcome = launch.pending.run()
    assert (outcome.cases, outcome.complete, outcome.cached) == (COUNT, True, False)
    assert len(_figures(launch.path)) == 8 + COUNT

"""The team load test (benchmarks/team.py) in a tiny form on the suite's PostgreSQL: two
assessors and a reviewer for a few seconds make no error and pass the checks, and a save
deleted behind the run's back is found missing, so the check cannot pass vacuously; and the
review queue's statement can use the index the run's figures led to."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import delete, event

from benchmarks import team
from benchmarks.team_actors import NUMBER_QUERIES, PINYIN_QUERIES
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.persistence.rows import EstimateLineRow
from estimator.services.catalog import search_parts
from estimator.services.review_queue import take_for_review
from estimator.services.users import User

TINY = team.Plan(
    assessors=2, reviewers=1, seconds=5.0, seed=3, price_rows=2_000, think_scale=0.2,
    report_every=2.0, floor_seconds=2.0,
)  # fmt: skip


@pytest.mark.postgresql
def test_a_tiny_team_day_passes_its_checks_and_a_lost_save_is_detected(pg_url: str) -> None:
    results, outcome = team.run(TINY, pg_url)
    assert outcome.errors == [], outcome.errors[:3]
    assert outcome.failed == [] and outcome.ok, outcome.checks
    # The floor: the same calls by one assessor alone, in the same run; a ratio against it.
    floored = [r for r in results if r.name.endswith("_p95") and r.floor is not None]
    assert any(r.name == "team_save_p95" for r in floored), [r.name for r in results]
    assert all(r.ratio == round(r.value / r.floor, 2) for r in floored if r.floor)
    done = {r["op"] for r in outcome.records if r.get("out") == "ok"}
    assert {"search_pinyin", "search_number", "create", "save", "submit"} <= done, done
    assert {"take_next", "findings", "price_import", "indicators"} <= done, done
    assert outcome.acks, "no save was acknowledged: the check would be vacuous"
    names = {r.name for r in results}
    assert {"team_save_p95", "team_errors", "team_saves_per_min"} <= names

    engine = create_database_engine(pg_url, migrate=False)
    try:
        for query in PINYIN_QUERIES + NUMBER_QUERIES:  # the actors search for something
            assert search_parts(engine, query), query
        ack = outcome.acks[-1]
        marker = next(iter(ack["markers"]))
        with engine.begin() as connection:  # a save the database lost
            gone = connection.execute(
                delete(EstimateLineRow).where(
                    EstimateLineRow.estimate_id == uuid.UUID(ack["ack"]),
                    EstimateLineRow.description == marker,
                )
            )
        assert gone.rowcount == 1
        team.check(engine, outcome)
    finally:
        engine.dispose()
    assert outcome.failed == ["acknowledged saves stored"], outcome.checks
    assert "1 lost" in outcome.checks["acknowledged saves stored"]
    assert not outcome.ok


def test_a_server_off_loopback_is_refused_unless_named() -> None:
    with pytest.raises(SystemExit, match="not loopback"):
        team.check_url("postgresql+psycopg://u@db.example.com/x", explicit=False)
    team.check_url("postgresql+psycopg://u@db.example.com/x", explicit=True)
    team.check_url("postgresql+psycopg://u@127.0.0.1:5432/x", explicit=False)


@pytest.mark.postgresql
def test_the_review_queue_query_can_read_its_index(pg_url: str) -> None:
    """The queue's partial index (docs/team-load.md) answers the very statement
    ``take_for_review`` sends: with sequential scans discouraged, the plan uses it."""
    engine = create_database_engine(pg_url)
    sent: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FOR UPDATE SKIP LOCKED" in statement:
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    reviewer = User("r", "r", frozenset({Role.REVIEWER}))
    try:
        assert take_for_review(engine, reviewer) is None  # nothing submitted yet
        [(statement, parameters)] = sent
        with engine.connect() as connection:
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
        engine.dispose()
    assert "ix_estimates_review_queue" in "\n".join(row[0] for row in plan), plan

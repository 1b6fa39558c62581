"""Two people at once, each through their own connection pool (two real connections): a
stale save is refused showing the other's change, and reviewers never take the same
estimate from the queue. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text, update

from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.persistence.rows import EstimateRow
from estimator.services import case_list, estimate_store, review_queue, workflow
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.conftest import import_test_data, make_team
from tests.services.documents import document


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(
        priced_db,
        wang={Role.ASSESSOR},
        chen={Role.ASSESSOR},
        li={Role.REVIEWER},
        zhou={Role.REVIEWER},
    )


def _draft(engine: Engine, actor: str = "wang") -> str:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor=actor
    )
    assert created.estimate_id is not None
    return str(created.estimate_id)


def _with_qty(stored: estimate_store.StoredEstimate, position: int, qty: str) -> list[Any]:
    lines = list(stored.estimate.lines)
    lines[position] = replace(lines[position], qty=Decimal(qty))
    return lines


def test_a_stale_save_is_refused_showing_what_the_other_person_changed(
    priced_db: Engine, second: Engine, team: dict[str, User]
) -> None:
    estimate = _draft(priced_db)
    mine = estimate_store.load_estimate(priced_db, estimate)  # wang opens it …
    theirs = estimate_store.load_estimate(
        second, estimate
    )  # … and so does chen, on another machine
    estimate_store.replace_lines(
        second, estimate, _with_qty(theirs, 1, "2"), team["chen"], based_on=theirs
    )
    my_lines = _with_qty(mine, 0, "3")
    with pytest.raises(estimate_store.EditConflict) as refused:
        estimate_store.replace_lines(priced_db, estimate, my_lines, team["wang"], based_on=mine)
    message = str(refused.value)
    assert "chen saved this estimate after you opened it" in message
    assert "qty 1 → 2" in message and "total " in message
    assert "chen" in refused.value.message_zh and "重新应用" in refused.value.message_zh
    [change] = refused.value.changes.lines
    assert change.fields["qty"] == ("1", "2")
    # Nothing of wang's edit was written: the estimate is chen's.
    now = estimate_store.load_estimate(priced_db, estimate)
    assert [line.qty for line in now.estimate.lines[:2]] == [Decimal("1"), Decimal("2")]
    assert now.row_version == refused.value.theirs.row_version > mine.row_version
    # wang still has his edit and re-applies it on the current version.
    assert my_lines[0].qty == Decimal("3")
    estimate_store.replace_lines(
        priced_db, estimate, _with_qty(now, 0, "3"), team["wang"], based_on=now
    )
    done = estimate_store.load_estimate(priced_db, estimate)
    assert [line.qty for line in done.estimate.lines[:2]] == [Decimal("3"), Decimal("2")]


def test_a_save_with_unchanged_totals_still_moves_the_version(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = _draft(priced_db)
    before = estimate_store.load_estimate(priced_db, estimate)
    estimate_store.replace_lines(
        priced_db, estimate, list(before.estimate.lines), team["wang"], based_on=before
    )
    after = estimate_store.load_estimate(priced_db, estimate)
    assert after.totals == before.totals and after.row_version == before.row_version + 1
    with pytest.raises(estimate_store.EditConflict, match="no line changes"):
        estimate_store.replace_lines(
            priced_db, estimate, list(before.estimate.lines), team["chen"], based_on=before
        )


def _at_once(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads released together; their results or exceptions."""
    results: list[object] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index: int, call: Callable[[], object]) -> None:
        start.wait()
        try:
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_saves_at_the_same_moment_one_wins_one_is_refused(
    priced_db: Engine, second: Engine, team: dict[str, User]
) -> None:
    estimate = _draft(priced_db)
    base = estimate_store.load_estimate(priced_db, estimate)
    results = _at_once(
        lambda: estimate_store.replace_lines(
            priced_db, estimate, _with_qty(base, 0, "2"), team["wang"], based_on=base
        ),
        lambda: estimate_store.replace_lines(
            second, estimate, _with_qty(base, 1, "3"), team["chen"], based_on=base
        ),
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], estimate_store.EditConflict), results
    now = estimate_store.load_estimate(priced_db, estimate)
    assert now.row_version == base.row_version + 1
    assert [line.qty for line in now.estimate.lines[:2]] in (
        [Decimal("2"), Decimal("1")],
        [Decimal("1"), Decimal("3")],
    )


def test_reviewers_never_take_the_same_estimate(
    priced_db: Engine, second: Engine, team: dict[str, User]
) -> None:
    submitted = set()
    for _ in range(6):
        estimate = _draft(priced_db)
        workflow.submit(priced_db, estimate, team["wang"])
        submitted.add(estimate)

    def drain(engine: Engine, reviewer: User) -> list[str]:
        taken = []
        while (found := review_queue.take_for_review(engine, reviewer)) is not None:
            taken.append(str(found))
        return taken

    li, zhou = _at_once(lambda: drain(priced_db, team["li"]), lambda: drain(second, team["zhou"]))
    assert isinstance(li, list) and isinstance(zhou, list), (li, zhou)
    assert not set(li) & set(zhou)
    assert set(li) | set(zhou) == submitted and len(li) + len(zhou) == 6
    with pytest.raises(DomainError, match="not taken"):
        review_queue.release_review(priced_db, li[0] if li else zhou[0], team["wang"])


def test_a_reviewer_does_not_take_what_they_edited_nor_an_assessor_at_all(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = _draft(priced_db, actor="li")
    workflow.submit(priced_db, estimate, team["wang"])
    assert review_queue.take_for_review(priced_db, team["li"]) is None
    with pytest.raises(DomainError, match="only a reviewer"):
        review_queue.take_for_review(priced_db, team["wang"])
    taken = review_queue.take_for_review(priced_db, team["zhou"])
    assert str(taken) == estimate
    review_queue.release_review(priced_db, estimate, team["zhou"])
    assert str(review_queue.take_for_review(priced_db, team["zhou"])) == estimate


@pytest.mark.postgresql
def test_on_postgresql_a_locked_queue_row_is_skipped_not_waited_for(
    pg_url: str, tmp_path: Path
) -> None:
    priced_db = import_test_data(create_database_engine(pg_url), tmp_path)
    second = create_database_engine(pg_url)
    team = make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER})
    first, later = _draft(priced_db), _draft(priced_db)
    for estimate in (first, later):
        workflow.submit(priced_db, estimate, team["wang"])
    with second.connect() as holder:
        # Another reviewer's transaction has the oldest row locked and has not committed.
        holder.execute(
            text("SELECT id FROM estimates WHERE id = :id FOR UPDATE"),
            {"id": estimate_store.load_estimate(priced_db, first).id.hex},
        )
        # Waiting for that lock would wait for ever (the holder is this thread): the take
        # must come back on its own, with the next row.
        taken: list[object] = []
        worker = threading.Thread(
            target=lambda: taken.append(review_queue.take_for_review(priced_db, team["li"]))
        )
        worker.start()
        worker.join(timeout=20)
        waited = worker.is_alive()
        holder.rollback()
        worker.join()
        assert not waited and [str(t) for t in taken] == [later]
    assert str(review_queue.take_for_review(priced_db, team["li"])) == first
    second.dispose()
    priced_db.dispose()


def _age_take(engine: Engine, estimate: str, by: dt.timedelta) -> None:
    """Move the take on ``estimate`` back in time by ``by`` (inactivity)."""
    with engine.begin() as connection:
        connection.execute(
            update(EstimateRow)
            .where(EstimateRow.id == uuid.UUID(estimate))
            .values(review_taken_at=utcnow() - by)
        )


def test_a_taken_estimate_is_not_decided_by_another_reviewer_until_released(
    priced_db: Engine, second: Engine, team: dict[str, User]
) -> None:
    estimate = _draft(priced_db)
    workflow.submit(priced_db, estimate, team["wang"])
    review_queue.take_estimate(priced_db, estimate, team["li"])  # li opens it on the desk
    review_queue.take_estimate(priced_db, estimate, team["li"])  # opening again renews the take
    assert review_queue.review_holder(second, estimate) == "li"
    assert [c.taken_by for c in case_list.review_queue(second)] == ["li"]
    zhou = team["zhou"]
    with pytest.raises(DomainError, match="li has had this estimate in review"):
        review_queue.take_estimate(second, estimate, zhou)
    for decide in (
        lambda: workflow.approve(second, estimate, zhou, "已核对"),
        lambda: workflow.return_estimate(second, estimate, zhou, "请补照片"),
        lambda: review_queue.adjust_line(second, estimate, 0, Decimal("1.00"), "核减", zhou),
    ):
        with pytest.raises(DomainError) as refused:
            decide()
        assert refused.value.code == "taken_by_other"
    assert review_queue.take_for_review(second, zhou) is None  # nothing else in the queue
    assert estimate_store.load_estimate(priced_db, estimate).status.value == "submitted"
    review_queue.release_review(priced_db, estimate, team["li"])
    assert review_queue.review_holder(second, estimate) == ""
    review_queue.take_estimate(second, estimate, zhou)
    workflow.return_estimate(second, estimate, zhou, "请补照片")  # deciding releases the take
    assert review_queue.review_holder(priced_db, estimate) == ""


def test_a_take_lapses_after_thirty_minutes_without_activity(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate = _draft(priced_db)
    workflow.submit(priced_db, estimate, team["wang"])
    assert str(review_queue.take_for_review(priced_db, team["li"])) == estimate
    _age_take(priced_db, estimate, review_queue.TAKE_EXPIRES - dt.timedelta(minutes=1))
    assert review_queue.review_holder(priced_db, estimate) == "li"
    assert review_queue.take_for_review(priced_db, team["zhou"]) is None
    _age_take(priced_db, estimate, review_queue.TAKE_EXPIRES + dt.timedelta(minutes=1))
    assert review_queue.review_holder(priced_db, estimate) == ""
    assert str(review_queue.take_for_review(priced_db, team["zhou"])) == estimate
    with pytest.raises(DomainError, match="zhou has had"):
        workflow.approve(priced_db, estimate, team["li"], "已核对")
    workflow.approve(priced_db, estimate, team["zhou"], "已核对")
    assert review_queue.review_holder(priced_db, estimate) == ""


def test_a_versioned_row_changed_meanwhile_is_refused_as_a_stale_edit_not_a_traceback(
    priced_db: Engine, second: Engine
) -> None:
    # The safety net under every service: an update of a versioned row that someone else
    # changed since it was read, where no service compared versions first.
    from estimator.persistence.rows import CaseRow
    from estimator.persistence.uow import StaleEdit, UnitOfWork

    created = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    with UnitOfWork(priced_db) as uow:
        as_read = uow.session.get(CaseRow, created.case_id)
        uow.session.expunge(as_read)  # kept as read, version and all
    with UnitOfWork(second, write=True) as uow:
        theirs = uow.session.get(CaseRow, created.case_id)
        assert theirs is not None
        theirs.plate = "浙K54321"
        uow.commit()

    def save_mine() -> None:
        with UnitOfWork(priced_db, write=True) as uow:
            mine = uow.session.merge(as_read, load=False)
            mine.plate = "浙K99999"
            uow.commit()

    with pytest.raises(StaleEdit, match="someone else changed this meanwhile"):
        save_mine()
    with UnitOfWork(priced_db) as uow:
        stored = uow.session.get(CaseRow, created.case_id)
        assert stored is not None and stored.plate == "浙K54321"

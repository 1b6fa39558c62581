"""The server's history kept on a laptop (sync_history): each exchange writes only the entries
not kept yet; a history that does not continue what was kept replaces it whole."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event

from estimator.persistence.audit import Entry
from estimator.persistence.sync_state import LaptopState
from estimator.persistence.uow import UnitOfWork

CASE = uuid.UUID("00000000-0000-4000-8000-000000000022")


def _entry(seq: int, action: str = "edited") -> Entry:
    return {
        "seq": seq,
        "at": f"2026-12-0{1 + seq % 7}T08:00:00+00:00",
        "actor": "wang",
        "entity": "case",
        "entity_id": str(CASE),
        "action": action,
        "detail": "{}",
        "hash": f"{seq:02d}{action}".ljust(64, "0"),
    }


@pytest.fixture
def inserted(engine: Engine) -> Iterator[list[int]]:
    """The sequence numbers of the history rows each statement inserts."""
    seqs: list[int] = []

    @event.listens_for(engine, "before_cursor_execute")
    def _count(_c: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO SYNC_HISTORY"):
            rows = parameters if isinstance(parameters, list) else [parameters]
            seqs.extend(int(row[1] if isinstance(row, tuple) else row["seq"]) for row in rows)

    yield seqs
    event.remove(engine, "before_cursor_execute", _count)


def _keep(engine: Engine, entries: list[Entry]) -> list[tuple[int, str]]:
    with UnitOfWork(engine, write=True) as uow:
        LaptopState(uow.session).keep_history(CASE, entries)
        uow.commit()
    with UnitOfWork(engine) as uow:
        return [(row.seq, row.action) for row in LaptopState(uow.session).history(CASE)]


def test_each_exchange_writes_only_the_new_entries(engine: Engine, inserted: list[int]) -> None:
    assert _keep(engine, [_entry(1), _entry(4)]) == [(1, "edited"), (4, "edited")]
    assert inserted == [1, 4]
    inserted.clear()
    assert _keep(engine, [_entry(1), _entry(4), _entry(9, "submitted")])[-1] == (9, "submitted")
    assert inserted == [9]
    inserted.clear()
    assert len(_keep(engine, [_entry(1), _entry(4), _entry(9, "submitted")])) == 3
    assert inserted == []


def test_a_history_that_does_not_continue_what_was_kept_replaces_it(
    engine: Engine, inserted: list[int]
) -> None:
    _keep(engine, [_entry(1), _entry(4), _entry(9)])
    inserted.clear()
    # Entry 4 is another entry now (another server's trail): everything is written again.
    assert _keep(engine, [_entry(1), _entry(4, "approved")]) == [(1, "edited"), (4, "approved")]
    assert inserted == [1, 4]
    inserted.clear()
    assert _keep(engine, []) == []

"""A check-in killed at any moment (SIGKILL) and resumed loses nothing and duplicates
nothing (sync.md: "idempotent and resumable"): the team server on PostgreSQL, a laptop on
SQLite. Each round checks the case out, edits it offline (a new quantity, every fifth round
a new case too), starts a check-in in a child process and kills it — at a random moment, or
right after the server committed, or inside the laptop's closing transaction — then checks
in again and checks: the server holds exactly the laptop's edits, each laptop audit entry
reached the server's trail once and in order, both chains verify, the server's versions
match its trail, nothing is left checked out or in flight. Seeded: a failure replays."""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.binding import check_bindings
from estimator.persistence.database import create_database_engine
from estimator.persistence.rows import AuditRow, EstimateRow
from estimator.persistence.sync_rows import CaseCheckoutRow, SyncBatchRow
from estimator.services import sync, sync_checkin
from tests.conftest import database_copy
from tests.services import sync_child
from tests.services.conftest import make_team
from tests.services.test_sync import new_case, qtys, set_qty

pytestmark = pytest.mark.postgresql

CI_KILLS = 50
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["tests.services.sync_child"])


@pytest.fixture
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = database_copy(request, request.getfixturevalue("priced_postgresql"), tmp_path)
    engine = create_database_engine(url)
    yield engine
    engine.dispose()


def _phase(server: Engine, laptop: Engine) -> str:
    """Where the kill left the check-in: not begun, in flight, applied on the server only,
    or done."""
    pending = sync.status(laptop).pending_batch
    if not pending:
        return "none or done"
    with server.connect() as connection:
        applied = connection.scalar(
            select(SyncBatchRow.batch_id).where(SyncBatchRow.batch_id == pending)
        )
    return "applied on the server only" if applied else "in flight"


def _origin_seqs(server: Engine, device: str) -> list[int]:
    with server.connect() as connection:
        details = connection.scalars(select(AuditRow.detail).order_by(AuditRow.seq)).all()
    found = [json.loads(d).get("origin") for d in details]
    return [int(o["seq"]) for o in found if isinstance(o, dict) and o.get("device") == device]


def _check(
    server: Engine, laptop: Engine, device: str, versions: dict[object, list[Decimal]]
) -> None:
    for version, expected in versions.items():
        assert qtys(server, version) == expected == qtys(laptop, version)
    with laptop.connect() as connection:
        laptop_seqs = [int(e["seq"]) for e in audit.read_entries(connection, 0)]
        assert audit.verify(connection).ok
    sent = sync.status(laptop)
    assert sent.pending_batch == "" and sent.pending == 0
    appended = _origin_seqs(server, device)
    # Every entry sent reached the server once, in order; only the newest (written by the
    # last check-in's own closing) may still wait for the next one.
    assert appended == laptop_seqs[: len(appended)]
    assert len(laptop_seqs) - len(appended) == sent.unsent_entries
    with server.connect() as connection:
        assert audit.verify(connection).ok
        assert check_bindings(connection)[1] == []
        assert connection.scalars(select(CaseCheckoutRow.case_id)).all() == []


def test_a_check_in_killed_anywhere_resumes_with_nothing_lost_or_twice(
    server: Engine, laptop: Engine
) -> None:
    team = make_team(server, wang={Role.ASSESSOR})
    wang = team["wang"]
    rng = random.Random(22)
    new_case(server, "wang", "KILL-0")
    device = sync.device_of(laptop).id
    versions: dict[object, list[Decimal]] = {}
    phases: dict[str, int] = {}
    duration = 0.5
    for round_no in range(CI_KILLS):
        sync.checkout(server, laptop, "wang")
        if not versions:
            [first] = _versions(laptop)
            versions[first] = qtys(laptop, first)
        version = rng.choice(sorted(versions, key=str))
        set_qty(laptop, version, 0, str(round_no + 2), wang)
        versions[version] = qtys(laptop, version)
        if round_no % 5 == 4:
            _, made = new_case(laptop, "wang", f"KILL-{round_no}")
            versions[made] = qtys(laptop, made)
        step = sync_child.STEPS[round_no % 3]
        child = FORKS.Process(
            target=sync_child.run,
            args=(
                str(server.url.render_as_string(hide_password=False)),
                str(laptop.url),
                "wang",
                step,
            ),
        )
        started = time.monotonic()
        child.start()
        if step:
            child.join(30)
        else:
            time.sleep(rng.uniform(0, duration))
            child.kill()
            child.join(30)
        if child.exitcode == 0:
            duration = max(0.05, time.monotonic() - started)
        phase = _phase(server, laptop)
        phases[phase] = phases.get(phase, 0) + 1
        resumed = sync_checkin.checkin(server, laptop, "wang")
        assert resumed.of("conflict") == [] and resumed.of("refused") == []
        _check(server, laptop, device, versions)
    # The chosen steps guarantee the worst moments were hit, whatever the timing.
    assert phases.get("applied on the server only", 0) >= CI_KILLS // 3
    print("phases after the kills:", phases)


def _versions(laptop: Engine) -> list[object]:
    with laptop.connect() as connection:
        return list(connection.scalars(select(EstimateRow.id)))

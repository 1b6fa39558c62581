"""SIGKILL during saves loses nothing acknowledged and leaves nothing half-written
(reliability.md, promise 1).

A child process (``tests.reliability.crash_writer``) edits estimates through the real
services and reports each save once the service has returned; the parent kills it at a
random moment, then checks the database as the next start would find it: integrity, every
acknowledged save present, the audit chain intact, no estimate half-written. The next child
carries on from whatever is on disk. Seeded, so a failure replays; the assertions hold
whatever the timing.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import signal
import sqlite3
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from estimator.domain.workflow import EstimateStatus
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.rows import (
    AuditRow,
    CaseRow,
    EstimateLineRow,
    EstimateRow,
    GuaranteeCertificateRow,
)
from estimator.services import estimate_store
from estimator.services.audit import verify_audit
from estimator.services.guarantee import certificate_of, qualify
from tests.conftest import demo_copy
from tests.reliability import crash_writer
from tests.reliability.crash_writer import CLAIM_PREFIX, MARK

#: Kills in CI; ``--runslow`` runs the promise's full count.
CI_KILLS = 50
FULL_KILLS = 250
#: Writers are forked from a server that imported the writer once (a fresh ``python -m`` each
#: time spent most of the test's CPU importing); each still opens the database anew.
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["tests.reliability.crash_writer"])
PENDING_STATUS = {"submit": EstimateStatus.SUBMITTED, "approve": EstimateStatus.APPROVED}


@dataclass
class EstimateState:
    """What the writer reported of one estimate version: acknowledged, and in flight."""

    gen: int = 0
    status: EstimateStatus = EstimateStatus.DRAFT
    pending_gen: int | None = None
    pending_status: EstimateStatus | None = None


@dataclass
class Ledger:
    """Everything the writers reported, as the parent reads it."""

    estimates: dict[str, EstimateState] = field(default_factory=dict)
    claims: set[str] = field(default_factory=set)
    acks: int = 0
    in_flight_kills: int = 0
    #: Approved versions whose guarantee (or its absence) has been checked, and how many of
    #: them carry a certificate.
    guarantee_checked: set[str] = field(default_factory=set)
    certified: int = 0

    def read(self, events: list[dict[str, object]]) -> None:
        """Apply one child's reports, in order."""
        in_flight = False
        for event in events:
            if event["op"] == "ready":
                continue
            action = str(event["action"])
            in_flight = event["op"] == "intent"
            if action == "create":
                if event["op"] == "ack":
                    self.claims.add(str(event["claim_no"]))
                    self.estimates[str(event["estimate"])] = EstimateState()
                    self.acks += 1
                continue
            state = self.estimates.setdefault(str(event["estimate"]), EstimateState())
            if event["op"] == "intent":
                if action == "edit":
                    state.pending_gen = int(str(event["gen"]))
                elif action in ("submit", "approve"):
                    state.pending_status = PENDING_STATUS[action]
                continue
            self.acks += 1
            state.pending_gen = state.pending_status = None
            if action == "edit":
                state.gen = int(str(event["gen"]))
            elif action == "submit":
                state.status = EstimateStatus.SUBMITTED
            elif action == "approve":
                state.status = EstimateStatus.APPROVED
            elif action == "supplement":
                self.estimates[str(event["supplement"])] = EstimateState(gen=state.gen)
        self.in_flight_kills += in_flight


def run_writer_until_killed(
    database: Path, seed: int, rng: random.Random
) -> list[dict[str, object]]:
    """Start a writer, SIGKILL it at a random moment, return every line it had reported."""
    reader, writer = FORKS.Pipe(duplex=False)
    child = FORKS.Process(target=crash_writer.run_reporting_to, args=(writer, database, seed))
    child.start()
    writer.close()  # the child's end: the reader sees the end of the pipe when the child dies
    reported: list[bytes] = []
    if rng.random() < 0.1:
        # Now and then during start-up, while the database is being opened and recovered.
        time.sleep(rng.uniform(0, 0.3))
    else:
        # After a random number of reported lines (so the work gets done however loaded the
        # machine is), then a few milliseconds more: into a save, or between two.
        for _ in range(1 + rng.randint(0, 12)):
            try:
                reported.append(reader.recv_bytes())
            except EOFError:
                child.join(timeout=30)
                pytest.fail(f"the writer ended by itself (exit code {child.exitcode})")
    time.sleep(rng.uniform(0, 0.03))
    child.kill()
    # To the end of the pipe: nothing sent before the kill is lost.
    while True:
        try:
            reported.append(reader.recv_bytes())
        except EOFError:
            break
        except OSError:
            break  # a message cut short by the kill: never reported
    reader.close()
    child.join(timeout=30)
    assert child.exitcode == -signal.SIGKILL, child.exitcode
    # A line cut short by the kill was never reported; every whole line was.
    return [json.loads(line) for line in reported if line.endswith(b"\n")]


def check_after_kill(database: Path, ledger: Ledger) -> None:
    """The database as the next start finds it: intact, complete, consistent."""
    raw = sqlite3.connect(database)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        raw.close()
    engine = create_database_engine(sqlite_url(database))
    try:
        check = verify_audit(engine)
        assert check.ok, check
        with engine.connect() as connection:
            claims = set(connection.execute(select(CaseRow.claim_no)).scalars())
        assert ledger.claims <= claims, ledger.claims - claims
        stored_versions = harness_states(engine)
        for estimate_id, state in ledger.estimates.items():
            stored_gen, stored_status = stored_versions[estimate_id]
            allowed_gens = {state.gen, state.pending_gen}
            assert stored_gen in allowed_gens, (estimate_id, stored_gen, state)
            allowed_status = {state.status, state.pending_status}
            assert stored_status in allowed_status, (estimate_id, stored_status, state)
            # What is on disk now is durable: the next writer carries on from it.
            state.gen, state.status = stored_gen, stored_status
            state.pending_gen = state.pending_status = None
        # A save committed but killed before its acknowledgement (a new case, a supplement)
        # is durable all the same: the next writer carries on from it, so it joins the ledger.
        for version_id, (stored_gen, stored_status) in stored_versions.items():
            if version_id not in ledger.estimates:
                ledger.estimates[version_id] = EstimateState(stored_gen, stored_status)
        check_no_half_written_estimate(engine)
        check_every_guarantee_issued(engine, ledger)
    finally:
        engine.dispose()


def harness_versions(engine: Engine) -> list[object]:
    """The ids of every version of the harness's cases."""
    with engine.connect() as connection:
        return list(
            connection.execute(
                select(EstimateRow.id)
                .join(CaseRow, CaseRow.id == EstimateRow.case_id)
                .where(CaseRow.claim_no.like(f"{CLAIM_PREFIX}%"))
            ).scalars()
        )


def harness_states(engine: Engine) -> dict[str, tuple[int, EstimateStatus]]:
    """(generation, status) of every version of the harness's cases, read in one query: what
    ``crash_writer.generation`` finds in a loaded estimate (its one mark line), without loading
    each estimate whole after every kill (that was a third of the parent's CPU)."""
    marks: dict[str, list[str]] = {}
    statuses: dict[str, EstimateStatus] = {}
    with engine.connect() as connection:
        rows = connection.execute(
            select(EstimateRow.id, EstimateRow.status, EstimateLineRow.description)
            .join(CaseRow, CaseRow.id == EstimateRow.case_id)
            .outerjoin(
                EstimateLineRow,
                (EstimateLineRow.estimate_id == EstimateRow.id)
                & EstimateLineRow.description.startswith(MARK),
            )
            .where(CaseRow.claim_no.like(f"{CLAIM_PREFIX}%"))
        ).all()
    for version_id, status, description in rows:
        statuses[str(version_id)] = EstimateStatus(status)
        found = marks.setdefault(str(version_id), [])
        if description is not None:
            found.append(description)
    for version_id, found in marks.items():
        assert len(found) == 1, (version_id, found)
    return {
        version_id: (int(found[0].removeprefix(MARK)), statuses[version_id])
        for version_id, found in marks.items()
    }


def check_no_half_written_estimate(engine: Engine) -> None:
    """Each harness version's lines, totals and last audited save agree with each other."""
    with engine.connect() as connection:
        versions = connection.execute(
            select(EstimateRow.id, EstimateRow.total, EstimateRow.totals_json)
            .join(CaseRow, CaseRow.id == EstimateRow.case_id)
            .where(CaseRow.claim_no.like(f"{CLAIM_PREFIX}%"))
        ).all()
        for version in versions:
            positions = list(
                connection.execute(
                    select(EstimateLineRow.position)
                    .where(EstimateLineRow.estimate_id == version.id)
                    .order_by(EstimateLineRow.position)
                ).scalars()
            )
            assert positions == list(range(len(positions))), (version.id, positions)
            assert Decimal(json.loads(version.totals_json)["total"]) == version.total
            last_edit = connection.execute(
                select(AuditRow.detail)
                .where(AuditRow.entity == "estimate", AuditRow.entity_id == str(version.id))
                .where(AuditRow.action == "edit")
                .order_by(AuditRow.seq.desc())
                .limit(1)
            ).scalar()
            if last_edit is not None:
                audited = json.loads(last_edit)
                assert audited["lines"] == len(positions), (version.id, audited, positions)
                assert Decimal(audited["total"]) == version.total, (version.id, audited)


def check_every_guarantee_issued(engine: Engine, ledger: Ledger) -> None:
    """Every approved harness version that qualifies has exactly one certificate, bound to
    its approved content; nothing else has one. An approved version, once checked, is not
    checked again (it cannot change), so the check costs about the same each kill."""
    with engine.connect() as connection:
        counts = dict(
            connection.execute(
                select(GuaranteeCertificateRow.estimate_id, func.count()).group_by(
                    GuaranteeCertificateRow.estimate_id
                )
            ).all()
        )
    for version_id in harness_versions(engine):
        if str(version_id) in ledger.guarantee_checked:
            continue
        stored = estimate_store.load_estimate(engine, version_id)
        if stored.status is not EstimateStatus.APPROVED:
            assert counts.get(version_id, 0) == 0, (version_id, stored.status)
            continue
        due = stored.estimate.partner and not qualify(engine, version_id)
        assert counts.get(version_id, 0) == (1 if due else 0), (version_id, due)
        if due:
            found = certificate_of(engine, version_id)
            assert found is not None and found.matches, (version_id, found)
            ledger.certified += 1
        ledger.guarantee_checked.add(str(version_id))


def kill_repeatedly(database: Path, kills: int, seed: int) -> Ledger:
    rng = random.Random(seed)
    ledger = Ledger()
    for round_no in range(kills):
        ledger.read(run_writer_until_killed(database, seed * 10_000 + round_no, rng))
        check_after_kill(database, ledger)
    return ledger


def test_sigkill_during_saves_loses_no_acknowledged_save(
    demo_template: Path, tmp_path: Path
) -> None:
    # A copy of the session's demo database (building one costs seconds of CPU).
    database = demo_copy(demo_template, tmp_path / "crash.sqlite3")
    ledger = kill_repeatedly(database, CI_KILLS, seed=11)
    # Saves were acknowledged, and kills did land in the middle of one.
    assert ledger.acks > CI_KILLS
    assert ledger.in_flight_kills > 0
    # Some approvals were at the partner shop and carry their certificate.
    assert ledger.certified > 0


@pytest.mark.slow
def test_sigkill_during_saves_full_count(demo_template: Path, tmp_path: Path) -> None:
    database = demo_copy(demo_template, tmp_path / "crash.sqlite3")
    ledger = kill_repeatedly(database, FULL_KILLS, seed=2026)
    assert ledger.acks > FULL_KILLS
    assert ledger.in_flight_kills > 0
    assert ledger.certified > 0

"""The writer the crash harness kills: edits estimates through the real services, forever.

Run as ``python -m tests.reliability.crash_writer DATABASE SEED``. Before each save it prints
an ``intent`` line, after the service has returned (the transaction committed) an ``ack``
line, both JSON and flushed at once, so the parent knows exactly which saves were reported
as done when it sends SIGKILL. It continues from whatever the database holds, as a
restarted workstation would.
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from multiprocessing.connection import Connection
from pathlib import Path

from sqlalchemy import Engine

from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services import case_list, estimate_store, settlement, workflow
from estimator.services.demo import sample_file
from estimator.services.users import find_user

#: Claim numbers of the harness's cases start with this, so they are told from the demo's.
CLAIM_PREFIX = "RDAA20263399"
#: The sublet line whose description carries the save's generation number.
MARK = "crash-gen-"
EDITS_PER_CASE = 4
VERSIONS_PER_CASE = 2

# Read once where the harness's forkserver imports this module, not in each forked writer: the
# first review of a process reads the shipped depreciation workbook (openpyxl and numpy
# imported, the sheet parsed: ~0.5 s of CPU), which half the writers reached before the kill.
settlement.shipped_table()


def generation(estimate: estimate_store.StoredEstimate) -> int:
    """The generation number written by the last save of this estimate."""
    marks = [
        line.description for line in estimate.estimate.lines if line.description.startswith(MARK)
    ]
    assert len(marks) == 1, marks
    return int(marks[0].removeprefix(MARK))


def _to_stdout(line: bytes) -> None:
    sys.stdout.buffer.write(line)
    sys.stdout.flush()


#: Where the reports go: standard output, or the pipe of ``run_reporting_to``.
_send: Callable[[bytes], None] = _to_stdout


def report(**fields: object) -> None:
    """One JSON line, sent at once: the parent reads it even if we die right after."""
    _send((json.dumps(fields) + "\n").encode())


def run_reporting_to(connection: Connection, database: Path, seed: int) -> None:
    """``main``, reporting each line as one message on ``connection``: the harness forks
    writers from a process that imported this module once (a start-up of ``python -m`` cost
    ~0.9 s of CPU in imports, 50 times a test)."""
    global _send
    _send = connection.send_bytes
    main(database, seed)


def edited_lines(
    stored: estimate_store.StoredEstimate, gen: int, rng: random.Random
) -> tuple[list[EstimateLine], list[uuid.UUID | None]]:
    """Random quantities, a line dropped or not, and the generation mark moved on."""
    lines: list[EstimateLine] = []
    keys: list[uuid.UUID | None] = []
    for line, key in zip(stored.estimate.lines, stored.line_keys, strict=True):
        if line.description.startswith(MARK):
            continue
        if line.kind is LineKind.MATERIAL:
            line = replace(line, qty=Decimal(rng.randint(1, 40)))
        elif line.kind is LineKind.PART and rng.random() < 0.5:
            line = replace(line, qty=Decimal(rng.randint(1, 3)))
        lines.append(line)
        keys.append(key)
    if len(lines) > 3 and rng.random() < 0.3:
        drop = rng.randrange(len(lines))
        del lines[drop], keys[drop]
    lines.append(
        EstimateLine(
            LineKind.SUBLET,
            description=f"{MARK}{gen}",
            amount=Decimal(rng.randint(100, 99999)) / 100,
        )
    )
    keys.append(None)
    return lines, keys


def new_case(engine: Engine, rng: random.Random) -> str:
    """Import a new case's draft (the demo estimate with a fresh claim number)."""
    document = json.loads(sample_file("demo_estimate.json").read_text(encoding="utf-8"))
    claim_no = f"{CLAIM_PREFIX}{rng.randrange(10**8):08d}"
    document["claim_no"] = claim_no
    if rng.random() < 0.5:
        # The demo's partner-shop case (its shop's agreement is valid, its parts priced as
        # agreed): approving it issues the guarantee certificate in the same transaction.
        document["lines"] = document["lines"][:2]
    document["lines"].append({"kind": "sublet", "description": f"{MARK}0", "amount": "1.00"})
    report(op="intent", action="create", claim_no=claim_no)
    created = estimate_store.import_estimate(
        engine, json.dumps(document, ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None, created.problems
    report(op="ack", action="create", claim_no=claim_no, estimate=str(created.estimate_id), gen=0)
    return str(created.estimate_id)


def main(database: Path, seed: int) -> None:
    """Edit, submit, approve and supplement cases until killed."""
    rng = random.Random(seed)
    engine = create_database_engine(sqlite_url(database))
    user, reviewer = find_user(engine, "wang"), find_user(engine, "li")
    assert user is not None and reviewer is not None
    drafts = [
        c
        for c in case_list.list_cases(engine)
        if c.claim_no.startswith(CLAIM_PREFIX) and c.status is EstimateStatus.DRAFT
    ]
    estimate_id = str(drafts[0].estimate_id) if drafts else None
    report(op="ready")
    while True:
        if estimate_id is None:
            estimate_id = new_case(engine, rng)
        stored = estimate_store.load_estimate(engine, estimate_id)
        gen = generation(stored) + 1
        if gen > EDITS_PER_CASE * stored.version_no:
            # Done with this version: submit, approve, and a supplement or a new case.
            report(op="intent", action="submit", estimate=estimate_id)
            workflow.submit(engine, estimate_id, user)
            report(op="ack", action="submit", estimate=estimate_id)
            report(op="intent", action="approve", estimate=estimate_id)
            workflow.approve(engine, estimate_id, reviewer, "核对无误")
            report(op="ack", action="approve", estimate=estimate_id)
            if stored.version_no >= VERSIONS_PER_CASE:
                estimate_id = None
                continue
            report(op="intent", action="supplement", estimate=estimate_id)
            supplement = str(workflow.supplement(engine, estimate_id, user))
            report(op="ack", action="supplement", estimate=estimate_id, supplement=supplement)
            estimate_id = supplement
            continue
        lines, keys = edited_lines(stored, gen, rng)
        report(op="intent", action="edit", estimate=estimate_id, gen=gen)
        priced = estimate_store.replace_lines(engine, estimate_id, lines, user, keys)
        assert priced.totals is not None
        report(
            op="ack",
            action="edit",
            estimate=estimate_id,
            gen=gen,
            lines=len(lines),
            total=str(priced.totals.total),
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))

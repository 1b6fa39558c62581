"""The people of the team load test (benchmarks/team.py), each run in a process of its own
with its own engine: assessors, reviewers, a maintainer and a manager calling the product's
services as the screens do, never SQL of their own.

Every call is recorded as one JSON line in the actor's own file: the operation, its
wall-clock seconds and its outcome (``ok``, ``stale`` for a save refused because someone
saved first, ``error`` for anything unexpected). An acknowledged save is recorded with what
it saved: the estimate and each marker line it wrote with its quantity. A marker line
(辅料 "标记 <actor>-<n>") is written and changed only by its assessor, and no save removes
one, so the parent can check afterwards that the database holds every acknowledged save.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

# At the top, so that the forkserver loads them once and every actor forks with them (an
# actor importing them itself would spend its first seconds of CPU on it, all at once).
from sqlalchemy.orm import configure_mappers

from estimator.domain.errors import DomainError
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.workflow import EstimateStatus
from estimator.persistence.database import create_database_engine
from estimator.services.case_list import list_cases
from estimator.services.catalog import import_catalog, search_parts
from estimator.services.demo import sample_file
from estimator.services.estimate_store import (
    EditConflict,
    import_estimate,
    load_estimate,
    replace_lines,
)
from estimator.services.indicators import indicators_document
from estimator.services.review import review_estimate
from estimator.services.review_queue import take_for_review
from estimator.services.users import find_user
from estimator.services.workflow import approve, return_estimate, submit

#: What an assessor searches by pinyin initials and by part number (the demo catalog's).
#: Each finds at least one part (tests/benchmarks/test_team.py checks it).
PINYIN_QUERIES = ("qbxg", "qbx", "zqd", "yzb", "fdj", "hsj")
NUMBER_QUERIES = ("52119", "81130", "52119-0K280", "14068", "18386", "5211")
#: The words of a return and of an approval (reviewers always give one).
RETURN_REASON = "请补充损失部位照片"
APPROVE_REASON = "已核对配件价格与工时"
#: The marker lines' prefix (辅料 description) and unit price.
MARKER = "标记"


@dataclass(frozen=True)
class ActorSpec:
    """One actor: who, against which database, when to start and stop, how to think."""

    kind: str  # assessor, reviewer, maintainer, manager
    username: str
    url: str
    out: str
    seed: int
    start_at: float  # given as 0 and the length; the actor adds the time of the common start
    stop_at: float
    think_mean: float = 2.0
    max_ops: int = 10_000
    partner: str = ""  # assessors: the colleague whose drafts they sometimes help with
    workbook: str = ""  # maintainer: the price list to import
    import_at: float = 0.0  # after the start, as stop_at
    report_every: float = 60.0


def claim_prefix(username: str) -> str:
    """The claim numbers an assessor's cases get (the colleague finds them by it)."""
    return f"TL{username.upper()}-"


class Recorder:
    """Writes the actor's JSON lines, one per operation or acknowledgement."""

    def __init__(self, path: str) -> None:
        self.file: IO[str] = Path(path).open("a", encoding="utf-8")  # noqa: SIM115 - closed in close()
        self.ops = 0

    def write(self, record: dict[str, Any]) -> None:
        self.file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.file.flush()

    def timed(
        self, op: str, call: Callable[[], Any], refused: tuple[type[Exception], ...] = ()
    ) -> Any:
        """Run ``call``, record its latency and outcome; re-raise what it raised (an
        exception of ``refused`` is an expected refusal, not an error)."""

        self.ops += 1
        start = time.perf_counter()
        try:
            value = call()
        except EditConflict:
            self.write({"op": op, "s": time.perf_counter() - start, "out": "stale"})
            raise
        except refused:
            self.write({"op": op, "s": time.perf_counter() - start, "out": "refused"})
            raise
        except Exception as error:
            self.write(
                {"op": op, "s": time.perf_counter() - start, "out": "error", "error": repr(error)}
            )
            raise
        self.write({"op": op, "s": time.perf_counter() - start, "out": "ok", "t": time.time()})
        return value

    def close(self) -> None:
        self.file.close()


class _Actor:
    """What every actor has: its spec, engine, user, recorder and seeded randomness."""

    def __init__(self, spec: ActorSpec) -> None:

        self.spec = spec
        self.engine = create_database_engine(spec.url, migrate=False)
        user = find_user(self.engine, spec.username)
        if user is None:
            raise RuntimeError(f"no user {spec.username}")
        self.user = user
        self.rec = Recorder(spec.out)
        self.rng = random.Random(spec.seed)

    def warm_up(self) -> None:
        """Before the common start, unrecorded: the reads every actor makes once, so the
        figures are of a working day and not of forty processes' first calls at once."""
        search_parts(self.engine, PINYIN_QUERIES[0])
        cases = list_cases(self.engine)
        if cases:
            load_estimate(self.engine, cases[0].estimate_id)
            review_estimate(self.engine, cases[0].estimate_id)

    def time_left(self) -> bool:
        return time.time() < self.spec.stop_at and self.rec.ops < self.spec.max_ops

    def think(self, scale: float = 1.0) -> None:
        """A seeded exponential pause, cut at the stop time."""
        pause = self.rng.expovariate(1.0 / (self.spec.think_mean * scale))
        time.sleep(max(0.0, min(pause, self.spec.stop_at - time.time())))

    def guarded(self, step: Callable[[], None]) -> None:
        """One step of the loop; an unexpected exception was recorded by ``timed`` and the
        actor goes on (an error is counted, never hidden)."""
        try:
            step()
        except Exception as error:  # noqa: BLE001 - recorded; the load goes on
            self.rec.write({"op": "step", "s": 0.0, "out": "error", "error": repr(error)})


class Assessor(_Actor):
    """Searches parts, creates or opens a case, adds lines, changes a quantity, submits,
    answers a return; sometimes helps a colleague with a draft (where stale saves come from)."""

    def __init__(self, spec: ActorSpec) -> None:
        super().__init__(spec)

        self.base = json.loads(sample_file("demo_estimate.json").read_text(encoding="utf-8"))
        self.created = 0
        self.markers = 0
        self.drafts: dict[str, int] = {}  # own draft -> saves still to make before submit

    def loop(self) -> None:
        while self.time_left():
            self.guarded(self.step)
            self.think()

    def step(self) -> None:

        rec, rng = self.rec, self.rng
        rec.timed("search_pinyin", lambda: search_parts(self.engine, rng.choice(PINYIN_QUERIES)))
        self.think(0.3)
        rec.timed("search_number", lambda: search_parts(self.engine, rng.choice(NUMBER_QUERIES)))
        returned = self.own_returned()
        if returned:
            self.edit(returned, own=True)
            rec.timed("resubmit", lambda: self.submit(returned))
            return
        if self.spec.partner and rng.random() < 0.25:
            helped = self.partner_draft()
            if helped:
                self.edit(helped, own=False)
                return
        if not self.drafts or rng.random() < 0.3:
            created = rec.timed("create", self.create)
            self.drafts[created] = rng.randint(1, 3)
        estimate = rng.choice(sorted(self.drafts))
        self.edit(estimate, own=True)
        self.drafts[estimate] -= 1
        if self.drafts[estimate] <= 0:
            del self.drafts[estimate]
            rec.timed("submit", lambda: self.submit(estimate))

    def own_returned(self) -> str | None:

        found = self.rec.timed(
            "case_list",
            lambda: list_cases(
                self.engine, claim_prefix(self.user.username), status=EstimateStatus.RETURNED
            ),
        )
        return str(found[0].estimate_id) if found else None

    def partner_draft(self) -> str | None:

        found = self.rec.timed(
            "case_list",
            lambda: list_cases(
                self.engine, claim_prefix(self.spec.partner), status=EstimateStatus.DRAFT
            ),
        )
        return str(self.rng.choice(found).estimate_id) if found else None

    def create(self) -> str:

        self.created += 1
        lines = self.base["lines"]
        start = self.rng.randint(0, 3)
        document = {
            **self.base,
            "claim_no": f"{claim_prefix(self.user.username)}{self.created:05d}",
            "lines": lines[start : start + self.rng.randint(3, 6)],
            "vehicle": {**self.base["vehicle"], "plate": f"浙T{self.rng.randint(10000, 99999)}"},
        }
        made = import_estimate(
            self.engine, json.dumps(document, ensure_ascii=False), actor=self.user.username
        )
        if made.estimate_id is None:
            raise RuntimeError(f"not imported: {made.problems[:2]}")
        return str(made.estimate_id)

    def submit(self, estimate: str) -> None:

        submit(self.engine, estimate, self.user)

    def edit(self, estimate: str, *, own: bool) -> None:
        """Open, think (the editing), add a marker line and change one of one's markers'
        quantity, save; a stale save is reloaded and the edit re-applied on it."""

        base = self.rec.timed("open", lambda: load_estimate(self.engine, estimate))
        # Helping a colleague, the draft may be submitted meanwhile: the save is then
        # refused as not editable (the editor shows it read-only), which is not an error.
        refused = () if own else (DomainError,)
        self.markers += 1
        new_marker = f"{MARKER} {self.user.username}-{self.markers}"
        mine = [
            line.description
            for line in base.estimate.lines
            if line.description.startswith(f"{MARKER} {self.user.username}-")
        ]
        changed = (self.rng.choice(mine), Decimal(self.rng.randint(1, 9))) if mine else None
        self.think(0.5)
        for attempt in range(4):
            try:
                saved = self.rec.timed(
                    "save" if attempt == 0 else "save_reapplied",
                    lambda b=base: self.save(b, new_marker, changed),
                    refused,
                )
            except EditConflict as conflict:
                self.rec.write({"op": "stale_resolved", "s": 0.0, "out": "ok"})
                base = conflict.theirs  # what the refusal showed: re-apply on it
                continue
            except DomainError:
                if own:
                    raise
                return
            self.rec.write({"ack": estimate, "markers": saved, "own": own})
            return
        raise RuntimeError(f"four stale saves in a row on {estimate}")

    def save(
        self, base: Any, new_marker: str, changed: tuple[str, Decimal] | None
    ) -> dict[str, str]:

        lines = list(base.estimate.lines)
        acked: dict[str, str] = {}
        if changed is not None:
            for position, line in enumerate(lines):
                if line.description == changed[0]:
                    lines[position] = replace(line, qty=changed[1])
                    acked[changed[0]] = str(changed[1])
        qty = Decimal(self.rng.randint(1, 5))
        lines.append(
            EstimateLine(
                LineKind.MATERIAL, qty=qty, unit_price=Decimal("1.00"), description=new_marker
            )
        )
        acked[new_marker] = str(qty)
        keys: list[uuid.UUID | None] = [*base.line_keys, None]
        replace_lines(self.engine, base.id, lines, self.user, keys=keys, based_on=base)
        return acked


class Reviewer(_Actor):
    """Takes the next from the review queue, looks (load and findings), approves or returns."""

    def loop(self) -> None:
        while self.time_left():
            self.guarded(self.step)
            self.think()

    def step(self) -> None:

        taken = self.rec.timed("take_next", lambda: take_for_review(self.engine, self.user))
        if taken is None:
            return
        self.rec.write({"take": str(taken)})
        self.rec.timed("review_open", lambda: load_estimate(self.engine, taken))
        self.rec.timed("findings", lambda: review_estimate(self.engine, taken))
        self.think(0.5)
        if self.rng.random() < 0.25:
            self.rec.timed(
                "return", lambda: return_estimate(self.engine, taken, self.user, RETURN_REASON)
            )
        else:
            self.rec.timed(
                "approve", lambda: approve(self.engine, taken, self.user, APPROVE_REASON)
            )


class Maintainer(_Actor):
    """Imports the price list once, in the middle of the run."""

    def loop(self) -> None:

        time.sleep(max(0.0, self.spec.import_at - time.time()))
        path = Path(self.spec.workbook)

        def run() -> None:
            result = import_catalog(self.engine, path, actor=self.user)
            if result.status != "imported":
                raise RuntimeError(f"price list not imported: {result.status}")

        self.guarded(lambda: self.rec.timed("price_import", run))


class Manager(_Actor):
    """Runs the indicators report of the last 30 days every ``report_every`` seconds."""

    def report(self) -> object:

        today = dt.date.today()
        return indicators_document(self.engine, today - dt.timedelta(days=30), today)

    def loop(self) -> None:
        while self.time_left():
            self.guarded(lambda: self.rec.timed("indicators", self.report))
            time.sleep(max(0.0, min(self.spec.report_every, self.spec.stop_at - time.time())))


KINDS: dict[str, type[_Actor]] = {
    "assessor": Assessor,
    "reviewer": Reviewer,
    "maintainer": Maintainer,
    "manager": Manager,
}


def run_actor(spec: ActorSpec, ready: Any) -> None:
    """A process's entry point: come up and warm up, wait at ``ready`` (a barrier) for
    everyone else, play the part from that common start for the spec's length, stop."""
    actor = KINDS[spec.kind](spec)
    try:
        actor.warm_up()
        ready.wait()
        now = time.time()
        actor.spec = replace(
            spec, start_at=now, stop_at=now + spec.stop_at, import_at=now + spec.import_at
        )
        actor.loop()  # type: ignore[attr-defined]
    finally:
        actor.rec.close()
        actor.engine.dispose()


# The ORM's mappers are configured once per process, at a second of CPU: here, in the
# forkserver that imports this module, so that every actor forks with it done.
configure_mappers()

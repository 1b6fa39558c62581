"""team: a branch's day on one PostgreSQL server (issue #24). Assessors, reviewers, a
maintainer importing a price list and a manager reading the indicators, each a process of
its own running the product's services (benchmarks/team_actors.py), against a throwaway
server on loopback (benchmarks/pg_server.py) or the one ``--postgresql URL`` names.

It reports throughput, latency per operation, stale saves and errors, then checks that
every acknowledged save is stored, the audit chain verifies, no submission was taken by two
reviewers and no version was approved by anyone who wrote it."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import multiprocessing
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select
from sqlalchemy.engine import make_url

from benchmarks.harness import Result, ms, percentile
from benchmarks.team_actors import ActorSpec, run_actor

#: Loopback host names a URL may give without being named explicitly.
LOOPBACK = {"127.0.0.1", "localhost", "::1", ""}
#: Who the demo data makes that the run uses: the maintainer and the manager.
MAINTAINER, MANAGER = "admin", "zhou"
PASSWORD = "team-load-1"


@dataclass(frozen=True)
class Plan:
    """The size and length of one run."""

    assessors: int = 40
    reviewers: int = 6
    seconds: float = 300.0
    seed: int = 1
    price_rows: int = 100_000
    think_scale: float = 1.0  # 1: assessors think ~2 s, reviewers ~3 s
    report_every: float = 60.0
    #: The floor: first one assessor and one reviewer alone on a copy of the same database for
    #: this long (0: none); each operation's p95 under load is reported as a ratio of theirs.
    floor_seconds: float = 30.0
    #: A floor run: no maintainer's import, no manager's reports.
    alone: bool = False

    @classmethod
    def quick(cls, seed: int = 1) -> Plan:
        """The CI size: ~8 assessors, 2 reviewers, 30 seconds, a 10,000-row price list."""
        return cls(8, 2, 30.0, seed, 10_000, 0.5, 10.0, floor_seconds=10.0)


@dataclass
class Outcome:
    """What a run measured and what its checks found."""

    plan: Plan
    elapsed: float
    records: list[dict[str, Any]]
    acks: list[dict[str, Any]]
    checks: dict[str, str] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [r for r in self.records if r.get("out") == "error"]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.errors


def assessor_name(index: int) -> str:
    return f"a{index:03d}"


def reviewer_name(index: int) -> str:
    return f"r{index:03d}"


def check_url(url: str, explicit: bool) -> None:
    """Refuse a server that is not on loopback unless it was named explicitly."""
    host = make_url(url).host or ""
    if host not in LOOPBACK and not explicit:
        raise SystemExit(f"team load test: {host} is not loopback (name it with --postgresql)")


def prepare_database(url: str, assessors: int, reviewers: int) -> None:
    """Migrate, load the demo's catalog, labor standard, shops and people (unless there),
    and create the run's assessors and reviewers (those missing)."""
    from estimator.domain.workflow import Role
    from estimator.persistence.database import create_database_engine
    from estimator.services.demo import load_demo_data
    from estimator.services.users import create_user, find_user, has_users

    engine = create_database_engine(url)
    try:
        if not has_users(engine):
            load_demo_data(engine)
        people = [(assessor_name(i), Role.ASSESSOR) for i in range(1, assessors + 1)]
        people += [(reviewer_name(i), Role.REVIEWER) for i in range(1, reviewers + 1)]
        for name, role in people:
            if find_user(engine, name) is None:
                create_user(engine, name, PASSWORD, {role}, display_name=name, actor="bench")
    finally:
        engine.dispose()


def price_workbook(rows: int) -> Path:
    """The cached synthetic price list (catalog workbook) of ``rows`` rows."""
    from benchmarks.catalog_import import catalog_workbook

    return catalog_workbook(rows)


def _specs(plan: Plan, url: str, folder: Path, start: float) -> list[ActorSpec]:
    stop = start + plan.seconds
    specs = []
    for i in range(1, plan.assessors + 1):
        partner = assessor_name(i + 1 if i % 2 else i - 1) if plan.assessors > 1 else ""
        if partner == assessor_name(plan.assessors + 1):
            partner = ""
        specs.append(
            ActorSpec(
                "assessor",
                assessor_name(i),
                url,
                str(folder / f"{assessor_name(i)}.jsonl"),
                plan.seed * 1000 + i,
                start,
                stop,
                2.0 * plan.think_scale,
                partner=partner,
            )
        )
    for i in range(1, plan.reviewers + 1):
        specs.append(
            ActorSpec(
                "reviewer",
                reviewer_name(i),
                url,
                str(folder / f"{reviewer_name(i)}.jsonl"),
                plan.seed * 1000 + 500 + i,
                start,
                stop,
                3.0 * plan.think_scale,
            )
        )
    if plan.alone:
        return specs
    specs.append(
        ActorSpec(
            "maintainer",
            MAINTAINER,
            url,
            str(folder / "maintainer.jsonl"),
            plan.seed,
            start,
            stop,
            workbook=str(price_workbook(plan.price_rows)),
            import_at=start + plan.seconds * 0.4,
        )
    )
    specs.append(
        ActorSpec(
            "manager",
            MANAGER,
            url,
            str(folder / "manager.jsonl"),
            plan.seed,
            start,
            stop,
            report_every=plan.report_every,
        )
    )
    return specs


def drive(url: str, plan: Plan) -> Outcome:
    """Start every actor's process, wait for them to stop, read what they recorded."""
    context = multiprocessing.get_context("forkserver")
    # The server loads the services and the driver once; every actor forks ready to work.
    context.set_forkserver_preload(
        ["benchmarks.team_actors", "psycopg", "sqlalchemy.dialects.postgresql.psycopg"]
    )
    with tempfile.TemporaryDirectory(prefix="estimator-team-") as name:
        folder = Path(name)
        specs = _specs(plan, url, folder, 0.0)  # times after the common start
        # Everyone starts together once all have come up (a process that fails breaks it).
        ready = context.Barrier(len(specs) + 1, timeout=300)
        processes = [context.Process(target=run_actor, args=(s, ready)) for s in specs]
        for process in processes:
            process.start()
        while ready.n_waiting < len(specs):  # a process that ended before: no start
            if not all(p.is_alive() for p in processes):
                ready.abort()  # the others stop; the exit codes are reported below
                break
            time.sleep(0.05)
        with contextlib.suppress(threading.BrokenBarrierError):
            ready.wait()
        start = time.time()
        # Bounded: a call under way when the time is up finishes; the import may run longer.
        limit = start + plan.seconds + 600
        for process in processes:
            process.join(timeout=max(1.0, limit - time.time()))
        stragglers = [p for p in processes if p.is_alive()]
        for process in stragglers:
            process.kill()
            process.join()
        elapsed = time.time() - start
        records: list[dict[str, Any]] = []
        acks: list[dict[str, Any]] = []
        for spec, process in zip(specs, processes, strict=True):
            path = Path(spec.out)
            lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
            for line in lines:
                record = json.loads(line)
                record["actor"] = spec.username
                (acks if "ack" in record else records).append(record)
            if process.exitcode != 0:
                records.append(
                    {"op": "process", "s": 0.0, "out": "error", "actor": spec.username,
                     "error": f"exit code {process.exitcode}"}
                )  # fmt: skip
    return Outcome(plan, elapsed, records, acks)


def lost_saves(engine: Engine, acks: list[dict[str, Any]]) -> list[str]:
    """The acknowledged saves the database does not hold: each marker line as last
    acknowledged (its quantity) must be in its estimate as stored now."""
    from estimator.services.estimate_store import load_estimate

    expected: dict[str, dict[str, str]] = defaultdict(dict)
    for ack in acks:  # in each actor's order; a marker is only ever written by its actor
        expected[ack["ack"]].update(ack["markers"])
    lost = []
    for estimate, markers in expected.items():
        stored = load_estimate(engine, estimate)
        held = {line.description: line.qty for line in stored.estimate.lines}
        for marker, qty in markers.items():
            if held.get(marker) != Decimal(qty):
                lost.append(f"{estimate} {marker} qty {qty} (stored {held.get(marker)})")
    return lost


def _key(estimate_id: object) -> str:
    return uuid.UUID(str(estimate_id)).hex


def review_violations(engine: Engine) -> tuple[list[str], list[str]]:
    """Submissions taken by two reviewers, and approvals by someone who wrote the version,
    read from the audit trail and the case editors (a read-only check after the run)."""
    from estimator.persistence.rows import AuditRow, CaseEditorRow, EstimateRow

    with engine.connect() as connection:
        entries = connection.execute(
            select(AuditRow.entity_id, AuditRow.action, AuditRow.actor)
            .where(AuditRow.entity == "estimate")
            .order_by(AuditRow.seq)
        ).all()
        editors: dict[str, set[str]] = defaultdict(set)
        for estimate_id, created_by, username in connection.execute(
            select(EstimateRow.id, EstimateRow.created_by, CaseEditorRow.username).join(
                CaseEditorRow, CaseEditorRow.case_id == EstimateRow.case_id
            )
        ):
            editors[_key(estimate_id)] |= {created_by, username}
    rounds: dict[str, int] = defaultdict(int)
    takers: dict[tuple[str, int], set[str]] = defaultdict(set)
    wrote: dict[str, set[str]] = defaultdict(set)
    own: list[str] = []
    for entity_id, action, actor in entries:
        key = _key(entity_id)
        if action == "submit":
            rounds[key] += 1
        elif action == "edit":
            wrote[key].add(actor)
        elif action == "take_review":
            takers[(key, rounds[key])].add(actor)
        elif action == "approve" and actor in wrote[key] | editors[key]:
            own.append(f"{key} approved by {actor}")
    double = [f"{k[0]} round {k[1]}: {sorted(v)}" for k, v in takers.items() if len(v) > 1]
    return double, own


def check(engine: Engine, outcome: Outcome) -> Outcome:
    """Run the checks after the run; fills ``outcome.checks`` and ``outcome.failed``."""
    from estimator.services.audit import verify_audit

    outcome.checks.clear()
    outcome.failed.clear()
    lost = lost_saves(engine, outcome.acks)
    audit = verify_audit(engine)
    double, own = review_violations(engine)
    saves = sum(len(a["markers"]) for a in outcome.acks)
    findings = {
        "acknowledged saves stored": (not lost, f"{len(outcome.acks)} saves, {saves} marker "
                                      f"lines, {len(lost)} lost"),
        "audit chain verifies": (audit.ok, f"{audit.entries} entries {audit.reason}".strip()),
        "no submission taken by two reviewers": (not double, f"{len(double)} taken twice"),
        "no version approved by its author": (not own, f"{len(own)} approved by an author"),
        "errors": (not outcome.errors, f"{len(outcome.errors)}"),
    }  # fmt: skip
    for name, (passed, detail) in findings.items():
        outcome.checks[name] = ("pass " if passed else "FAIL ") + detail
        if not passed:
            outcome.failed.append(name)
    for sample in (lost + double + own)[:5]:
        outcome.checks[f"  e.g. {len(outcome.checks)}"] = sample
    return outcome


def p95_by_operation(records: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Each operation's latencies (seconds) of the calls that completed or were refused stale."""
    latencies: dict[str, list[float]] = defaultdict(list)
    for record in records:
        if record.get("out") in ("ok", "stale") and record["op"] not in ("stale_resolved", "step"):
            latencies[record["op"]].append(record["s"])
    return latencies


def results(outcome: Outcome, floor: Outcome | None = None) -> list[Result]:
    """The run's figures as benchmark results: throughput, latency per operation (against the
    same operation's p95 with one assessor and one reviewer alone, when ``floor`` ran), checks."""
    plan, minutes = outcome.plan, max(outcome.plan.seconds, 1.0) / 60
    size = f"{plan.assessors} assessors, {plan.reviewers} reviewers, {plan.seconds:.0f} s"
    ok = [r for r in outcome.records if r.get("out") == "ok"]
    count: dict[str, int] = defaultdict(int)
    for record in ok:
        count[record["op"]] += 1
    stale = sum(1 for r in outcome.records if r.get("out") == "stale")
    refused = sum(1 for r in outcome.records if r.get("out") == "refused")
    resolved = count["stale_resolved"]
    out = [
        Result("team_saves_per_min", round((count["save"] + count["save_reapplied"]) / minutes, 1),
               "/m", None, None, detail=size),
        Result("team_submissions_per_min",
               round((count["submit"] + count["resubmit"]) / minutes, 1), "/m", None, None,
               detail=f"{count['resubmit']} of them answering a return"),
        Result("team_approvals_per_min", round(count["approve"] / minutes, 1), "/m", None, None,
               detail=f"{count['return']} returned"),
        Result("team_stale_saves", stale, "", None, None,
               detail=f"{resolved} resolved by reloading and re-applying the edit; {refused} "
            "refused as no longer editable (a colleague's draft submitted meanwhile)"),
        Result("team_errors", len(outcome.errors), "", None, None, target="= 0",
               detail="; ".join(e.get("error", "")[:120] for e in outcome.errors[:3])),
    ]  # fmt: skip
    latencies = p95_by_operation(outcome.records)
    alone = p95_by_operation(floor.records) if floor is not None else {}
    for op in sorted(latencies):
        values = latencies[op]
        p50, p95, p99 = (ms(percentile(values, q)) for q in (0.5, 0.95, 0.99))
        base = ms(percentile(alone[op], 0.95)) if alone.get(op) else None
        ratio = round(p95 / base, 2) if base else None
        out.append(
            Result(f"team_{op}_p95", p95, "ms", base, ratio,
                   detail=f"p50 {p50} ms, p99 {p99} ms, {len(values)} calls"
                   + ("; floor: the same call alone" if base else ""))
        )  # fmt: skip
    for name, verdict in outcome.checks.items():
        out.append(Result(f"check: {name}"[:42], 0 if verdict.startswith("FAIL") else 1, "",
                          None, None, detail=verdict))  # fmt: skip
    return out


def run(
    plan: Plan, url: str | None = None, *, explicit: bool = False
) -> tuple[list[Result], Outcome]:
    """One run on ``url`` (prepared first) or on a throwaway server on loopback."""
    from estimator.persistence.database import create_database_engine

    server = None
    floor_url: str | None = None
    if url is None:
        from benchmarks.pg_server import PgServer

        server = PgServer().start()
        template = server.url("team_template")
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql("CREATE DATABASE team_template")
        prepare_database(template, plan.assessors, plan.reviewers)
        with admin.connect() as connection:
            connection.exec_driver_sql("CREATE DATABASE team_run TEMPLATE team_template")
            if plan.floor_seconds > 0:
                connection.exec_driver_sql("CREATE DATABASE team_floor TEMPLATE team_template")
        admin.dispose()
        url = server.url("team_run")
        floor_url = server.url("team_floor") if plan.floor_seconds > 0 else None
    else:
        check_url(url, explicit)
        prepare_database(url, plan.assessors, plan.reviewers)
        # On a given server the floor runs on the same database, before the day.
        floor_url = url if plan.floor_seconds > 0 else None
    try:
        floor = None
        if floor_url is not None:
            alone = dataclasses.replace(
                plan, assessors=1, reviewers=1, seconds=plan.floor_seconds, alone=True
            )
            floor = drive(floor_url, alone)
        outcome = drive(url, plan)
        engine = create_database_engine(url, migrate=False)
        try:
            check(engine, outcome)
        finally:
            engine.dispose()
        if floor is not None and floor.errors:
            outcome.failed.append("the floor run (one assessor alone) had errors")
            outcome.checks["floor run without errors"] = f"FAIL {len(floor.errors)} errors"
        return results(outcome, floor), outcome
    finally:
        if server is not None:
            server.remove()

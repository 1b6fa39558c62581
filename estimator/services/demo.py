"""The demo database: a fresh SQLite file loaded with the sample catalog, labor standard and
partner shops; the approved case at the partner shop carries the guarantee, and
``demo_invoice.xlsx`` is its shop's final invoice. With ``history`` (what ``estimator --demo``
opens, through demo_cache) it also holds three months of cases of six assessors and their
manager (demo_history); without it (the tests' template) only the five cases of today."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.workflow import Group, Role
from estimator.persistence.database import create_database_engine, default_data_dir, sqlite_url
from estimator.services.catalog import import_catalog
from estimator.services.demo_settled import load_settlement_cases
from estimator.services.demo_users import (
    DEMO_AUTHORITY,
    DEMO_FILE,
    DEMO_MAINTAINER,
    DEMO_USERS,
    HISTORY_ASSESSORS,
)
from estimator.services.estimate_store import import_estimate
from estimator.services.labor import import_labor_standard
from estimator.services.partners import import_partners
from estimator.services.users import User, create_user
from estimator.services.workflow import approve, record_event, return_estimate, submit
from kernel.clock import utcnow

__all__ = ["DEMO_FILE", "DEMO_USERS", "build_demo_database", "load_demo_data", "sample_file"]


def sample_file(name: str) -> Path:
    """A file of resources/sample_data as a path on disk."""
    return Path(str(resources.files("estimator.resources").joinpath("sample_data", name)))


def build_demo_database(
    path: Path | None = None,
    *,
    history: bool = False,
    now: dt.datetime | None = None,
    replay: bool = True,
) -> Path:
    """Create (or re-create) the demo database and load the sample data into it (with
    ``history``, the three months ending at ``now``, default the current time; without
    ``replay``, only the history's assessors: demo_pending replays their cases later)."""
    target = path or default_data_dir() / DEMO_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    engine = create_database_engine(sqlite_url(target))
    _unsynchronised(engine)
    try:
        load_demo_data(engine, history=history, now=now, replay=replay)
    finally:
        engine.dispose()
    return target


def _unsynchronised(engine: Engine) -> None:
    """The file being built waits for no disk flush at each commit (a build that is cut
    short is thrown away and made again; the demo cache copies it into a file of its own)."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    engine.dispose()  # the migration's connection was made before: open anew


def load_demo_data(
    engine: Engine,
    *,
    history: bool = False,
    now: dt.datetime | None = None,
    replay: bool = True,
) -> None:
    """Load the users, then (as the demo's maintainer, 管理员 ``admin``) the sample catalog,
    labor standard and partner shops, then the cases into an empty database (any engine: the
    demo file, or a PostgreSQL database for a test); with ``history``, the history's
    assessors and (unless ``replay`` is off) three months of their cases ending at ``now``,
    after today's cases: the order a first launch follows (the window opens on today's
    cases, the history comes in behind it, demo_pending)."""
    people = [
        (name, display, set(roles), password, Group.ORDINARY)
        for name, display, roles, password in DEMO_USERS
    ]
    if history:
        people += [
            (name, display, {Role.ASSESSOR}, password, group)
            for name, display, password, group in HISTORY_ASSESSORS
        ]

    def create(person: tuple[str, str, set[Role], str, Group]) -> User:
        name, display, roles, password, group = person
        authority = DEMO_AUTHORITY.get(name, Decimal("0.00"))
        return create_user(
            engine,
            name,
            password,
            roles,
            display_name=display,
            actor="demo",
            group=group,
            authority=authority,
        )

    maintainer = create(next(p for p in people if p[0] == DEMO_MAINTAINER))
    # The others on a second thread while the catalog is read: Argon2id's hashing (most of
    # their time) leaves Python's lock, so the two share the machine's cores.
    with ThreadPoolExecutor(1, thread_name_prefix="demo-people") as pool:
        others = pool.submit(lambda: [create(p) for p in people if p[0] != DEMO_MAINTAINER])
        for result in (
            import_catalog(engine, sample_file("demo_catalog.xlsx"), actor=maintainer),
            import_labor_standard(engine, sample_file("demo_labor.xlsx"), actor=maintainer),
            import_partners(engine, sample_file("demo_partners.xlsx"), actor=maintainer),
        ):
            if result.status != "imported":
                raise RuntimeError(f"the demo data did not import: {result.status}")
        users = {user.username: user for user in [maintainer, *others.result()]}
    _demo_cases(engine, users)
    if history and replay:
        from estimator.services.demo_history import load_history

        load_history(engine, users, now or utcnow())


#: The settlement data (settlement.md, Contract) of the base cases that have it, so that the
#: payout tab shows figures on opening them. The two drafts (0124, 0127) keep none: they are
#: where a user (and the tests) enter the vehicle's value and the policy by hand.
BASE_SETTLEMENT: dict[str, dict[str, Any]] = {
    # A two-vehicle collision: the insured bears main liability (主责 70 %), the other car
    # minor (次责) and carries compulsory cover, which pays 2,000.00 of the insured's loss.
    # No new price entered: the value is worked out from the catalog's (目录车型 179,800.00).
    "0123": {
        "vehicle": {
            "registered_on": "2021-06-15",
            "use_class": "private_passenger_9",
        },
        "loss_on": "2026-11-18",
        "policy": {
            "vehicle_damage_sum_insured": "120000.00",
            "third_party_limit": "1000000.00",
            "deductible": "0.00",
        },
        "liability": "main",
        "other_party": {"compulsory": True, "liability": "minor"},
    },
    # A single-vehicle accident (full liability) under a policy with a 500.00 deductible.
    "0125": {
        "vehicle": {
            "new_price": "179800.00",
            "registered_on": "2022-03-10",
            "use_class": "private_passenger_9",
        },
        "loss_on": "2026-11-17",
        "policy": {
            "vehicle_damage_sum_insured": "140000.00",
            "third_party_limit": "2000000.00",
            "deductible": "500.00",
        },
        "liability": "full",
    },
}


def _demo_cases(engine: Engine, users: dict[str, User]) -> None:
    """A handful of cases in different states, surveyed at different times."""
    base = json.loads(sample_file("demo_estimate.json").read_text(encoding="utf-8"))
    now = utcnow()
    plans = [
        # (claim suffix, plate, lines, teardown, hours since survey, actions)
        ("0123", "浙K12345", base["lines"], False, 3, ["submit"]),
        ("0124", "浙A7M829", base["lines"][:1] + base["lines"][3:5], False, 30, []),
        ("0125", "沪B55102", base["lines"][:2], False, 50, ["submit", "approve"]),
        ("0126", "浙C0G771", base["lines"][8:], False, 1, ["submit", "return"]),
        ("0127", "浙K9E210", base["lines"], True, 20, []),
    ]
    made: dict[str, uuid.UUID] = {}
    for suffix, plate, lines, teardown, hours_ago, actions in plans:
        document = {
            **base,
            "claim_no": f"RDAA202633010000{suffix}",
            "lines": lines,
            "needs_teardown": teardown,
            "vehicle": {**base["vehicle"], "plate": plate},
        }
        settled = BASE_SETTLEMENT.get(suffix, {})
        document |= {k: v for k, v in settled.items() if k != "vehicle"}
        document["vehicle"] |= settled.get("vehicle", {})
        created = import_estimate(engine, json.dumps(document, ensure_ascii=False), actor="wang")
        assert created.case_id is not None, created.problems
        assert created.estimate_id is not None
        made[suffix] = created.case_id
        record_event(
            engine, created.case_id, EventKind.SURVEY, "wang", now - dt.timedelta(hours=hours_ago)
        )
        if teardown:
            record_event(
                engine,
                created.case_id,
                EventKind.TEARDOWN,
                "wang",
                now - dt.timedelta(hours=hours_ago - 2),
            )
        for action in actions:
            if action == "submit":
                submit(engine, created.estimate_id, users["wang"])
            elif action == "approve":
                approve(engine, created.estimate_id, users["li"], "已与修理厂核对")
            else:
                return_estimate(engine, created.estimate_id, users["li"], "拖车费请附发票")
    # The two-vehicle collision's other car joins 0123 as a third-party vehicle.
    load_settlement_cases(engine, users, now, two_vehicle_case=made["0123"])

"""Check-in (sync.md): the laptop's changed cases and its new audit entries go up to the
team server in one transaction there, merged case by case; then the laptop takes the
server's cases as they now are.

Three steps, each one transaction, so that a cut connection or a killed process leaves
nothing half-done and the next check-in continues:
1. on the laptop, the check-in is given a batch id (kept until step 3 ends; while it is in
   flight the laptop's cases are read-only, so a resent batch is the same batch);
2. on the server, the batch is applied once: its audit entries must continue the laptop's
   chain from what the server accepted before, each case is merged three ways (a clash is
   reported and nothing of that case written, unless the assessor chose to re-apply or to
   discard), the entries are appended with their origin, and the outcome is stored under the
   batch id (a batch seen before is answered from there);
3. on the laptop, the batch is closed: cases accepted or discarded are stored as the server
   has them and are read-only here; a case in conflict stays checked out, unchanged.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from estimator.domain.errors import DomainError
from estimator.domain.sync_merge import Clash, Graph, merge
from estimator.persistence import audit, sync_graph
from estimator.persistence.audit import Entry
from estimator.persistence.binding import case_problems, restate_case
from estimator.persistence.sync_state import LaptopState, ServerState
from estimator.persistence.uow import UnitOfWork
from estimator.services.sync import (
    FORMAT,
    CaseOutcome,
    Device,
    claim_user,
    device_of,
    elsewhere,
    graph_from_json,
    graph_to_json,
    history_of,
    laptop_changes,
)
from kernel.clock import utcnow

Choice = Literal["reapply", "discard"]
#: The trail's action for a version a check-in changed outside the services.
RESTATED = "sync_restated"


@dataclass(frozen=True)
class CheckinResult:
    """What a check-in did: per case its outcome, the audit entries and photos accepted,
    and whether it finished a batch a previous check-in had started."""

    batch_id: str
    cases: tuple[CaseOutcome, ...]
    entries: int
    photos: int
    resumed: bool

    def of(self, outcome: str) -> list[CaseOutcome]:
        """The cases with ``outcome``."""
        return [c for c in self.cases if c.outcome == outcome]

    def as_json(self) -> dict[str, Any]:
        """The outcome as plain JSON, with each case's reason in the user's language."""
        data = asdict(self)
        for case, outcome in zip(data["cases"], self.cases, strict=True):
            case["reason"] = outcome.reason()
        return data


def checkin(
    server: Engine, laptop: Engine, username: str, choices: Mapping[uuid.UUID, Choice] | None = None
) -> CheckinResult:
    """Check the laptop's work in to the server (``choices``: re-apply or discard, per case
    that conflicted before)."""
    payload = prepare(laptop, username)
    with server.connect() as connection:  # photos go once: only those the server lacks
        lacking = sync_graph.missing_blobs(connection, payload["photos"])
    payload["photos"] = {sha: data for sha, data in payload["photos"].items() if sha in lacking}
    result = apply(server, payload, choices or {})
    finish(server, laptop, username, result)
    return outcome_of(result)


def prepare(laptop: Engine, username: str) -> dict[str, Any]:
    """Step 1: the batch (the one in flight, or a new one) and what it carries."""
    device = device_of(laptop)
    with UnitOfWork(laptop, write=True) as uow:
        state = LaptopState(uow.session)
        claim_user(state, username)
        check = audit.verify(uow.session.connection())
        if not check.ok:
            raise DomainError("sync_audit_broken", reason=f"{check.first_broken}: {check.reason}")
        pending = state.pending()
        if pending is None:
            pending = {"batch": str(uuid.uuid4()), "upto": check.entries}
            state.put("pending_batch", json.dumps(pending))
        after = int(state.get("audit_seq", "0"))
        after_hash = state.get("audit_hash", audit.GENESIS)
        entries = audit.read_entries(uow.session.connection(), after, int(pending["upto"]))
        checked_out = sorted(c for c, row in state.cases().items() if row.checked_out)
        uow.commit()
    cases: list[dict[str, Any]] = []
    hashes: set[str] = set()
    changed = laptop_changes(laptop)
    for case_id, (base, mine) in changed.items():
        cases.append({"id": str(case_id), "base": graph_to_json(base), "mine": graph_to_json(mine)})
        hashes |= sync_graph.photo_hashes(mine) - sync_graph.photo_hashes(base)
    # Checked out and unchanged: given back, nothing to merge.
    cases += [{"id": str(c), "unchanged": True} for c in checked_out if c not in changed]
    with laptop.connect() as connection:
        photos = {
            sha: base64.b64encode(data).decode()
            for sha, data in sync_graph.read_blobs(connection, hashes)
        }
    return {
        "format": FORMAT,
        "batch": pending["batch"],
        "device": {"id": device.id, "name": device.name},
        "user": username,
        "audit": {"after_seq": after, "after_hash": after_hash, "entries": entries},
        "cases": cases,
        "photos": photos,
    }


def apply(
    server: Engine, payload: Mapping[str, Any], choices: Mapping[uuid.UUID, Choice]
) -> dict[str, Any]:
    """Step 2: apply the batch on the server once; its outcome."""
    device = Device(str(payload["device"]["id"]), str(payload["device"]["name"]))
    username = str(payload["user"])
    entries = list(payload["audit"]["entries"])
    with UnitOfWork(server, write=True) as uow:
        state = ServerState(uow.session)
        done = state.batch(str(payload["batch"]))
        if done is not None:
            return {**done, "resumed": True}
        user = uow.users.get(username)
        if user is None or not user.active:
            raise DomainError("sync_unknown_user", username=username)
        known = state.device(device.id, device.name, username)
        problem = audit.segment_problem(entries, known.audit_seq, known.audit_hash)
        if problem is not None:
            raise DomainError("sync_chain_refused", device=device.name, reason=problem)
        photos = {sha: base64.b64decode(data) for sha, data in dict(payload["photos"]).items()}
        chosen: dict[uuid.UUID, Choice] = {
            uuid.UUID(str(k)): v for k, v in dict(payload.get("choices", {})).items()
        }
        chosen.update(choices)
        # The laptop's entries first: a case's rows are then checked against them.
        origin = {"device": device.id, "device_name": device.name}
        for entry in entries:
            audit.append_from(uow.session, entry, origin)
        outcomes = []
        for case in payload["cases"]:
            case_id = uuid.UUID(str(case["id"]))
            choice = chosen.get(case_id)
            outcome = _apply_case(uow, state, device, case_id, case, photos, choice, username)
            outcomes.append(outcome)
        for outcome in outcomes:
            case_id = uuid.UUID(outcome.case_id)
            if state.case(case_id) is not None:
                restate_case(uow.session, case_id, username, RESTATED)
                detail = {
                    "device": device.id,
                    "batch": payload["batch"],
                    "clashes": len(outcome.clashes),
                }
                audit.record(
                    uow.session,
                    actor=username,
                    entity="case",
                    entity_id=case_id,
                    action=f"checkin_{outcome.outcome}",
                    detail=detail,
                )
        if entries:
            known.audit_seq, known.audit_hash = int(entries[-1]["seq"]), str(entries[-1]["hash"])
        known.last_checkin_at = utcnow()
        result = {
            "batch": str(payload["batch"]),
            "cases": [asdict(o) for o in outcomes],
            "entries": len(entries),
            "photos": len(photos),
            "audit_seq": known.audit_seq,
            "audit_hash": known.audit_hash,
        }
        state.applied(str(payload["batch"]), device.id, result)
        uow.commit()
    return {**result, "resumed": False}


def _apply_case(
    uow: UnitOfWork,
    state: ServerState,
    device: Device,
    case_id: uuid.UUID,
    case: Mapping[str, Any],
    photos: Mapping[str, bytes],
    choice: Choice | None,
    username: str,
) -> CaseOutcome:
    unchanged = bool(case.get("unchanged"))
    base = {} if unchanged else graph_from_json(case["base"])
    mine = {} if unchanged else graph_from_json(case["mine"])
    _check_belongs(case_id, mine)
    session = uow.session
    locked = state.lock_case(case_id)
    mine_case = mine.get(("cases", str(case_id)), {})
    claim = locked if locked is not None else str(mine_case.get("claim_no", ""))
    held = state.checkout(case_id)
    if held is not None and held.device_id != device.id:
        return CaseOutcome(str(case_id), claim, "refused", *elsewhere(claim, held))
    if locked is None and (base or unchanged):
        return CaseOutcome(str(case_id), claim, "refused", "sync_gone", {"claim_no": claim})
    # Not checked out to this laptop (made there, or released meanwhile): the user's own only.
    owner = state.case(case_id) if locked is not None else None
    people = {owner.assessor, owner.created_by} if owner else set()
    if not people:
        people = {str(mine_case.get("assessor", "")), str(mine_case.get("created_by", ""))}
    if held is None and username not in people:
        assessor = owner.assessor if owner else str(mine_case.get("assessor", ""))
        who = {"claim_no": claim, "username": username, "assessor": assessor}
        return CaseOutcome(str(case_id), claim, "refused", "sync_not_yours", who)
    if unchanged:
        state.release(case_id)
        return CaseOutcome(str(case_id), claim, "accepted")
    connection = session.connection()
    theirs = sync_graph.read_case(connection, case_id)
    if choice == "discard":
        state.release(case_id)
        return CaseOutcome(str(case_id), claim, "discarded")
    merged = merge(base, mine, theirs, mine_wins=choice == "reapply", groups=sync_graph.GROUPS)
    clashes = tuple(_clash(c) for c in merged.clashes)
    if clashes and choice != "reapply":
        return CaseOutcome(str(case_id), claim, "conflict", clashes=clashes)
    written: Graph = {k: v for k, v in merged.writes.items() if v is not None}
    needed = sync_graph.photo_hashes(written)
    nested = session.begin_nested()
    connection = session.connection()  # the SAVEPOINT is issued when asked for
    try:
        sync_graph.write_blobs(connection, ((sha, photos[sha]) for sha in needed if sha in photos))
        sync_graph.write(connection, merged.writes, theirs)
        # Unchanged on the server, the case must now be what the laptop's trail says it did:
        # rows edited outside the services (a laptop's file changed by hand) are refused.
        unbacked = case_problems(connection, case_id) if theirs == base else []
        if unbacked:
            nested.rollback()
            first = unbacked[0]
            params = {"claim_no": claim, "version": first.version, "kind": first.kind}
            return CaseOutcome(str(case_id), claim, "refused", "sync_unbacked", params)
        nested.commit()
    except IntegrityError as error:
        nested.rollback()
        params = {"claim_no": claim, "detail": str(error.orig).splitlines()[0][:200]}
        return CaseOutcome(str(case_id), claim, "conflict", "sync_unmergeable", params, clashes)
    state.release(case_id)
    return CaseOutcome(str(case_id), claim, "accepted", clashes=clashes)


def _clash(clash: Clash) -> dict[str, Any]:
    table, key = clash.key
    return {
        "table": table,
        "key": key,
        "column": clash.column,
        "base": clash.base,
        "mine": clash.mine,
        "theirs": clash.theirs,
    }


def _check_belongs(case_id: uuid.UUID, graph: Graph) -> None:
    """Every row carried for a case must be that case's: refused otherwise (a check-in may
    not write another case's rows)."""
    versions = {key for (table, key) in graph if table == "estimates"}
    for (table, key), row in graph.items():
        if table == "cases":
            owner_ok = key == str(case_id)
        elif "case_id" in row:
            owner_ok = row["case_id"] == str(case_id)
        else:
            owner_ok = row.get("estimate_id") in versions
        if not owner_ok:
            raise DomainError("sync_foreign_row", case_id=str(case_id), table=table)


def finish(server: Engine, laptop: Engine, username: str, result: Mapping[str, Any]) -> None:
    """Step 3: close the batch on the laptop and take the server's cases as they are now."""
    graphs, blobs, histories = settled_cases(server, laptop, result)
    close(laptop, username, result, graphs, blobs, histories)


def settled_cases(
    server: Engine, laptop: Engine | None, result: Mapping[str, Any]
) -> tuple[dict[uuid.UUID, Graph], list[tuple[str, bytes]], dict[uuid.UUID, list[Entry]]]:
    """The cases a check-in settled (accepted or discarded) as the server has them now, the
    photos' bytes the laptop lacks (all of them, without a laptop) and the cases' history."""
    settled = [
        uuid.UUID(c["case_id"])
        for c in result["cases"]
        if c["outcome"] in {"accepted", "discarded"}
    ]
    with server.connect() as connection:
        graphs: dict[uuid.UUID, Graph] = dict(sync_graph.read_cases(connection, settled))
        histories = history_of(connection, graphs)
    wanted: set[str] = set()
    for graph in graphs.values():
        wanted |= sync_graph.photo_hashes(graph)
    if laptop is not None:
        with laptop.connect() as connection:
            wanted = sync_graph.missing_blobs(connection, wanted)
    with server.connect() as connection:
        return graphs, list(sync_graph.read_blobs(connection, wanted)), histories


def close(
    laptop: Engine,
    username: str,
    result: Mapping[str, Any],
    graphs: Mapping[uuid.UUID, Graph],
    blobs: list[tuple[str, bytes]],
    histories: Mapping[uuid.UUID, list[Entry]],
) -> None:
    """Close the batch on the laptop: the server's settled cases stored with their history,
    read-only here."""
    with UnitOfWork(laptop, write=True) as uow:
        state = LaptopState(uow.session)
        pending = state.pending()
        if pending is not None and pending["batch"] == result["batch"]:
            state.put("pending_batch", "")
        if int(result["audit_seq"]) > int(state.get("audit_seq", "0")):
            state.put("audit_seq", str(result["audit_seq"]))
            state.put("audit_hash", str(result["audit_hash"]))
        connection = uow.session.connection()
        sync_graph.write_blobs(connection, blobs)
        for case_id, base in sync_graph.replace_cases(connection, graphs).items():
            state.exchanged(case_id, json.dumps(graph_to_json(base), ensure_ascii=False), False)
            state.keep_history(case_id, histories.get(case_id, []))
            restate_case(uow.session, case_id, username, RESTATED)
        uow.commit()


def outcome_of(result: Mapping[str, Any]) -> CheckinResult:
    """The check-in's outcome from the server's record of it."""
    cases = tuple(
        CaseOutcome(
            c["case_id"],
            c["claim_no"],
            c["outcome"],
            c["code"],
            dict(c["params"]),
            tuple(c["clashes"]),
        )
        for c in result["cases"]
    )
    return CheckinResult(
        str(result["batch"]),
        cases,
        int(result["entries"]),
        int(result["photos"]),
        bool(result["resumed"]),
    )

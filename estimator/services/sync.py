"""Offline work (sync.md): a laptop checks out an assessor's cases from the team server into
its own database, works on them offline, and checks them in (services/sync_checkin.py).

A laptop works for one assessor. Check-out marks each case checked out to the laptop on the
server (read-only there until checked in or released) and stores it on the laptop with the
case as exchanged, the base of the merge at check-in. A case with changes on the laptop not
yet checked in is never overwritten by a check-out.
"""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine

from estimator.domain.errors import DomainError
from estimator.domain.sync_merge import Graph, Key, Row
from estimator.persistence import audit, sync_graph
from estimator.persistence.audit import Entry
from estimator.persistence.rows import CaseRow
from estimator.persistence.sync_rows import CaseCheckoutRow
from estimator.persistence.sync_state import LaptopState, ServerState, audit_head, cases_in_order
from estimator.persistence.uow import UnitOfWork
from estimator.services import sync_messages as sync_messages  # registers the wording
from estimator.services.sync_reference import ReferenceCopy, copy_reference
from kernel.problems import Language, render

#: The formats of what travels (the check-in's payload, a bundle's documents).
FORMAT = "estsync/1"


@dataclass(frozen=True)
class Device:
    """A laptop: its id (made once) and name (the computer's)."""

    id: str
    name: str


@dataclass(frozen=True)
class CaseOutcome:
    """What became of one case: ``checked_out``, ``kept`` (local changes), ``refused``,
    ``accepted``, ``discarded`` or ``conflict`` (with the clashes: table, key, column, and
    the value as exchanged, here and on the server)."""

    case_id: str
    claim_no: str
    outcome: str
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    clashes: tuple[dict[str, Any], ...] = ()

    def reason(self, language: Language | None = None) -> str:
        """Why, in the user's language ("" when nothing needs saying)."""
        return render(self.code, self.params, language) if self.code else ""


@dataclass(frozen=True)
class CheckoutResult:
    """The cases checked out, and those that were not, with why."""

    device: Device
    cases: tuple[CaseOutcome, ...] = field(default_factory=tuple)
    #: What the laptop took of the catalog, labor standards, registries and the account.
    reference: ReferenceCopy | None = None

    def of(self, outcome: str) -> list[CaseOutcome]:
        """The cases with ``outcome``."""
        return [c for c in self.cases if c.outcome == outcome]


def graph_to_json(graph: Graph) -> list[list[Any]]:
    """A graph as it travels: [table, key, row] sorted."""
    return [[table, key, dict(row)] for (table, key), row in sorted(graph.items())]


def graph_from_json(items: Iterable[list[Any]]) -> dict[Key, Row]:
    """The graph of :func:`graph_to_json`."""
    return {(str(table), str(key)): dict(row) for table, key, row in items}


def history_of(
    connection: Connection, graphs: Mapping[uuid.UUID, Graph]
) -> dict[uuid.UUID, list[Entry]]:
    """The server's audit entries about each case (its own and its versions'), one query."""
    owner = {str(case_id): case_id for case_id in graphs}
    cases = list(owner)
    for case_id, graph in graphs.items():
        owner.update({key: case_id for table, key in graph if table == "estimates"})
    versions = [key for key in owner if key not in cases]
    found: dict[uuid.UUID, list[Entry]] = {case_id: [] for case_id in graphs}
    for entry in audit.entries_about(connection, {"case": cases, "estimate": versions}):
        found[owner[str(entry["entity_id"])]].append(entry)
    return found


def device_of(laptop: Engine) -> Device:
    """This laptop's identity, made on first use (a write only then: the status line asks
    after every save)."""
    with UnitOfWork(laptop) as uow:
        state = LaptopState(uow.session)
        device_id = state.get("device_id")
        if device_id:
            return Device(device_id, state.get("device_name"))
    with UnitOfWork(laptop, write=True) as uow:
        state = LaptopState(uow.session)
        device_id = state.get("device_id")
        if not device_id:
            device_id = str(uuid.uuid4())
            state.put("device_id", device_id)
            state.put("device_name", socket.gethostname()[:100] or "laptop")
            uow.commit()
        return Device(device_id, state.get("device_name"))


def _refuse_another_user(state: LaptopState, username: str) -> None:
    owner = state.get("user")
    if owner and owner != username:
        raise DomainError("sync_wrong_user", owner=owner, username=username)


def claim_user(state: LaptopState, username: str) -> None:
    """A laptop works for one assessor: the first to check out owns it."""
    _refuse_another_user(state, username)
    if not state.get("user"):
        state.put("user", username)


def laptop_changes(laptop: Engine) -> dict[uuid.UUID, tuple[Graph, Graph]]:
    """The cases this laptop would check in (base, mine): checked out here and changed, or
    made here (no base)."""
    changed: dict[uuid.UUID, tuple[Graph, Graph]] = {}
    with UnitOfWork(laptop) as uow:
        exchanged = LaptopState(uow.session).cases()
        candidates = [
            case_id
            for case_id, _ in cases_in_order(uow.session)
            if case_id not in exchanged or exchanged[case_id].checked_out
        ]
        bases = {c: exchanged[c].base_json for c in candidates if c in exchanged}
        graphs = sync_graph.read_cases(uow.session.connection(), candidates)
    for case_id in candidates:
        text = bases.get(case_id)
        base = graph_from_json(json.loads(text)) if text is not None else {}
        if graphs[case_id] != base:
            changed[case_id] = (base, graphs[case_id])
    return changed


def _theirs(uow: UnitOfWork, username: str, wanted: list[uuid.UUID] | None) -> list[CaseRow]:
    """The cases to check out: those named, or the user's open ones."""
    state = ServerState(uow.session)
    if wanted is None:
        return state.open_cases_of(username)
    found = []
    for case_id in wanted:
        row = state.case(case_id)
        if row is None:
            raise DomainError("sync_no_case", case_id=str(case_id))
        found.append(row)
    return found


def checkout(
    server: Engine, laptop: Engine, username: str, case_ids: Iterable[uuid.UUID] | None = None
) -> CheckoutResult:
    """Check the user's cases (or ``case_ids``) out of ``server`` into ``laptop``."""
    device = device_of(laptop)
    with UnitOfWork(laptop) as uow:
        state = LaptopState(uow.session)
        _refuse_another_user(state, username)
        pending = state.pending() is not None
    reference = copy_reference(server, laptop, username)
    local = laptop_changes(laptop)
    outcomes: list[CaseOutcome] = []
    graphs: dict[uuid.UUID, Graph] = {}
    wanted = None if case_ids is None else list(case_ids)
    with UnitOfWork(server, write=True) as uow:
        user = uow.users.get(username)
        if user is None or not user.active:
            raise DomainError("sync_unknown_user", username=username)
        server_state = ServerState(uow.session)
        for case in _theirs(uow, username, wanted):
            outcome = _check_out_one(uow, server_state, device, username, case, local, pending)
            outcomes.append(outcome)
        taken = [uuid.UUID(o.case_id) for o in outcomes if o.outcome == "checked_out"]
        graphs.update(sync_graph.read_cases(uow.session.connection(), taken))
        uow.commit()
    with server.connect() as connection:
        histories = history_of(connection, graphs)
    _store(server, laptop, username, graphs, histories, checked_out=True)
    return CheckoutResult(device, tuple(outcomes), reference)


def _check_out_one(
    uow: UnitOfWork,
    state: ServerState,
    device: Device,
    username: str,
    case: CaseRow,
    local: Mapping[uuid.UUID, object],
    pending: bool,
) -> CaseOutcome:
    claim = case.claim_no
    if username not in {case.assessor, case.created_by}:
        params = {"claim_no": claim, "username": username, "assessor": case.assessor}
        return CaseOutcome(str(case.id), claim, "refused", "sync_not_yours", params)
    held = state.checkout(case.id)
    if held is not None and held.device_id != device.id:
        return CaseOutcome(str(case.id), claim, "refused", *elsewhere(claim, held))
    if case.id in local or pending:
        params = {"claim_no": claim}
        return CaseOutcome(str(case.id), claim, "kept", "sync_local_changes", params)
    state.check_out(case.id, device.id, device.name, username)
    audit.record(
        uow.session,
        actor=username,
        entity="case",
        entity_id=case.id,
        action="checked_out",
        detail={"device": device.id, "device_name": device.name},
    )
    return CaseOutcome(str(case.id), claim, "checked_out")


def elsewhere(claim_no: str, held: CaseCheckoutRow) -> tuple[str, dict[str, Any]]:
    """The refusal of a case checked out to another laptop: code and parameters."""
    params = {
        "claim_no": claim_no,
        "device": held.device_name,
        "username": held.username,
        "since": held.checked_out_at.strftime("%Y-%m-%d %H:%M"),
    }
    return "sync_checked_out_elsewhere", params


def _store(
    server: Engine,
    laptop: Engine,
    username: str,
    graphs: Mapping[uuid.UUID, Graph],
    histories: Mapping[uuid.UUID, list[Entry]],
    *,
    checked_out: bool,
) -> None:
    """Store the server's cases on the laptop as exchanged, with their photos."""
    wanted: set[str] = set()
    for graph in graphs.values():
        wanted |= sync_graph.photo_hashes(graph)
    with laptop.connect() as connection:
        wanted = sync_graph.missing_blobs(connection, wanted)
    with server.connect() as connection:
        blobs = list(sync_graph.read_blobs(connection, wanted))
    with UnitOfWork(laptop, write=True) as uow:
        state = LaptopState(uow.session)
        claim_user(state, username)
        connection = uow.session.connection()
        sync_graph.write_blobs(connection, blobs)
        for case_id, base in sync_graph.replace_cases(connection, graphs).items():
            text = json.dumps(graph_to_json(base), ensure_ascii=False)
            state.exchanged(case_id, text, checked_out)
            state.keep_history(case_id, histories.get(case_id, []))
        uow.commit()


@dataclass(frozen=True)
class CaseStatus:
    """One case on the laptop: checked out here (editable), changed since exchanged, made
    here (never on the server)."""

    case_id: str
    claim_no: str
    checked_out: bool
    changed: bool
    new: bool


@dataclass(frozen=True)
class SyncStatus:
    """The laptop's offline state: who it works for, its cases, the audit entries and
    check-in still to send."""

    device: Device
    user: str
    cases: tuple[CaseStatus, ...]
    unsent_entries: int
    pending_batch: str

    @property
    def pending(self) -> int:
        """How many cases have something to check in."""
        return sum(1 for c in self.cases if c.changed)

    def as_json(self) -> dict[str, Any]:
        """The status as plain JSON."""
        return asdict(self)


def status(laptop: Engine) -> SyncStatus:
    """What the laptop holds and has to check in."""
    device = device_of(laptop)
    changed = laptop_changes(laptop)
    with UnitOfWork(laptop) as uow:
        state = LaptopState(uow.session)
        exchanged = state.cases()
        rows = cases_in_order(uow.session)
        cases = tuple(
            CaseStatus(
                str(case_id),
                claim,
                case_id not in exchanged or exchanged[case_id].checked_out,
                case_id in changed,
                case_id not in exchanged,
            )
            for case_id, claim in rows
        )
        sent = int(state.get("audit_seq", "0"))
        head = audit_head(uow.session)
        pending = state.pending() or {}
        return SyncStatus(
            device,
            state.get("user"),
            cases,
            max(0, (head or 0) - sent),
            str(pending.get("batch", "")),
        )


def find_case(laptop: Engine, text: str) -> uuid.UUID:
    """The laptop's case named by its id or its claim number."""
    with UnitOfWork(laptop) as uow:
        cases = cases_in_order(uow.session)
    by_id = [case_id for case_id, _ in cases if str(case_id) == text.strip().lower()]
    by_claim = [case_id for case_id, claim in cases if claim == text.strip()]
    found = by_id or by_claim
    if len(found) != 1:
        raise DomainError("sync_no_case", case_id=text)
    return found[0]

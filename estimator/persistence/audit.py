"""The audit trail: appended in the same transaction as the change, chained by SHA-256.

Each entry's hash covers its own fields and the previous entry's hash, so an edited,
deleted or reordered entry breaks the chain from there on; database triggers refuse
UPDATE and DELETE in the first place. The head hash is also written into each signed
sheet (issue #7), so a truncated tail is caught too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.orm import Session

from estimator.domain.privacy import mask_text
from estimator.persistence.locks import advisory_lock
from estimator.persistence.rows import AuditRow
from kernel.clock import utcnow

GENESIS = "0" * 64
#: The PostgreSQL advisory lock that serialises appends (any fixed number of ours).
APPEND_LOCK = 0x65737469  # "esti"


def _digest(
    seq: int,
    at: dt.datetime,
    actor: str,
    entity: str,
    entity_id: str,
    action: str,
    detail: str,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [
            seq,
            at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            actor,
            entity,
            entity_id,
            action,
            detail,
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    session: Session,
    *,
    actor: str,
    entity: str,
    entity_id: object,
    action: str,
    detail: dict[str, Any] | None = None,
) -> AuditRow:
    """Append an entry (personal data masked) to the chain, in the caller's transaction."""
    text = mask_text(json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str))
    return _append(session, actor, entity, str(entity_id), action, text)


def _append(
    session: Session, actor: str, entity: str, entity_id: str, action: str, text: str
) -> AuditRow:
    # Entries are numbered and chained in order: one appender at a time until commit.
    advisory_lock(session, APPEND_LOCK)
    last = session.execute(
        select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = utcnow()
    row = AuditRow(
        seq=seq,
        at=at,
        actor=actor,
        entity=entity,
        entity_id=entity_id,
        action=action,
        detail=text,
        prev_hash=prev_hash,
        hash=_digest(seq, at, actor, entity, entity_id, action, text, prev_hash),
    )
    session.add(row)
    session.flush()
    return row


#: An entry as it travels from a laptop: its fields as stored, the time in ISO form.
Entry = dict[str, Any]


def read_entries(connection: Connection, after: int, upto: int | None = None) -> list[Entry]:
    """The entries numbered above ``after`` (up to ``upto``), oldest first, as they travel."""
    query = select(AuditRow).where(AuditRow.seq > after)
    if upto is not None:
        query = query.where(AuditRow.seq <= upto)
    return _as_entries(connection, query.order_by(AuditRow.seq))


def entries_about(connection: Connection, targets: Mapping[str, Collection[str]]) -> list[Entry]:
    """The entries about these entities (kind → ids as stored), oldest first, as they travel."""
    about = [
        (AuditRow.entity == entity) & AuditRow.entity_id.in_(list(ids))
        for entity, ids in targets.items()
        if ids
    ]
    if not about:
        return []
    return _as_entries(connection, select(AuditRow).where(or_(*about)).order_by(AuditRow.seq))


def _as_entries(connection: Connection, query: Any) -> list[Entry]:
    found: list[Entry] = []
    for row in connection.execute(query):
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
        found.append(
            {
                "seq": row.seq,
                "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
                "actor": row.actor,
                "entity": row.entity,
                "entity_id": row.entity_id,
                "action": row.action,
                "detail": row.detail,
                "prev_hash": row.prev_hash,
                "hash": row.hash,
            }
        )
    return found


def segment_problem(entries: list[Entry], after_seq: int, after_hash: str) -> str | None:
    """Why ``entries`` are not the continuation of another chain after its entry
    ``after_seq`` (hash ``after_hash``): a gap, a broken link or an altered entry; None when
    each is intact and in order."""
    seq, prev_hash = after_seq, after_hash
    for entry in entries:
        try:
            at = dt.datetime.fromisoformat(str(entry["at"]))
            actor, entity, entity_id, action, detail = (
                str(entry[k]) for k in ("actor", "entity", "entity_id", "action", "detail")
            )
            number, link, claimed = int(entry["seq"]), str(entry["prev_hash"]), entry["hash"]
        except (KeyError, TypeError, ValueError):
            return f"entry after {seq}: malformed"
        if number != seq + 1:
            return f"entry {number}: expected {seq + 1} (entries missing or repeated)"
        if link != prev_hash:
            return f"entry {number}: chain broken (entry removed or reordered)"
        if _digest(number, at, actor, entity, entity_id, action, detail, link) != claimed:
            return f"entry {number}: altered"
        seq, prev_hash = number, str(claimed)
    return None


def append_from(session: Session, entry: Entry, origin: dict[str, Any]) -> AuditRow:
    """Append another chain's entry to this one, with where it came from (device, its
    number, time and hash there) kept in its detail, in the caller's transaction."""
    try:
        detail = json.loads(str(entry["detail"]))
    except ValueError:
        detail = {"text": str(entry["detail"])}
    if not isinstance(detail, dict):
        detail = {"value": detail}
    detail["origin"] = {
        **origin,
        "seq": entry["seq"],
        "at": entry["at"],
        "hash": entry["hash"],
    }
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True)  # masked where it was made
    return _append(
        session,
        str(entry["actor"]),
        str(entry["entity"]),
        str(entry["entity_id"]),
        str(entry["action"]),
        text,
    )


@dataclass(frozen=True)
class AuditCheck:
    """The outcome of verifying the chain."""

    entries: int
    head: str
    first_broken: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        """Whether every entry is intact and in order."""
        return self.first_broken is None


def entries(
    session: Session, entity: str, action: str, entity_id: object | None = None
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The entries of ``action`` on ``entity`` (one, or all of that kind), oldest first:
    (actor, entity id, detail). Personal data in the details is masked as it was stored."""
    query = select(AuditRow.actor, AuditRow.entity_id, AuditRow.detail).where(
        AuditRow.entity == entity, AuditRow.action == action
    )
    if entity_id is not None:
        query = query.where(AuditRow.entity_id == str(entity_id))
    for actor, stored_id, detail in session.execute(query.order_by(AuditRow.seq)):
        yield actor, stored_id, json.loads(detail)


def verify(connection: Connection, expected_head: str | None = None) -> AuditCheck:
    """Recompute the chain; name the first entry that was edited, removed or reordered."""
    prev_hash = GENESIS
    expected_seq = 1
    count = 0
    for row in connection.execute(select(AuditRow).order_by(AuditRow.seq)):
        count += 1
        if row.seq != expected_seq:
            return AuditCheck(count, prev_hash, expected_seq, "missing entry")
        if row.prev_hash != prev_hash:
            return AuditCheck(
                count, prev_hash, row.seq, "chain broken (entry removed or reordered)"
            )
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
        if (
            _digest(
                row.seq,
                at,
                row.actor,
                row.entity,
                row.entity_id,
                row.action,
                row.detail,
                row.prev_hash,
            )
            != row.hash
        ):
            return AuditCheck(count, prev_hash, row.seq, "entry altered")
        prev_hash = row.hash
        expected_seq += 1
    if expected_head is not None and expected_head != prev_hash:
        return AuditCheck(count, prev_hash, expected_seq, "entries missing after the recorded head")
    return AuditCheck(count, prev_hash)

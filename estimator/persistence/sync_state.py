"""Offline work's bookkeeping (sync.md), in the caller's session: a laptop's identity, its
place in its own audit chain, the check-in in flight and its cases as last exchanged; the
server's check-outs, devices and applied check-ins."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from estimator.domain.workflow import EstimateStatus
from estimator.persistence.audit import GENESIS, Entry
from estimator.persistence.rows import ArchivedCaseRow, AuditRow, CaseRow, EstimateRow
from estimator.persistence.sync_rows import (
    CaseCheckoutRow,
    SyncBatchRow,
    SyncCaseRow,
    SyncDeviceRow,
    SyncHistoryRow,
    SyncStateRow,
)
from kernel.clock import utcnow


class LaptopState:
    """The laptop's side: key/value state and its exchanged cases."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str, default: str = "") -> str:
        """A stored value (``default`` when absent)."""
        row = self.session.get(SyncStateRow, key)
        return default if row is None else row.value

    def put(self, key: str, value: str) -> None:
        """Store a value."""
        row = self.session.get(SyncStateRow, key)
        if row is None:
            self.session.add(SyncStateRow(key=key, value=value))
        else:
            row.value = value
        self.session.flush()

    def pending(self) -> dict[str, Any] | None:
        """The check-in in flight (batch id, last audit entry it carries), or None."""
        text = self.get("pending_batch")
        return json.loads(text) if text else None

    def cases(self) -> dict[uuid.UUID, SyncCaseRow]:
        """Every exchanged case by id."""
        return {row.case_id: row for row in self.session.scalars(select(SyncCaseRow))}

    def keep_history(self, case_id: uuid.UUID, entries: list[Entry]) -> None:
        """Keep the server's entries about the case (oldest first). The server's trail only
        grows, so the entries not kept yet are added; when what was kept is not where the
        given entries begin (another server, say), it is replaced whole. Writing the whole
        history again at each exchange was most of a check-in's time on a long-lived case."""
        kept_query = (
            select(SyncHistoryRow.seq, SyncHistoryRow.hash)
            .where(SyncHistoryRow.case_id == case_id)
            .order_by(SyncHistoryRow.seq)
        )
        kept = [(int(seq), str(hash_)) for seq, hash_ in self.session.execute(kept_query)]
        given = [(int(entry["seq"]), str(entry["hash"])) for entry in entries[: len(kept)]]
        if kept != given:
            self.session.execute(delete(SyncHistoryRow).where(SyncHistoryRow.case_id == case_id))
            kept = []
        for entry in entries[len(kept) :]:
            self.session.add(
                SyncHistoryRow(
                    case_id=case_id,
                    seq=int(entry["seq"]),
                    at=dt.datetime.fromisoformat(str(entry["at"])),
                    actor=str(entry["actor"]),
                    entity=str(entry["entity"]),
                    entity_id=str(entry["entity_id"]),
                    action=str(entry["action"]),
                    detail=str(entry["detail"]),
                    hash=str(entry["hash"]),
                )
            )
        self.session.flush()

    def history(self, case_id: uuid.UUID) -> list[SyncHistoryRow]:
        """The server's entries about the case, as last exchanged, oldest first."""
        query = select(SyncHistoryRow).where(SyncHistoryRow.case_id == case_id)
        return list(self.session.scalars(query.order_by(SyncHistoryRow.seq)))

    def exchanged(self, case_id: uuid.UUID, base: str, checked_out: bool) -> None:
        """Record the case as just exchanged (``base``: its rows as JSON)."""
        row = self.session.get(SyncCaseRow, case_id)
        if row is None:
            row = SyncCaseRow(case_id=case_id)
            self.session.add(row)
        row.base_json, row.checked_out, row.synced_at = base, checked_out, utcnow()
        self.session.flush()


def cases_in_order(session: Session) -> list[tuple[uuid.UUID, str]]:
    """Every case of the database (id, claim number), oldest first."""
    query = select(CaseRow.id, CaseRow.claim_no).order_by(CaseRow.created_at, CaseRow.id)
    return [(row[0], row[1]) for row in session.execute(query)]


def audit_head(session: Session) -> int:
    """The number of the newest audit entry (0: none)."""
    query = select(AuditRow.seq).order_by(AuditRow.seq.desc()).limit(1)
    return int(session.scalar(query) or 0)


class ServerState:
    """The server's side: check-outs, devices, applied check-ins."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def case(self, case_id: uuid.UUID) -> CaseRow | None:
        """The case, or None."""
        return self.session.get(CaseRow, case_id)

    def lock_case(self, case_id: uuid.UUID) -> str | None:
        """Lock the case's row for this transaction; its claim number (None: no such case)."""
        query = select(CaseRow.claim_no).where(CaseRow.id == case_id).with_for_update()
        found = self.session.execute(query).first()
        return None if found is None else str(found.claim_no)

    def open_cases_of(self, username: str) -> list[CaseRow]:
        """The cases ``username`` is assessor of or opened, oldest first, except archived
        ones and those whose every version is closed (one query)."""
        mine = (CaseRow.assessor == username) | (CaseRow.created_by == username)
        versions = EstimateRow.case_id == CaseRow.id
        still_open = ~exists().where(versions) | exists().where(
            versions, EstimateRow.status != EstimateStatus.CLOSED.value
        )
        archived = exists().where(ArchivedCaseRow.case_id == CaseRow.id)
        query = select(CaseRow).where(mine, still_open, ~archived).order_by(CaseRow.created_at)
        return list(self.session.scalars(query))

    def checkout(self, case_id: uuid.UUID, *, lock: bool = False) -> CaseCheckoutRow | None:
        """Where the case is checked out, if it is (``lock``: its row locked)."""
        return self.session.get(CaseCheckoutRow, case_id, with_for_update=lock or None)

    def checkouts(self) -> list[tuple[CaseCheckoutRow, str]]:
        """Every check-out with its case's claim number, oldest first."""
        query = (
            select(CaseCheckoutRow, CaseRow.claim_no)
            .join(CaseRow, CaseRow.id == CaseCheckoutRow.case_id)
            .order_by(CaseCheckoutRow.checked_out_at, CaseRow.claim_no)
        )
        return [(row[0], str(row[1])) for row in self.session.execute(query)]

    def cases_with_claim(self, claim_no: str) -> list[uuid.UUID]:
        """The ids of (up to two) cases with this claim number."""
        query = select(CaseRow.id).where(CaseRow.claim_no == claim_no).limit(2)
        return list(self.session.scalars(query))

    def claim_of(self, case_id: uuid.UUID) -> str | None:
        """The case's claim number (None: no such case)."""
        return self.session.scalar(select(CaseRow.claim_no).where(CaseRow.id == case_id))

    def check_out(self, case_id: uuid.UUID, device_id: str, device_name: str, user: str) -> None:
        """Mark the case checked out to the device (again: its time moves)."""
        row = self.session.get(CaseCheckoutRow, case_id)
        if row is None:
            row = CaseCheckoutRow(case_id=case_id)
            self.session.add(row)
        row.device_id, row.device_name = device_id, device_name
        row.username, row.checked_out_at = user, utcnow()
        self.session.flush()

    def release(self, case_id: uuid.UUID) -> None:
        """The case is no longer checked out."""
        self.session.execute(delete(CaseCheckoutRow).where(CaseCheckoutRow.case_id == case_id))

    def device(self, device_id: str, name: str, user: str) -> SyncDeviceRow:
        """The device's row, locked for this transaction (made on its first check-in)."""
        query = select(SyncDeviceRow).where(SyncDeviceRow.device_id == device_id)
        row = self.session.scalars(query.with_for_update()).first()
        if row is None:
            row = SyncDeviceRow(device_id=device_id, device_name=name, username=user, audit_seq=0)
            row.audit_hash = GENESIS
            self.session.add(row)
            self.session.flush()
        return row

    def batch(self, batch_id: str) -> dict[str, Any] | None:
        """The outcome of a check-in already applied, or None."""
        row = self.session.get(SyncBatchRow, batch_id)
        return None if row is None else dict(json.loads(row.result))

    def applied(self, batch_id: str, device_id: str, result: dict[str, Any]) -> None:
        """Record a check-in as applied, with its outcome."""
        text = json.dumps(result, ensure_ascii=False, sort_keys=True)
        self.session.add(
            SyncBatchRow(batch_id=batch_id, device_id=device_id, at=utcnow(), result=text)
        )
        self.session.flush()

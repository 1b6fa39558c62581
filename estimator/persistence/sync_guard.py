"""The last check before a case's rows are written: a case checked out to a laptop is
read-only everywhere else (sync.md, Rules).

Read-only are, on the server, a case with a ``case_checkouts`` row (until checked in or
released by a manager) and, on a laptop, a case it checked in (``sync_cases.checked_out`` is
false) and every case it exchanged while a check-in is in flight (``sync_state``'s
``pending_batch`` is set). A case a laptop created itself has no ``sync_cases`` row and stays
editable.

Every ORM flush that inserts, changes or deletes a row of a case (a mapped table with a
foreign key to ``cases.id``, the case itself, or a row with a foreign key to ``estimates.id``)
and every ORM bulk UPDATE or DELETE on such a table is checked: one query for the cases it
touches, none when it touches none; a case found editable is not asked again in the same
transaction. The sync code writes with Core statements on the connection, which this guard
never sees, so a check-in may write the cases it is checking in.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, bindparam, event, exists, inspect, or_, select
from sqlalchemy.orm import Mapper, ORMExecuteState, Session
from sqlalchemy.orm.util import identity_key

from estimator.domain.errors import DomainError
from estimator.persistence.rows import CaseRow, EstimateRow
from estimator.persistence.sync_rows import CaseCheckoutRow, SyncCaseRow, SyncStateRow
from kernel.clock import to_local

#: The ``sync_state`` key of a laptop's check-in in flight (its batch, as JSON).
PENDING_BATCH = "pending_batch"

#: Tables with a case that the guard leaves alone: the check-out itself is made by the sync
#: code and removed by the check-in or the manager's release.
_UNGUARDED = (CaseCheckoutRow.__table__,)

#: The session.info key of the cases found editable in the session's current transaction.
_EDITABLE = "sync_guard.editable"


@dataclass(frozen=True)
class ReadOnlyCase:
    """Why a case may not be written here: ``reason`` is ``checked_out`` (to ``device``, by
    ``username``, since ``since``), ``checked_in`` (a laptop's case that went back to the
    server at ``since``) or ``checkin_pending`` (a laptop's check-in in flight)."""

    case_id: uuid.UUID
    claim_no: str
    reason: str
    device: str = ""
    username: str = ""
    since: dt.datetime | None = None

    def error(self) -> DomainError:
        """The refusal, worded (zh, en) with the claim number, device, who and since when."""
        claim_no = self.claim_no or str(self.case_id)
        since = "" if self.since is None else f"{to_local(self.since):%Y-%m-%d %H:%M}"
        if self.reason == "checked_out":
            return DomainError(
                "case_read_only:checked_out",
                claim_no=claim_no,
                device=self.device,
                user=self.username,
                since=since,
            )
        if self.reason == "checked_in":
            return DomainError("case_read_only:checked_in", claim_no=claim_no, since=since)
        return DomainError("case_read_only:checkin_pending", claim_no=claim_no)


@functools.cache
def _read_only_query() -> Select[uuid.UUID, str, str, str, dt.datetime, bool, dt.datetime, bool]:
    """The cases among ``case_ids`` and those of the versions ``estimate_ids`` (expanding
    parameters) that have a check-out or a laptop's record, with what decides: built once,
    so a flush pays for the query only, not for building and caching its key."""
    versions = select(EstimateRow.case_id).where(
        EstimateRow.id.in_(bindparam("estimate_ids", expanding=True))
    )
    pending = exists().where(SyncStateRow.key == PENDING_BATCH, SyncStateRow.value != "")
    return (
        select(
            CaseRow.id,
            CaseRow.claim_no,
            CaseCheckoutRow.device_name,
            CaseCheckoutRow.username,
            CaseCheckoutRow.checked_out_at,
            SyncCaseRow.checked_out,
            SyncCaseRow.synced_at,
            pending.label("pending"),
        )
        .outerjoin(CaseCheckoutRow, CaseCheckoutRow.case_id == CaseRow.id)
        .outerjoin(SyncCaseRow, SyncCaseRow.case_id == CaseRow.id)
        .where(or_(CaseRow.id.in_(bindparam("case_ids", expanding=True)), CaseRow.id.in_(versions)))
        .where(or_(CaseCheckoutRow.case_id.is_not(None), SyncCaseRow.case_id.is_not(None)))
        .order_by(CaseRow.claim_no, CaseRow.id)
    )


def read_only_cases(
    connection: Connection,
    case_ids: Collection[uuid.UUID],
    estimate_ids: Collection[uuid.UUID] = (),
) -> list[ReadOnlyCase]:
    """Of the cases ``case_ids`` and those of the versions ``estimate_ids``, the ones that
    are read-only in this database, with why (one query)."""
    if not case_ids and not estimate_ids:
        return []
    parameters = {"case_ids": list(case_ids), "estimate_ids": list(estimate_ids)}
    query = _read_only_query()
    found = []
    for row in connection.execute(query, parameters):
        if row.checked_out_at is not None:
            reason = ReadOnlyCase(
                row.id,
                row.claim_no,
                "checked_out",
                row.device_name,
                row.username,
                row.checked_out_at,
            )
        elif row.checked_out is False or row.checked_out == 0:
            reason = ReadOnlyCase(row.id, row.claim_no, "checked_in", since=row.synced_at)
        elif row.pending:
            reason = ReadOnlyCase(row.id, row.claim_no, "checkin_pending")
        else:
            continue
        found.append(reason)
    return found


@functools.cache
def _case_attribute(mapper: Mapper[Any]) -> tuple[str, str] | None:
    """How a row of ``mapper`` names its case: ``("case", attribute)`` (the case's id or a
    foreign key to it) or ``("estimate", attribute)`` (a foreign key to a version); None for
    rows of no case."""
    table = mapper.local_table
    if any(table is unguarded for unguarded in _UNGUARDED):
        return None
    if table is CaseRow.__table__:
        return ("case", "id")
    for target, kind in (
        (CaseRow.__table__.c.id, "case"),
        (EstimateRow.__table__.c.id, "estimate"),
    ):
        for column in table.columns:
            if any(fk.references(target.table) for fk in column.foreign_keys):
                return (kind, mapper.get_property_by_column(column).key)
    return None


def _editable_cache(session: Session) -> set[uuid.UUID]:
    """The cases found editable in the session's current transaction (emptied with it)."""
    transaction = session.get_transaction()
    kept = session.info.get(_EDITABLE)
    if kept is None or kept[0] is not transaction:
        kept = (transaction, set())
        session.info[_EDITABLE] = kept
    editable: set[uuid.UUID] = kept[1]
    return editable


def check_writable(
    session: Session,
    case_ids: Iterable[uuid.UUID | None],
    estimate_ids: Iterable[uuid.UUID | None] = (),
) -> None:
    """Raise the refusal of the first read-only case among these (and those of these
    versions); remember the others as editable for the rest of the transaction."""
    editable = _editable_cache(session)
    cases = {key for key in case_ids if key is not None} - editable
    versions: set[uuid.UUID] = set()
    for key in estimate_ids:
        if key is None:
            continue
        loaded = session.identity_map.get(identity_key(EstimateRow, key))
        if isinstance(loaded, EstimateRow) and loaded.case_id is not None:
            if loaded.case_id not in editable:
                cases.add(loaded.case_id)
        else:
            versions.add(key)
    if not cases and not versions:
        return
    refused = read_only_cases(session.connection(), cases, versions)
    if refused:
        raise refused[0].error()
    editable |= cases  # versions' cases found through SQL are asked again: seldom any


@event.listens_for(Session, "before_flush")
def _check_flush(session: Session, _context: Any, _instances: Any) -> None:
    cases: set[uuid.UUID | None] = set()
    versions: set[uuid.UUID | None] = set()
    for instance in (*session.new, *session.dirty, *session.deleted):
        named = _case_attribute(inspect(instance).mapper)
        if named is None:
            continue
        kind, attribute = named
        (cases if kind == "case" else versions).add(getattr(instance, attribute, None))
    if cases or versions:
        check_writable(session, cases, versions)


@event.listens_for(Session, "do_orm_execute")
def _check_bulk(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return
    named = _case_attribute(state.bind_mapper)
    if named is None:
        return
    kind, attribute = named
    column = state.bind_mapper.get_property(attribute).columns[0]
    affected = select(column).distinct()
    where = getattr(state.statement, "whereclause", None)
    if where is not None:
        affected = affected.where(where)
    keys = set(state.session.connection().scalars(affected))
    if kind == "case":
        check_writable(state.session, keys)
    else:
        check_writable(state.session, (), keys)

"""On-site documents (现场单证) of a case: its checklist with each item's state, recording an
item's state and choosing the procedure (assessors and administrators; audited as the case's
``documents`` and ``procedure``), the ``documents_collected`` event stamped when the last
needed item is in, and the collection rate per assessor."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine

from estimator.domain import onsite_documents as docs
from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.estimate_json import ImportedDocument
from estimator.domain.onsite_documents import (
    CaseDocuments,
    DocumentRecord,
    DocumentState,
    Procedure,
)
from estimator.domain.settings_schema import Settings
from estimator.domain.workflow import Role
from estimator.persistence.onsite_documents import CaseDocumentRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.settings import settings_in
from estimator.services.users import User, require_roles
from kernel.clock import utcnow
from kernel.problems import Problem, Worded

#: Who may record documents or choose the procedure.
RECORDERS = frozenset({Role.ASSESSOR, Role.ADMIN})


@dataclass(frozen=True)
class ChecklistItem:
    """One item of a case's checklist and its state (when and by whom; None: never recorded)."""

    item: str
    state: DocumentState
    at: dt.datetime | None
    recorded_by: str


@dataclass(frozen=True)
class Checklist:
    """A case's procedure, checklist items in order, and how far the collection got."""

    procedure: Procedure
    items: tuple[ChecklistItem, ...]
    complete_at_survey: bool
    collected_at: dt.datetime | None  # the documents_collected event


def document_checklist(engine: Engine, case_id: str | uuid.UUID) -> Checklist:
    """The case's checklist under the settings in force, each item with its newest state."""
    key = parse_id(case_id)
    with UnitOfWork(engine) as uow:
        return _checklist_in(uow, key)


def record_document(
    engine: Engine,
    case_id: str | uuid.UUID,
    item: str,
    state: str | DocumentState,
    actor: User,
    at: dt.datetime | None = None,
) -> Checklist:
    """Record an item's state (audited); stamp ``documents_collected`` when the last needed
    item is in; the checklist after it."""
    require_roles(actor, RECORDERS)
    code, new_state = docs.parse_item(item), docs.parse_state(str(state))
    key = parse_id(case_id)
    when = at or utcnow()
    with UnitOfWork(engine, write=True) as uow:
        procedure = _procedure_in(uow, key)
        checklist = docs.checklist_of(procedure, settings_in(uow))
        if code not in checklist:
            words = docs.PROCEDURE_WORDS[procedure][0]
            raise DomainError("document_not_on_checklist", item=code, procedure=words)
        uow.documents.add(
            CaseDocumentRow(
                case_id=key,
                item=code,
                state=new_state.value,
                at=when,
                recorded_by=actor.username,
            )
        )
        uow.audit.record(
            actor=actor.username,
            entity="case",
            entity_id=key,
            action="documents",
            detail={"item": code, "state": new_state.value, "at": when.isoformat()},
        )
        _stamp_collected(uow, key, checklist, actor.username, when)
        result = _checklist_in(uow, key)
        uow.commit()
    return result


def set_procedure(
    engine: Engine, case_id: str | uuid.UUID, procedure: str | Procedure, actor: User
) -> Checklist:
    """Choose the case's procedure (audited when it changes); the checklist under it."""
    require_roles(actor, RECORDERS)
    new = docs.parse_procedure(str(procedure))
    key = parse_id(case_id)
    with UnitOfWork(engine, write=True) as uow:
        old = _procedure_in(uow, key)
        if new is not old:
            uow.documents.set_procedure(key, new.value)
            uow.audit.record(
                actor=actor.username,
                entity="case",
                entity_id=key,
                action="procedure",
                detail={"old": old.value, "new": new.value},
            )
            checklist = docs.checklist_of(new, settings_in(uow))
            _stamp_collected(uow, key, checklist, actor.username, utcnow())
        result = _checklist_in(uow, key)
        uow.commit()
    return result


def collection_rates(engine: Engine, start: dt.date, end: dt.date) -> dict[str, Decimal | None]:
    """The on-site collection rate of each assessor over the cases opened from ``start`` to
    ``end`` (inclusive); None for an assessor without a simple-procedure case."""
    return docs.collection_rates(case_documents(engine, start, end))


def case_documents(engine: Engine, start: dt.date, end: dt.date) -> list[CaseDocuments]:
    """What the collection rate needs of every case opened from ``start`` to ``end``."""
    since = dt.datetime.combine(start, dt.time(), dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), dt.UTC)
    with UnitOfWork(engine, snapshot=True) as uow:
        return case_documents_in(uow, since, until)


def case_documents_in(
    uow: UnitOfWork, since: dt.datetime, until: dt.datetime
) -> list[CaseDocuments]:
    """:func:`case_documents` of the cases opened in [since, until), read in ``uow`` (a
    report's one snapshot)."""
    settings = settings_in(uow)
    opened = uow.documents.cases_opened(since, until)
    rows = uow.documents.by_case([row[0] for row in opened])
    records = {key: tuple(_record(r) for r in found) for key, found in rows.items()}
    found = []
    for case_id, assessor, procedure_code, survey_at in opened:
        procedure = Procedure(procedure_code)
        found.append(
            CaseDocuments(
                assessor,
                procedure,
                docs.checklist_of(procedure, settings),
                records.get(case_id, ()),
                survey_at,
            )
        )
    return found


def imported_problems(
    procedure: Procedure, documents: list[ImportedDocument], settings: Settings
) -> list[Problem]:
    """Why an imported document's items cannot be kept (one not on the procedure's list)."""
    checklist = docs.checklist_of(procedure, settings)
    words = Worded(*docs.PROCEDURE_WORDS[procedure])
    return [
        Problem(
            "document_not_on_checklist",
            path=f"documents.{item}",
            params={"item": item, "procedure": words},
        )
        for item, _state, _at in documents
        if item not in checklist
    ]


def store_imported(
    uow: UnitOfWork,
    case_id: uuid.UUID,
    imported: tuple[Procedure, list[ImportedDocument]],
    actor: str,
    now: dt.datetime,
) -> None:
    """Keep an imported case's procedure and documents (audited as recorded; the
    ``documents_collected`` event stamped when they are all in), in ``uow``'s transaction."""
    procedure, documents = imported
    if procedure is not Procedure.ORDINARY:
        uow.documents.set_procedure(case_id, procedure.value)
    for item, state, at in documents:
        when = at or now
        uow.documents.add(
            CaseDocumentRow(
                case_id=case_id, item=item, state=state.value, at=when, recorded_by=actor
            )
        )
        uow.audit.record(
            actor=actor,
            entity="case",
            entity_id=case_id,
            action="documents",
            detail={"item": item, "state": state.value, "at": when.isoformat()},
        )
    if documents:
        checklist = docs.checklist_of(procedure, settings_in(uow))
        latest = max((at or now) for _item, _state, at in documents)
        _stamp_collected(uow, case_id, checklist, actor, latest)


def _record(row: CaseDocumentRow) -> DocumentRecord:
    return DocumentRecord(row.item, DocumentState(row.state), row.at, row.recorded_by)


def _procedure_in(uow: UnitOfWork, key: uuid.UUID) -> Procedure:
    code = uow.documents.procedure(key)
    if code is None:
        raise NotFound(str(key))
    return Procedure(code)


def _stamp_collected(
    uow: UnitOfWork, key: uuid.UUID, checklist: tuple[str, ...], actor: str, when: dt.datetime
) -> None:
    """Stamp ``documents_collected`` the first time every needed item is in."""
    records = [_record(r) for r in uow.documents.of_case(key)]
    if not docs.collected(checklist, records):
        return
    if any(e.kind is EventKind.DOCUMENTS_COLLECTED for e in uow.cases.events(key)):
        return
    uow.cases.add_event(key, EventKind.DOCUMENTS_COLLECTED, actor, when)


def _checklist_in(uow: UnitOfWork, key: uuid.UUID) -> Checklist:
    procedure = _procedure_in(uow, key)
    checklist = docs.checklist_of(procedure, settings_in(uow))
    rows = uow.documents.of_case(key)
    records = [_record(r) for r in rows]
    newest = {r.item: r for r in rows}  # oldest first: the last one of an item wins
    current = docs.states(checklist, records)
    items = tuple(
        ChecklistItem(
            code,
            current[code],
            newest[code].at if code in newest else None,
            newest[code].recorded_by if code in newest else "",
        )
        for code in checklist
    )
    events = uow.cases.events(key)
    surveys = sorted(e.at for e in events if e.kind is EventKind.SURVEY)
    collected = sorted(e.at for e in events if e.kind is EventKind.DOCUMENTS_COLLECTED)
    return Checklist(
        procedure,
        items,
        docs.complete_at_survey(checklist, records, surveys[0] if surveys else None),
        collected[0] if collected else None,
    )

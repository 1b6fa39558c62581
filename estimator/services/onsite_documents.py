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
from estimator.domain.onsite_documents import (
    CaseDocuments,
    DocumentState,
    Procedure,
)
from estimator.domain.workflow import Role
from estimator.persistence.onsite_documents import CaseDocumentRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.document_records import record_of, stamp_collected
from estimator.services.estimate_store import NotFound, parse_id
from estimator.services.settings import settings_in
from estimator.services.users import User, require_roles
from kernel.clock import utcnow

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
        stamp_collected(uow, key, checklist, actor.username, when)
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
            stamp_collected(uow, key, checklist, actor.username, utcnow())
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
    return list(_documents_by_case(uow, since, until).values())


def onsite_completeness_in(uow: UnitOfWork) -> dict[uuid.UUID, bool | None]:
    """Per case, whether its checklist was complete at the survey: a simple-procedure case
    only (None for the others, which the collection rate leaves out), read in ``uow``."""
    every = _documents_by_case(uow, dt.datetime.min.replace(tzinfo=dt.UTC), _FAR_FUTURE)
    return {
        key: docs.complete_at_survey(c.checklist, c.records, c.survey_at)
        if c.procedure is Procedure.SIMPLE
        else None
        for key, c in every.items()
    }


#: Later than any case is opened: "every case" for :func:`onsite_completeness_in`.
_FAR_FUTURE = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


def _documents_by_case(
    uow: UnitOfWork, since: dt.datetime, until: dt.datetime
) -> dict[uuid.UUID, CaseDocuments]:
    settings = settings_in(uow)
    opened = uow.documents.cases_opened(since, until)
    rows = uow.documents.by_case([row[0] for row in opened])
    records = {key: tuple(record_of(r) for r in found) for key, found in rows.items()}
    found = {}
    for case_id, assessor, procedure_code, survey_at in opened:
        procedure = Procedure(procedure_code)
        found[case_id] = CaseDocuments(
            assessor,
            procedure,
            docs.checklist_of(procedure, settings),
            records.get(case_id, ()),
            survey_at,
        )
    return found


def _procedure_in(uow: UnitOfWork, key: uuid.UUID) -> Procedure:
    code = uow.documents.procedure(key)
    if code is None:
        raise NotFound(str(key))
    return Procedure(code)


def _checklist_in(uow: UnitOfWork, key: uuid.UUID) -> Checklist:
    procedure = _procedure_in(uow, key)
    checklist = docs.checklist_of(procedure, settings_in(uow))
    rows = uow.documents.of_case(key)
    records = [record_of(r) for r in rows]
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

"""On-site documents (现场单证) as stored: a record read from its row, the
``documents_collected`` event stamped the first time every needed item is in, and the
procedure and documents of an ``estimate import`` checked and kept. Shared by the documents'
service and the import (which the documents' service reads cases through)."""

from __future__ import annotations

import datetime as dt
import uuid

from estimator.domain import onsite_documents as docs
from estimator.domain.clocks import EventKind
from estimator.domain.estimate_json import ImportedDocument
from estimator.domain.onsite_documents import DocumentRecord, DocumentState, Procedure
from estimator.domain.settings_schema import Settings
from estimator.persistence.onsite_documents import CaseDocumentRow
from estimator.persistence.uow import UnitOfWork
from estimator.services.settings import settings_in
from kernel.problems import Problem, Worded


def record_of(row: CaseDocumentRow) -> DocumentRecord:
    """The domain's record of a stored row."""
    return DocumentRecord(row.item, DocumentState(row.state), row.at, row.recorded_by)


def stamp_collected(
    uow: UnitOfWork, key: uuid.UUID, checklist: tuple[str, ...], actor: str, when: dt.datetime
) -> None:
    """Stamp ``documents_collected`` the first time every needed item is in."""
    records = [record_of(r) for r in uow.documents.of_case(key)]
    if not docs.collected(checklist, records):
        return
    if any(e.kind is EventKind.DOCUMENTS_COLLECTED for e in uow.cases.events(key)):
        return
    uow.cases.add_event(key, EventKind.DOCUMENTS_COLLECTED, actor, when)


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
        stamp_collected(uow, case_id, checklist, actor, latest)

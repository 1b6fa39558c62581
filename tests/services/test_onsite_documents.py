"""On-site documents on both engines: the checklist by procedure, states recorded and audited,
documents_collected stamped once when the last needed item is in, refusals that write
nothing, and the collection rate per assessor."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.onsite_documents import DocumentState, Procedure
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, workflow
from estimator.services.estimate_store import NotFound
from estimator.services.onsite_documents import (
    collection_rates,
    document_checklist,
    record_document,
    set_procedure,
)
from estimator.services.reports import write_time_limit_report
from estimator.services.settings import set_setting
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.conftest import make_team
from tests.services.documents import document

SURVEY = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)
BEFORE = SURVEY - dt.timedelta(minutes=15)
AFTER = SURVEY + dt.timedelta(hours=2)
SIMPLE = ("driving_licence", "vehicle_licence", "accident_determination", "bank_card", "id_card")


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(
        priced_db, wang={Role.ASSESSOR}, zhao={Role.ASSESSOR}, li={Role.REVIEWER}, root={Role.ADMIN}
    )


def _case(engine: Engine, actor: str, claim_no: str = "RDAA2026330100000123") -> uuid.UUID:
    text = json.dumps(document(claim_no=claim_no), ensure_ascii=False)
    created = estimate_store.import_estimate(engine, text, actor=actor)
    assert created.estimate_id is not None
    return estimate_store.load_estimate(engine, str(created.estimate_id)).case_id


def _events(engine: Engine, case: uuid.UUID) -> list[dt.datetime]:
    with UnitOfWork(engine) as uow:
        found = uow.cases.events(case)
    return sorted(e.at for e in found if e.kind is EventKind.DOCUMENTS_COLLECTED)


def test_a_new_case_is_ordinary_with_everything_missing(
    priced_db: Engine, team: dict[str, User]
) -> None:
    checklist = document_checklist(priced_db, _case(priced_db, "wang"))
    assert checklist.procedure is Procedure.ORDINARY
    assert [i.item for i in checklist.items][-1] == "claim_application"
    assert {i.state for i in checklist.items} == {DocumentState.MISSING}
    assert not checklist.complete_at_survey and checklist.collected_at is None


def test_states_are_recorded_audited_and_collected_is_stamped_once(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case = _case(priced_db, "wang")
    simple = set_procedure(priced_db, case, "simple", team["wang"])
    assert tuple(i.item for i in simple.items) == SIMPLE
    workflow.record_event(priced_db, case, EventKind.SURVEY, "wang", SURVEY)
    for item in SIMPLE[:-1]:
        record_document(priced_db, case, item, "onsite", team["wang"], BEFORE)
    assert _events(priced_db, case) == []  # the ID card is still missing
    last = record_document(
        priced_db, str(case), "id_card", DocumentState.LATER, team["root"], AFTER
    )
    assert _events(priced_db, case) == [AFTER]
    assert last.collected_at == AFTER
    assert not last.complete_at_survey  # the ID card came later
    item = last.items[-1]
    assert (item.item, item.state, item.at, item.recorded_by) == (
        "id_card",
        DocumentState.LATER,
        AFTER,
        "root",
    )
    # Not needed after all: now complete at the survey? No: it was recorded after it.
    again = record_document(priced_db, case, "id_card", "not_needed", team["wang"], BEFORE)
    assert again.complete_at_survey  # recorded (back-dated) before the survey
    assert _events(priced_db, case) == [AFTER]  # stamped only once
    with UnitOfWork(priced_db) as uow:
        trail = list(audit.entries(uow.session, "case", "documents", case))
        procedure = list(audit.entries(uow.session, "case", "procedure", case))
    assert [(who, d["item"], d["state"]) for who, _id, d in trail][-2:] == [
        ("root", "id_card", "later"),
        ("wang", "id_card", "not_needed"),
    ]
    assert len(trail) == 6
    assert [(who, d["old"], d["new"]) for who, _id, d in procedure] == [
        ("wang", "ordinary", "simple")
    ]


def test_refusals_write_nothing(priced_db: Engine, team: dict[str, User]) -> None:
    case = _case(priced_db, "wang")
    set_procedure(priced_db, case, Procedure.SIMPLE, team["wang"])
    with pytest.raises(DomainError) as refused:
        record_document(priced_db, case, "id_card", "onsite", team["li"])
    assert refused.value.code == "role_required"
    with pytest.raises(DomainError) as not_listed:
        record_document(priced_db, case, "claim_application", "onsite", team["wang"])
    assert not_listed.value.code == "document_not_on_checklist"
    assert "简易程序" in str(not_listed.value)
    with pytest.raises(DomainError):
        record_document(priced_db, case, "id_card", "lost", team["wang"])
    with pytest.raises(DomainError):
        set_procedure(priced_db, case, "summary", team["wang"])
    with pytest.raises(NotFound):
        record_document(priced_db, uuid.uuid4(), "id_card", "onsite", team["wang"])
    checklist = document_checklist(priced_db, case)
    assert checklist.procedure is Procedure.SIMPLE
    assert {i.state for i in checklist.items} == {DocumentState.MISSING}
    with UnitOfWork(priced_db) as uow:
        assert list(audit.entries(uow.session, "case", "documents", case)) == []


def test_the_checklist_follows_the_settings(priced_db: Engine, team: dict[str, User]) -> None:
    case = _case(priced_db, "wang")
    set_setting(priced_db, "documents.checklist.simple", "id_card,bank_card", team["root"])
    set_procedure(priced_db, case, "simple", team["wang"])
    record_document(priced_db, case, "id_card", "onsite", team["wang"])
    assert _events(priced_db, case) == []
    done = record_document(priced_db, case, "bank_card", "onsite", team["wang"])
    assert [i.item for i in done.items] == ["id_card", "bank_card"]
    assert done.complete_at_survey  # no survey yet: judged as it stands
    assert len(_events(priced_db, case)) == 1


def test_the_rate_per_assessor(priced_db: Engine, team: dict[str, User]) -> None:
    complete, late, ordinary, other = (
        _case(priced_db, who, f"RDAA20263301000001{n}")
        for n, who in enumerate(("wang", "wang", "wang", "zhao"))
    )
    for case in (complete, late, other):
        set_procedure(priced_db, case, "simple", team["wang"])
        workflow.record_event(priced_db, case, EventKind.SURVEY, "wang", SURVEY)
    for item in SIMPLE:
        record_document(priced_db, complete, item, "onsite", team["wang"], BEFORE)
        record_document(priced_db, late, item, "onsite", team["wang"], AFTER)
        record_document(priced_db, ordinary, item, "onsite", team["wang"], BEFORE)
    today = utcnow().date()
    rates = collection_rates(priced_db, today, today)
    assert rates == {"wang": Decimal("0.5000"), "zhao": Decimal("0.0000")}
    assert (
        collection_rates(priced_db, today - dt.timedelta(days=9), today - dt.timedelta(days=8))
        == {}
    )


def test_estimate_import_takes_the_procedure_and_documents(
    priced_db: Engine, team: dict[str, User]
) -> None:
    onsite = {"state": "onsite", "at": "2026-12-07T09:45"}  # Shanghai time: 01:45 UTC
    doc = document(
        procedure="simple",
        documents=dict.fromkeys(SIMPLE[:-1], onsite)
        | {"id_card": {"state": "not_needed", "at": "2026-12-07T09:45"}},
    )
    created = estimate_store.import_estimate(
        priced_db, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert created.problems == [] and created.estimate_id is not None
    case = estimate_store.load_estimate(priced_db, str(created.estimate_id)).case_id
    workflow.record_event(priced_db, case, EventKind.SURVEY, "wang", SURVEY)
    checklist = document_checklist(priced_db, case)
    assert checklist.procedure is Procedure.SIMPLE
    assert checklist.items[0].at == dt.datetime(2026, 12, 7, 1, 45, tzinfo=dt.UTC)
    assert checklist.items[-1].state is DocumentState.NOT_NEEDED
    assert checklist.complete_at_survey
    assert _events(priced_db, case) == [dt.datetime(2026, 12, 7, 1, 45, tzinfo=dt.UTC)]
    with UnitOfWork(priced_db) as uow:
        assert len(list(audit.entries(uow.session, "case", "documents", case))) == 5


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"procedure": "summary"}, "procedure"),
        ({"documents": {"passport": "onsite"}}, "documents.passport"),
        ({"documents": {"id_card": "lost"}}, "documents.id_card.state"),
        ({"documents": {"id_card": {"state": "onsite", "at": "soon"}}}, "documents.id_card.at"),
        ({"documents": {"claim_application": "onsite"}, "procedure": "simple"}, "documents."),
    ],
)
def test_bad_documents_in_an_import_are_refused_by_path(
    priced_db: Engine, changes: dict[str, object], path: str
) -> None:
    text = json.dumps(document(**changes), ensure_ascii=False)
    created = estimate_store.import_estimate(priced_db, text, actor="wang")
    assert created.estimate_id is None
    assert any((p.path or "").startswith(path) for p in created.problems), created.problems


def test_the_time_limits_report_shows_the_rate_per_assessor(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    simple = _case(priced_db, "wang", "RDAA2026330100000201")
    _case(priced_db, "zhao", "RDAA2026330100000202")  # ordinary: no rate
    set_procedure(priced_db, simple, "simple", team["wang"])
    for item in SIMPLE:
        record_document(priced_db, simple, item, "onsite", team["wang"])
    today = utcnow().date()
    path = tmp_path / "report.xlsx"
    write_time_limit_report(priced_db, today, today, path)
    sheet = openpyxl.load_workbook(path)["按定损员 by assessor"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "现场单证收集率 on-site documents rate"
    rates = {r[0]: r[-1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rates == {"wang": 1.0, "zhao": None}

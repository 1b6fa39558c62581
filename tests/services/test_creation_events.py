"""Report and dispatch at a case's creation (indicators.md "Events"): a case created in the
workstation (create_case) records both at creation unless given; ``estimate import`` takes them
from the document and refuses a bad one, naming its JSON path, without creating a case."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Engine

from estimator.domain.case_details import CaseDetailsInvalid
from estimator.domain.clocks import EventKind, LocationClass
from estimator.domain.workflow import Role
from estimator.persistence.uow import UnitOfWork
from estimator.services import case_list, estimate_store, workflow
from estimator.services.case_details import case_details, update_case
from estimator.services.users import User
from kernel.clock import utcnow
from labor_standards.model import ShopClass
from tests.services.conftest import make_team
from tests.services.documents import document


@pytest.fixture
def wang(priced_db: Engine) -> User:
    return make_team(priced_db, wang={Role.ASSESSOR})["wang"]


def _events(engine: Engine, case_id: object) -> list[tuple[EventKind, dt.datetime]]:
    with UnitOfWork(engine) as uow:
        found = uow.cases.events(case_id)  # type: ignore[arg-type]
    return sorted(
        ((e.kind, e.at.replace(tzinfo=e.at.tzinfo or dt.UTC)) for e in found),
        key=lambda pair: (pair[1], pair[0].value),
    )


def _create(engine: Engine, actor: User, **fields: object) -> estimate_store.ImportedEstimate:
    return case_list.create_case(
        engine,
        claim_no="RDAA2026330100000088",
        region="ZJ",
        shop_class=ShopClass.CLASS1,
        plate="浙A12345",
        model_code="TY-CAMRY-18",
        actor=actor,
        **fields,  # type: ignore[arg-type]
    )


def test_a_new_case_records_report_and_dispatch_at_creation(priced_db: Engine, wang: User) -> None:
    before = utcnow().replace(microsecond=0)
    created = _create(priced_db, wang)
    after = utcnow() + dt.timedelta(seconds=1)
    assert created.problems == []
    kinds = [kind for kind, _ in _events(priced_db, created.case_id)]
    assert sorted(kinds) == sorted([EventKind.REPORT, EventKind.DISPATCH, EventKind.SURVEY])
    for kind, at in _events(priced_db, created.case_id):
        assert before <= at <= after, kind


def test_given_report_and_dispatch_times_are_kept(priced_db: Engine, wang: User) -> None:
    report = dt.datetime(2026, 3, 2, 0, 0, tzinfo=dt.UTC)
    dispatch = dt.datetime(2026, 3, 2, 0, 7, tzinfo=dt.UTC)
    survey = dt.datetime(2026, 3, 2, 0, 40, tzinfo=dt.UTC)
    created = _create(priced_db, wang, report_at=report, dispatch_at=dispatch, survey_at=survey)
    assert _events(priced_db, created.case_id) == [
        (EventKind.REPORT, report),
        (EventKind.DISPATCH, dispatch),
        (EventKind.SURVEY, survey),
    ]


def test_import_takes_the_events_from_the_document(priced_db: Engine, wang: User) -> None:
    doc = document(
        events={"report": "2026-03-02T08:00", "dispatch": ["2026-03-02T08:05", "2026-03-02T09:00"]}
    )
    created = estimate_store.import_estimate(
        priced_db, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert created.problems == []
    utc = dt.UTC
    assert _events(priced_db, created.case_id) == [
        (EventKind.REPORT, dt.datetime(2026, 3, 2, 0, 0, tzinfo=utc)),
        (EventKind.DISPATCH, dt.datetime(2026, 3, 2, 0, 5, tzinfo=utc)),
        (EventKind.DISPATCH, dt.datetime(2026, 3, 2, 1, 0, tzinfo=utc)),
    ]


def test_a_bad_event_time_is_refused_and_no_case_is_made(priced_db: Engine, wang: User) -> None:
    doc = document(events={"report": "2026-03-02T08:00", "dispatch": ["soon"]})
    refused = estimate_store.import_estimate(
        priced_db, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert refused.case_id is None
    assert [(p.code, p.path) for p in refused.problems] == [("not_a_moment", "events.dispatch[0]")]
    with UnitOfWork(priced_db) as uow:
        assert uow.cases.all_events() == {}


@pytest.mark.parametrize(("location", "minutes"), [(None, 30), ("city", 30), ("suburban", 60)])
def test_the_location_class_sets_the_arrival_limit(
    priced_db: Engine, wang: User, location: str | None, minutes: int
) -> None:
    doc = document(events={"dispatch": "2026-03-02T08:05"})
    if location is not None:
        doc["location"] = location
    created = estimate_store.import_estimate(
        priced_db, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert created.problems == [] and created.estimate_id is not None
    arrival = next(
        c for c in workflow.case_deadlines(priced_db, created.estimate_id) if c.name == "arrival"
    )
    dispatched = dt.datetime(2026, 3, 2, 0, 5, tzinfo=dt.UTC)
    assert arrival.due == dispatched + dt.timedelta(minutes=minutes)
    listed = case_list.list_cases(priced_db)
    assert [c.case_id for c in listed] == [created.case_id]


def test_create_case_stores_a_suburban_case(priced_db: Engine, wang: User) -> None:
    dispatch = dt.datetime(2026, 3, 2, 0, 7, tzinfo=dt.UTC)
    created = _create(priced_db, wang, dispatch_at=dispatch, location=LocationClass.SUBURBAN)
    assert created.estimate_id is not None
    arrival = next(
        c for c in workflow.case_deadlines(priced_db, created.estimate_id) if c.name == "arrival"
    )
    assert arrival.due == dispatch + dt.timedelta(minutes=60)


def test_an_unknown_location_is_refused_by_its_path(priced_db: Engine, wang: User) -> None:
    doc = document(location="downtown")
    refused = estimate_store.import_estimate(
        priced_db, json.dumps(doc, ensure_ascii=False), actor="wang"
    )
    assert refused.case_id is None
    assert [(p.code, p.path) for p in refused.problems] == [("unknown_choice", "location")]


def test_the_case_details_change_the_location_and_the_arrival_limit_follows(
    priced_db: Engine, wang: User
) -> None:
    dispatch = dt.datetime(2026, 3, 2, 0, 7, tzinfo=dt.UTC)
    created = _create(priced_db, wang, dispatch_at=dispatch)
    assert created.case_id is not None and created.estimate_id is not None
    before = case_details(priced_db, created.case_id)
    assert before.values["location_class"] == "city"
    saved = update_case(
        priced_db, created.case_id, {"location_class": "suburban"}, before.row_version, wang
    )
    assert saved.changed == {"location_class": ("city", "suburban")}
    arrival = next(
        c for c in workflow.case_deadlines(priced_db, created.estimate_id) if c.name == "arrival"
    )
    assert arrival.due == dispatch + dt.timedelta(minutes=60)
    with pytest.raises(CaseDetailsInvalid) as refused:
        update_case(
            priced_db, created.case_id, {"location_class": "moon"}, saved.details.row_version, wang
        )
    assert [(p.code, p.path) for p in refused.value.problems] == [
        ("unknown_choice", "location_class")
    ]

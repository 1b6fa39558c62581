"""Field events through the service: the note stored with the event and in its
audit entry (the history says it), the case's events listed oldest first with who, a reviewer
and a future time refused with nothing written."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import Engine

from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.gui.history_words import history_sentence
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store
from estimator.services.field_events import case_events, record_field_event
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.conftest import make_team
from tests.services.documents import document


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER}, root={Role.ADMIN})


def _case(engine: Engine) -> uuid.UUID:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    return estimate_store.load_estimate(engine, str(created.estimate_id)).case_id


def _field(engine: Engine, case: uuid.UUID) -> list[tuple[str, str, str]]:
    return [
        (e.kind, e.by, e.note)
        for e in case_events(engine, case)
        if e.kind not in ("report", "dispatch")
    ]


def test_the_note_is_stored_with_the_event_and_audited(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case = _case(priced_db)
    at = dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.UTC)
    record_field_event(priced_db, case, EventKind.FIRST_CONTACT, team["wang"], at)
    after = record_field_event(
        priced_db, case, EventKind.ENTRUSTMENT, team["wang"], note=" 杭州分公司 "
    )
    assert [(e.kind, e.note) for e in after][-2:] == [
        ("first_contact", ""),
        ("entrustment", "杭州分公司"),
    ]
    assert _field(priced_db, case) == [
        ("first_contact", "wang", ""),
        ("entrustment", "wang", "杭州分公司"),
    ]
    contact = next(e for e in case_events(priced_db, case) if e.kind == "first_contact")
    assert contact.at == at
    with UnitOfWork(priced_db) as uow:
        trail = list(audit.entries(uow.session, "case", "event_entrustment", case))
        plain = list(audit.entries(uow.session, "case", "event_first_contact", case))
    assert trail == [("wang", str(case), {"note": "杭州分公司"})]
    assert plain == [("wang", str(case), {})]
    (_actor, _id, detail), *_ = trail
    sentence = history_sentence("event_entrustment", "王定损", detail, "zh")
    assert sentence == "王定损 记录委托查勘：杭州分公司"


def test_a_reviewer_and_a_future_time_are_refused_with_nothing_written(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case = _case(priced_db)
    with pytest.raises(DomainError) as reviewer:
        record_field_event(priced_db, case, EventKind.ARRIVAL, team["li"])
    assert reviewer.value.code == "role_required"
    later = utcnow() + dt.timedelta(hours=1)
    with pytest.raises(DomainError) as future:
        record_field_event(priced_db, case, EventKind.ARRIVAL, team["root"], later)
    assert future.value.code == "event_in_future"
    with pytest.raises(DomainError) as nameless:
        record_field_event(priced_db, case, EventKind.ENTRUSTMENT, team["wang"])
    assert nameless.value.code == "event_entrusted_party_missing"
    assert _field(priced_db, case) == []
    with UnitOfWork(priced_db) as uow:
        assert list(audit.entries(uow.session, "case", "event_arrival", case)) == []

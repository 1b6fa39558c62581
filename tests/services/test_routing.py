"""Large-case routing and the manager's escalations, on SQLite and PostgreSQL: the queue, take
and assign with their refusals and audit entries, R11 on the case's assessor, an overdue
resubmission escalated once per return and resolved by the resubmission."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import Engine, select

from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Group, Role
from estimator.persistence.rows import AuditRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import case_list, estimate_store, workflow
from estimator.services.case_details import case_details
from estimator.services.review import review_estimate
from estimator.services.routing import assign_case, escalations, large_case_queue, take_case
from estimator.services.users import User, create_user
from kernel.clock import utcnow
from tests.services.documents import document


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    people = {
        "zhang": ({Role.ASSESSOR}, Group.ORDINARY),
        "liu": ({Role.ASSESSOR}, Group.LARGE),
        "wu": ({Role.ASSESSOR}, Group.LARGE),
        "boss": ({Role.MANAGER}, Group.ORDINARY),
        "li": ({Role.REVIEWER}, Group.ORDINARY),
    }
    return {
        name: create_user(priced_db, name, "password-" + name, roles, actor="setup", group=group)
        for name, (roles, group) in people.items()
    }


def _case(engine: Engine, actor: str, claim_no: str, **changes: object) -> tuple[str, uuid.UUID]:
    doc = document(claim_no=claim_no, **changes)
    created = estimate_store.import_estimate(
        engine, json.dumps(doc, ensure_ascii=False), actor=actor
    )
    assert created.estimate_id is not None
    stored = estimate_store.load_estimate(engine, created.estimate_id)
    return str(created.estimate_id), stored.case_id


def _audit(engine: Engine, case_id: uuid.UUID) -> list[tuple[str, str, dict[str, object]]]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(AuditRow.actor, AuditRow.action, AuditRow.detail)
            .where(AuditRow.entity == "case", AuditRow.entity_id == str(case_id))
            .order_by(AuditRow.seq)
        )
        return [(actor, action, json.loads(detail)) for actor, action, detail in rows]


def test_a_large_case_waits_in_the_queue_until_a_large_group_member_takes_it(
    priced_db: Engine, team: dict[str, User]
) -> None:
    _estimate, large = _case(priced_db, "zhang", "RPT-L1", needs_teardown=True)
    _case(priced_db, "zhang", "RPT-S1")  # an ordinary case stays with its assessor
    _case(priced_db, "liu", "RPT-L2", needs_teardown=True)  # a member's own large case
    assert [(e.claim_no, e.assessor) for e in large_case_queue(priced_db)] == [("RPT-L1", "zhang")]

    with pytest.raises(DomainError) as ordinary:
        take_case(priced_db, large, team["zhang"])
    assert ordinary.value.code == "take_needs_large_group"
    assert take_case(priced_db, large, team["liu"]) == "liu"
    assert large_case_queue(priced_db) == []
    listed = {c.claim_no: c.assessor for c in case_list.list_cases(priced_db)}
    assert listed == {"RPT-L1": "liu", "RPT-S1": "zhang", "RPT-L2": "liu"}
    # The new assessor changes the case's details; the one who opened it, having edited its
    # lines, still may.
    assert case_details(priced_db, large).assessors == ("liu", "zhang")
    with pytest.raises(DomainError) as taken:
        take_case(priced_db, large, team["wu"])
    assert taken.value.message_zh == "案件 RPT-L1 已由大案组的 liu 接手"

    assert [(who, action, detail.get("to")) for who, action, detail in _audit(priced_db, large)][
        -3:
    ] == [
        ("zhang", "refused_take_case", None),
        ("liu", "take_case", "liu"),
        ("wu", "refused_take_case", None),
    ]
    assert _audit(priced_db, large)[-2][2]["from"] == "zhang"


def test_a_manager_assigns_to_any_assessor_and_every_reassignment_is_audited(
    priced_db: Engine, team: dict[str, User]
) -> None:
    _estimate, large = _case(priced_db, "zhang", "RPT-L1", needs_teardown=True)
    assert assign_case(priced_db, large, "wu", team["boss"]) == "wu"
    assert assign_case(priced_db, large, "zhang", team["boss"]) == "zhang"  # back to the queue
    assert [e.claim_no for e in large_case_queue(priced_db)] == ["RPT-L1"]
    entries = [(a, d["from"], d["to"]) for _w, a, d in _audit(priced_db, large) if "to" in d]
    assert entries == [("assign_case", "zhang", "wu"), ("assign_case", "wu", "zhang")]

    with pytest.raises(DomainError) as reviewer:
        assign_case(priced_db, large, "li", team["boss"])
    assert reviewer.value.message_zh == "li 不是定损员，不能指派案件给他"
    with pytest.raises(DomainError, match="already assigned to zhang"):
        assign_case(priced_db, large, "zhang", team["boss"])
    with pytest.raises(DomainError) as not_a_manager:
        assign_case(priced_db, large, "liu", team["liu"])
    assert not_a_manager.value.code == "role_required"
    with pytest.raises(DomainError, match="no user nobody"):
        assign_case(priced_db, large, "nobody", team["boss"])
    admin = create_user(priced_db, "root", "password-root", {Role.ADMIN}, actor="setup")
    assert assign_case(priced_db, large, "liu", admin) == "liu"


def test_a_late_resubmission_never_seen_open_is_audited_escalated_and_resolved(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate, case_id = _case(priced_db, "zhang", "RPT-E2")
    with UnitOfWork(priced_db, write=True) as uow:
        uow.cases.add_event(case_id, EventKind.RETURN, "li", utcnow() - dt.timedelta(days=5))
        uow.commit()
    workflow.submit(priced_db, estimate, team["zhang"])  # three days late, nobody looked
    actions = [a for _w, a, _d in _audit(priced_db, case_id)]
    assert actions[-2:] == ["escalate", "resolve_escalation"]
    assert escalations(priced_db, team["boss"]) == []
    assert [a for _w, a, _d in _audit(priced_db, case_id)] == actions  # nothing twice


def test_r11_follows_the_cases_assessor(priced_db: Engine, team: dict[str, User]) -> None:
    estimate, large = _case(priced_db, "zhang", "RPT-L1", needs_teardown=True)
    assert "R11" in {f.rule for f in review_estimate(priced_db, estimate)}
    take_case(priced_db, large, team["liu"])
    assert "R11" not in {f.rule for f in review_estimate(priced_db, estimate)}


def test_an_overdue_resubmission_escalates_once_and_is_resolved_by_the_resubmission(
    priced_db: Engine, team: dict[str, User]
) -> None:
    estimate, case_id = _case(priced_db, "zhang", "RPT-E1")
    returned = utcnow() - dt.timedelta(days=3)
    with UnitOfWork(priced_db, write=True) as uow:  # a return three days ago, not resubmitted
        uow.cases.add_event(case_id, EventKind.RETURN, "li", returned)
        uow.commit()
    now = utcnow()
    found = escalations(priced_db, team["boss"], now)
    assert [(e.claim_no, e.assessor) for e in found] == [("RPT-E1", "zhang")]
    assert found[0].due == returned + dt.timedelta(days=2)
    assert abs(float(found[0].hours_overdue) - 24.0) < 0.1
    assert escalations(priced_db, team["boss"], now) == found  # seen again: recorded once
    assert [a for _w, a, _d in _audit(priced_db, case_id)].count("escalate") == 1
    with pytest.raises(DomainError) as assessor:
        escalations(priced_db, team["zhang"])
    assert assessor.value.code == "role_required"

    workflow.submit(priced_db, estimate, team["zhang"])  # the resubmission
    # Resolved as the resubmission is made, by the one who made it.
    assert [(w, a) for w, a, _d in _audit(priced_db, case_id)][-1] == (
        "zhang",
        "resolve_escalation",
    )
    assert escalations(priced_db, team["boss"]) == []
    assert escalations(priced_db, team["boss"]) == []
    actions = [a for _w, a, _d in _audit(priced_db, case_id)]
    assert actions.count("escalate") == 1 and actions.count("resolve_escalation") == 1
    resolved = next(d for _w, a, d in _audit(priced_db, case_id) if a == "resolve_escalation")
    assert resolved["returned_at"] == returned.isoformat()


def test_the_migration_gives_existing_cases_the_assessor_who_opened_them(
    priced_db: Engine, team: dict[str, User]
) -> None:
    from alembic import command

    from estimator.persistence.migrations import alembic_config

    _estimate, case_id = _case(priced_db, "zhang", "RPT-M1", needs_teardown=True)
    take_case(priced_db, case_id, team["liu"])
    config = alembic_config()
    with priced_db.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0020")
    with priced_db.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with UnitOfWork(priced_db) as uow:
        assert uow.cases.assessor(case_id) == "zhang"  # created_by, as before the assignment
    assert [e.claim_no for e in large_case_queue(priced_db)] == ["RPT-M1"]


def test_the_reports_count_a_taken_case_for_its_new_assessor(
    priced_db: Engine, team: dict[str, User]
) -> None:
    """The indicators and the pending list follow the case to whoever took it from the queue,
    not who opened it."""
    from estimator.services.indicators import indicators_document
    from estimator.services.pending import pending_lists

    _estimate, case_id = _case(priced_db, "zhang", "RPT-T1", needs_teardown=True)
    workflow.record_event(priced_db, case_id, EventKind.SURVEY, "zhang")  # its clocks start
    take_case(priced_db, case_id, team["liu"])
    today = utcnow().date()
    doc = indicators_document(
        priced_db, today - dt.timedelta(days=30), today + dt.timedelta(days=30)
    )
    assert [(c["claim_no"], c["assessor"]) for c in doc["cases"]] == [("RPT-T1", "liu")]
    pending = {p.assessor: [c.claim_no for c in p.cases] for p in pending_lists(priced_db)}
    assert pending == {"liu": ["RPT-T1"]}

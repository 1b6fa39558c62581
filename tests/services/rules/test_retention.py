"""Archiving and deleting a case: the rules on a fake unit of work (no database, no SQL).

What needs storage (every table of the case emptied, the refusal audited in a transaction of
its own, the audit chain verifying) stays in test_retention.py."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from estimator.domain.retention import RetentionPolicy, add_years
from estimator.domain.workflow import EstimateStatus, Role
from estimator.persistence.rows import CaseRow
from estimator.services import retention
from estimator.services.estimate_store import NotFound
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.fakes import FakeUnitOfWork

WANG = User("wang", "王", frozenset({Role.ASSESSOR}))
LI = User("li", "李", frozenset({Role.REVIEWER}))
ROOT = User("root", "管理员", frozenset({Role.ADMIN}))
POLICY = RetentionPolicy()


def _case(uow: FakeUnitOfWork, status: EstimateStatus, *, closed: bool = False) -> CaseRow:
    """A case whose newest version has ``status`` (an older draft before it), closed in the
    audit trail now when ``closed``."""
    case = uow.cases.add()
    uow.estimates.add(EstimateStatus.DRAFT, case_id=case.id)
    newest = uow.estimates.add(status, case_id=case.id, version_no=2)
    if closed:
        uow.audit.record(actor="wang", entity="estimate", entity_id=newest.id, action="close")
    return case


def test_only_a_closed_case_is_archived_by_an_assessor_or_administrator_and_only_once() -> None:
    uow = FakeUnitOfWork()
    open_case = _case(uow, EstimateStatus.APPROVED)
    refusal = retention.archive(uow, open_case.id, WANG)
    assert refusal is not None and refusal.code == "case_not_closed"
    closed = _case(uow, EstimateStatus.CLOSED, closed=True)
    refusal = retention.archive(uow, closed.id, LI)
    assert refusal is not None and refusal.code == "not_allowed"
    assert not uow.retention.archived and uow.audit.actions() == ["close"]

    assert retention.archive(uow, closed.id, WANG, "claim paid") is None
    assert uow.retention.archived[closed.id][1:] == ("wang", "claim paid")
    assert uow.audit.entries[-1].action == "archive"
    assert uow.audit.entries[-1].detail == {"reason": "claim paid"}
    refusal = retention.archive(uow, closed.id, ROOT)
    assert refusal is not None and refusal.code == "already_archived"
    assert uow.committed == 0  # the core never commits: its entry point does


def test_an_unknown_case_is_not_found_for_archiving_and_deleting() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(NotFound):
        retention.archive(uow, uuid.uuid4(), WANG)
    with pytest.raises(NotFound):
        retention.delete(uow, uuid.uuid4(), ROOT, POLICY, utcnow())


def test_only_an_administrator_deletes_and_never_an_open_case() -> None:
    uow = FakeUnitOfWork()
    closed = _case(uow, EstimateStatus.CLOSED, closed=True)
    later = add_years(utcnow(), 50)
    refusal = retention.delete(uow, closed.id, WANG, POLICY, later)
    assert refusal is not None and refusal.code == "admin_only"
    open_case = _case(uow, EstimateStatus.SIGNED)
    refusal = retention.delete(uow, open_case.id, ROOT, POLICY, later)
    assert refusal is not None and refusal.code == "case_not_closed"
    # a version closed once, then a newer one opened (a supplement): the case is open again
    reopened = _case(uow, EstimateStatus.CLOSED, closed=True)
    uow.estimates.add(EstimateStatus.DRAFT, case_id=reopened.id, version_no=3)
    refusal = retention.delete(uow, reopened.id, ROOT, POLICY, later)
    assert refusal is not None and refusal.code == "case_not_closed"
    assert len(uow.cases.rows) == 3 and [e.action for e in uow.audit.entries].count("delete") == 0


def test_retention_runs_from_the_closing_and_from_every_signature() -> None:
    uow = FakeUnitOfWork()
    case = _case(uow, EstimateStatus.CLOSED, closed=True)
    closed_at = uow.audit.entries[-1].at
    signed = closed_at + dt.timedelta(days=200)  # an older version signed after the closing
    uow.estimates.of_case(case.id)[0].customer_signed_at = signed
    just_after_closing = add_years(closed_at, 5) + dt.timedelta(days=1)
    refusal = retention.delete(uow, case.id, ROOT, POLICY, just_after_closing)
    assert refusal is not None and refusal.code == "within_retention"
    refusal = retention.delete(
        uow, case.id, ROOT, RetentionPolicy(10), add_years(signed, 6)
    )  # a longer setting holds it longer
    assert refusal is not None and refusal.code == "within_retention"
    assert uow.cases.exists(case.id)


def test_a_case_past_retention_is_deleted_whole_and_the_deletion_audited() -> None:
    uow = FakeUnitOfWork()
    case = _case(uow, EstimateStatus.CLOSED, closed=True)
    other = _case(uow, EstimateStatus.DRAFT)
    uow.cases.add_editor(case.id, "wang")
    uow.retention.archive(case.id, utcnow(), "wang", "")
    when = add_years(utcnow(), 5) + dt.timedelta(days=1)
    assert retention.delete(uow, case.id, ROOT, POLICY, when) is None
    assert not uow.cases.exists(case.id) and uow.estimates.of_case(case.id) == []
    assert not uow.retention.is_archived(case.id) and uow.cases.editors(case.id) == set()
    assert uow.cases.exists(other.id) and len(uow.estimates.of_case(other.id)) == 2
    entry = uow.audit.entries[-1]
    assert (entry.action, entry.entity_id) == ("delete", str(case.id))
    assert entry.detail == {"claim_no": "BA2026", "retention_years": 5}

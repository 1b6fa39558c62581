"""The pending list on both engines: only cases without an approved version, aged from the
report, with the current clock; reasons kept per case (latest wins, audited, refused to
others); the manager's review stored with the cases listed and due again after 14 days."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from estimator.domain.clocks import ClockState, EventKind
from estimator.domain.errors import DomainError
from estimator.domain.pending import AgeBucket
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, workflow
from estimator.services.estimate_store import NotFound
from estimator.services.pending import (
    mark_pending_reviewed,
    pending_document,
    pending_list,
    pending_lists,
    set_pending_reason,
    write_pending_report,
)
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.conftest import make_team
from tests.services.documents import document


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(
        priced_db,
        wang={Role.ASSESSOR},
        zhao={Role.ASSESSOR},
        li={Role.REVIEWER},
        boss={Role.MANAGER},
        root={Role.ADMIN},
    )


def _case(engine: Engine, actor: str, claim_no: str) -> tuple[uuid.UUID, uuid.UUID]:
    doc = document(claim_no=claim_no)
    created = estimate_store.import_estimate(
        engine, json.dumps(doc, ensure_ascii=False), actor=actor
    )
    assert created.estimate_id is not None
    loaded = estimate_store.load_estimate(engine, str(created.estimate_id))
    return loaded.case_id, created.estimate_id


def test_the_list_holds_unapproved_cases_aged_from_the_report(
    priced_db: Engine, team: dict[str, User]
) -> None:
    now = utcnow()
    old, _ = _case(priced_db, "wang", "RDAA2026330100000901")
    young, _ = _case(priced_db, "wang", "RDAA2026330100000902")
    done, done_version = _case(priced_db, "wang", "RDAA2026330100000903")
    other, _ = _case(priced_db, "zhao", "RDAA2026330100000904")
    workflow.record_event(priced_db, old, EventKind.REPORT, "wang", now - dt.timedelta(days=21))
    workflow.record_event(priced_db, old, EventKind.SURVEY, "wang", now - dt.timedelta(days=20))
    workflow.submit(priced_db, done_version, team["wang"])
    workflow.approve(priced_db, done_version, team["li"], "核对无误")
    wang = pending_list(priced_db, "wang", now)
    assert [c.claim_no for c in wang.cases] == [
        "RDAA2026330100000901",
        "RDAA2026330100000902",
    ]  # oldest first
    first = wang.cases[0]
    assert (first.age_days, first.bucket) == (21, AgeBucket.DAYS_21_40)
    assert first.clock is not None and first.clock_state is ClockState.OVERDUE
    assert wang.cases[1].bucket is AgeBucket.UP_TO_5
    assert wang.counts == {
        AgeBucket.UP_TO_5: 1,
        AgeBucket.DAYS_6_20: 0,
        AgeBucket.DAYS_21_40: 1,
        AgeBucket.OVER_40: 0,
    }
    assert [p.assessor for p in pending_lists(priced_db, now=now)] == ["wang", "zhao"]
    assert pending_list(priced_db, "li", now).cases == ()
    assert {young, other}.isdisjoint({done})


def test_a_reason_is_kept_per_case_latest_wins_and_audited(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case, _ = _case(priced_db, "wang", "RDAA2026330100000911")
    set_pending_reason(priced_db, case, " 等待配件报价 ", team["wang"])
    set_pending_reason(priced_db, str(case), "客户未到店", team["wang"])
    listed = pending_list(priced_db, "wang").cases[0]
    assert (listed.reason, listed.reason_by) == ("客户未到店", "wang")
    with UnitOfWork(priced_db) as uow:
        trail = list(audit.entries(uow.session, "case", "pending_reason", case))
    assert [d["reason"] for _a, _id, d in trail] == ["等待配件报价", "客户未到店"]
    assert trail[1][2]["before"] == "等待配件报价"


def test_reasons_are_refused_to_others_and_on_approved_cases(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case, version = _case(priced_db, "wang", "RDAA2026330100000912")
    with pytest.raises(DomainError) as not_theirs:
        set_pending_reason(priced_db, case, "代填", team["zhao"])
    assert not_theirs.value.code == "pending_not_your_case"
    with pytest.raises(DomainError) as reviewer:
        set_pending_reason(priced_db, case, "代填", team["li"])
    assert reviewer.value.code == "role_required"
    with pytest.raises(DomainError) as empty:
        set_pending_reason(priced_db, case, "  ", team["wang"])
    assert empty.value.code == "pending_reason_empty"
    with pytest.raises(NotFound):
        set_pending_reason(priced_db, uuid.uuid4(), "x", team["wang"])
    assert pending_list(priced_db, "wang").cases[0].reason == ""
    set_pending_reason(priced_db, case, "管理员代录", team["root"])  # an administrator may
    workflow.submit(priced_db, version, team["wang"])
    workflow.approve(priced_db, version, team["li"], "核对无误")
    with pytest.raises(DomainError) as approved:
        set_pending_reason(priced_db, case, "晚了", team["wang"])
    assert approved.value.code == "pending_case_approved"


def test_the_review_is_stored_and_due_again_after_14_days(
    priced_db: Engine, team: dict[str, User]
) -> None:
    _case(priced_db, "wang", "RDAA2026330100000913")
    _case(priced_db, "wang", "RDAA2026330100000914")
    now = utcnow()
    assert pending_list(priced_db, "wang", now).review_due
    with pytest.raises(DomainError) as refused:
        mark_pending_reviewed(priced_db, "wang", team["wang"], now)
    assert refused.value.code == "role_required"
    with pytest.raises(NotFound):
        mark_pending_reviewed(priced_db, "nobody", team["boss"], now)
    marked = mark_pending_reviewed(priced_db, "wang", team["boss"], now)
    assert (marked.reviewed_by, marked.reviewed_at, marked.review_due) == ("boss", now, False)
    later = pending_list(priced_db, "wang", now + dt.timedelta(days=13, hours=23))
    assert not later.review_due
    assert pending_list(priced_db, "wang", now + dt.timedelta(days=14)).review_due
    with UnitOfWork(priced_db) as uow:
        trail = list(audit.entries(uow.session, "pending_list", "pending_reviewed", "wang"))
    assert [(a, sorted(d["cases"])) for a, _id, d in trail] == [
        ("boss", ["RDAA2026330100000913", "RDAA2026330100000914"])
    ]


def test_the_workbook_and_the_json(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    case, _ = _case(priced_db, "wang", "RDAA2026330100000915")
    _case(priced_db, "zhao", "RDAA2026330100000916")
    set_pending_reason(priced_db, case, "等待拆解", team["wang"])
    lists = pending_lists(priced_db)
    path = tmp_path / "pending.xlsx"
    write_pending_report(lists, path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["wang", "zhao"]
    rows = list(book["wang"].iter_rows(values_only=True))
    assert rows[1][:2] == ("5天以内", 1) and rows[5][:2] == ("合计 total", 1)
    assert rows[-1][0] == "RDAA2026330100000915" and rows[-1][-1] == "等待拆解"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", rows[-1][2])  # local time, shown
    document_ = pending_document(lists)
    assert [a["assessor"] for a in document_["assessors"]] == ["wang", "zhao"]
    assert document_["assessors"][0]["cases"][0]["reason"] == "等待拆解"
    assert document_["assessors"][0]["buckets"] == {"0-5": 1, "6-20": 0, "21-40": 0, "41+": 0}


def test_deleting_a_case_deletes_its_reason(priced_db: Engine, team: dict[str, User]) -> None:
    case, _ = _case(priced_db, "wang", "RDAA2026330100000921")
    set_pending_reason(priced_db, case, "等待定损", team["wang"])
    with UnitOfWork(priced_db, write=True) as uow:
        uow.retention.delete_case(case)  # the reason's foreign key does not hold it up
        uow.commit()
    with UnitOfWork(priced_db) as uow:
        assert uow.cases.get(case) is None and case not in uow.pending.reasons()

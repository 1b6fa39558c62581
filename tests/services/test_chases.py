"""Chases on both engines: recorded and audited on the case, refused for a reviewer and for
an unknown case with nothing written, counted with their penalty in the time-limits report."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine

from estimator.domain.chases import ChaseBy, ChaseVia
from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, workflow
from estimator.services.chases import chases_of, record_chase
from estimator.services.estimate_store import NotFound
from estimator.services.reports import case_timings, write_time_limit_report
from estimator.services.settings import set_setting
from estimator.services.users import User
from kernel.clock import utcnow
from tests.services.conftest import make_team
from tests.services.documents import document


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER}, root={Role.ADMIN})


def _case(engine: Engine, actor: str) -> uuid.UUID:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor=actor
    )
    assert created.estimate_id is not None
    return estimate_store.load_estimate(engine, str(created.estimate_id)).case_id


def test_a_chase_is_stored_and_audited_on_the_case(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case = _case(priced_db, "wang")
    at = dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.UTC)
    first = record_chase(priced_db, case, "customer", "gm_office", team["wang"], " 急 ", at)
    assert (first.count, first.penalty) == (1, Decimal("100.00"))
    second = record_chase(priced_db, str(case), ChaseBy.SHOP, ChaseVia.CLAIMS_MANAGER, team["root"])
    assert (second.count, second.penalty) == (2, Decimal("300.00"))
    stored = chases_of(priced_db, case)
    assert [(c.by, c.via, c.recorded_by, c.note) for c in stored.chases] == [
        (ChaseBy.CUSTOMER, ChaseVia.GM_OFFICE, "wang", "急"),
        (ChaseBy.SHOP, ChaseVia.CLAIMS_MANAGER, "root", ""),
    ]
    assert stored.chases[0].at == at
    with UnitOfWork(priced_db) as uow:
        trail = list(audit.entries(uow.session, "case", "chase", case))
    assert [(actor, d["by"], d["via"], d["note"]) for actor, _id, d in trail] == [
        ("wang", "customer", "gm_office", "急"),
        ("root", "shop", "claims_manager", ""),
    ]


def test_the_penalty_follows_the_stored_settings(priced_db: Engine, team: dict[str, User]) -> None:
    case = _case(priced_db, "wang")
    set_setting(priced_db, "chase.penalty.first", "50", team["root"])
    for _ in range(3):
        record_chase(priced_db, case, "sales", "gm_office", team["wang"])
    assert chases_of(priced_db, case).penalty == Decimal("350.00")  # 50 + 100 + 200


def test_refusals_write_nothing(priced_db: Engine, team: dict[str, User]) -> None:
    case = _case(priced_db, "wang")
    with pytest.raises(DomainError) as refused:
        record_chase(priced_db, case, "customer", "gm_office", team["li"])
    assert refused.value.code == "role_required"
    with pytest.raises(DomainError) as bad:
        record_chase(priced_db, case, "boss", "gm_office", team["wang"])
    assert bad.value.code == "chase_bad_by"
    with pytest.raises(NotFound):
        record_chase(priced_db, uuid.uuid4(), "customer", "gm_office", team["wang"])
    with pytest.raises(NotFound):
        record_chase(priced_db, "not-an-id", "customer", "gm_office", team["wang"])
    assert chases_of(priced_db, case).count == 0
    with UnitOfWork(priced_db) as uow:
        assert list(audit.entries(uow.session, "case", "chase", case)) == []


def test_the_time_limits_report_counts_chases_and_penalty(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    chased, quiet = _case(priced_db, "wang"), _case(priced_db, "wang")
    record_chase(priced_db, chased, "customer", "gm_office", team["wang"])
    record_chase(priced_db, chased, "shop", "claims_manager", team["wang"])
    now = utcnow()
    for case in (chased, quiet):  # surveyed: each case has a clock, so a row in the detail
        workflow.record_event(
            priced_db, case, EventKind.SURVEY, "wang", now - dt.timedelta(hours=1)
        )
    today = now.date()
    timings = case_timings(priced_db, today - dt.timedelta(days=1), today)
    assert sorted((t.chases, t.penalty) for t in timings) == [
        (0, Decimal("0.00")),
        (2, Decimal("300.00")),
    ]
    path = tmp_path / "report.xlsx"
    write_time_limit_report(priced_db, today - dt.timedelta(days=1), today, path)
    sheet = openpyxl.load_workbook(path)["案件明细 cases"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert header[-2:] == ("催问次数 chases", "催问扣款(元) chase penalty (yuan)")
    cells = {(r[-2], r[-1]) for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells == {(0, 0), (2, 300)}


def test_deleting_a_case_deletes_its_chases(priced_db: Engine, team: dict[str, User]) -> None:
    case = _case(priced_db, "wang")
    record_chase(priced_db, case, "customer", "gm_office", team["wang"])
    with UnitOfWork(priced_db, write=True) as uow:
        uow.retention.delete_case(case)  # the chase's foreign key does not hold it up
        uow.commit()
    with UnitOfWork(priced_db) as uow:
        assert uow.cases.get(case) is None and uow.chases.of_case(case) == []

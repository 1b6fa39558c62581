"""A case checked out to a laptop is read-only elsewhere (sync.md), on both engines: every write
path of the services on it is refused in words naming the claim, the device, who and since
when, with nothing stored; other cases are unaffected; a manager's release (audited) lifts it,
an assessor's is refused; on a laptop a checked-in case, and every exchanged case while a
check-in is in flight, is read-only, and a case made there stays editable."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, insert, select

from estimator.domain.clocks import EventKind
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.chases import ChaseRow
from estimator.persistence.onsite_documents import CaseDocumentRow
from estimator.persistence.rows import AuditRow, CaseEventRow, CaseRow, PhotoRow
from estimator.persistence.sync_rows import CaseCheckoutRow, SyncCaseRow, SyncStateRow
from estimator.persistence.uow import UnitOfWork
from estimator.services import estimate_store, workflow
from estimator.services.case_details import case_details, update_case
from estimator.services.chases import record_chase
from estimator.services.field_events import record_field_event
from estimator.services.onsite_documents import record_document, set_procedure
from estimator.services.photos import attach_photo
from estimator.services.sync_release import checkouts, release_checkout
from estimator.services.users import User
from tests.services.conftest import make_team
from tests.services.documents import document
from tests.services.test_photos import PNG

SINCE = dt.datetime(2026, 12, 7, 1, 30, tzinfo=dt.UTC)  # 09:30 in Shanghai
WORDS_EN = (
    "case RDAA2026330100000123 is checked out to 丽水-笔记本 (wang, since 2026-12-07 09:30); "
    "it is read-only until it is checked in or a manager releases it"
)
WORDS_ZH = "案件 RDAA2026330100000123 已检出到 丽水-笔记本（wang，2026-12-07 09:30 起），检入或经理释放前只读"


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return make_team(
        priced_db, wang={Role.ASSESSOR}, li={Role.REVIEWER}, zhou={Role.MANAGER}, root={Role.ADMIN}
    )


def _import(engine: Engine, claim_no: str = "RDAA2026330100000123") -> tuple[uuid.UUID, uuid.UUID]:
    """A new case of wang's: (case id, its draft's id)."""
    text = json.dumps(document(claim_no=claim_no), ensure_ascii=False)
    created = estimate_store.import_estimate(engine, text, actor="wang")
    assert created.case_id is not None and created.estimate_id is not None
    return created.case_id, created.estimate_id


def check_out(engine: Engine, case_id: uuid.UUID) -> None:
    """What the sync code does at check-out: a Core insert, which the guard never sees."""
    with engine.begin() as connection:
        connection.execute(
            insert(CaseCheckoutRow).values(
                case_id=case_id,
                device_id="d-1",
                device_name="丽水-笔记本",
                username="wang",
                checked_out_at=SINCE,
            )
        )


def _counts(engine: Engine) -> dict[str, int]:
    tables = (AuditRow, ChaseRow, CaseEventRow, CaseDocumentRow, PhotoRow)
    with engine.connect() as connection:
        return {
            t.__tablename__: connection.scalar(select(func.count()).select_from(t)) or 0
            for t in tables
        }


def _writes(
    engine: Engine, team: dict[str, User], case_id: uuid.UUID, estimate_id: uuid.UUID, tmp: Path
) -> dict[str, Callable[[], Any]]:
    """Each write path of the services on the case, as a call."""
    stored = estimate_store.load_estimate(engine, estimate_id)
    photo = tmp / "front.png"
    photo.write_bytes(PNG)
    version = case_details(engine, case_id).row_version
    wang = team["wang"]
    return {
        "save a draft": lambda: estimate_store.replace_lines(
            engine, estimate_id, list(stored.estimate.lines[:-1]), wang
        ),
        "case details": lambda: update_case(
            engine, case_id, {"insured_phone": "13900000000"}, version, wang
        ),
        "event": lambda: record_field_event(engine, case_id, EventKind.TEARDOWN, wang),
        "photo": lambda: attach_photo(engine, case_id, photo, "wang"),
        "on-site document": lambda: record_document(engine, case_id, "id_card", "onsite", wang),
        "chase": lambda: record_chase(engine, case_id, "customer", "gm_office", wang),
    }


def test_every_write_on_a_checked_out_case_is_refused_with_nothing_stored(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    case_id, estimate_id = _import(priced_db)
    writes = _writes(priced_db, team, case_id, estimate_id, tmp_path)
    check_out(priced_db, case_id)
    before = _counts(priced_db)
    lines_before = estimate_store.load_estimate(priced_db, estimate_id).estimate.lines
    version = case_details(priced_db, case_id).row_version
    for name, write in writes.items():
        with pytest.raises(DomainError) as refused:
            write()
        assert refused.value.code == "case_read_only", name
        assert (refused.value.message_en, refused.value.message_zh) == (WORDS_EN, WORDS_ZH)
    assert _counts(priced_db) == before
    assert estimate_store.load_estimate(priced_db, estimate_id).estimate.lines == lines_before
    assert case_details(priced_db, case_id).row_version == version


def test_a_reviewers_return_and_approval_are_refused_while_checked_out(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, estimate_id = _import(priced_db)
    workflow.submit(priced_db, estimate_id, team["wang"])
    check_out(priced_db, case_id)
    for decide in (
        lambda: workflow.return_estimate(priced_db, estimate_id, team["li"], "请补照片"),
        lambda: workflow.approve(priced_db, estimate_id, team["li"], "已核对"),
    ):
        with pytest.raises(DomainError) as refused:
            decide()
        assert refused.value.message_en == WORDS_EN
    assert estimate_store.load_estimate(priced_db, estimate_id).status.value == "submitted"
    release_checkout(priced_db, case_id, team["zhou"])
    assert (
        workflow.return_estimate(priced_db, estimate_id, team["li"], "请补照片").value == "returned"
    )


def test_other_cases_stay_editable(
    priced_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    case_id, _estimate = _import(priced_db)
    other, other_estimate = _import(priced_db, "RDAA2026330100000999")
    check_out(priced_db, case_id)
    for name, write in _writes(priced_db, team, other, other_estimate, tmp_path).items():
        write()  # none refused
        assert name
    assert record_chase(priced_db, other, "shop", "gm_office", team["wang"]).count == 2


def test_the_managers_release_lifts_it_and_is_audited(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, _estimate = _import(priced_db)
    check_out(priced_db, case_id)
    assert [(c.case_id, c.claim_no, c.device_name, c.username) for c in checkouts(priced_db)] == [
        (case_id, "RDAA2026330100000123", "丽水-笔记本", "wang")
    ]
    released = release_checkout(priced_db, "RDAA2026330100000123", team["zhou"])  # by claim no
    assert (released.case_id, released.checked_out_at) == (case_id, SINCE)
    assert checkouts(priced_db) == []
    assert record_chase(priced_db, case_id, "customer", "gm_office", team["wang"]).count == 1
    with UnitOfWork(priced_db) as uow:
        trail = list(audit.entries(uow.session, "case", "checkout_released", case_id))
    assert [(actor, detail["device"], detail["user"]) for actor, _id, detail in trail] == [
        ("zhou", "丽水-笔记本", "wang")
    ]
    with pytest.raises(DomainError) as again:
        release_checkout(priced_db, case_id, team["root"])
    assert again.value.code == "not_checked_out"


def test_an_assessors_release_is_refused_and_writes_nothing(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, _estimate = _import(priced_db)
    check_out(priced_db, case_id)
    before = _counts(priced_db)
    for who in ("wang", "li"):
        with pytest.raises(DomainError) as refused:
            release_checkout(priced_db, case_id, team[who])
        assert refused.value.code == "role_required"
    assert len(checkouts(priced_db)) == 1 and _counts(priced_db) == before


def _laptop(engine: Engine, case_id: uuid.UUID, *, checked_out: bool) -> None:
    with engine.begin() as connection:
        connection.execute(
            insert(SyncCaseRow).values(
                case_id=case_id, base_json="{}", checked_out=checked_out, synced_at=SINCE
            )
        )


def _pending(engine: Engine, value: str) -> None:
    with engine.begin() as connection:
        connection.execute(delete(SyncStateRow).where(SyncStateRow.key == "pending_batch"))
        connection.execute(insert(SyncStateRow).values(key="pending_batch", value=value))


def test_on_a_laptop_a_checked_in_case_is_read_only_and_its_own_case_editable(
    priced_db: Engine, team: dict[str, User]
) -> None:
    checked_in, _a = _import(priced_db)
    mine, _b = _import(priced_db, "RDAA2026330100000555")
    _laptop(priced_db, checked_in, checked_out=False)
    with pytest.raises(DomainError) as refused:
        record_chase(priced_db, checked_in, "customer", "gm_office", team["wang"])
    assert refused.value.message_en == (
        "case RDAA2026330100000123 was checked in to the server at 2026-12-07 09:30 and is "
        "read-only here; check it out again to change it"
    )
    assert record_chase(priced_db, mine, "customer", "gm_office", team["wang"]).count == 1


def test_on_a_laptop_a_check_in_in_flight_makes_every_exchanged_case_read_only(
    priced_db: Engine, team: dict[str, User]
) -> None:
    exchanged, _a = _import(priced_db)
    mine, _b = _import(priced_db, "RDAA2026330100000555")
    _laptop(priced_db, exchanged, checked_out=True)
    assert record_chase(priced_db, exchanged, "customer", "gm_office", team["wang"]).count == 1
    _pending(priced_db, '{"batch_id": "b-1"}')
    with pytest.raises(DomainError) as refused:
        record_chase(priced_db, exchanged, "customer", "gm_office", team["wang"])
    assert refused.value.message_en == (
        "a check-in is in progress: case RDAA2026330100000123 is read-only until it completes"
    )
    assert record_chase(priced_db, mine, "customer", "gm_office", team["wang"]).count == 1
    _pending(priced_db, "")  # the check-in done
    assert record_chase(priced_db, exchanged, "customer", "gm_office", team["wang"]).count == 2


def test_a_bulk_update_of_a_checked_out_case_is_refused(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case_id, _estimate = _import(priced_db)
    check_out(priced_db, case_id)
    with pytest.raises(DomainError) as refused:  # an ORM UPDATE statement, no flush
        set_procedure(priced_db, case_id, "simple", team["wang"])
    assert refused.value.message_en == WORDS_EN
    with priced_db.connect() as connection:
        procedure = connection.scalar(select(CaseRow.procedure).where(CaseRow.id == case_id))
    assert procedure == "ordinary"

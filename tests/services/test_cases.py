from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from estimator.domain.diff import Change
from estimator.domain.errors import DomainError
from estimator.domain.estimate import EstimateLine, LineKind
from estimator.domain.workflow import EstimateStatus, Role
from estimator.services import estimate_store, review_queue, workflow
from estimator.services.audit import verify_audit
from estimator.services.settings import set_setting
from estimator.services.users import User, authenticate, create_user
from labor_standards.model import Operation
from tests.actors import MAINTAINER
from tests.services.documents import document

PASSWORD = "correct horse 1"


@pytest.fixture
def people(priced_db: Engine) -> dict[str, User]:
    made = {}
    for name, roles in (
        ("wang", {Role.ASSESSOR}),
        ("li", {Role.REVIEWER}),
        ("zhao", {Role.REVIEWER, Role.ASSESSOR}),
        ("admin", {Role.ADMIN}),
    ):
        made[name] = create_user(priced_db, name, PASSWORD + name, roles, actor="setup")
    return made


@pytest.fixture
def draft(priced_db: Engine, people: dict[str, User]) -> str:
    result = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert result.problems == [] and result.estimate_id is not None
    return str(result.estimate_id)


def test_import_stores_a_priced_draft_version_one(priced_db: Engine, draft: str) -> None:
    stored = estimate_store.load_estimate(priced_db, draft)
    assert (stored.version_no, stored.status, stored.created_by) == (
        1,
        EstimateStatus.DRAFT,
        "wang",
    )
    assert stored.totals["total"] == Decimal("6454.00")
    assert len(stored.estimate.lines) == 10 and stored.estimate.vehicle_class == "C"
    assert stored.amounts[4] == Decimal("0.00")  # the fog lamp included in the bumper


def test_import_refuses_a_document_that_does_not_price(priced_db: Engine) -> None:
    result = estimate_store.import_estimate(
        priced_db, json.dumps(document(lines=[{"kind": "part", "part_no": "NOPE"}])), actor="wang"
    )
    assert result.estimate_id is None and result.problems[0].code == "no_part"


def test_the_full_path_with_a_return_and_a_second_reviewer(
    priced_db: Engine,
    draft: str,
    people: dict[str, User],
) -> None:
    assert workflow.submit(priced_db, draft, people["wang"]) is EstimateStatus.SUBMITTED
    assert (
        workflow.return_estimate(priced_db, draft, people["li"], "fender hours too high")
        is EstimateStatus.RETURNED
    )
    assert workflow.submit(priced_db, draft, people["wang"]) is EstimateStatus.SUBMITTED
    assert (
        workflow.approve(priced_db, draft, people["li"], "X-1 priced from the shop quote")
        is EstimateStatus.APPROVED
    )
    deadlines = workflow.case_deadlines(priced_db, draft)
    (resubmission,) = [d for d in deadlines if d.name == "resubmission"]
    assert resubmission.met_at is not None
    # A review clock per submission, met by the return and then by the approval.
    assert [d.met_at is not None for d in deadlines if d.name == "review"] == [True, True]


def test_an_administrators_setting_moves_the_resubmission_deadline(
    priced_db: Engine,
    draft: str,
    people: dict[str, User],
) -> None:
    """The clocks read the settings in force (``estimator settings``), not constants."""
    workflow.submit(priced_db, draft, people["wang"])
    workflow.return_estimate(priced_db, draft, people["li"], "fender hours too high")

    def due() -> dt.datetime:
        (clock,) = [
            d for d in workflow.case_deadlines(priced_db, draft) if d.name == "resubmission"
        ]
        return clock.due

    two_days = due()  # the default: 2 calendar days from the return
    admin = User("root", "管理员", frozenset({Role.ADMIN}))
    set_setting(priced_db, "clock.resubmission.days", "5", admin)
    assert due() - two_days == dt.timedelta(days=3)


def test_self_approval_is_refused_and_the_refusal_audited(
    priced_db: Engine,
    draft: str,
    people: dict[str, User],
) -> None:
    workflow.submit(priced_db, draft, people["wang"])
    # zhao is a reviewer, but edits a line of the case first (as an assessor would).
    workflow.return_estimate(priced_db, draft, people["li"], "check the bumper")
    stored = estimate_store.load_estimate(priced_db, draft)
    estimate_store.replace_lines(priced_db, draft, list(stored.estimate.lines[:-1]), people["zhao"])
    workflow.submit(priced_db, draft, people["wang"])
    with pytest.raises(DomainError) as refused:
        workflow.approve(priced_db, draft, people["zhao"])
    assert refused.value.code == "self_approval"
    assert estimate_store.load_estimate(priced_db, draft).status is EstimateStatus.SUBMITTED
    with priced_db.begin() as connection:
        actions = [
            r[0] for r in connection.exec_driver_sql("SELECT action FROM audit_log ORDER BY seq")
        ]
    assert actions[-1] == "refused_approve"


def test_an_assessor_cannot_approve_at_all(
    priced_db: Engine, draft: str, people: dict[str, User]
) -> None:
    workflow.submit(priced_db, draft, people["wang"])
    with pytest.raises(DomainError, match="reviewer role"):
        workflow.approve(priced_db, draft, people["wang"])


def test_a_submitted_version_cannot_be_edited(
    priced_db: Engine, draft: str, people: dict[str, User]
) -> None:
    workflow.submit(priced_db, draft, people["wang"])
    with pytest.raises(DomainError) as refused:
        estimate_store.replace_lines(priced_db, draft, [], people["wang"])
    assert refused.value.code == "bad_transition"
    assert len(estimate_store.load_estimate(priced_db, draft).estimate.lines) == 10


def test_first_estimate_total_is_kept_through_supplements(
    priced_db: Engine,
    draft: str,
    people: dict[str, User],
) -> None:
    workflow.submit(priced_db, draft, people["wang"])
    workflow.approve(priced_db, draft, people["li"], "findings checked with the shop")
    second = workflow.supplement(priced_db, draft, people["wang"])
    stored = estimate_store.load_estimate(priced_db, second)
    assert (stored.version_no, stored.status) == (2, EstimateStatus.DRAFT)
    lines = list(stored.estimate.lines)
    keys: list = list(stored.line_keys)
    lines[0] = EstimateLine(LineKind.PART, part_no="521190K280", qty=Decimal(2))  # changed
    del lines[9], keys[9]  # towing removed
    lines.append(EstimateLine(LineKind.LABOR, component_code="HOOD", operation=Operation.REPLACE))
    keys.append(None)
    estimate_store.replace_lines(priced_db, second, lines, people["wang"], keys)
    result = estimate_store.diff(priced_db, draft, second)
    changes = {(c.change, c.kind) for c in result.lines}
    assert changes == {
        (Change.CHANGED, "part"),
        (Change.REMOVED, "towing"),
        (Change.ADDED, "labor"),
    }
    changed = next(c for c in result.lines if c.change is Change.CHANGED)
    assert changed.fields == {"qty": ("1", "2")} and (changed.before, changed.after) == (
        Decimal("1880.00"),
        Decimal("3760.00"),
    )
    assert result.totals["towing"] == (Decimal("300.00"), Decimal("0.00"))
    with priced_db.begin() as connection:
        (first_total,) = connection.exec_driver_sql("SELECT first_total FROM cases").one()
    # The first submission's total, unchanged (integer fen on SQLite, NUMERIC on PostgreSQL).
    assert first_total in (645400, Decimal("6454.00"))


def test_passwords_are_never_stored_or_shown(
    priced_db: Engine, people: dict[str, User], tmp_path: Path
) -> None:
    if priced_db.dialect.name == "sqlite":
        raw = (
            Path(priced_db.url.database).read_bytes()
            + Path(f"{priced_db.url.database}-wal").read_bytes()
        )  # type: ignore[arg-type]
    else:  # every column of every row of the tables that could hold it
        with priced_db.connect() as connection:
            raw = "".join(
                str(row)
                for table in ("users", "audit_log")
                for row in connection.exec_driver_sql(f"SELECT * FROM {table}")
            ).encode()
    assert (PASSWORD + "wang").encode() not in raw
    with priced_db.begin() as connection:
        hashes = [r[0] for r in connection.exec_driver_sql("SELECT password_hash FROM users")]
    assert all(h.startswith("$argon2id$") for h in hashes)
    with pytest.raises(DomainError) as refused:
        authenticate(priced_db, "wang", "wrong password")
    assert "wrong password" not in str(refused.value) and PASSWORD not in str(refused.value)


def test_five_failures_throttle_the_name(priced_db: Engine, people: dict[str, User]) -> None:
    for _ in range(5):
        with pytest.raises(DomainError, match="wrong username or password"):
            authenticate(priced_db, "wang", "nope")
    with pytest.raises(DomainError) as throttled:
        authenticate(priced_db, "wang", PASSWORD + "wang")
    assert throttled.value.code == "sign_in_throttled"
    assert authenticate(priced_db, "li", PASSWORD + "li").roles == frozenset({Role.REVIEWER})


def _allow_audit_edits(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
    else:
        connection.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")


def test_audit_chain_detects_an_edited_and_a_deleted_entry(
    priced_db: Engine,
    draft: str,
    people: dict[str, User],
) -> None:
    workflow.submit(priced_db, draft, people["wang"])
    check = verify_audit(priced_db)
    assert check.ok and check.entries >= 6
    for statement in (
        "UPDATE audit_log SET actor = 'x' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 2",
    ):
        with pytest.raises(DBAPIError, match="append-only"), priced_db.begin() as connection:
            connection.exec_driver_sql(statement)
    # Someone with the database's owner rights turns the triggers off and edits an entry.
    with priced_db.begin() as connection:
        _allow_audit_edits(connection)
        connection.exec_driver_sql("UPDATE audit_log SET detail = '{}' WHERE seq = 3")
    edited = verify_audit(priced_db)
    assert (edited.ok, edited.first_broken, edited.reason) == (False, 3, "entry altered")
    with priced_db.begin() as connection:
        connection.exec_driver_sql("DELETE FROM audit_log WHERE seq = 2")
    assert verify_audit(priced_db).first_broken == 2


def test_a_truncated_tail_is_caught_with_the_recorded_head(
    priced_db: Engine,
    draft: str,
    people: dict[str, User],
) -> None:
    head = verify_audit(priced_db).head
    workflow.submit(priced_db, draft, people["wang"])
    later = verify_audit(priced_db)
    assert later.ok and verify_audit(priced_db, later.head).ok
    with priced_db.begin() as connection:
        _allow_audit_edits(connection)
        connection.exec_driver_sql(
            "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)"
        )
    assert verify_audit(priced_db).ok  # the chain alone cannot see a cut tail …
    assert not verify_audit(priced_db, later.head).ok  # … the head recorded elsewhere can
    assert head != later.head


def test_personal_data_is_masked_in_the_audit_trail(
    priced_db: Engine, people: dict[str, User]
) -> None:
    from estimator.persistence import audit
    from estimator.persistence.uow import UnitOfWork

    with UnitOfWork(priced_db, write=True) as uow:
        audit.record(
            uow.session,
            actor="wang",
            entity="case",
            entity_id="x",
            action="edit",
            detail={"phone": "13812345678", "id_no": "330102199001011234"},
        )
        uow.commit()
    with priced_db.begin() as connection:
        (detail,) = connection.exec_driver_sql(
            "SELECT detail FROM audit_log ORDER BY seq DESC"
        ).fetchone()
    assert "138****5678" in detail and "330102********1234" in detail
    assert "13812345678" not in detail and "199001011" not in detail


def test_block_findings_stop_submission(priced_db: Engine, people: dict[str, User]) -> None:
    lines = [
        *document()["lines"],
        {
            "kind": "paint",
            "component_code": "HEADLAMP_L",
            "panels": "1",
            "override_reason": "lens housing painted",
        },
    ]
    result = estimate_store.import_estimate(
        priced_db, json.dumps(document(lines=lines), ensure_ascii=False), actor="wang"
    )
    assert result.estimate_id is not None
    with pytest.raises(DomainError) as refused:
        workflow.submit(priced_db, result.estimate_id, people["wang"])
    assert refused.value.code == "blocked_by_review" and "R12" in str(refused.value)
    assert (
        estimate_store.load_estimate(priced_db, result.estimate_id).status is EstimateStatus.DRAFT
    )


def test_review_of_a_stored_estimate_and_of_a_resubmission(
    priced_db: Engine, draft: str, people: dict[str, User]
) -> None:
    from estimator.services.review import review_estimate

    found = {(f.rule, f.line) for f in review_estimate(priced_db, draft)}
    # The documented example: an overridden fender (R02), the X-1 part not in the catalog
    # and a 4S price at a class-1 shop (R14).
    assert ("R02", 5) in found and ("R14", 0) in found
    workflow.submit(priced_db, draft, people["wang"])
    workflow.return_estimate(priced_db, draft, people["li"], "bumper price")
    stored = estimate_store.load_estimate(priced_db, draft)
    lines = list(stored.estimate.lines)
    lines[0] = EstimateLine(LineKind.PART, part_no="521190K280", qty=Decimal(2))
    estimate_store.replace_lines(priced_db, draft, lines, people["wang"])
    assert ("R15", 0) in {(f.rule, f.line) for f in review_estimate(priced_db, draft)}


def test_a_reviewers_adjustment_needs_a_second_reviewer_to_approve(
    priced_db: Engine, draft: str, people: dict[str, User]
) -> None:
    workflow.submit(priced_db, draft, people["wang"])
    with pytest.raises(DomainError, match="reason"):
        review_queue.adjust_line(priced_db, draft, 9, Decimal("200.00"), "", people["li"])
    with pytest.raises(DomainError, match="reviewer role"):
        review_queue.adjust_line(priced_db, draft, 9, Decimal("200.00"), "invoice", people["wang"])
    review_queue.adjust_line(
        priced_db, draft, 9, Decimal("200.00"), "towing invoice shows 200", people["li"]
    )
    assert estimate_store.approved_totals(priced_db, draft).total == Decimal(
        "6354.00"
    )  # 6454 − 100
    with pytest.raises(DomainError) as refused:
        workflow.approve(priced_db, draft, people["li"], "adjusted the towing")
    assert refused.value.code == "self_approval"  # li changed a line: a second reviewer decides
    second = create_user(priced_db, "sun", "second reviewer", {Role.REVIEWER}, actor="setup")
    workflow.approve(priced_db, draft, second, "towing per invoice")
    notice = workflow.approval_notice(priced_db, draft)
    assert "6,354.00" in notice.to_customer
    with pytest.raises(DomainError, match="only a submitted"):
        review_queue.adjust_line(priced_db, draft, 9, Decimal("100.00"), "too late", people["li"])


def test_the_sheet_masks_personal_data_unless_an_administrator_asks(
    priced_db: Engine, draft: str, people: dict[str, User], tmp_path: Path
) -> None:
    import shutil
    import subprocess

    from estimator.services.documents import estimate_sheet

    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils missing")
    with priced_db.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE cases SET insured_phone = '13812345678', insured_name = '张三'"
        )

    def text(pdf: bytes) -> str:
        path = tmp_path / "s.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout

    assert "138****5678" in text(estimate_sheet(priced_db, draft))
    with pytest.raises(DomainError, match="administrator"):
        estimate_sheet(priced_db, draft, unmasked_for=people["wang"])
    assert "13812345678" in text(estimate_sheet(priced_db, draft, unmasked_for=people["admin"]))
    with priced_db.begin() as connection:
        (action,) = connection.exec_driver_sql(
            "SELECT action FROM audit_log ORDER BY seq DESC"
        ).fetchone()
    assert action == "print_unmasked"


def test_a_submitted_version_keeps_the_prices_it_was_submitted_with(
    priced_db: Engine, draft: str, people: dict[str, User], tmp_path: Path
) -> None:
    from estimator.services.catalog import import_catalog
    from tests.conftest import write_workbook
    from tests.parts_catalog.catalog_rows import MODELS, PART_HEADER

    other = estimate_store.import_estimate(
        priced_db, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert other.estimate_id is not None
    workflow.submit(priced_db, draft, people["wang"])
    # A corrected price list for the same date arrives after the submission.
    correction = [
        PART_HEADER,
        [
            "52119-0K280",
            "前保险杠皮",
            "Front bumper cover",
            "FBUMPER",
            "外观件",
            "TY-CAMRY-18",
            "ZJ",
            "1999.00",
            None,
            None,
            None,
            "否",
            "0.05",
            "2026-11-01",
        ],
    ]
    assert import_catalog(
        priced_db,
        write_workbook(tmp_path / "fix.xlsx", {"vehicle_models": [MODELS[0]], "parts": correction}),
        actor=MAINTAINER,
    ).ok
    submitted = estimate_store.price_stored(
        estimate_store.load_estimate(priced_db, draft), priced_db
    )[0]
    still_draft = estimate_store.price_stored(
        estimate_store.load_estimate(priced_db, other.estimate_id), priced_db
    )[0]
    assert submitted is not None and still_draft is not None
    assert submitted.lines[0].unit_price == Decimal("1880.00")  # as submitted
    assert still_draft.lines[0].unit_price == Decimal("1999.00")  # a draft prices with today's list
    assert estimate_store.approved_totals(priced_db, draft).total == Decimal("6454.00")

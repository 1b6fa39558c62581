"""Promise 12: closed cases are archived, deleted only after retention; backups check out."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import types
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from estimator.domain.errors import DomainError
from estimator.domain.retention import RetentionPolicy, add_years, retention_ends
from estimator.domain.workflow import EstimateStatus, Role
from estimator.services import case_list, estimate_store, workflow
from estimator.services.audit import case_history, verify_audit
from estimator.services.backup import backup_database, verify_database
from estimator.services.retention import archive_case, delete_case, is_archived
from estimator.services.users import User, create_user
from kernel.clock import utcnow
from tests.services.documents import document


@pytest.fixture
def team(priced_db: Engine) -> dict[str, User]:
    return {
        name: create_user(priced_db, name, "password-" + name, roles, actor="setup")
        for name, roles in (
            ("wang", {Role.ASSESSOR}),
            ("li", {Role.REVIEWER}),
            ("root", {Role.ADMIN}),
        )
    }


def _closed_case(engine: Engine, team: dict[str, User]) -> case_list.CaseSummary:
    created = estimate_store.import_estimate(
        engine, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    estimate = str(created.estimate_id)
    workflow.submit(engine, estimate, team["wang"])
    workflow.approve(engine, estimate, team["li"], "checked")
    workflow.customer_signed(engine, estimate, team["wang"])
    assert workflow.close(engine, estimate, team["wang"]) is EstimateStatus.CLOSED
    return next(c for c in case_list.list_cases(engine) if str(c.estimate_id) == estimate)


def test_retention_runs_from_the_closing_and_every_signature() -> None:
    closed = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    signed = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    assert retention_ends(closed, [signed], RetentionPolicy()) == add_years(signed, 5)
    assert add_years(dt.datetime(2028, 2, 29, tzinfo=dt.UTC), 5).day == 28
    with pytest.raises(DomainError, match="legal 5 years"):
        RetentionPolicy(3)


def test_a_closed_case_is_archived_and_leaves_the_default_list(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case = _closed_case(priced_db, team)
    archive_case(priced_db, case.case_id, team["wang"], "claim paid")
    assert is_archived(priced_db, case.case_id)
    assert case.case_id not in {c.case_id for c in case_list.list_cases(priced_db)}
    assert [c.case_id for c in case_list.list_cases(priced_db, archived=True)] == [case.case_id]
    with pytest.raises(DomainError, match="archived already"):
        archive_case(priced_db, case.case_id, team["wang"])
    actions = [e.action for e in case_history(priced_db, case.case_id)]
    assert "archive" in actions and "refused_archive" in actions


def test_deleting_a_case_within_retention_is_refused_and_audited(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case = _closed_case(priced_db, team)
    with pytest.raises(DomainError, match="only an administrator"):
        delete_case(priced_db, case.case_id, team["wang"], now=utcnow() + dt.timedelta(days=4000))
    with pytest.raises(DomainError, match="within its retention period") as refused:
        delete_case(priced_db, case.case_id, team["root"])
    assert refused.value.code == "within_retention"
    almost = add_years(utcnow(), 5) - dt.timedelta(days=1)
    with pytest.raises(DomainError, match="retention"):
        delete_case(priced_db, case.case_id, team["root"], now=almost)
    with pytest.raises(DomainError, match="retention"):  # a longer setting holds it longer
        delete_case(
            priced_db,
            case.case_id,
            team["root"],
            policy=RetentionPolicy(10),
            now=add_years(utcnow(), 6),
        )
    refusals = [e for e in case_history(priced_db, case.case_id) if e.action == "refused_delete"]
    assert [e.actor for e in refusals] == ["wang", "root", "root", "root"]
    assert estimate_store.load_estimate(priced_db, case.estimate_id).status is EstimateStatus.CLOSED
    assert verify_audit(priced_db).ok


def test_a_case_past_retention_is_deleted_with_its_versions_and_the_deletion_audited(
    priced_db: Engine, team: dict[str, User]
) -> None:
    case = _closed_case(priced_db, team)
    archive_case(priced_db, case.case_id, team["wang"])
    delete_case(
        priced_db, case.case_id, team["root"], now=add_years(utcnow(), 5) + dt.timedelta(days=1)
    )
    with pytest.raises(estimate_store.NotFound):
        estimate_store.load_estimate(priced_db, case.estimate_id)
    with priced_db.connect() as connection:
        for table in ("cases", "estimates", "estimate_lines", "case_events", "archived_cases"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0, table
    assert case_history(priced_db, case.case_id)[-1].action == "delete"
    assert verify_audit(priced_db).ok


@pytest.fixture
def sqlite_db(priced_db: Engine) -> Engine:
    """Backups are SQLite's (PostgreSQL: pg_dump; the refusal is tested below)."""
    if priced_db.dialect.name != "sqlite":
        pytest.skip("db backup is for SQLite; PostgreSQL is backed up with pg_dump")
    return priced_db


def test_a_backup_is_a_checked_snapshot_and_never_overwrites(
    sqlite_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    priced_db = sqlite_db
    case = _closed_case(priced_db, team)
    target = tmp_path / "backup.sqlite3"
    check = backup_database(priced_db, target)
    assert check.ok and check.current and check.integrity == "ok"
    assert check.audit.head == verify_audit(priced_db).head
    assert verify_database(target) == check
    with pytest.raises(DomainError, match="never overwrites"):
        backup_database(priced_db, target)
    # Restoring is opening the backup: the case is there, as it was.
    from estimator.persistence.database import create_database_engine, sqlite_url

    restored = create_database_engine(sqlite_url(target))
    assert estimate_store.load_estimate(restored, case.estimate_id).status is EstimateStatus.CLOSED
    restored.dispose()


def test_a_backup_may_go_to_a_path_with_spaces_and_hashes(
    sqlite_db: Engine, tmp_path: Path
) -> None:
    priced_db = sqlite_db
    target = tmp_path / "备份 #1?" / "a b.sqlite3"
    target.parent.mkdir()
    assert backup_database(priced_db, target).ok
    assert verify_database(target).ok


def test_a_tampered_backup_fails_its_check(
    sqlite_db: Engine, team: dict[str, User], tmp_path: Path
) -> None:
    priced_db = sqlite_db
    _closed_case(priced_db, team)
    target = tmp_path / "backup.sqlite3"
    backup_database(priced_db, target)
    with sqlite3.connect(target) as connection:
        connection.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
        ).fetchall():
            connection.execute(f"DROP TRIGGER {name}")
        connection.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 2")
    check = verify_database(target)
    assert not check.ok and check.audit.first_broken == 2


def test_backup_is_for_sqlite_only_and_points_at_pg_dump(tmp_path: Path) -> None:
    server: Any = types.SimpleNamespace(dialect=types.SimpleNamespace(name="postgresql"))
    with pytest.raises(DomainError, match="pg_dump"):
        backup_database(server, tmp_path / "x")


def test_verifying_something_that_is_not_a_database_says_so(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DomainError, match=r"cannot read|not an Estimator"):
        verify_database(junk)
    with pytest.raises(DomainError, match="no such file"):
        verify_database(tmp_path / "missing.sqlite3")


def test_the_retention_period_is_read_from_the_setting_and_never_below_the_legal_five_years(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from estimator.services.retention import RETENTION_ENV, retention_policy

    monkeypatch.delenv(RETENTION_ENV, raising=False)
    assert retention_policy().years == 5
    monkeypatch.setenv(RETENTION_ENV, " 8 ")
    assert retention_policy().years == 8
    monkeypatch.setenv(RETENTION_ENV, "3")
    with pytest.raises(DomainError, match="cannot be shorter than the legal 5 years"):
        retention_policy()
    monkeypatch.setenv(RETENTION_ENV, "five")
    with pytest.raises(DomainError, match="must be a whole number of years") as refused:
        retention_policy()
    assert refused.value.code == "bad_retention_setting"

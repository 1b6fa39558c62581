"""Portable data (reliability.md, promise 18): whatever SQLite accepts, PostgreSQL accepts.

Text is checked at the boundary by one set of field rules (domain/field_rules.py), the same
on both engines, with a last guard before every flush; a database full of edge values
(longest fields, CJK, emoji, every character a field allows) copies into PostgreSQL with
``estimator db copy`` and arrives whole; and two imports of one file at once on PostgreSQL
end with one version and a message, never a UniqueViolation.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from estimator.cli.main import main
from estimator.domain.errors import DomainError
from estimator.domain.field_rules import FIELD_RULES, field_problem
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.persistence.tables import metadata
from estimator.services.users import User, create_user
from tests.conftest import write_workbook
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PARTS
from tests.services.documents import document

PASSWORD = "portable-admin-1"
#: Characters a name or free text may hold: CJK, full-width, emoji with a joiner, accents.
WIDE = "丽水某汽修（浙）·Ünïcödé—👨‍👩‍👧🚗💥𠀀"
#: Every character of the VIN alphabet (A–Z without I, O and Q, and the digits) in two VINs.
VINS = ("ABCDEFGHJKLMNPRST", "UVWXYZ01234567890")


#: The maintainer the imports run as (the services check the role, promise 14).
KEEPER = User("keeper", "keeper", frozenset({Role.MAINTAINER}))


def fill(pattern: str, length: int) -> str:
    """``pattern`` repeated to exactly ``length`` characters."""
    return (pattern * (length // len(pattern) + 1))[:length]


def edge_document(vin: str) -> dict[str, Any]:
    """An estimate/1 document whose every text field is at its longest, in wide characters."""
    doc = document(
        claim_no=fill("RDAA报案号-2026/", FIELD_RULES["claim_no"].max_length),
        salvage="0.01",
    )
    doc["vehicle"] = {**doc["vehicle"], "vin": vin, "plate": fill("浙K·12345", 20)}
    doc["shop"] = {**doc["shop"], "name": fill(WIDE, FIELD_RULES["shop_name"].max_length)}
    doc["lines"][7]["description"] = fill(WIDE, FIELD_RULES["description"].max_length)
    doc["lines"][2]["override_reason"] = fill(WIDE + "\n\t", FIELD_RULES["reason"].max_length)
    doc["lines"][8]["amount"] = "9999999.99"
    return doc


def sqlite_with_edge_values(url: str, tmp_path: Path) -> tuple[Engine, User]:
    """A database built through the services with edge values everywhere."""
    from estimator.services.catalog import import_catalog
    from estimator.services.estimate_store import import_estimate
    from estimator.services.labor import import_labor_standard

    engine = create_database_engine(url)
    admin = create_user(
        engine,
        fill("admin.王", FIELD_RULES["username"].max_length),
        PASSWORD,
        {Role.ADMIN, Role.MAINTAINER},
        display_name=fill(WIDE, FIELD_RULES["display_name"].max_length),
        actor="first-run",
    )
    catalog = write_workbook(tmp_path / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
    assert import_catalog(engine, catalog, actor=admin).ok
    labor = write_workbook(tmp_path / "l.xlsx", labor_rows.sheets())
    assert import_labor_standard(engine, labor, actor=admin).ok
    for vin in VINS:
        created = import_estimate(
            engine,
            json.dumps(edge_document(vin), ensure_ascii=False),
            actor=admin.username,
            insured=(fill(WIDE, 100), fill("+86 (571) 8888-", 30)),
        )
        assert created.problems == [] and created.estimate_id is not None
    return engine, admin


def rows_of(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every mapped table, in key order, as Python values."""
    found = {}
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            keys = list(table.primary_key.columns)
            rows = connection.execute(select(table).order_by(*keys)).all()
            found[table.name] = [tuple(row) for row in rows]
    return found


@pytest.mark.postgresql
def test_a_database_of_edge_values_copies_into_postgresql_whole(
    db_url: str, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, admin = sqlite_with_edge_values(db_url, tmp_path)
    before = rows_of(source)
    assert len(before["estimate_lines"]) == 20 and len(before["cases"]) == 2

    argv = ["--db", db_url, "db", "copy", "--to", pg_url, "--as", admin.username]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ESTIMATOR_PASSWORD", PASSWORD)
        assert main(argv) == 0
    assert "rows of" in capsys.readouterr().out

    target = create_database_engine(pg_url)
    after = rows_of(target)
    audit_before, audit_after = before.pop("audit_log"), after.pop("audit_log")
    assert after == before  # every row of every table, value for value
    assert audit_after[: len(audit_before)] == audit_before
    assert len(audit_after) == len(audit_before) + 1  # the copy itself, by the admin
    with target.connect() as connection:
        claim = connection.execute(text("SELECT claim_no FROM cases ORDER BY vin")).scalars()
        assert [len(c) for c in claim] == [60, 60]
    assert main(["--db", pg_url, "audit", "verify"]) == 0
    # New rows after the copy do not collide with the copied ids (sequences moved on).
    from estimator.services.catalog import import_catalog

    parts = [row[:] for row in PARTS]
    parts[1][7] = "1900.00"
    changed = write_workbook(tmp_path / "c2.xlsx", {"vehicle_models": MODELS, "parts": parts})
    assert import_catalog(target, changed, actor=KEEPER).status == "imported"
    # A second copy into a database that is no longer empty is refused.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ESTIMATOR_PASSWORD", PASSWORD)
        assert main(argv) == 1
    assert "not empty" in capsys.readouterr().err
    target.dispose()
    source.dispose()


@pytest.mark.postgresql
def test_a_value_postgresql_cannot_hold_stops_the_copy_before_anything_is_written(
    db_url: str, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, admin = sqlite_with_edge_values(db_url, tmp_path)
    with source.begin() as connection:  # as an older version (or a hand) left it
        connection.execute(
            text("UPDATE cases SET plate = 'A' || char(0) || 'B' WHERE vin = :v"), {"v": VINS[1]}
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ESTIMATOR_PASSWORD", PASSWORD)
        code = main(["--db", db_url, "db", "copy", "--to", pg_url, "--as", admin.username])
    err = capsys.readouterr().err
    assert code == 1 and "cases.plate" in err and "U+0000" in err and "nothing was copied" in err
    target = create_database_engine(pg_url)
    assert all(rows == [] for rows in rows_of(target).values())
    target.dispose()
    source.dispose()


HOSTILE_FIELDS = [
    ("claim_no", "A" * 61, "longer than 60 characters"),
    ("claim_no", "RDAA\x00123", "U+0000"),
    ("claim_no", "RDAA\u202e321", "U+202E"),
    ("claim_no", "RDAA\u200b123", "U+200B"),
    ("plate", "浙K" + "1" * 19, "longer than 20 characters"),
    ("vin", "LVGBE40K8KG00000I", "17 characters without I, O or Q"),
    ("vin", "LVGBE40K8KG0000", "17 characters without I, O or Q"),
    ("insured_name", "王" * 101, "longer than 100 characters"),
    ("insured_name", "王\x07", "U+0007"),
]


@pytest.mark.parametrize(("field", "value", "says"), HOSTILE_FIELDS)
def test_the_field_rules_refuse_in_words(field: str, value: str, says: str) -> None:
    problem = field_problem(field, value)
    assert problem is not None and says in problem.reason("en")


def test_the_field_rules_allow_what_a_field_may_hold() -> None:
    assert field_problem("claim_no", fill("RDAA报案号-2026/", 60)) is None
    assert field_problem("insured_name", fill(WIDE, 100)) is None
    assert field_problem("reason", "第一行\n\t第二行 👨‍👩‍👧") is None
    assert field_problem("description", "👨‍👩‍👧") is None  # a joiner inside an emoji is fine
    assert field_problem("claim_no", "RDAA\u200d1") is not None  # …but not in an identifier
    assert all(field_problem("vin", vin) is None for vin in VINS)


@pytest.mark.parametrize(("field", "value", "says"), HOSTILE_FIELDS)
def test_a_new_case_is_refused_the_same_on_both_engines(
    both_engines_url: str, field: str, value: str, says: str
) -> None:
    from estimator.services.case_list import create_case, list_cases
    from labor_standards.model import ShopClass

    engine = create_database_engine(both_engines_url)
    actor = User("wang", "王", frozenset({Role.ASSESSOR}))
    values: dict[str, Any] = {
        "claim_no": "RDAA2026",
        "plate": "浙K12345",
        "vin": "",
        "model_code": "TY-CAMRY-18",
        "insured_name": "",
        field: value,
    }
    created = create_case(engine, region="ZJ", shop_class=ShopClass.CLASS1, actor=actor, **values)
    assert created.case_id is None
    assert any(says in p.reason("en") for p in created.problems), created.problems
    assert list_cases(engine) == []
    engine.dispose()


@pytest.mark.parametrize("value", ["A\x00B", "A" * 61, "\ud800"])
def test_the_last_guard_refuses_unstorable_text_in_words_on_both_engines(
    both_engines_url: str, value: str
) -> None:
    """A write that skipped the field rules still never reaches the driver's error."""
    from estimator.persistence.rows import UserRow
    from estimator.persistence.uow import UnitOfWork
    from kernel.clock import utcnow

    engine = create_database_engine(both_engines_url)

    def write() -> None:
        with UnitOfWork(engine, write=True) as uow:
            row = UserRow(username=value, roles="", password_hash="x", created_at=utcnow())
            uow.users.add(row)
            uow.commit()

    with pytest.raises(DomainError) as refused:
        write()
    assert refused.value.code == "not_storable" and "users.username" in refused.value.message_en
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM users")).scalar() == 0
    engine.dispose()


@pytest.mark.postgresql
@pytest.mark.parametrize("kind", ["catalog", "labor"])
def test_two_imports_of_one_file_at_once_on_postgresql_end_with_one_version(
    pg_url: str, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import labor_standards.store
    import parts_catalog.store
    from estimator.services.catalog import import_catalog
    from estimator.services.labor import import_labor_standard

    engine = create_database_engine(pg_url)
    if kind == "catalog":
        path = write_workbook(tmp_path / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
        run, module = import_catalog, parts_catalog.store
    else:
        path = write_workbook(tmp_path / "l.xlsx", labor_rows.sheets())
        run, module = import_labor_standard, labor_standards.store
    # Both imports check for the file's version inside their writing transaction before
    # either commits: the race of two people importing at once, every time.
    inside = threading.Barrier(2, timeout=20)
    original = module.find_version_by_hash
    calls = threading.local()

    def find_at_once(session: Any, content_hash: str) -> Any:
        calls.n = getattr(calls, "n", 0) + 1
        if calls.n == 2:  # the check in the writing transaction
            inside.wait()
        return original(session, content_hash)

    monkeypatch.setattr(module, "find_version_by_hash", find_at_once)
    results: list[object] = []

    def importer() -> None:
        try:
            results.append(run(engine, path, actor=KEEPER).status)
        except Exception as error:  # noqa: BLE001 - the loser's UniqueViolation, before the fix
            results.append(error)

    threads = [threading.Thread(target=importer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(str, results)) == ["already_imported", "imported"]
    table = "catalog_versions" if kind == "catalog" else "labor_versions"
    with engine.connect() as connection:
        assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 1
    engine.dispose()


def test_only_an_administrator_copies_and_the_target_is_left_unopened(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _admin = sqlite_with_edge_values(db_url, tmp_path)
    create_user(source, "wang", "correct horse 1wang", {Role.ASSESSOR}, actor="setup")
    target = tmp_path / "target.sqlite3"
    argv = ["--db", db_url, "db", "copy", "--to", f"sqlite+pysqlite:///{target}", "--as", "wang"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ESTIMATOR_PASSWORD", "correct horse 1wang")
        assert main(argv) == 1
    assert "only an administrator may copy the database" in capsys.readouterr().err
    assert not target.exists()
    source.dispose()

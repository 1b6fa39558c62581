"""Named writers (reliability.md, promise 14): every command that writes is done by a signed-in
user whose role allows it, and the imports are in the audit chain with the file's SHA-256,
the counts and the version made. On both engines where storage is involved."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from estimator.cli.main import main
from estimator.domain.errors import DomainError
from estimator.domain.workflow import Role
from estimator.persistence import audit
from estimator.persistence.database import create_database_engine
from estimator.persistence.rows import AuditRow, CaseRow
from estimator.services.case_list import create_case
from estimator.services.catalog import catalog_versions, import_catalog
from estimator.services.demo import sample_file
from estimator.services.users import User, create_user
from labor_standards.model import ShopClass
from tests.conftest import write_workbook
from tests.labor_standards import labor_rows
from tests.parts_catalog.catalog_rows import MODELS, PARTS
from tests.services.documents import document

#: The people of the test database: name → (roles, password).
PEOPLE = {
    "admin": ({Role.ADMIN}, "admin pw 12"),
    "zhou": ({Role.MAINTAINER}, "maintainer pw 1"),
    "wang": ({Role.ASSESSOR}, "assessor pw 1"),
    "li": ({Role.REVIEWER}, "reviewer pw 1"),
}
SOME_ID = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def url(both_engines_url: str) -> str:
    return both_engines_url


@pytest.fixture
def engine(url: str) -> Iterator[Engine]:
    engine = create_database_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def people(engine: Engine) -> dict[str, User]:
    return {
        name: create_user(engine, name, password, roles, actor="setup")
        for name, (roles, password) in PEOPLE.items()
    }


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """One input of each kind the writing commands read."""
    estimate = tmp_path / "estimate.json"
    estimate.write_text(json.dumps(document(), ensure_ascii=False), encoding="utf-8")
    return {
        "catalog": write_workbook(
            tmp_path / "catalog.xlsx", {"vehicle_models": MODELS, "parts": PARTS}
        ),
        "labor": write_workbook(tmp_path / "labor.xlsx", labor_rows.sheets()),
        "partners": sample_file("demo_partners.xlsx"),
        "estimate": estimate,
        "invoice": sample_file("demo_invoice.xlsx"),
    }


def writing_commands(files: dict[str, Path], out: Path) -> list[list[str]]:
    """Every command that writes to the database (or copies it, or makes a signing key)."""
    return [
        ["catalog", "import", str(files["catalog"])],
        ["labor", "import", str(files["labor"])],
        ["partner", "import", str(files["partners"])],
        ["estimate", "import", str(files["estimate"])],
        ["estimate", "submit", SOME_ID],
        ["estimate", "return", SOME_ID, "--reason", "why"],
        ["estimate", "approve", SOME_ID],
        ["estimate", "adjust", SOME_ID, "1", "100", "--reason", "why"],
        ["estimate", "event", SOME_ID, "teardown"],
        ["estimate", "notify", SOME_ID, "--mark-sent"],
        ["invoice", "reconcile", SOME_ID, str(files["invoice"]), "--save"],
        ["case", "archive", SOME_ID, "--reason", "paid"],
        ["case", "delete", SOME_ID],
        ["user", "add", "sun", "--role", "assessor"],
        ["user", "unlock", "wang"],
        ["cert", "create", "wang", "-o", str(out / "k.p12"), "--passphrase-env", "K"],
    ]


def audit_count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(AuditRow)) or 0


def test_every_writing_command_without_as_is_refused_in_words(
    url: str,
    engine: Engine,
    people: dict[str, User],
    files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PEOPLE["admin"][1])
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "new user pw 1")
    monkeypatch.setenv("K", "key passphrase")
    before = audit_count(engine)
    for words in writing_commands(files, tmp_path):
        assert main(["--db", url, *words]) == 1, words
        err = capsys.readouterr().err
        assert "name who does it with --as" in err, (words, err)
        assert "Traceback" not in err
    assert audit_count(engine) == before
    assert catalog_versions(engine) == [] and not (tmp_path / "k.p12").exists()


def test_a_backup_without_as_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``db backup`` copies everything (SQLite databases only): administrators."""
    url = f"sqlite+pysqlite:///{tmp_path / 'own.sqlite3'}"
    engine = create_database_engine(url)
    create_user(engine, "zhou", "maintainer pw 1", {Role.MAINTAINER}, actor="setup")
    engine.dispose()
    target = tmp_path / "copy.sqlite3"
    assert main(["--db", url, "db", "backup", "-o", str(target)]) == 1
    assert "name who does it with --as, someone with the admin role" in capsys.readouterr().err
    assert not target.exists()


WRONG_ROLES = [
    (["catalog", "import", "{catalog}"], "wang", "maintainer or admin"),
    (["labor", "import", "{labor}"], "li", "maintainer or admin"),
    (["partner", "import", "{partners}"], "wang", "maintainer or admin"),
    (["estimate", "import", "{estimate}"], "li", "assessor"),
    (["estimate", "import", "{estimate}"], "zhou", "assessor"),
    (["estimate", "event", SOME_ID, "teardown"], "li", "assessor"),
    (["estimate", "notify", SOME_ID, "--mark-sent"], "zhou", "assessor or reviewer"),
    (["invoice", "reconcile", SOME_ID, "{invoice}", "--save"], "zhou", "assessor or reviewer"),
    (["user", "add", "sun", "--role", "admin"], "zhou", "admin"),
    (["user", "unlock", "li"], "wang", "admin"),
    (["cert", "create", "li", "-o", "{out}", "--passphrase-env", "K"], "li", "admin"),
]


def test_a_writing_command_by_the_wrong_role_is_refused_and_writes_nothing(
    url: str,
    engine: Engine,
    people: dict[str, User],
    files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "new user pw 1")
    monkeypatch.setenv("K", "key passphrase")
    names = {k: str(v) for k, v in files.items()} | {"out": str(tmp_path / "k.p12")}
    before = audit_count(engine)
    for words, who, needed in WRONG_ROLES:
        monkeypatch.setenv("ESTIMATOR_PASSWORD", PEOPLE[who][1])
        filled = [w.format(**names) for w in words]
        assert main(["--db", url, *filled, "--as", who]) == 1, filled
        err = capsys.readouterr().err
        assert f"{who} may not do this: it needs the {needed} role" in err, (filled, err)
    assert audit_count(engine) == before
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(CaseRow)) == 0
    assert catalog_versions(engine) == [] and not (tmp_path / "k.p12").exists()


def _import_entry(engine: Engine, entity: str) -> tuple[str, str, dict[str, object]]:
    with Session(engine) as session:
        found = list(audit.entries(session, entity, "import"))
    assert len(found) == 1
    return found[0]


def test_imports_by_the_right_role_are_audited_with_hash_counts_and_version(
    url: str,
    engine: Engine,
    people: dict[str, User],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PEOPLE["zhou"][1])
    assert main(["--db", url, "catalog", "import", str(files["catalog"]), "--as", "zhou"]) == 0
    assert main(["--db", url, "partner", "import", str(files["partners"]), "--as", "zhou"]) == 0
    monkeypatch.setenv("ESTIMATOR_PASSWORD", PEOPLE["admin"][1])  # administrators may too
    assert main(["--db", url, "labor", "import", str(files["labor"]), "--as", "admin"]) == 0
    capsys.readouterr()
    for entity, kind, actor in (
        ("catalog_version", "catalog", "zhou"),
        ("partner_import", "partners", "zhou"),
        ("labor_standard_version", "labor", "admin"),
    ):
        who, version, detail = _import_entry(engine, entity)
        digest = hashlib.sha256(files[kind].read_bytes()).hexdigest()
        assert (who, detail["sha256"], detail["file"]) == (actor, digest, files[kind].name)
        assert version == str(detail["version"]) and detail["rows_rejected"] == 0
        assert isinstance(detail["rows_read"], int) and detail["rows_read"] > 0
        assert isinstance(detail["counts"], dict) and any(detail["counts"].values())
    (version,) = catalog_versions(engine)
    assert version.imported_by == "zhou"
    assert _import_entry(engine, "catalog_version")[2]["counts"] == {
        "models": version.models_count,
        "parts_added": version.parts_count,
        "parts_updated": 0,
        "prices_added": version.prices_count,
        "corrections_replaced": 0,
    }

    monkeypatch.setenv("ESTIMATOR_PASSWORD", PEOPLE["wang"][1])
    assert main(["--db", url, "estimate", "import", str(files["estimate"]), "--as", "wang"]) == 0
    with Session(engine) as session:
        creators = {a for a, _id, _d in audit.entries(session, "case", "create")}
    assert creators == {"wang"}  # the author is the signed-in assessor, never "cli"


def test_the_import_service_checks_the_actor_the_workstation_passes(
    engine: Engine, files: dict[str, Path]
) -> None:
    """The workstation's import dialog calls the same service with the signed-in user."""
    assessor = User("wang", "王定损", frozenset({Role.ASSESSOR}))
    with pytest.raises(DomainError) as refused:
        import_catalog(engine, files["catalog"], actor=assessor)
    assert refused.value.code == "role_required"
    assert "需要数据维护或管理员角色" in refused.value.message_zh
    assert catalog_versions(engine) == [] and audit_count(engine) == 0
    maintainer = User("zhou", "周维护", frozenset({Role.MAINTAINER}))
    assert import_catalog(engine, files["catalog"], actor=maintainer).ok
    assert _import_entry(engine, "catalog_version")[0] == "zhou"


def test_before_the_first_user_nothing_but_the_administrator_is_written(
    url: str,
    engine: Engine,
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("ESTIMATOR_PASSWORD", "anything at all")
    monkeypatch.setenv("ESTIMATOR_NEW_PASSWORD", "first admin pw")
    for words in (
        ["catalog", "import", str(files["catalog"]), "--as", "admin"],
        ["estimate", "import", str(files["estimate"]), "--as", "wang"],
        ["catalog", "import", str(files["catalog"])],
    ):
        assert main(["--db", url, *words]) == 1
        assert "create the administrator first" in capsys.readouterr().err
    assert main(["--db", url, "user", "add", "wang", "--role", "assessor"]) == 1
    assert "the first user must be the administrator" in capsys.readouterr().err
    assert audit_count(engine) == 0 and catalog_versions(engine) == []
    assert main(["--db", url, "user", "add", "admin", "--role", "admin"]) == 0
    with Session(engine) as session:
        assert [a for a, _i, _d in audit.entries(session, "user", "create")] == ["first-run"]


def test_a_new_case_in_the_workstation_is_an_assessors(engine: Engine) -> None:
    """The workstation's New case goes through ``create_case``: a reviewer is refused there
    as ``estimate import`` refuses one on the command line (segregation of duties)."""
    reviewer = User("li", "李核损", frozenset({Role.REVIEWER}))
    with pytest.raises(DomainError) as refused:
        create_case(
            engine,
            claim_no="RDAA2026330100000099",
            region="ZJ",
            shop_class=ShopClass.CLASS1,
            actor=reviewer,
            plate="浙A12345",
        )
    assert refused.value.code == "role_required" and "assessor role" in refused.value.message_en
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(CaseRow)) == 0

"""The command line against a PostgreSQL server: migrate an empty database, then use it;
least privilege: an application role with only DML rights works, but cannot migrate."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import ProgrammingError

from benchmarks.pg_server import PgServer
from estimator.cli.main import main
from estimator.persistence.migrations import HEAD
from tests.cli.conftest import add_maintainer
from tests.conftest import write_workbook
from tests.parts_catalog.catalog_rows import MODELS, PARTS

pytestmark = pytest.mark.postgresql


@pytest.fixture
def empty_db(pg_server: PgServer, pg_admin: Engine) -> tuple[str, str]:
    """A new database with nothing in it: its URL (as the superuser) and its name."""
    name = f"empty_{uuid.uuid4().hex[:12]}"
    with pg_admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    return pg_server.url(name), name


def test_db_upgrade_then_import_and_search(
    empty_db: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, _name = empty_db
    assert main(["--db", url, "db", "upgrade"]) == 0
    assert f"newest schema ({HEAD})" in capsys.readouterr().out
    catalog = write_workbook(tmp_path / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
    maintainer = add_maintainer(url, monkeypatch)
    assert main(["--db", url, "catalog", "import", str(catalog), *maintainer]) == 0
    capsys.readouterr()
    assert main(["--db", url, "catalog", "search", "qbxg", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and found[0]["part_no"] == "521190K280"


def test_an_application_role_with_dml_only_works_but_cannot_migrate(
    pg_admin: Engine,
    empty_db: tuple[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, name = empty_db
    with pg_admin.connect() as connection:
        for statement in (
            "CREATE ROLE estimator_owner LOGIN",
            "CREATE ROLE estimator_app LOGIN",
            f"ALTER DATABASE {name} OWNER TO estimator_owner",
            f"REVOKE ALL ON DATABASE {name} FROM PUBLIC",
            f"GRANT CONNECT, TEMPORARY ON DATABASE {name} TO estimator_app",
        ):
            connection.execute(text(statement.replace("estimator_", f"{name}_")))
    owner = url.replace("postgres@", f"{name}_owner@")
    app = url.replace("postgres@", f"{name}_app@")
    # Migrations as the database's owner (from PostgreSQL 15 schema public belongs to
    # pg_database_owner: the owner creates there, nobody else does).
    assert main(["--db", owner, "db", "upgrade"]) == 0
    as_owner = create_engine(owner)
    with as_owner.begin() as connection:
        for statement in (
            f"GRANT USAGE ON SCHEMA public TO {name}_app",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}_app",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}_app",
            f"REVOKE UPDATE, DELETE ON audit_log FROM {name}_app",
        ):
            connection.execute(text(statement))
    as_owner.dispose()
    capsys.readouterr()
    catalog = write_workbook(tmp_path / "c.xlsx", {"vehicle_models": MODELS, "parts": PARTS})
    maintainer = add_maintainer(app, monkeypatch)
    assert main(["--db", app, "catalog", "import", str(catalog), *maintainer]) == 0
    assert main(["--db", app, "catalog", "search", "大灯"]) == 0
    capsys.readouterr()
    # The app role cannot change the schema, nor touch the audit trail's past.
    as_app = create_engine(app)
    with pytest.raises(ProgrammingError, match="permission denied"), as_app.begin() as c:
        c.execute(text("CREATE TABLE intruder (x int)"))
    with pytest.raises(ProgrammingError, match="permission denied"), as_app.begin() as c:
        c.execute(text("DELETE FROM audit_log"))
    as_app.dispose()

"""The PostgreSQL server stops in the middle of a session: the save in flight is refused
plainly, the edit stays with the caller, and once the server is back the same engine
reconnects and the edit is saved. Reads that do not go through a unit of work (the case
list, the review queue, the part search…) report an outage the same way, and errors from
a working server (a constraint, a syntax error, a cancelled statement) are not taken for
one."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from benchmarks.pg_server import PgServer
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.services import audit, case_list, catalog, estimate_store, partners, photos, workflow
from estimator.services.connection import DatabaseUnavailable, server_reachable
from estimator.services.users import create_user
from tests.services.conftest import import_test_data
from tests.services.documents import document

pytestmark = pytest.mark.postgresql


@pytest.fixture
def engine_on(own_server: PgServer, tmp_path: Path) -> Iterator[Engine]:
    admin = create_engine(own_server.url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text("CREATE DATABASE claims"))
    admin.dispose()
    engine = import_test_data(create_database_engine(own_server.url("claims")), tmp_path)
    yield engine
    engine.dispose()


def test_an_edit_survives_the_server_going_away_and_coming_back(
    own_server: PgServer, engine_on: Engine
) -> None:
    wang = create_user(engine_on, "wang", "password-wang", {Role.ASSESSOR}, actor="setup")
    created = estimate_store.import_estimate(
        engine_on, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    estimate = str(created.estimate_id)
    mine = estimate_store.load_estimate(engine_on, estimate)  # the pool now holds a live connection
    lines = list(mine.estimate.lines)
    lines[0] = replace(lines[0], qty=Decimal("2"))

    own_server.stop()
    assert not server_reachable(engine_on)
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        estimate_store.replace_lines(engine_on, estimate, lines, wang, based_on=mine)
    assert lines[0].qty == Decimal("2")  # the edit is still the caller's

    own_server.start()
    assert server_reachable(engine_on)  # the same engine reconnects by itself
    estimate_store.replace_lines(engine_on, estimate, lines, wang, based_on=mine)
    saved = estimate_store.load_estimate(engine_on, estimate)
    assert saved.estimate.lines[0].qty == Decimal("2")
    assert saved.row_version == mine.row_version + 1


def test_opening_a_server_that_is_down_is_a_plain_error(own_server: PgServer) -> None:
    from estimator.persistence.database import DatabaseError

    url = own_server.url("postgres")
    own_server.stop()
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        create_database_engine(url)
    assert issubclass(DatabaseUnavailable, DatabaseError)  # the CLI reports it as such
    own_server.start()


def _reads(engine: Engine, estimate: str) -> dict[str, Callable[[], object]]:
    """What the workstation reads outside a unit of work."""
    case_id = estimate_store.load_estimate(engine, estimate).case_id
    return {
        "estimate": lambda: estimate_store.load_estimate(engine, estimate).estimate,
        "case list": lambda: case_list.list_cases(engine),
        "review queue": lambda: case_list.review_queue(engine),
        "part search": lambda: catalog.search_parts(engine, "qbxgp"),
        "deadlines": lambda: workflow.case_deadlines(engine, estimate),
        "photos": lambda: photos.list_photos(engine, case_id),
        "history": lambda: audit.case_history(engine, case_id),
        "partners": lambda: partners.partner_shops(engine),
        "catalog versions": lambda: catalog.catalog_versions(engine),
    }


def test_reads_during_an_outage_are_plainly_unavailable_and_recover(
    own_server: PgServer, engine_on: Engine
) -> None:
    created = estimate_store.import_estimate(
        engine_on, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    reads = _reads(engine_on, str(created.estimate_id))
    before = {name: read() for name, read in reads.items()}  # the pool holds live connections
    assert before["case list"] and before["part search"]

    with engine_on.connect() as held:  # a connection in use when the server goes
        held.execute(text("SELECT 1"))
        own_server.stop()
        with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
            held.execute(text("SELECT 1"))
    for read in reads.values():  # none leaves as the driver's raw error
        with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
            read()

    own_server.start()
    assert {name: read() for name, read in reads.items()} == before  # same engine, no restart


def test_a_connection_killed_by_the_server_is_unavailable_once_then_replaced(
    engine_on: Engine, own_server: PgServer
) -> None:
    with engine_on.connect() as connection:
        pid = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        killer = create_engine(own_server.url("claims"))
        with killer.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        killer.dispose()
        with pytest.raises(DatabaseUnavailable, match="terminating connection"):
            connection.execute(text("SELECT 1"))
    assert case_list.list_cases(engine_on) == []  # the pool dropped the dead connection
    assert server_reachable(engine_on)


def test_a_working_servers_refusals_are_not_an_outage(engine_on: Engine) -> None:
    with engine_on.connect() as connection:
        connection.execute(text("CREATE TEMP TABLE t (a int PRIMARY KEY)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
        with pytest.raises(IntegrityError):
            connection.execute(text("INSERT INTO t VALUES (1)"))
        connection.rollback()
    with engine_on.connect() as connection, pytest.raises(ProgrammingError):
        connection.execute(text("SELEC 1"))
    # The driver's OperationalError family also holds answers from a working server:
    # a cancelled statement (57014) is one of them.
    with engine_on.connect() as connection:
        connection.execute(text("SET statement_timeout = 10"))
        with pytest.raises(OperationalError) as cancelled:
            connection.execute(text("SELECT pg_sleep(1)"))
        assert not isinstance(cancelled.value, DatabaseUnavailable)
        assert getattr(cancelled.value.orig, "sqlstate", None) == "57014"
    assert server_reachable(engine_on)

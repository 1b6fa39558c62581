"""The PostgreSQL server stops in the middle of a session: the save in flight is refused
plainly, the edit stays with the caller, and once the server is back the same engine
reconnects and the edit is saved."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine
from estimator.services import cases
from estimator.services.connection import DatabaseUnavailable, server_reachable
from estimator.services.users import create_user
from tests.conftest import postgres_required
from tests.pg_server import PgServer, PgServerError
from tests.services.conftest import import_test_data
from tests.services.documents import document

pytestmark = pytest.mark.postgresql


@pytest.fixture
def own_server() -> Iterator[PgServer]:
    """A server of this test's own, since it is stopped half-way."""
    try:
        server = PgServer().start()
    except PgServerError as error:
        if postgres_required():
            pytest.fail(f"PostgreSQL did not start: {error}", pytrace=False)
        pytest.skip(f"PostgreSQL did not start: {error}")
    yield server
    server.remove()


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
    created = cases.import_estimate(
        engine_on, json.dumps(document(), ensure_ascii=False), actor="wang"
    )
    assert created.estimate_id is not None
    estimate = str(created.estimate_id)
    mine = cases.load_estimate(engine_on, estimate)  # the pool now holds a live connection
    lines = list(mine.estimate.lines)
    lines[0] = replace(lines[0], qty=Decimal("2"))

    own_server.stop()
    assert not server_reachable(engine_on)
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        cases.replace_lines(engine_on, estimate, lines, wang, based_on=mine)
    assert lines[0].qty == Decimal("2")  # the edit is still the caller's

    own_server.start()
    assert server_reachable(engine_on)  # the same engine reconnects by itself
    cases.replace_lines(engine_on, estimate, lines, wang, based_on=mine)
    saved = cases.load_estimate(engine_on, estimate)
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

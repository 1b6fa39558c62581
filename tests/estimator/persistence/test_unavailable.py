"""Which driver errors mean "the server cannot be reached": a lost or refused connection
does, an answer from a working server (a constraint, a syntax error, a full disk, a lock
that was not granted, a cancelled statement) does not, and SQLite's errors never do."""

from __future__ import annotations

import psycopg
import psycopg.errors
import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import DBAPIError

from estimator.persistence.database import DatabaseUnavailable, is_disconnect, unavailable
from estimator.persistence.uow import storage_error


@pytest.fixture
def server_engine() -> Engine:
    return create_engine("postgresql+psycopg://someone@127.0.0.1:1/claims")  # never connects


def _wrapped(error: Exception, *, invalidated: bool = False) -> DBAPIError:
    return DBAPIError.instance(
        "SELECT 1", {}, error, psycopg.Error, connection_invalidated=invalidated
    )


@pytest.mark.parametrize(
    "error",
    [
        psycopg.errors.UniqueViolation("duplicate key value violates unique constraint"),
        psycopg.errors.ForeignKeyViolation("violates foreign key constraint"),
        psycopg.errors.SyntaxError('syntax error at or near "SELEC"'),
        psycopg.errors.DiskFull("could not extend file"),
        psycopg.errors.LockNotAvailable("could not obtain lock"),
        psycopg.errors.QueryCanceled("canceling statement due to statement timeout"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_a_working_servers_answer_is_not_an_outage(server_engine: Engine, error: Exception) -> None:
    assert not is_disconnect(server_engine, _wrapped(error))


@pytest.mark.parametrize(
    "error",
    [
        psycopg.OperationalError("connection failed: Connection refused"),
        psycopg.OperationalError("consuming input failed: server closed the connection"),
        psycopg.errors.AdminShutdown("terminating connection due to administrator command"),
        psycopg.errors.CannotConnectNow("the database system is starting up"),
        psycopg.errors.ConnectionFailure("connection failure"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_a_lost_or_refused_connection_is_an_outage(server_engine: Engine, error: Exception) -> None:
    assert is_disconnect(server_engine, _wrapped(error))
    message = str(unavailable(server_engine, _wrapped(error)))
    assert "cannot be reached" in message and "someone@127.0.0.1:1/claims" in message


def test_a_full_disk_on_the_server_stays_a_storage_error(server_engine: Engine) -> None:
    refused = storage_error(_wrapped(psycopg.errors.DiskFull("could not extend file")))
    assert refused is not None and refused.problem.code == "disk_full"


def test_sqlite_errors_are_never_an_outage() -> None:
    import sqlite3

    engine = create_engine("sqlite+pysqlite://")
    locked = DBAPIError.instance(
        "SELECT 1", {}, sqlite3.OperationalError("database is locked"), sqlite3.Error
    )
    assert not is_disconnect(engine, locked)
    assert is_disconnect(engine, DatabaseUnavailable("already told"))

"""Every PostgreSQL engine waits at most CONNECT_TIMEOUT_S for the server (libpq would wait
forever: a workstation or a laptop asking an unreachable server hung); a URL that names its
own timeout keeps it. Shown URLs leave the password out."""

from __future__ import annotations

from estimator.persistence.database import (
    create_database_engine,
    shown_url,
    with_connect_timeout,
)


def test_a_postgresql_url_gets_a_connect_timeout_once() -> None:
    assert with_connect_timeout("postgresql+psycopg://u@h/db") == (
        "postgresql+psycopg://u@h/db?connect_timeout=10"
    )
    assert with_connect_timeout("postgresql+psycopg://u@h/db?sslmode=require").endswith(
        "?sslmode=require&connect_timeout=10"
    )
    assert with_connect_timeout("postgresql://h/db?connect_timeout=3").endswith("=3")
    assert with_connect_timeout("sqlite+pysqlite:///x.sqlite3") == "sqlite+pysqlite:///x.sqlite3"


def test_an_engine_on_a_server_carries_the_timeout_and_shows_no_password() -> None:
    url = "postgresql+psycopg://app:secret@127.0.0.1:1/x"
    engine = create_database_engine(url, migrate=False)  # nothing is connected yet
    try:
        assert engine.url.query["connect_timeout"] == "10"
    finally:
        engine.dispose()
    assert shown_url(url) == "postgresql+psycopg://app:***@127.0.0.1:1/x"
    assert shown_url("not a url") == "not a url"

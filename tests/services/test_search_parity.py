"""Search on PostgreSQL returns what it returns on SQLite, on the demo catalog."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine
from sqlalchemy import text as sql_text

from estimator.persistence.database import create_database_engine
from estimator.services.catalog import SEARCH_TABLES, import_catalog, search_parts
from estimator.services.demo import sample_file
from tests.actors import maintainer
from tests.conftest import migrated_copy

if TYPE_CHECKING:
    from benchmarks.pg_server import PgServer

pytestmark = pytest.mark.postgresql

#: (query, model): 1–2 Chinese characters, substrings, pinyin initials and full pinyin, part
#: number prefixes and whole numbers (with separators), with and without a model.
QUERIES = [
    ("门", None),
    ("灯", "TY-CAMRY-18"),
    ("大灯", None),
    ("大灯", "TY-CAMRY-18"),
    ("车门", None),
    ("前保险杠", None),
    ("前保险杠", "HD-ACCORD-18"),
    ("后视镜", None),
    ("保险杠皮", "TY-CAMRY-18"),
    ("叶子板", "TY-CAMRY-18"),
    ("保险%杠", "TY-CAMRY-18"),  # LIKE's wildcards are taken literally, as instr does
    ("bao_xian", "HD-ACCORD-18"),
    ("wd", None),
    ("d", None),
    ("dd", None),
    ("dd", "TY-CAMRY-18"),
    ("qbxg", None),
    ("qbxgp", "TY-CAMRY-18"),
    ("zqdd", None),
    ("qianbaoxian", None),
    ("baoxiangang", "HD-ACCORD-18"),
    ("5211", None),
    ("52119", "TY-CAMRY-18"),
    ("521190K280", None),
    ("52119-0K280", "TY-CAMRY-18"),
    ("0K2", None),
    ("a_b%c", None),
    ('大"灯', None),
    ("", None),
]


@pytest.fixture(scope="module")
def engines(
    pg_server: PgServer,
    pg_admin: Engine,
    pg_template: str,
    sqlite_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Engine, Engine]]:
    """SQLite and PostgreSQL with the demo catalog imported, once for the module: its tests
    only read (importing 2,380 parts into both for each test was nearly all their time)."""
    name = f"parity_{uuid.uuid4().hex[:16]}"
    with pg_admin.connect() as connection:
        connection.execute(sql_text(f"CREATE DATABASE {name} TEMPLATE {pg_template}"))
    folder = tmp_path_factory.mktemp("parity")
    sqlite = create_database_engine(migrated_copy(sqlite_template, folder / "demo.sqlite3"))
    postgres = create_database_engine(pg_server.url(name))
    try:
        for engine in (sqlite, postgres):
            result = import_catalog(
                engine, sample_file("demo_catalog.xlsx"), actor=maintainer("demo")
            )
            assert result.status == "imported"
        yield sqlite, postgres
    finally:
        sqlite.dispose()
        postgres.dispose()
        with pg_admin.connect() as connection:
            connection.execute(sql_text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def test_search_gives_the_same_results_on_both_engines(engines: tuple[Engine, Engine]) -> None:
    sqlite, postgres = engines
    found_any = 0
    for text, model in QUERIES:
        on_sqlite = search_parts(sqlite, text, model_code=model)
        on_postgres = search_parts(postgres, text, model_code=model)
        assert on_postgres == on_sqlite, (text, model)
        found_any += bool(on_sqlite)
    assert found_any == len(QUERIES) - 5  # the queries are not all empty-handed


def test_an_import_leaves_the_search_tables_vacuumed_and_analysed(
    engines: tuple[Engine, Engine],
) -> None:
    _sqlite, postgres = engines
    with postgres.connect() as connection:
        tables = dict(
            connection.execute(
                sql_text(
                    "SELECT relname, relallvisible > 0 AND reltuples >= 0 FROM pg_class "
                    "WHERE relname = ANY(:names) AND relkind = 'r'"
                ),
                {"names": list(SEARCH_TABLES)},
            ).all()
        )
    assert tables == dict.fromkeys(SEARCH_TABLES, True)  # planned with what was imported

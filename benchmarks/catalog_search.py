"""catalog_search_p95: ranked type-ahead on a large catalog, vs the same SQL through the driver.

The catalog is built with the import's own storage path (parts_catalog.store) from the
synthetic generator, and cached in the user's cache folder between runs (harness.cache_dir).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine

from benchmarks.harness import Result, cache_dir, ms, percentile, timings
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.uow import UnitOfWork
from estimator.services.catalog import refresh_search_statistics, search_parts
from parts_catalog import store
from parts_catalog.sample import synthetic_models, synthetic_parts
from parts_catalog.search import plan_search

GENERATOR_VERSION = 1
LIMIT = 50


def store_synthetic(engine: Engine, parts: int) -> None:
    """Import the synthetic catalog of ``parts`` parts into ``engine`` as one version."""
    models = synthetic_models(max(50, parts // 3000))
    with UnitOfWork(engine, write=True) as uow:
        store.store_catalog(
            uow.session,
            source_name=f"synthetic-{parts}",
            content_hash=f"synthetic-{parts}-{GENERATOR_VERSION}",
            models=models,
            parts=synthetic_parts(parts, models),
        )
        uow.commit()


def build_catalog(parts: int) -> tuple[Path, float]:
    """The cached synthetic catalog of ``parts`` parts, and the seconds it took to build."""
    path = cache_dir() / f"catalog_{parts}_v{GENERATOR_VERSION}.sqlite3"
    if path.exists():
        return path, 0.0
    partial = path.with_suffix(".partial")
    for stale in path.parent.glob(partial.name + "*"):
        stale.unlink()
    start = time.perf_counter()
    engine = create_database_engine(sqlite_url(partial))
    store_synthetic(engine, parts)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    partial.rename(path)
    return path, time.perf_counter() - start


def _queries(connection: Any) -> list[tuple[str, str, str | None]]:
    """(kind, text, model) of the measured queries, drawn from the catalog itself."""
    part_no, model = connection.execute(
        "SELECT p.part_no, m.model_code FROM parts p JOIN part_fitments f ON f.part_id = p.id "
        "JOIN vehicle_models m ON m.id = f.model_id WHERE p.id = 4242 ORDER BY m.model_code"
    ).fetchone()
    return [
        ("two_char_chinese", "大灯", None),
        ("two_char_chinese_model", "车门", model),
        ("substring", "前保险杠", None),
        ("substring_model", "后视镜片", model),
        ("pinyin_initials", "qbxg", None),
        ("pinyin_initials_model", "zqdd", model),
        ("part_no_prefix", part_no[:6], None),
        ("part_no_exact", part_no, model),
    ]


def _floor(connection: Any, text: str, model_id: int | None, dialect: str = "sqlite") -> None:
    """The same SQL the search issues, straight through the driver, without ranking."""
    plan = plan_search(text, model_id, LIMIT, dialect)
    mark = "%s" if dialect == "postgresql" else "?"
    ids: list[int] = []
    for statement in plan.statements:
        ids += [r[0] for r in connection.execute(statement.sql, statement.params).fetchall()]
    if ids:
        unique = list(dict.fromkeys(ids))
        marks = ",".join([mark] * len(unique))
        connection.execute(
            "SELECT id, part_no, name_zh, name_en, component_code, category FROM parts "
            f"WHERE id IN ({marks})",
            unique,
        ).fetchall()
        if model_id is not None:
            connection.execute(
                f"SELECT part_id FROM part_fitments WHERE model_id = {mark} "
                f"AND part_id IN ({marks})",
                [model_id, *unique],
            ).fetchall()
        best = unique[:LIMIT]
        connection.execute(
            "SELECT f.part_id, m.model_code FROM part_fitments f JOIN vehicle_models m "
            f"ON m.id = f.model_id WHERE f.part_id IN ({','.join([mark] * len(best))}) "
            "ORDER BY m.model_code",
            best,
        ).fetchall()


def run(parts: int, repeat: int) -> list[Result]:
    """Measure every query kind; report per-kind and overall p95 with the driver floor."""
    path, build_seconds = build_catalog(parts)
    engine = create_database_engine(sqlite_url(path))
    driver = sqlite3.connect(path)
    try:
        built = f"catalog built in {build_seconds:.1f} s" if build_seconds else "catalog cached"
        return _measure(engine, driver, "sqlite", parts, repeat, built)
    finally:
        engine.dispose()
        driver.close()


def run_postgresql(parts: int, repeat: int, url: str | None = None) -> list[Result]:
    """The same measurement on PostgreSQL: on the server at ``url`` (its database is filled
    with the synthetic catalog unless it already holds it), else on a throwaway server on
    loopback (benchmarks/pg_server.py; the catalog is built each time)."""
    server = None
    if url is None:
        from benchmarks.pg_server import PgServer

        server = PgServer().start()
        admin = create_engine(server.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE catalog_{parts}")
        admin.dispose()
        url = server.url(f"catalog_{parts}")
    engine = create_database_engine(url)
    try:
        start = time.perf_counter()
        content_hash = f"synthetic-{parts}-{GENERATOR_VERSION}"
        with UnitOfWork(engine, write=True) as uow:
            if store.find_version_by_hash(uow.session, content_hash) is None:
                models = synthetic_models(max(50, parts // 3000))
                store.store_catalog(
                    uow.session,
                    source_name=f"synthetic-{parts}",
                    content_hash=content_hash,
                    models=models,
                    parts=synthetic_parts(parts, models),
                )
                uow.commit()
        refresh_search_statistics(engine)  # as the catalog import does after storing
        build_seconds = time.perf_counter() - start
        with engine.connect() as connection:
            driver = connection.connection.driver_connection
            built = f"catalog built in {build_seconds:.1f} s"
            return _measure(engine, driver, "postgresql", parts, repeat, built)
    finally:
        engine.dispose()
        if server is not None:
            server.remove()


def _measure(
    engine: Any, driver: Any, dialect: str, parts: int, repeat: int, built: str
) -> list[Result]:
    mark = "%s" if dialect == "postgresql" else "?"
    prefix = "catalog_search_p95" + (".postgresql" if dialect == "postgresql" else "")
    results: list[Result] = []
    product_all: list[float] = []
    floor_all: list[float] = []
    for kind, text, model in _queries(driver):
        model_id = None
        if model is not None:
            model_id = driver.execute(
                f"SELECT id FROM vehicle_models WHERE model_code = {mark}", (model,)
            ).fetchone()[0]
        found = search_parts(engine, text, model_code=model, limit=LIMIT)
        product = timings(
            lambda t=text, m=model: search_parts(engine, t, model_code=m, limit=LIMIT), repeat
        )
        floor = timings(lambda t=text, i=model_id: _floor(driver, t, i, dialect), repeat)
        product_all += product
        floor_all += floor
        p95, f95 = percentile(product, 0.95), percentile(floor, 0.95)
        results.append(
            Result(
                f"{prefix}.{kind}",
                ms(p95),
                "ms",
                ms(f95),
                round(p95 / f95, 2),
                detail=f"query {text!r} model {model} → {len(found)} results, "
                f"p50 {ms(percentile(product, 0.5))} ms",
            )
        )
    p95, f95 = percentile(product_all, 0.95), percentile(floor_all, 0.95)
    overall = Result(
        prefix,
        ms(p95),
        "ms",
        ms(f95),
        round(p95 / f95, 2),
        target="≤ 30 ms, ratio ≤ 1.5",
        detail=f"{parts:,} parts on {dialect}; p50 {ms(percentile(product_all, 0.5))} ms; " + built,
    )
    return [overall, *results]

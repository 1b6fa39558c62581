"""catalog_import: a 100,000-row catalog workbook read, validated and stored by the product's
import, vs openpyxl's read-only iteration over every row of the same file (the floor: no
import can read a workbook faster than the library it reads it with)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.catalog_search import GENERATOR_VERSION
from benchmarks.harness import Result, cache_dir
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.catalog import import_catalog
from estimator.services.users import User
from parts_catalog.sample import synthetic_models, synthetic_parts, write_catalog_workbook

#: The data maintainer the benchmark imports as (the services take the actor).
MAINTAINER = User("bench", "bench", frozenset({Role.MAINTAINER}))

ROWS = 100_000


def catalog_workbook(rows: int = ROWS) -> Path:
    """The cached synthetic catalog workbook of ``rows`` part rows."""
    path = cache_dir() / f"catalog_{rows}_v{GENERATOR_VERSION}.xlsx"
    if not path.exists():
        partial = path.with_suffix(".partial.xlsx")
        models = synthetic_models(max(10, rows // 3000))
        write_catalog_workbook(partial, models, synthetic_parts(rows, models))
        partial.rename(path)
    return path


def _floor(path: Path) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = 0
    for sheet in book.worksheets:
        for _row in sheet.iter_rows(values_only=True):
            count += 1
    book.close()
    return count


def _import(path: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        engine = create_database_engine(sqlite_url(Path(folder) / "import.sqlite3"))
        start = time.perf_counter()
        result = import_catalog(engine, path, actor=MAINTAINER)
        elapsed = time.perf_counter() - start
        engine.dispose()
    assert result.status == "imported", result.problems[:3]
    return elapsed


def run(repeat: int, rows: int = ROWS) -> list[Result]:
    """Median seconds of the import and of the bare read-only iteration, in turns."""
    path = catalog_workbook(rows)
    product: list[float] = []
    floor: list[float] = []
    for _ in range(repeat):
        start = time.perf_counter()
        _floor(path)
        floor.append(time.perf_counter() - start)
        product.append(_import(path))
    p50, f50 = statistics.median(product), statistics.median(floor)
    return [
        Result(
            "catalog_import",
            round(p50, 2),
            "s",
            round(f50, 2),
            round(p50 / f50, 2),
            target="ratio ≤ 3",
            detail=f"{rows:,}-row workbook ({path.stat().st_size / 1e6:.1f} MB) validated and "
            f"stored (pinyin, search indexes, prices) vs openpyxl read-only iteration; "
            f"{rows / p50:,.0f} rows/s; {repeat} runs each",
        )
    ]

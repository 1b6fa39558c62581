"""The demo database: a fresh SQLite file loaded with the sample catalog and labor standard."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from estimator.persistence.database import create_database_engine, default_data_dir, sqlite_url
from estimator.services.catalog import import_catalog
from estimator.services.labor import import_labor_standard

DEMO_FILE = "demo.sqlite3"


def sample_file(name: str) -> Path:
    """A file of resources/sample_data as a path on disk."""
    return Path(str(resources.files("estimator.resources").joinpath("sample_data", name)))


def build_demo_database(path: Path | None = None) -> Path:
    """Create (or re-create) the demo database and load the sample data into it."""
    target = path or default_data_dir() / DEMO_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    engine = create_database_engine(sqlite_url(target))
    try:
        for result in (
            import_catalog(engine, sample_file("demo_catalog.xlsx"), imported_by="demo"),
            import_labor_standard(engine, sample_file("demo_labor.xlsx"), imported_by="demo"),
        ):
            if result.status != "imported":
                raise RuntimeError(f"the demo data did not import: {result.status}")
    finally:
        engine.dispose()
    return target

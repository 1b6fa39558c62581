from __future__ import annotations

import json
from pathlib import Path

from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.catalog import catalog_versions, search_parts
from estimator.services.demo import build_demo_database, sample_file
from estimator.services.estimates import price_document
from estimator.services.labor import current_standard
from parts_catalog.model import PriceType
from parts_catalog.sample import DEMO_COMPONENTS, DEMO_VINS, demo_models, demo_parts
from parts_catalog.vin import check_vin, is_valid_prefix


def test_demo_database_holds_the_sample_catalog_and_standard(tmp_path: Path) -> None:
    path = build_demo_database(tmp_path / "demo.sqlite3")
    engine = create_database_engine(sqlite_url(path))
    (version,) = catalog_versions(engine)
    assert version.parts_count >= 2000
    assert search_parts(engine, "qbxgp", model_code="TY-CAMRY-18")[0].part_no == "521190K280"
    assert current_standard(engine).version_id == 1
    result = price_document(engine, sample_file("demo_estimate.json").read_text(encoding="utf-8"))
    assert result.problems == [] and result.document is not None
    assert result.document["tier"] == "standard"
    engine.dispose()
    # Building again starts from scratch.
    assert build_demo_database(path) == path


def test_demo_catalog_is_realistic() -> None:
    parts = demo_parts()
    assert len(parts) >= 2000
    assert len({p.part_no for p in parts}) == len(parts)
    kinds = {(price.region, price.price_type) for p in parts for price in p.prices}
    assert kinds >= {
        (r, t)
        for r in ("ZJ", "SH")
        for t in (PriceType.OEM_4S, PriceType.OEM_MARKET, PriceType.BRAND, PriceType.USED)
    }
    assert (
        sum(1 for p in parts if any(price.effective_date.month == 11 for price in p.prices)) > 100
    )
    models = {m.model_code for m in demo_models()}
    assert all(set(p.models) <= models for p in parts)
    assert all(is_valid_prefix(prefix) for m in demo_models() for prefix in m.vin_prefixes)
    assert all(check_vin(vin).check_digit_ok for vin in DEMO_VINS.values())


def test_demo_standard_covers_every_component_of_the_demo_catalog(tmp_path: Path) -> None:
    from labor_standards.model import Operation

    path = build_demo_database(tmp_path / "demo.sqlite3")
    engine = create_database_engine(sqlite_url(path))
    standard = current_standard(engine)
    for component in DEMO_COMPONENTS:
        for cls in "ABCDE":
            assert standard.labor_time(component.code, Operation.REPLACE, cls) is not None
        if component.paint_panels:
            assert standard.panels(component.code) is not None
    engine.dispose()


def test_demo_estimate_is_a_valid_document() -> None:
    doc = json.loads(sample_file("demo_estimate.json").read_text(encoding="utf-8"))
    assert doc["format"] == "estimate/1" and len(doc["lines"]) >= 10

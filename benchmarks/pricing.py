"""price_500_lines: pricing a 500-line estimate with its lookups, through the service layer.

The floor is the engine alone on the same estimate with its lookups already in memory, so
the ratio shows what the lookups (catalog slice and labor standard) add."""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

from benchmarks.harness import Result, ms, percentile, timings
from estimator.domain.estimate_json import estimate_from_document
from estimator.domain.pricing import price_estimate
from estimator.domain.workflow import Role
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.services.catalog import import_catalog
from estimator.services.demo import sample_file
from estimator.services.estimates import price_document, resolve_vehicle
from estimator.services.labor import current_standard, import_labor_standard
from estimator.services.users import User
from parts_catalog import store
from parts_catalog.sample import DEMO_COMPONENTS, demo_parts

#: The data maintainer the benchmark imports as (the services take the actor).
MAINTAINER = User("bench", "bench", frozenset({Role.MAINTAINER}))


def _document(lines: int) -> dict[str, object]:
    rnd = random.Random(500)
    camry = [p for p in demo_parts() if "TY-CAMRY-18" in p.models]
    body: list[dict[str, object]] = []
    for i in range(lines):
        component = DEMO_COMPONENTS[i % len(DEMO_COMPONENTS)]
        kind = i % 5
        if kind in (0, 1):
            part = camry[rnd.randrange(len(camry))]
            body.append({"kind": "part", "part_no": part.part_no, "qty": str(1 + i % 3)})
        elif kind == 2:
            body.append({"kind": "labor", "component_code": component.code, "operation": "replace"})
        elif kind == 3:
            body.append({"kind": "labor", "component_code": component.code, "operation": "ri"})
        elif component.paint_panels:
            body.append({"kind": "paint", "component_code": component.code})
        else:
            body.append(
                {"kind": "material", "description": "辅料", "qty": "2", "unit_price": "3.50"}
            )
    return {
        "format": "estimate/1",
        "priced_on": "2026-11-20",
        "region": "ZJ",
        "shop": {"class": "class1"},
        "vehicle": {"model_code": "TY-CAMRY-18", "paint_type": "metallic"},
        "lines": body,
    }


def run(repeat: int, lines: int = 500) -> list[Result]:
    """Price a 500-line estimate end to end, next to the engine on preloaded lookups."""
    with tempfile.TemporaryDirectory() as folder:
        engine = create_database_engine(sqlite_url(Path(folder) / "p.sqlite3"))
        import_catalog(engine, sample_file("demo_catalog.xlsx"), actor=MAINTAINER)
        import_labor_standard(engine, sample_file("demo_labor.xlsx"), actor=MAINTAINER)
        document = _document(lines)
        text = json.dumps(document, ensure_ascii=False)
        checked = price_document(engine, text)
        assert not checked.problems, checked.problems[:3]
        product = timings(lambda: price_document(engine, text), repeat)
        estimate, _ = estimate_from_document(document, today=checked.priced.estimate.priced_on)  # type: ignore[union-attr]
        assert estimate is not None
        estimate, _, _ = resolve_vehicle(engine, estimate)
        standard = current_standard(engine)
        with engine.connect() as connection:
            snapshot = store.load_snapshot(
                connection, [str(line.part_no) for line in estimate.lines if line.part_no], "ZJ"
            )
        floor = timings(lambda: price_estimate(estimate, snapshot, standard), repeat)
        engine.dispose()
    p50, f50 = percentile(product, 0.5), percentile(floor, 0.5)
    return [
        Result(
            "price_500_lines",
            ms(p50),
            "ms",
            ms(f50),
            round(p50 / f50, 2),
            target="≤ 50 ms",
            detail=f"{lines} lines, JSON parse + vehicle + catalog slice + standard + "
            f"engine + priced document; p95 {ms(percentile(product, 0.95))} ms",
        )
    ]

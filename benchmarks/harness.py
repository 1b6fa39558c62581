"""Timing helpers and the result record every benchmark reports."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Result:
    """One reported figure: the product's value, the floor measured in the same run, the ratio."""

    name: str
    value: float
    unit: str
    floor: float | None
    ratio: float | None
    target: str = ""
    detail: str = ""

    def as_json(self) -> dict[str, object]:
        """The JSON record of issue #11: name, value, unit, floor, ratio (and context)."""
        return asdict(self)


def timings(run: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Wall-clock seconds of ``repeat`` runs after ``warmup`` unmeasured ones."""
    for _ in range(warmup):
        run()
    measured = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        measured.append(time.perf_counter() - start)
    return measured


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0–1) by linear interpolation."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def ms(seconds: float) -> float:
    """Seconds to milliseconds, rounded for reports."""
    return round(seconds * 1000, 3)


def cache_dir() -> Path:
    """Where the benchmarks keep what is slow to build (the synthetic catalogs, hundreds of
    megabytes): the product's folder in the user's cache, never the checkout."""
    from platformdirs import user_cache_dir

    from estimator.persistence.database import APP_AUTHOR, APP_NAME

    folder = Path(user_cache_dir(APP_NAME, APP_AUTHOR)) / "benchmarks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

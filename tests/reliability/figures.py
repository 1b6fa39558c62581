"""The figures of the hostile-input runs, for the README's reliability section: each file's size
on disk, what it unpacks to or declares, the peak resident memory of the process that read it,
the time to its refusal, and the first words of the refusal. The tests record them as they run;
tests/reliability/conftest.py prints the table after the run (``pytest
tests/reliability/test_bounded_input.py tests/reliability/test_bounded_photos.py
tests/reliability/test_skip_invalid.py``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Measured(Protocol):
    """A measured run (``test_bounded_input.Run``)."""

    code: int
    out: str
    err: str
    peak_mb: float
    seconds: float


@dataclass(frozen=True)
class Figure:
    """One hostile input and what reading it cost."""

    group: str
    case: str
    disk_bytes: int
    holds: str
    peak_mb: float
    seconds: float
    outcome: str


FIGURES: list[Figure] = []
#: The limits in force, one line each, printed above the table.
LIMITS: dict[str, str] = {}


def record(group: str, case: str, path: Path, holds: str, run: Measured) -> None:
    """Keep one run's figures: the first line of its refusal, or "done" with what it printed."""
    if run.code == 0:
        said = f"done: {run.out.strip().splitlines()[-1]}" if run.out.strip() else "done"
    else:
        said = (run.err.strip() or f"exit {run.code}").splitlines()[0]
        said = said.removeprefix("estimator: ").removeprefix("error: ")
    FIGURES.append(Figure(group, case, path.stat().st_size, holds, run.peak_mb, run.seconds, said))


def size_text(size: int) -> str:
    """Bytes as the README writes them: 29 KB, 41.0 MB, 1.26 GB."""
    if size >= 10**9:
        return f"{size / 10**9:.2f} GB"
    if size >= 10**6:
        return f"{size / 10**6:.1f} MB"
    if size >= 10**3:
        return f"{size / 10**3:.0f} KB"
    return f"{size} B"


def table() -> list[str]:
    """The limits, then one row per recorded run, in the order they ran."""
    lines = [f"{name}: {value}" for name, value in LIMITS.items()]
    head = ("group", "case", "on disk", "unpacks to / declares", "peak RSS", "time", "outcome")
    rows = [head] + [
        (
            f.group,
            f.case,
            size_text(f.disk_bytes),
            f.holds,
            f"{f.peak_mb:.0f} MB",
            f"{f.seconds:.2f} s",
            f.outcome if len(f.outcome) <= 90 else f.outcome[:89] + "…",
        )
        for f in FIGURES
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(head) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append(" | ".join([*cells, row[-1]]))
    return lines

"""The one memory bound every single input is read within (reliability.md, promise 16).

The static limits (a workbook's member sizes, a JSON document's bytes, lines and depth) keep
hostile input far below it; this watch is the backstop for input that is well-formed but too
big to read within it (a catalog of hundreds of thousands of rows): it is refused in words,
and the bound can be raised with ``ESTIMATOR_MAX_INPUT_MB``.

The bound counts the memory the process *gains* while it reads the input (resident set size
now, less what it held when reading began): the workstation may already hold an open case
or a large catalog, which is not the input's doing.
"""

from __future__ import annotations

import os
import sys

from kernel.problems import register_messages

MEMORY_ENV = "ESTIMATOR_MAX_INPUT_MB"
DEFAULT_MEMORY_MB = 500
MIB = 1024 * 1024

register_messages(
    {
        "memory_bound": (
            "读取该输入所需内存超过上限 {limit} MB (已用 {figure} MB)，拒绝读取；"
            "如确需读取，请调高环境变量 {variable}",
            "reading this input needs more memory than the limit of {limit} MB "
            "({figure} MB used); refused. To read it anyway, raise {variable}",
        ),
    }
)


def memory_bound_mb() -> int:
    """The bound in MB: ``ESTIMATOR_MAX_INPUT_MB`` when it is a whole number ≥ 10, else 500."""
    text = os.environ.get(MEMORY_ENV, "").strip()
    if text.isdigit() and len(text) <= 7 and int(text) >= 10:
        return int(text)
    return DEFAULT_MEMORY_MB


def resident_bytes() -> int | None:
    """The process's resident set size now (None where the system does not tell it cheaply)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource  # POSIX only: imported where /proc could not answer
    except ImportError:  # Windows: no cheap reading; the static limits still hold
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # the peak: an upper bound


class MemoryWatch:
    """Measures what reading one input adds to the process; ``over()`` says when it is too much.

    Reading /proc costs microseconds, so callers check every thousand rows, not every row.
    """

    def __init__(self, limit_mb: int | None = None) -> None:
        self.limit_mb = limit_mb if limit_mb is not None else memory_bound_mb()
        self.baseline = resident_bytes()

    def used_mb(self) -> int:
        """MB gained since the watch began (0 when the system does not tell)."""
        now = resident_bytes()
        if now is None or self.baseline is None:
            return 0
        return max(0, (now - self.baseline) // MIB)

    def over(self) -> dict[str, object] | None:
        """The ``memory_bound`` message's parameters when over the bound, else None."""
        used = self.used_mb()
        if used <= self.limit_mb:
            return None
        return {"limit": self.limit_mb, "figure": used, "variable": MEMORY_ENV}

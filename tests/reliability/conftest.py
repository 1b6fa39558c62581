"""Prints the hostile-input figures (tests/reliability/figures.py) after a run that made any."""

from __future__ import annotations

import pytest

from tests.reliability import figures


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The figures table, when bounded-input or skip-invalid runs recorded any."""
    if not figures.FIGURES:
        return
    terminalreporter.section("hostile input figures (README, Reliability, tested)")
    for line in figures.table():
        terminalreporter.write_line(line)

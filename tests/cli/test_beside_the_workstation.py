"""Command-line writers beside a running workstation: they queue, nothing is lost.

The workstation's lock keeps out a second workstation only; SQLite's write lock (taken at
BEGIN IMMEDIATE) with the busy timeout serialises the writers of both processes.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from estimator.cli.main import main
from estimator.persistence.database import create_database_engine, sqlite_url
from estimator.persistence.rows import CaseEventRow
from estimator.services import case_list
from estimator.services.audit import verify_audit
from estimator.services.demo import DEMO_USERS, build_demo_database

WORKSTATION = textwrap.dedent(
    """
    import sys
    from estimator.domain.clocks import EventKind
    from estimator.persistence.database import create_database_engine, sqlite_url
    from estimator.services import case_list, workflow
    from estimator.services.workstation import claim_database

    engine = create_database_engine(sqlite_url(sys.argv[1]))
    lock = claim_database(engine)
    for n in range(int(sys.argv[3])):
        workflow.record_event(engine, sys.argv[2], EventKind.FIRST_CONTACT, "wang")
        if n == 0:
            print("writing", flush=True)
    print("done", flush=True)
    """
)


def test_command_line_writes_queue_behind_a_running_workstation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = build_demo_database(tmp_path / "demo.sqlite3")
    url = sqlite_url(database)
    engine = create_database_engine(url)
    case = case_list.list_cases(engine)[0]
    with engine.connect() as connection:
        events_before = connection.scalar(select(func.count()).select_from(CaseEventRow))
    audit_before = verify_audit(engine).entries
    workstation = subprocess.Popen(
        [sys.executable, "-c", WORKSTATION, str(database), str(case.case_id), "150"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert workstation.stdout is not None
    try:
        assert workstation.stdout.readline().strip() == "writing"
        name, _display, _roles, password = DEMO_USERS[0]
        monkeypatch.setenv("ESTIMATOR_PASSWORD", password)
        for _ in range(10):
            assert (
                main(
                    [
                        "--db",
                        url,
                        "estimate",
                        "event",
                        str(case.estimate_id),
                        "dispatch",
                        "--as",
                        name,
                    ]
                )
                == 0
            )
        assert workstation.stdout.readline().strip() == "done"
        assert workstation.wait(timeout=120) == 0
    finally:
        workstation.kill()
    with engine.connect() as connection:
        events = connection.scalar(select(func.count()).select_from(CaseEventRow))
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert events == events_before + 150 + 10
    check = verify_audit(engine)
    assert check.ok and check.entries >= audit_before + 160
    engine.dispose()

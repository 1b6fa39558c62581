"""No query in the services: a service keeps its rules and asks a repository of
``estimator.persistence`` (on the unit of work) for rows (issue #17 item 1): no ``select(``
and no ``session.get`` / ``session.execute`` / ``session.scalar(s)`` in a service module.

An explicit allow-list of the service modules still holding a ``select(`` today; it may only
shrink: a new module with a query fails, and an entry that no longer holds one fails too,
asking for its removal, so that the list keeps saying the truth.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "estimator" / "services"

#: Service modules (relative to ``estimator/services``) whose queries are not yet moved: none
#: (the last one, services/catalog.py, moved its queries to persistence/catalog.py).
STILL_QUERYING: frozenset[str] = frozenset()


def _calls_select(source: str) -> bool:
    """Whether the module calls ``select(...)`` (SQLAlchemy's, by name or as an attribute)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name == "select":
                return True
    return False


#: What a service may not ask its session for: rows are a repository's business.
SESSION_READS = frozenset({"get", "execute", "scalar", "scalars"})


def _reads_session(source: str) -> list[str]:
    """The ``session.<read>(`` calls of a module (on ``session``, ``uow.session`` or any
    ``….session``), as ``line: session.<read>``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        receiver = node.func.value
        name = receiver.id if isinstance(receiver, ast.Name) else getattr(receiver, "attr", "")
        if name == "session" and node.func.attr in SESSION_READS:
            found.append(f"{node.lineno}: session.{node.func.attr}")
    return found


def querying_modules() -> set[str]:
    """The service modules that call ``select(``."""
    return {
        path.relative_to(SERVICES).as_posix()
        for path in sorted(SERVICES.rglob("*.py"))
        if _calls_select(path.read_text(encoding="utf-8"))
    }


def test_the_finder_sees_a_select_call_and_nothing_else() -> None:
    assert _calls_select("from sqlalchemy import select\nq = select(Row).where(x)\n")
    assert _calls_select("import sqlalchemy as sa\nq = sa.select(Row)\n")
    assert not _calls_select("rows = uow.cases.listed(actor)\nselected = 'select('\n")


def test_no_service_module_queries_beyond_the_allowed_ones() -> None:
    found = querying_modules()
    assert found - STILL_QUERYING == set(), "move these queries into a persistence repository"
    assert STILL_QUERYING - found == set(), "no select( left here: remove it from STILL_QUERYING"


def test_the_finder_sees_a_session_read_and_nothing_else() -> None:
    assert _reads_session("row = uow.session.get(CaseRow, key)\n") == ["1: session.get"]
    assert _reads_session("x = session.execute(q)\ny = self.session.scalars(q)\n") == [
        "1: session.execute",
        "2: session.scalars",
    ]
    assert _reads_session("session.add(row)\nsession.flush()\nd = values.get(k)\n") == []
    assert _reads_session("c = uow.session.connection()\nuow.cases.get(key)\n") == []


def test_no_service_module_reads_through_its_session() -> None:
    found = {
        path.relative_to(SERVICES).as_posix(): reads
        for path in sorted(SERVICES.rglob("*.py"))
        if (reads := _reads_session(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "ask a persistence repository instead"

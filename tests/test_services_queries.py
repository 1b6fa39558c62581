"""No query in the services: a service keeps its rules and asks a repository of
``estimator.persistence`` (on the unit of work) for rows (issue #17 item 1).

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

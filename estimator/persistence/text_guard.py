"""The last check before a row is written: text every engine can store.

The services check each field's rules (domain/field_rules.py); this guard catches what any
path lets through that one engine would store and the other refuse — a ``VARCHAR(n)``
overrun or a NUL byte SQLite keeps and PostgreSQL rejects, a lone surrogate neither can
encode — and refuses it in words before the flush, on both engines alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from estimator.domain.errors import DomainError
from estimator.domain.field_rules import storable_problem


@event.listens_for(Session, "before_flush")
def _check_text(session: Session, _context: Any, _instances: Any) -> None:
    for instance in (*session.new, *session.dirty):
        mapper = inspect(instance).mapper
        for column in mapper.columns:
            value = getattr(instance, mapper.get_property_by_column(column).key, None)
            if not isinstance(value, str) or not isinstance(column.type, String):
                continue
            problem = storable_problem(value, column.type.length)
            if problem is not None:
                where = {"table": column.table.name, "column": column.name}
                raise DomainError("not_storable", **where, reason=problem)

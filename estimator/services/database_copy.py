"""Copy a whole database into an empty one: the way a workstation's SQLite file moves to the
team's PostgreSQL server (``estimator db copy --to URL``).

Every table the application maps is copied row by row through its column types (money as
integer fen on SQLite becomes NUMERIC on PostgreSQL, exactly), parents before children, in
one transaction on the target: all or nothing. Text a PostgreSQL column cannot hold (longer
than its width, a NUL byte) is named, table, column and row, before anything is written:
such a value could only have come in before the field rules, and the owner corrects it at
the source. The copy is recorded in the target's audit chain.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.domain.field_rules import storable_problem
from estimator.domain.workflow import Role
from estimator.persistence.database_copy import copy_tables, first_table_with_rows, text_values
from estimator.persistence.uow import UnitOfWork
from estimator.services.users import User
from kernel.problems import Problem, Worded, register_messages

register_messages(
    {
        "copy_target_not_empty": (
            "目标数据库不是空的 (表 {table} 已有数据)，只能复制到新建的空数据库",
            "the target database is not empty (table {table} has rows); copy into a new, "
            "empty database only",
        ),
        "copy_needs_admin": (
            "只有管理员可以复制数据库",
            "only an administrator may copy the database",
        ),
        "copy_done": (
            "已复制 {tables} 个表共 {rows} 行",
            "{rows} rows of {tables} tables copied",
        ),
        "copy_same_database": (
            "源数据库与目标数据库相同",
            "the source and the target are the same",
        ),
        "copy_bad_values": (
            "源数据库中有 {count} 个值无法存入目标数据库，未复制任何数据: {first}",
            "{count} values of the source cannot be stored in the target; nothing was "
            "copied: {first}",
        ),
    }
)


@dataclass(frozen=True)
class CopyResult:
    """How many rows each table received."""

    rows: dict[str, int]

    @property
    def total(self) -> int:
        """All rows copied."""
        return sum(self.rows.values())


def may_copy(actor: User) -> None:
    """Refuse anyone but an administrator (before the target is even opened)."""
    if Role.ADMIN not in actor.roles:
        raise DomainError("copy_needs_admin")


def copy_database(source: Engine, target: Engine, actor: User) -> CopyResult:
    """Copy every mapped table of ``source`` into the empty, migrated ``target`` (an
    administrator's act)."""
    may_copy(actor)
    if source.url == target.url:
        raise DomainError("copy_same_database")
    if (table := first_table_with_rows(target)) is not None:
        raise DomainError("copy_target_not_empty", table=table)
    _check_text(source)
    counts = copy_tables(source, target)
    with UnitOfWork(target, write=True) as uow:
        uow.audit.record(
            actor=actor.username,
            entity="database",
            entity_id=target.url.database or "",
            action="copy",
            detail={"from": source.dialect.name, "rows": sum(counts.values())},
        )
        uow.commit()
    return CopyResult(counts)


def _check_text(source: Engine) -> None:
    """Refuse the copy, naming the first, when a text value cannot be stored by the target."""
    found: list[tuple[str, Problem]] = []
    for where, value, width in text_values(source):
        problem = storable_problem(value, width)
        if problem is not None:
            found.append((where, problem))
    if found:
        where, problem = found[0]
        zh, en = (f"{where}: {problem.reason(lang)}" for lang in ("zh", "en"))
        raise DomainError("copy_bad_values", count=len(found), first=Worded(zh, en))

"""The unit of work: one transaction per use case, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


class UnitOfWork:
    """Opens a session in one transaction; ``commit()`` keeps the work, anything else undoes it.

    Writers take SQLite's write lock at BEGIN (BEGIN IMMEDIATE), so two writers queue on the
    busy timeout instead of failing half-way through.
    """

    def __init__(self, engine: Engine, *, write: bool = False) -> None:
        bind = engine.execution_options(sqlite_begin="IMMEDIATE") if write else engine
        self._factory = sessionmaker(bind=bind, expire_on_commit=False)
        self.engine = engine
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._factory()
        self.session.begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        """Commit the transaction."""
        self.session.commit()

"""The unit of work: one transaction per use case, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from estimator.persistence.database import is_disconnect, unavailable


class UnitOfWork:
    """Opens a session in one transaction; ``commit()`` keeps the work, anything else undoes it.

    Writers take SQLite's write lock at BEGIN (BEGIN IMMEDIATE), so two writers queue on the
    busy timeout instead of failing half-way through. A server that cannot be reached is
    reported as :class:`DatabaseUnavailable` (the transaction is gone; try again later).
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
        except Exception:  # the rollback of a dead connection fails too
            if exc is None or not is_disconnect(self.engine, exc):
                raise
        finally:
            self.session.close()
        if exc is not None and is_disconnect(self.engine, exc):
            raise unavailable(self.engine, exc) from exc

    def commit(self) -> None:
        """Commit the transaction."""
        self.session.commit()

"""Stored settings (limits and targets of indicators.md): the row per changed key, with who
changed it and when, and its repository. A key without a row has its default; the
repository works in the session it is given and never commits."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kernel.orm import Base, UtcDateTime


class SettingRow(Base):
    """One setting's stored value (as text, parsed by the domain's schema)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    changed_by: Mapped[str] = mapped_column(String(60))
    changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SettingsRepository:
    """Setting rows in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> dict[str, SettingRow]:
        """Every stored setting by key."""
        rows = self.session.scalars(select(SettingRow).order_by(SettingRow.key))
        return {row.key: row for row in rows}

    def get(self, key: str) -> SettingRow | None:
        """The stored setting ``key``, or None (it has its default)."""
        return self.session.get(SettingRow, key)

    def put(self, key: str, value: str, changed_by: str, changed_at: dt.datetime) -> None:
        """Store ``value`` for ``key`` (added or replaced)."""
        row = self.get(key)
        if row is None:
            self.session.add(
                SettingRow(key=key, value=value, changed_by=changed_by, changed_at=changed_at)
            )
        else:
            row.value, row.changed_by, row.changed_at = value, changed_by, changed_at
        self.session.flush()

    def remove(self, key: str) -> bool:
        """Forget the stored value of ``key`` (back to its default); whether there was one."""
        result = self.session.execute(delete(SettingRow).where(SettingRow.key == key))
        return bool(getattr(result, "rowcount", 0))

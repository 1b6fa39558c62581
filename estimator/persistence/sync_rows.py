"""Tables of offline work (sync.md): on the team server, which case is checked out to which
laptop, each laptop's place in its audit chain and the check-ins already applied; on a
laptop, its own identity and progress and, per case that came from the server, the case as
last exchanged (the base of the three-way merge at check-in).

Both kinds live in every database (a server is a laptop's team database, a laptop could later
serve as nothing else): which ones hold rows says what the database is.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kernel.orm import Base, UtcDateTime, UuidText


class CaseCheckoutRow(Base):
    """Server: a case checked out to a laptop (who, which device, when). While it exists the
    case is read-only on the server; check-in or the manager's release removes it."""

    __tablename__ = "case_checkouts"

    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), ForeignKey("cases.id"), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    device_name: Mapped[str] = mapped_column(String(100), default="")
    username: Mapped[str] = mapped_column(String(60))
    checked_out_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SyncDeviceRow(Base):
    """Server: a laptop that checked in, and the last of its audit entries accepted (its
    number in the laptop's chain and its hash): the next check-in continues from there."""

    __tablename__ = "sync_devices"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_name: Mapped[str] = mapped_column(String(100), default="")
    username: Mapped[str] = mapped_column(String(60), default="")
    audit_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_hash: Mapped[str] = mapped_column(String(64))
    last_checkin_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime())


class SyncBatchRow(Base):
    """Server: a check-in applied, by the laptop's batch id, with its outcome (JSON): a
    resent batch is answered from here and never applied twice."""

    __tablename__ = "sync_batches"

    batch_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    result: Mapped[str] = mapped_column(Text, default="{}")


class SyncStateRow(Base):
    """Laptop: its device id and name, the server it works for, how far its audit chain was
    accepted, and the check-in in flight (JSON), as key and text."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class SyncCaseRow(Base):
    """Laptop: a case exchanged with the server, the case as last exchanged (every row of it,
    JSON: the base of the merge), and whether it is checked out to this laptop (editable)."""

    __tablename__ = "sync_cases"

    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True)
    base_json: Mapped[str] = mapped_column(Text, default="{}")
    checked_out: Mapped[bool] = mapped_column(default=True)
    synced_at: Mapped[dt.datetime] = mapped_column(UtcDateTime())


class SyncHistoryRow(Base):
    """Laptop: the server's audit entries about a case it checked out (the case's history as
    the office wrote it, shown beside the laptop's own entries); brought up to date at each
    exchange."""

    __tablename__ = "sync_history"

    case_id: Mapped[uuid.UUID] = mapped_column(UuidText(), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="{}")
    hash: Mapped[str] = mapped_column(String(64))

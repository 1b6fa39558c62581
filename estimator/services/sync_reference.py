"""A laptop's copy of the reference data (sync.md "What travels / Down"): the catalog and
labor standard versions its estimates price with (every version: an estimate names the one
it was submitted with), the partner registry, the stored settings (the review rules', the
depreciation table's, the indicators'), the holiday calendar, the flooded-vehicle guides,
and the user's own account with their enrolled signing certificates and the organisation
CA's; never anyone else's password hash.

The server is read in one consistent snapshot (REPEATABLE READ on PostgreSQL), the laptop
written in one transaction: a copy cut short leaves the laptop as it was, and the next copy
starts again from what the laptop holds. Only what the laptop lacks or what changed is
written (persistence/sync_reference.py says the rule per table), so a second copy with
nothing new writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import Engine

from estimator.domain.errors import DomainError
from estimator.persistence.sync_reference import copy_reference_tables, foreign_versions
from estimator.persistence.uow import UnitOfWork
from estimator.services import sync_messages as sync_messages  # registers the wording


@dataclass(frozen=True)
class ReferenceCopy:
    """Rows written on the laptop per table (inserted, updated or deleted)."""

    counts: Mapping[str, int]

    @property
    def changed(self) -> bool:
        """Whether the copy wrote anything."""
        return any(self.counts.values())

    @property
    def total(self) -> int:
        """Every row written."""
        return sum(self.counts.values())


def copy_reference(server: Engine, laptop: Engine, username: str) -> ReferenceCopy:
    """Bring the laptop's reference data up to the server's for ``username`` (an active
    user of the server): the server read in one snapshot, the laptop written in one
    transaction (both engines migrated when opened). A laptop whose catalog or labor
    versions did not come from this server is refused (its integer keys would name other
    rows)."""
    if server.url == laptop.url:
        raise DomainError("sync_same_database")
    name = username.strip()
    with UnitOfWork(server, snapshot=True) as source, UnitOfWork(laptop, write=True) as target:
        account = source.users.get(name)
        if account is None or not account.active:
            raise DomainError("sync_unknown_user", username=name)
        reading, writing = source.session.connection(), target.session.connection()
        if foreign := foreign_versions(reading, writing):
            raise DomainError("sync_foreign_reference", tables=", ".join(foreign))
        copied = ReferenceCopy(MappingProxyType(copy_reference_tables(reading, writing, name)))
        target.commit()
    return copied

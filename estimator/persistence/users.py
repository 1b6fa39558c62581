"""The users repository: accounts by username, the count and the display names, and the
sign-in back-off per user name.

It works in the session of the unit of work that made it and never commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from estimator.persistence.rows import SignInThrottleRow, UserRow


class UserRepository:
    """User rows in one unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def count(self) -> int:
        """How many users exist."""
        return self.session.scalar(select(func.count()).select_from(UserRow)) or 0

    def get(self, username: str) -> UserRow | None:
        """The user called ``username``, or None."""
        return self.session.scalar(select(UserRow).where(UserRow.username == username))

    def all(self) -> list[UserRow]:
        """Every user, by username."""
        return list(self.session.scalars(select(UserRow).order_by(UserRow.username)))

    def add(self, row: UserRow) -> UserRow:
        """A new user (flushed: it has its id)."""
        self.session.add(row)
        self.session.flush()
        return row

    def roles_of(self, usernames: set[str]) -> dict[str, str]:
        """The comma-separated roles of each of these users that exists, by username."""
        query = select(UserRow.username, UserRow.roles).where(UserRow.username.in_(usernames))
        return dict(self.session.execute(query).all())

    def display_names(self, usernames: Collection[str] | None = None) -> dict[str, str]:
        """Every user's (or these users') display name by username (the username when it
        has none)."""
        query = select(UserRow.username, UserRow.display_name)
        if usernames is not None:
            query = query.where(UserRow.username.in_(usernames))
        rows = self.session.execute(query).all()
        return {username: name or username for username, name in rows}

    def throttle(self, name_key: str) -> SignInThrottleRow | None:
        """The back-off of a user name (by its key), or None when it has no failures."""
        return self.session.get(SignInThrottleRow, name_key)

    def add_throttle(self, row: SignInThrottleRow) -> SignInThrottleRow:
        """The first failure of a user name."""
        self.session.add(row)
        self.session.flush()
        return row

    def clear_throttle(self, name_key: str) -> bool:
        """Forget a user name's failures; whether it had any."""
        result = self.session.execute(
            delete(SignInThrottleRow).where(SignInThrottleRow.name_key == name_key)
        )
        return bool(getattr(result, "rowcount", 0))

    def forget_failures_before(self, moment: dt.datetime) -> None:
        """Drop the back-off of names whose last failure is older than ``moment`` (the table
        of names tried stays small)."""
        self.session.execute(
            delete(SignInThrottleRow).where(SignInThrottleRow.last_failure_at < moment)
        )

"""Signed-in people for tests that call the services directly (the services take the actor
and check its role; these are not stored users)."""

from __future__ import annotations

from estimator.domain.workflow import Role
from estimator.services.users import User


def maintainer(username: str = "maintainer") -> User:
    """A data maintainer (数据维护): imports catalogs, labor standards and partner shops."""
    return User(username, username, frozenset({Role.MAINTAINER}))


#: The maintainer who imports the test data.
MAINTAINER = maintainer()

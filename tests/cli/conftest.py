"""Who runs the command-line tests' writing commands: a data maintainer, stored in the test
database, signed in with the password in ESTIMATOR_PASSWORD."""

from __future__ import annotations

import pytest

from estimator.domain.workflow import Role
from estimator.services.database import open_engine
from estimator.services.users import create_user

MAINTAINER_NAME = "zhou"
MAINTAINER_PASSWORD = "maintainer pw 1"


def add_maintainer(url: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Store the maintainer in ``url``'s database; the ``--as`` words that sign them in."""
    engine = open_engine(url)
    try:
        create_user(
            engine, MAINTAINER_NAME, MAINTAINER_PASSWORD, {Role.MAINTAINER}, actor="test setup"
        )
    finally:
        engine.dispose()
    monkeypatch.setenv("ESTIMATOR_PASSWORD", MAINTAINER_PASSWORD)
    return ["--as", MAINTAINER_NAME]


@pytest.fixture
def maintainer(db_url: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """``--as zhou``: a maintainer of the test database (ESTIMATOR_PASSWORD set)."""
    return add_maintainer(db_url, monkeypatch)

"""Persistence: the database engine, migrations, the unit of work and repositories."""

from estimator.persistence import messages  # noqa: F401  (registers the storage's message codes)

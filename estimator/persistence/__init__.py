"""Persistence: the database engine, migrations, the unit of work and repositories."""

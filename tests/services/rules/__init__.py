"""The services' rules on the fake unit of work: no database, no SQL (tests/services/README.md)."""

"""The pure domain core of estimating: no Qt, no SQLAlchemy, no I/O."""

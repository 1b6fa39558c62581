"""Use cases: one function each, plain values in, one transaction, a result out."""

from estimator.services import messages  # noqa: F401  (registers the services' message codes)

"""The `estimator` command line: thin, calls services only."""

from estimator.cli import messages  # noqa: F401  (registers the command line's texts)

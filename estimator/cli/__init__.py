"""The `estimator` command line: thin, calls services only."""

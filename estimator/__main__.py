"""``python -m estimator`` runs the command line."""

from estimator.cli.main import main

raise SystemExit(main())

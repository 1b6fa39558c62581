"""Entry point of the bundled workstation: the ``estimator`` command, frozen by PyInstaller."""

from __future__ import annotations

import sys

from estimator.cli.main import main

if __name__ == "__main__":
    sys.exit(main())

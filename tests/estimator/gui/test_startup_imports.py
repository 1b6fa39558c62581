"""What the first window costs: the sign-in dialog's modules must not pull in the readers and
writers of workbooks and documents (they load while the dialog waits, or when used)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("openpyxl", "reportlab", "pyhanko", "kernel.workbook", "estimator.documents")


def test_the_sign_in_path_does_not_import_workbook_or_document_libraries() -> None:
    code = (
        "import sys, estimator.gui.app, estimator.gui.dialogs\n"
        f"print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.')"
        f" for h in {HEAVY!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]", out.stdout

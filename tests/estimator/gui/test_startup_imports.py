"""What the first window costs: the sign-in dialog's modules must not pull in the readers and
writers of workbooks and documents (they load while the dialog waits, or when used), nor
anything of the database: SQLAlchemy, the rows and Argon2id load behind the painted dialog."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("openpyxl", "reportlab", "pyhanko", "kernel.workbook", "estimator.documents")
DATABASE = ("sqlalchemy", "alembic", "argon2", "estimator.persistence.rows", "estimator.services")


def _loaded_by(modules: str, prefixes: tuple[str, ...]) -> str:
    """What importing ``modules`` in a fresh interpreter loads of ``prefixes``."""
    code = (
        f"import sys, {modules}\n"
        f"print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.')"
        f" for h in {prefixes!r})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return out.stdout.strip()


def test_the_sign_in_path_does_not_import_workbook_or_document_libraries() -> None:
    assert _loaded_by("estimator.gui.app, estimator.gui.dialogs", HEAVY) == "[]"


def test_the_estimator_command_and_the_sign_in_dialog_import_nothing_of_the_database() -> None:
    loaded = _loaded_by("estimator.cli.main, estimator.gui.app, estimator.gui.dialogs", DATABASE)
    assert loaded == "[]"
    # Each entry point alone as well (one could hide what another pulls in).
    for module in ("estimator.cli.main", "estimator.gui.app"):
        assert _loaded_by(module, ("sqlalchemy.orm", "sqlalchemy")) == "[]", module


#: What the main window loads when first used, not before its first paint.
LATER = (
    "estimator.gui.flood",
    "estimator.gui.dashboard",
    "estimator.gui.dashboard_charts",
    "estimator.gui.flood_inputs_panel",
    "estimator.gui.flood_results_panel",
    "estimator.gui.flood_prevention",
    "estimator.gui.review_desk",
    "estimator.gui.import_dialog",
    "estimator.gui.backup_dialog",
    "estimator.gui.partners",
    "estimator.gui.part_correction",
    "estimator.gui.invoice_dialog",
    "estimator.gui.signature_pad",
    "sqlalchemy.dialects.postgresql",
)


def test_the_main_window_loads_its_other_screens_and_dialogs_when_first_opened() -> None:
    assert _loaded_by("estimator.gui.main_window", LATER) == "[]"
    # And nothing heavy of the documents and workbooks either.
    assert _loaded_by("estimator.gui.main_window", ("openpyxl", "reportlab", "pyhanko")) == "[]"
    # Nor the dashboard's charting library (it loads when the dashboard opens).
    assert _loaded_by("estimator.gui.main_window", ("pyqtgraph", "numpy")) == "[]"


def test_the_demo_cache_copies_without_the_demo_builder_or_the_orm() -> None:
    loaded = _loaded_by(
        "estimator.services.demo_cache",
        ("estimator.services.demo", "sqlalchemy.orm", "argon2", "openpyxl"),
    )
    assert loaded == "[]"

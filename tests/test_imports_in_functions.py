"""Imports inside functions are there for a reason, and the reason is written down.

An import inside a function hides a dependency from the reader and from import-linter's
first glance; it is kept only where start-up, a platform or an import circle needs it. Each
one carries a comment on its line or the line above, or falls under one of the reasons below
(a library or a layer that is loaded on first use, stated once here rather than on every line).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("estimator", "parts_catalog", "labor_standards", "kernel")

#: Modules loaded on first use wherever they are imported, and why.
LAZY_MODULES = {
    "reportlab": "the PDF library (about 0.3 s): loaded when a PDF is drawn",
    "openpyxl": "the spreadsheet library: loaded when a workbook is read or written",
    "pyhanko": "PDF signing: loaded when a PDF is signed or verified",
    "cryptography": "certificates: loaded when a PDF is signed or a certificate made",
    "asn1crypto": "certificates: loaded when a signature is verified",
    "fontTools": "font subsetting: loaded when a signature stamp is drawn",
    "sqlalchemy": (
        "`estimator --help` and the sign-in dialog start before SQLAlchemy loads; a"
        " dialect's module loads only on its engine"
    ),
    "estimator.persistence.migrations": "Alembic: loaded when a schema is migrated or read",
    "fcntl": "one platform's module: imported on that platform only",
    "msvcrt": "one platform's module: imported on that platform only",
    "ctypes": "one platform's module: imported on that platform only",
}

#: (importing package, imported package) pairs loaded on first use, and why.
LAZY_LAYERS = {
    ("estimator.cli", "estimator.services"): (
        "each command loads its services when it runs: `estimator --help` loads no database code"
    ),
    ("estimator.cli", "estimator.documents"): "each command loads what it writes when it runs",
    ("estimator.cli", "estimator.gui"): "Qt loads only when the workstation opens",
    ("estimator.gui", "estimator.gui"): (
        "screens and dialogs load on first use, so the main window opens sooner"
    ),
    ("estimator.gui", "estimator.services"): (
        "the sign-in dialog shows before the database modules load (gui/app.py loads them on a"
        " worker thread)"
    ),
    ("estimator.services", "estimator.documents"): (
        "documents pull in reportlab, openpyxl and pyHanko: loaded when a document is written"
    ),
    ("estimator.services", "estimator.services"): (
        "the services' circle (cases ↔ guarantee ↔ review ↔ documents) until services/cases.py"
        " is split (issue #17, item 2)"
    ),
    ("estimator.services", "parts_catalog.workbook"): "templates are written on request only",
    ("estimator.services", "labor_standards.workbook"): "templates are written on request only",
    ("estimator.services", "estimator.persistence"): (
        "backup.py refuses a server URL before any database module loads"
    ),
    ("estimator.persistence", "estimator.persistence"): (
        "sqlite_file.py is needed only for SQLite files, not for server databases"
    ),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return [alias.name for alias in node.names]


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def reason(importer: str, imported: str) -> str | None:
    """The stated reason ``importer`` may import ``imported`` inside a function, if any."""
    for module, why in LAZY_MODULES.items():
        if _within(imported, module):
            return why
    for (source, target), why in LAZY_LAYERS.items():
        if _within(importer, source) and _within(imported, target):
            return why
    return None


def unexplained_imports(source: str, importer: str) -> list[str]:
    """The in-function imports of one module that carry no comment and no stated reason."""
    lines = source.splitlines()
    tree = ast.parse(source)
    found: list[str] = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            line = lines[node.lineno - 1]
            above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
            if "#" in line or above.startswith("#"):
                continue
            for imported in _imported(node):
                if reason(importer, imported) is None:
                    found.append(f"{importer}:{node.lineno}: {line.strip()}")
    return found


def _sources() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def test_every_import_inside_a_function_gives_its_reason() -> None:
    unexplained = [
        entry
        for path in _sources()
        for entry in unexplained_imports(path.read_text(encoding="utf-8"), _module_name(path))
    ]
    assert unexplained == [], (
        "imports inside functions without a comment or a reason in this test:\n"
        + "\n".join(unexplained)
    )


def test_an_uncommented_import_inside_a_function_is_found() -> None:
    source = (
        "import sys\n\n"
        "def f():\n    import json\n\n    # here: a reason\n    import csv\n"
        "    import os  # a reason\n    from openpyxl import Workbook\n"
        "    return json, csv, os, Workbook, sys\n"
    )
    assert unexplained_imports(source, "estimator.domain.probe") == [
        "estimator.domain.probe:4: import json"
    ]


def test_reasons_cover_libraries_and_layers_but_not_the_domain() -> None:
    assert reason("estimator.documents.pdf_page", "reportlab.platypus") is not None
    assert reason("estimator.cli.estimate", "estimator.services.cases") is not None
    assert reason("estimator.cli.estimate", "estimator.domain.clocks") is None
    assert reason("estimator.services.documents", "estimator.domain.workflow") is None

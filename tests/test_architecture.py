"""The structure, measured from the code: no import circle among our packages, and no file or
function growing past the sizes the developer guide sets (issue #17's "Done when").

Both read the sources with ``ast`` (nothing is imported or run). Each has an explicit
allow-list of what is there today; it may only shrink: a new circle, a new offender or an
offender that grows fails, and an entry that is no longer needed fails too, asking for its
removal, so that the list keeps saying the truth.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Our packages; tests are not in the import graph, and only sources are measured.
PACKAGES = ("estimator", "parts_catalog", "labor_standards", "kernel")
#: Measured for size: our packages and the benchmarks (tests are not held to it).
MEASURED = (*PACKAGES, "benchmarks")
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80

#: Import circles still present: none (the last one, services' estimate store ↔ guarantee ↔
#: review, went with the split of ``services/cases.py`` by job, issue #17 item 2).
ALLOWED_CIRCLES: tuple[frozenset[str], ...] = ()

#: Files not held to the size: generated migrations and sample data (long tables of rows).
NOT_MEASURED = (
    "estimator/persistence/migrations/",
    "parts_catalog/sample.py",
    "estimator/documents/flood_sample.py",
)


# --- the import graph --------------------------------------------------------------------


def _sources(packages: tuple[str, ...] = PACKAGES) -> dict[str, Path]:
    """Every module of ``packages`` by its dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_checking_only(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:``: never run, so not an import at run time."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported_names(tree: ast.AST, package: str, modules: dict[str, Path]) -> Iterator[str]:
    """The dotted names ``tree`` imports: at module level and inside functions alike."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package, one level up per extra dot
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                name = f"{base}.{alias.name}"
                yield name if name in modules else base


def _without_type_checking(tree: ast.Module) -> ast.Module:
    """``tree`` without its ``if TYPE_CHECKING:`` blocks (their ``else`` kept)."""

    class Strip(ast.NodeTransformer):
        def visit_If(self, node: ast.If) -> ast.AST | list[ast.stmt]:
            if _type_checking_only(node):
                return [self.visit(statement) for statement in node.orelse]
            self.generic_visit(node)
            return node

    stripped = Strip().visit(tree)
    assert isinstance(stripped, ast.Module)
    return stripped


def import_graph(packages: tuple[str, ...] = PACKAGES) -> dict[str, set[str]]:
    """Which of our modules each of our modules imports."""
    modules = _sources(packages)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = _without_type_checking(ast.parse(path.read_text(encoding="utf-8")))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for imported in _imported_names(tree, package, modules):
            while imported and imported not in modules:  # a name inside a module
                imported = imported.rpartition(".")[0]
            if imported and imported != name:
                targets.add(imported)
        graph[name] = targets
    return graph


def circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(frozenset(group))
    return found


def test_the_circle_finder_finds_a_circle_and_nothing_else() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set(), "e": {"e"}}
    assert circles(graph) == [frozenset({"a", "b", "c"})]


def test_no_import_circle_beyond_the_allowed_one() -> None:
    found = circles(import_graph())
    new = [sorted(group) for group in found if not any(group <= ok for ok in ALLOWED_CIRCLES)]
    assert not new, f"new import circles (break them; an allow-list entry is not a fix): {new}"
    gone = [sorted(ok) for ok in ALLOWED_CIRCLES if not any(group & ok for group in found)]
    assert not gone, f"these circles are broken now: remove them from ALLOWED_CIRCLES: {gone}"


# --- sizes -------------------------------------------------------------------------------

#: Files over MAX_FILE_LINES today, with their lines; they may shrink, never grow.
FILES_OVER: dict[str, int] = {}

#: Functions over MAX_FUNCTION_LINES today ("file:qualified name"), with their lines.
FUNCTIONS_OVER: dict[str, int] = {}


def _measured_files() -> Iterator[Path]:
    for package in MEASURED:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if not any(relative.startswith(skip) for skip in NOT_MEASURED):
                yield path


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every function and method with its length in lines (nested ones on their own too)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = f"{prefix}{node.name}"
            if not isinstance(node, ast.ClassDef):
                assert node.end_lineno is not None
                yield name, node.end_lineno - node.lineno + 1
            yield from _functions(node, f"{name}.")
        else:
            yield from _functions(node, prefix)


def file_sizes() -> dict[str, int]:
    """Lines of every measured file over the limit."""
    sizes = {}
    for path in _measured_files():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_FILE_LINES:
            sizes[path.relative_to(ROOT).as_posix()] = lines
    return sizes


def function_sizes() -> dict[str, int]:
    """Lines of every function over the limit, as ``file:qualified name``."""
    sizes = {}
    for path in _measured_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, lines in _functions(tree):
            if lines > MAX_FUNCTION_LINES:
                sizes[f"{path.relative_to(ROOT).as_posix()}:{name}"] = lines
    return sizes


def _ratchet(measured: dict[str, int], allowed: dict[str, int], what: str) -> list[str]:
    """What breaks the ratchet: new offenders, grown ones, and entries no longer needed."""
    complaints = []
    for name, size in sorted(measured.items()):
        if name not in allowed:
            complaints.append(f"{name}: {size} lines, over {what} (split it)")
        elif size > allowed[name]:
            complaints.append(f"{name}: grew from {allowed[name]} to {size} lines (split it)")
    for name, size in sorted(allowed.items()):
        if name not in measured:
            complaints.append(f"{name}: within {what} now: remove its allow-list entry")
        elif measured[name] < size:
            complaints.append(
                f"{name}: down to {measured[name]} lines: lower its allow-list entry ({size})"
            )
    return complaints


def test_no_file_over_600_lines_beyond_todays_and_none_grows() -> None:
    complaints = _ratchet(file_sizes(), FILES_OVER, f"{MAX_FILE_LINES} lines")
    assert not complaints, "\n".join(complaints)


def test_no_function_over_80_lines_beyond_todays_and_none_grows() -> None:
    complaints = _ratchet(function_sizes(), FUNCTIONS_OVER, f"{MAX_FUNCTION_LINES} lines")
    assert not complaints, "\n".join(complaints)


def test_the_ratchet_names_new_grown_and_outdated_entries() -> None:
    complaints = _ratchet({"a": 700, "b": 650}, {"b": 640, "c": 610}, "600 lines")
    assert complaints == [
        "a: 700 lines, over 600 lines (split it)",
        "b: grew from 640 to 650 lines (split it)",
        "c: within 600 lines now: remove its allow-list entry",
    ]


# --- the benchmarks stand alone ----------------------------------------------------------


def test_the_benchmarks_import_nothing_from_the_tests() -> None:
    from_tests = []
    for path in sorted((ROOT / "benchmarks").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _imported_names(tree, "benchmarks", {}):
            if name == "tests" or name.startswith("tests."):
                from_tests.append(f"{path.relative_to(ROOT).as_posix()}: {name}")
    assert not from_tests, from_tests


def test_the_benchmarks_cache_lives_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.harness import cache_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = cache_dir()
    assert folder.is_dir() and folder.is_relative_to(tmp_path)
    assert folder.name == "benchmarks" and not folder.is_relative_to(ROOT)

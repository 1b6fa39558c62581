"""One way to word a message: every text outside the GUI comes from the registry by code.

The registry (kernel.problems.MESSAGES) holds (Chinese, English) templates; both carry the
same placeholders. A call worded inline as a (Chinese, English) pair of literals fails here,
and so does a code that the registry does not know or a parameter its template does not use.
"""

from __future__ import annotations

import ast
import functools
import importlib
import itertools
import pkgutil
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from estimator.domain.errors import DomainError
from kernel.problems import MESSAGES, Problem, Worded, described, register_messages, render

ROOT = Path(__file__).resolve().parents[1]
#: The packages whose messages live in the registry (the GUI uses Qt's tr(), not this).
SCANNED = ("estimator", "kernel", "parts_catalog", "labor_standards")
CJK = re.compile(r"[\u4e00-\u9fff]")

#: Calls that take a (Chinese, English) pair of literals by design: tables of names (a
#: field's, a sample part's), data rather than messages. Nothing may be added here.
NAME_TABLES = {
    ("estimator/domain/entry_values.py", "Bounds"),
    ("estimator/domain/field_rules.py", "FieldRule"),
    ("parts_catalog/sample.py", "_c"),
}


def source_files() -> Iterator[Path]:
    """The Python files whose messages must come from the registry."""
    for package in SCANNED:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(("estimator/gui/", "estimator/persistence/migrations/")):
                continue
            yield path


def load_registry() -> None:
    """Import every module outside the GUI, so that each registers its codes."""
    for package in SCANNED:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            if info.name.startswith(("estimator.gui", "estimator.persistence.migrations")):
                continue
            if info.name.endswith("__main__"):  # runs the program
                continue
            importlib.import_module(info.name)


def placeholders(template: str) -> set[str]:
    """The names a str.format template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def callee(call: ast.Call) -> str:
    """The called name: ``f`` for ``f(...)`` and ``obj.f(...)``."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def is_text(node: ast.expr) -> bool:
    """A string literal or an f-string."""
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def inline_pairs(tree: ast.AST, source: str) -> Iterator[tuple[int, str]]:
    """(line, callee) of each call taking a Chinese literal followed by an English one."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for first, second in itertools.pairwise(node.args):
            if not (is_text(first) and is_text(second)):
                continue
            zh = ast.get_source_segment(source, first) or ""
            en = ast.get_source_segment(source, second) or ""
            if CJK.search(zh) and not CJK.search(en):
                yield node.lineno, callee(node)
                break


def error_classes(trees: list[ast.Module]) -> set[str]:
    """DomainError, the refusals worded by code, and every class derived from them."""
    names = {"DomainError", "_Refused", "say"}
    changed = True
    while changed:
        changed = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names:
                    bases = {b.id if isinstance(b, ast.Name) else "" for b in node.bases}
                    if bases & names:
                        names.add(node.name)
                        changed = True
    return names


def coded_calls(
    tree: ast.AST, worded_by_code: set[str]
) -> Iterator[tuple[int, str, set[str] | None]]:
    """(line, code, keyword names or None with ``**``) of each call worded by a literal code:
    ``DomainError("code", ...)``, its subclasses, ``say("code", ...)`` and
    ``super().__init__("code", ...)`` inside such a class."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        name = callee(node)
        by_super = (
            name == "__init__"
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Call)
            and callee(node.func.value) == "super"
        )
        if name in worded_by_code or by_super:
            keywords = {k.arg for k in node.keywords}
            yield node.lineno, first.value, None if None in keywords else keywords  # type: ignore[misc]


@functools.cache
def parsed() -> tuple[tuple[str, str, ast.Module], ...]:
    """(relative path, source, tree) of every scanned file: parsed once for the module's
    tests (each parse of the whole source took seconds)."""
    out = []
    for path in source_files():
        source = path.read_text(encoding="utf-8")
        out.append((path.relative_to(ROOT).as_posix(), source, ast.parse(source)))
    return tuple(out)


@functools.cache
def all_inline_pairs() -> tuple[tuple[str, int, str], ...]:
    """(relative path, line, callee) of every pair of literals worded inline."""
    return tuple(
        (path, line, name)
        for path, source, tree in parsed()
        for line, name in inline_pairs(tree, source)
    )


def test_both_languages_carry_the_same_placeholders() -> None:
    load_registry()
    assert len(MESSAGES) > 100  # the registry was loaded
    uneven = {
        code: (zh, en)
        for code, (zh, en) in MESSAGES.items()
        if placeholders(zh) != placeholders(en)
    }
    assert uneven == {}


def test_no_message_is_worded_inline_as_a_pair_of_literals() -> None:
    found = [
        f"{path}:{line} {name}(…)"
        for path, line, name in all_inline_pairs()
        if (path, name) not in NAME_TABLES
    ]
    assert found == []


def test_every_name_table_is_still_one() -> None:
    # An entry whose calls no longer take pairs comes off the list.
    found = {(path, name) for path, _, name in all_inline_pairs()}
    assert found >= NAME_TABLES


def test_the_scan_finds_an_inline_pair() -> None:
    # The scan itself: a pair worded inline is seen, one worded by code is not.
    source = 'raise DomainError("x", f"没有 {a}", f"no {a}")\nsay("y", a=1)\n'
    assert list(inline_pairs(ast.parse(source), source)) == [(1, "DomainError")]


def test_every_code_is_registered_and_given_its_parameters() -> None:
    load_registry()
    files = parsed()
    worded_by_code = error_classes([tree for _, _, tree in files])
    unknown, mismatched = [], []
    for path, _, tree in files:
        for line, code, keywords in coded_calls(tree, worded_by_code):
            if code not in MESSAGES:
                unknown.append(f"{path}:{line} {code}")
            elif keywords is not None and keywords != placeholders(MESSAGES[code][0]):
                mismatched.append(f"{path}:{line} {code} {sorted(keywords)}")
    assert unknown == []
    assert mismatched == []


def test_a_parameter_reads_in_the_message_language() -> None:
    register_messages({"test_two_words": ("{who} 与 {what}", "{who} and {what}")})
    params: dict[str, object] = {
        "who": Worded("他人", "someone"),
        "what": Problem("required"),
    }
    assert render("test_two_words", params, "zh") == "他人 与 必填项为空"
    assert render("test_two_words", params, "en") == "someone and a value is required"
    both = described([Problem("required", row=2), Problem("not_a_number", row=3)])
    assert both == Worded(
        "第 2 行: 必填项为空；第 3 行: 不是数字", "row 2: a value is required; row 3: not a number"
    )


def test_a_code_is_not_registered_twice_with_other_words() -> None:
    register_messages({"test_once": ("一次", "once")})
    register_messages({"test_once": ("一次", "once")})  # the same words again are fine
    with pytest.raises(ValueError, match="test_once"):
        register_messages({"test_once": ("两次", "twice")})


def test_a_domain_error_is_worded_by_its_code_and_variant() -> None:
    load_registry()
    error = DomainError("cannot_price:supplement")
    assert error.code == "cannot_price"
    assert error.message_zh == "无法为追加定损定价"
    assert str(error) == error.message_en == "the supplement cannot be priced"
    locked = DomainError("missing_role", actor="wang", needed=Worded("核损", "reviewer"))
    assert (locked.message_zh, locked.message_en) == (
        "wang 没有核损角色",
        "wang does not hold the reviewer role",
    )

"""JSON input within its limits (kernel.json_input): bytes, lines, depth, numbers, duplicate keys
— each a problem in words with where it is, never a traceback, a hang or a silent choice."""

from __future__ import annotations

import sys
import time

import pytest

from kernel import json_input
from kernel.json_input import (
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    MAX_JSON_LINES,
    JsonFloat,
    decode_json,
    deepest_offset,
)


def _only(text: str | bytes) -> tuple[str, str | None, dict[str, object]]:
    document, problems = decode_json(text)
    assert document is None and len(problems) == 1, problems
    problem = problems[0]
    assert problem.describe("en") and problem.describe("zh")
    return problem.code, problem.path, problem.params


def test_a_document_within_the_limits_decodes_with_fractions_kept_as_text() -> None:
    document, problems = decode_json('{"a": [1, {"b": "]]]{{"}], "c": 1.5, "d": NaN}')
    assert problems == []
    assert document == {"a": [1, {"b": "]]]{{"}], "c": "1.5", "d": "NaN"}
    assert isinstance(document["c"], JsonFloat) and isinstance(document["d"], JsonFloat)


def test_nesting_deeper_than_the_limit_is_refused_where_it_happens() -> None:
    depth = sys.getrecursionlimit() * 20  # far past what Python's parser survives
    opening = '{"lines": '
    text = opening + "[" * depth + "]" * depth + "}"
    start = time.perf_counter()
    code, path, params = _only(text)
    assert time.perf_counter() - start < 2
    assert code == "json_too_deep" and params["limit"] == MAX_JSON_DEPTH
    # the first bracket past the limit: the object is level 1, so the 32nd "[" is level 33
    assert path == f"line 1, column {len(opening) + MAX_JSON_DEPTH}"


def test_the_depth_limit_itself_is_accepted_and_brackets_in_strings_do_not_count() -> None:
    at_limit = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert decode_json(at_limit)[1] == []
    assert deepest_offset(at_limit, MAX_JSON_DEPTH) is None
    inside_strings = '["' + "[" * 1000 + '", "\\"' + "{" * 1000 + '"]'
    assert decode_json(inside_strings)[1] == []
    assert deepest_offset("[" * (MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH) == MAX_JSON_DEPTH


@pytest.mark.parametrize(
    ("text", "key", "path"),
    [
        ('{"qty": "1", "qty": "2"}', "qty", "$"),
        ('{"lines": [{"kind": "part"}, {"kind": "part", "kind": "labor"}]}', "kind", "lines[1]"),
        ('{"shop": {"name": "a", "class": "4s", "name": "b"}}', "name", "shop"),
    ],
)
def test_a_key_given_twice_is_refused_with_the_key_and_where(
    text: str, key: str, path: str
) -> None:
    code, where, params = _only(text)
    assert (code, where, params["key"]) == ("json_duplicate_key", path, key)


@pytest.mark.parametrize(
    "number",
    ["1" * 5000, "1." + "1" * 5000, "-" + "9" * 41, "1e" + "9" * 50],
    ids=["5000 digits", "5000 places", "41 digits", "long exponent"],
)
def test_a_number_too_long_is_refused_quickly_in_words(number: str) -> None:
    start = time.perf_counter()
    code, path, params = _only('{\n  "qty": ' + number + "\n}")
    assert time.perf_counter() - start < 1
    assert code == "number_too_long" and path == "line 2, column 10"
    assert params["figure"] == len(number)


def test_size_and_line_limits_are_checked_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, params = _only(b" " * (MAX_JSON_BYTES + 1))
    assert code == "json_too_large" and params == {
        "figure": MAX_JSON_BYTES + 1,
        "limit": MAX_JSON_BYTES,
    }
    code, _, params = _only("[\n" + "1,\n" * MAX_JSON_LINES + "1]")
    assert code == "json_too_many_lines" and params["limit"] == MAX_JSON_LINES

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed a document over a limit")

    monkeypatch.setattr(json_input.json, "loads", never)
    assert _only("[" * 100 + "]" * 100)[0] == "json_too_deep"
    assert _only("\n" * MAX_JSON_LINES)[0] == "json_too_many_lines"


def test_bytes_that_are_not_utf8_are_refused_in_words() -> None:
    assert _only(b'{"a": "\xff"}')[0] == "json_not_utf8"
    assert decode_json('\ufeff{"a": 1}'.encode())[0] == {"a": 1}

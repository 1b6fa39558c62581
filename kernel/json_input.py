"""Reading a JSON input within stated limits: bytes, lines, nesting depth, number length, and
no key twice in one object (reliability.md, promise 16).

Each limit is checked before (or while) the document is parsed, so a hostile document is a
message, never a hang, a traceback or gigabytes of memory:
- bytes and lines are counted before parsing;
- the nesting depth is measured by scanning the brackets outside strings, without recursion,
  before Python's parser (which recurses) sees the text;
- a number longer than ``MAX_NUMBER_CHARS`` (5,000 digits, ``1e999999999`` is short but is
  refused where it is used as an amount) is refused while parsing, where Python would spend
  quadratic time on a long integer or raise on one over 4,300 digits;
- a key given twice in one object is refused with the key and the object's path (Python's
  parser keeps the last silently).
Numbers with a fraction or an exponent (and NaN, Infinity) stay text (``JsonFloat``) so no
binary float ever exists: the reader of the document refuses them where money is expected.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from kernel.problems import Problem, register_messages

#: An estimate of 5,000 lines written with an indent is about 2 MB; a priced one about 4 MB.
MAX_JSON_BYTES = 8 * 1024 * 1024
#: Lines of text (a priced estimate of 5,000 lines has about 120,000 when indented).
MAX_JSON_LINES = 200_000
#: An estimate nests four deep; anything much deeper is not an estimate.
MAX_JSON_DEPTH = 32
#: Characters of one number token (sign, digits, point and exponent).
MAX_NUMBER_CHARS = 40

register_messages(
    {
        "json_too_large": (
            "JSON 文件过大 ({figure} 字节)，上限为 {limit} 字节",
            "the JSON file is too large ({figure} bytes); the limit is {limit} bytes",
        ),
        "json_too_many_lines": (
            "JSON 文件行数过多 ({figure} 行)，上限为 {limit} 行",
            "the JSON file has too many lines ({figure}); the limit is {limit} lines",
        ),
        "json_too_deep": (
            "JSON 嵌套层数超过上限 {limit}",
            "the JSON nests deeper than the limit of {limit} levels",
        ),
        "json_syntax": ("不是有效的 JSON: {detail}", "not valid JSON: {detail}"),
        "number_too_long": (
            "数字过长 ({figure} 个字符)，上限为 {limit} 个字符",
            "the number is too long ({figure} characters); the limit is {limit} characters",
        ),
        "number_too_large": (
            "数值过大 (整数部分超过 {digits} 位)",
            "the number is too large (more than {digits} digits before the point)",
        ),
        "json_duplicate_key": (
            "字段 “{key}” 在同一对象中出现了两次",
            "the key '{key}' appears twice in the same object",
        ),
        "json_not_utf8": ("JSON 文件不是 UTF-8 文本", "the JSON file is not UTF-8 text"),
    }
)


class JsonFloat(str):
    """A JSON number with a fraction or exponent, kept as its text so it can be refused."""

    __slots__ = ()


class _NumberTooLong(Exception):
    def __init__(self, token: str) -> None:
        super().__init__(token[:20])
        self.token = token


class _Duplicates(dict[str, Any]):
    """An object in which a key was given twice (its last value kept, the keys noted)."""

    duplicate_keys: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    flagged = _Duplicates(result)
    flagged.duplicate_keys = []
    for key, _value in pairs:
        if key in seen and key not in flagged.duplicate_keys:
            flagged.duplicate_keys.append(key)
        seen.add(key)
    return flagged


def _float(token: str) -> JsonFloat:
    if len(token) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(token)
    return JsonFloat(token)


def _int(token: str) -> int:
    if len(token) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(token)
    return int(token)


def check_size(size: int) -> Problem | None:
    """The refusal of a JSON file of ``size`` bytes, checked before it is read."""
    if size > MAX_JSON_BYTES:
        return Problem("json_too_large", params={"figure": size, "limit": MAX_JSON_BYTES})
    return None


def decode_json(text: str | bytes) -> tuple[Any, list[Problem]]:
    """JSON text to Python values within the limits; problems (with line and column where
    they can be placed) instead of values when it is refused."""
    if isinstance(text, bytes):
        if (refusal := check_size(len(text))) is not None:
            return None, [refusal]
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None, [Problem("json_not_utf8")]
    # A character is one to four bytes: encode (a copy) only when the count alone cannot tell.
    size = len(text) if len(text) > MAX_JSON_BYTES or len(text) * 4 <= MAX_JSON_BYTES else None
    if size is None:
        size = len(text.encode("utf-8", "surrogatepass"))
    if (refusal := check_size(size)) is not None:
        return None, [refusal]
    lines = text.count("\n") + 1
    if lines > MAX_JSON_LINES:
        params: dict[str, object] = {"figure": lines, "limit": MAX_JSON_LINES}
        return None, [Problem("json_too_many_lines", params=params)]
    too_deep = deepest_offset(text, MAX_JSON_DEPTH)
    if too_deep is not None:
        where = _where(text, too_deep)
        return None, [Problem("json_too_deep", path=where, params={"limit": MAX_JSON_DEPTH})]
    try:
        document = json.loads(
            text,
            parse_float=_float,
            parse_int=_int,
            parse_constant=JsonFloat,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        return None, [Problem("json_syntax", path=where, params={"detail": error.msg})]
    except _NumberTooLong as error:
        offset = text.find(error.token)
        params = {"figure": len(error.token), "limit": MAX_NUMBER_CHARS}
        place = _where(text, offset) if offset >= 0 else None
        return None, [Problem("number_too_long", path=place, params=params)]
    except RecursionError:  # unreachable after the depth scan; kept so no traceback can pass
        return None, [Problem("json_too_deep", params={"limit": MAX_JSON_DEPTH})]
    duplicates = [
        Problem("json_duplicate_key", path=path, params={"key": key})
        for path, key in duplicate_keys(document)
    ]
    return (None, duplicates) if duplicates else (document, [])


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def deepest_offset(text: str, limit: int) -> int | None:
    """Where the text first opens a bracket deeper than ``limit`` (None when it never does).

    Strings are taken out and the running depth summed over the brackets left, in C (re and
    itertools); only a document found too deep is scanned again, token by token, to place it.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if not brackets or max(accumulate(map(_STEP.__getitem__, map(ord, brackets)))) <= limit:
        return None
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth -= 1
    return len(text)  # brackets inside an unterminated string: the parser will say so too


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def duplicate_keys(document: object) -> Iterator[tuple[str, str]]:
    """(path of the object, key) for every key given twice, walked without recursion."""
    stack: list[tuple[str, object]] = [("$", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key in getattr(value, "duplicate_keys", ()):
                yield path, key
            stack.extend((_child(path, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))


def _child(path: str, key: str) -> str:
    return key if path == "$" else f"{path}.{key}"

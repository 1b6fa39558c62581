"""Field rules: the length and the characters every text field may hold, in one place. Pure.

Services, the command line and the entry forms check text here, so what SQLite stores
PostgreSQL stores too (reliability.md, promise 18): PostgreSQL refuses a NUL byte and a
``VARCHAR(n)`` overrun that SQLite keeps silently, and neither engine can encode a lone
surrogate. Beyond what the engines refuse, a field must not carry control characters, and an
identifier (claim number, plate, VIN, codes) no invisible format characters either: a
zero-width or right-to-left mark makes two claim numbers look the same and sort apart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace

from estimator.domain.errors import DomainError
from estimator.domain.estimate import Estimate
from kernel.problems import Problem, Worded, register_messages

register_messages(
    {
        "bad_characters": (
            "含有不允许的字符 (第 {position} 个字符 {character})",
            "holds a character that is not allowed (character {position}, {character})",
        ),
        "vin_malformed": (
            "VIN 应为 17 位，不含 I、O、Q",
            "a VIN has 17 characters without I, O or Q",
        ),
        "empty_estimate": (
            "估损单没有任何项目，不能提交核损",
            "the estimate has no lines; it cannot be submitted for review",
        ),
        "field_refused": ("{problem}", "{problem}"),
        "not_storable": (
            "{table}.{column} 的值无法保存: {reason}",
            "the value of {table}.{column} cannot be stored: {reason}",
        ),
    }
)


@dataclass(frozen=True)
class FieldRule:
    """What one text field may hold: at most ``max_length`` characters; an ``identifier``
    holds no format characters; ``multiline`` text may hold line breaks and tabs; a
    ``required`` one may not be blank."""

    name_zh: str
    name_en: str
    max_length: int
    identifier: bool = False
    multiline: bool = False
    required: bool = False


#: Every text field typed or imported, with the width of its column (persistence/rows.py).
FIELD_RULES: dict[str, FieldRule] = {
    "claim_no": FieldRule("报案号", "claim number", 60, identifier=True),
    "plate": FieldRule("车牌", "plate", 20, identifier=True),
    "vin": FieldRule("VIN", "VIN", 17, identifier=True),
    "model_code": FieldRule("车型", "model", 60, identifier=True),
    "region": FieldRule("地区", "region", 20, identifier=True),
    "part_no": FieldRule("配件编码", "part number", 60, identifier=True),
    "component_code": FieldRule("部件编码", "component code", 60, identifier=True),
    "username": FieldRule("用户名", "user name", 60, identifier=True),
    "insured_name": FieldRule("被保险人", "insured", 100),
    "insured_phone": FieldRule("被保险人电话", "insured's phone", 30),
    "display_name": FieldRule("姓名", "name", 100),
    "shop_name": FieldRule("修理厂", "shop", 200),
    "site": FieldRule("出险地点", "site", 200),
    "contact": FieldRule("联系方式", "contact", 200),
    "description": FieldRule("项目名称", "description", 200),
    "reason": FieldRule("原因", "reason", 2000, multiline=True),
    # X.509 limits a certificate's common name to 64 characters (RFC 5280, ub-common-name).
    "certificate_name": FieldRule("证书姓名", "certificate name", 64, required=True),
}

#: Bidirectional controls: they reorder what is shown (a classic spoofing trap).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_LINE_BREAKS = frozenset("\t\n\r")
#: The VIN alphabet (ISO 3779): digits and capitals without I, O and Q.
_VIN_CHARACTERS = frozenset("0123456789ABCDEFGHJKLMNPRSTUVWXYZ")


def refused_character(text: str, *, identifier: bool, multiline: bool) -> int | None:
    """The index of the first character ``text`` may not hold (None: all are allowed)."""
    for index, character in enumerate(text):
        category = unicodedata.category(character)
        if category == "Cs":  # a lone surrogate: not UTF-8, neither engine can store it
            return index
        if category == "Cc" and not (multiline and character in _LINE_BREAKS):
            return index  # NUL (PostgreSQL refuses it) and every other control character
        if character in _BIDI or (identifier and category == "Cf"):
            return index
    return None


def field_problem(field: str, value: str) -> Problem | None:
    """Why ``value`` cannot be the ``field`` (a key of FIELD_RULES), or None."""
    rule = FIELD_RULES[field]
    if rule.required and not value.strip():
        return Problem("required", path=field, value=value)
    if len(value) > rule.max_length:
        return Problem("text_too_long", path=field, value=value, params={"limit": rule.max_length})
    index = refused_character(value, identifier=rule.identifier, multiline=rule.multiline)
    if index is not None:
        shown = f"U+{ord(value[index]):04X}"
        params = {"position": index + 1, "character": shown}
        return Problem("bad_characters", path=field, value=value, params=params)
    if field == "vin" and value and (len(value) != 17 or not set(value) <= _VIN_CHARACTERS):
        return Problem("vin_malformed", path=field, value=value)
    return None


def field_problems(values: Mapping[str, object]) -> list[Problem]:
    """The problems of every text value whose field has a rule (others are left alone)."""
    problems = []
    for field, value in values.items():
        if field in FIELD_RULES and isinstance(value, str):
            problem = field_problem(field, value)
            if problem is not None:
                problems.append(problem)
    return problems


def estimate_problems(estimate: Estimate) -> list[Problem]:
    """The field problems of an estimate's header and lines (paths as in estimate/1)."""
    problems = field_problems(
        {
            "claim_no": estimate.claim_no,
            "plate": estimate.plate,
            "vin": estimate.vin.strip().upper(),
            "model_code": estimate.model_code,
            "region": estimate.region,
            "shop_name": estimate.shop_name,
        }
    )
    for index, line in enumerate(estimate.lines):
        values = {
            "part_no": line.part_no,
            "component_code": line.component_code,
            "description": line.description,
            "reason": line.override_reason,
        }
        for problem in field_problems(values):
            key = "override_reason" if problem.path == "reason" else problem.path
            problems.append(replace(problem, path=f"lines[{index}].{key}"))
    return problems


def named(problem: Problem) -> tuple[str, str]:
    """A field's problem with the field's name, in Chinese and English."""
    rule = FIELD_RULES.get(problem.path or "")
    zh_name, en_name = (rule.name_zh, rule.name_en) if rule else (problem.path, problem.path)
    return (
        f"{zh_name}: {problem.reason('zh')}",
        f"{en_name}: {problem.reason('en')}",
    )


def check_fields(values: Mapping[str, object]) -> None:
    """Refuse (DomainError ``field_refused``) the first value that breaks its field's rule."""
    problems = field_problems(values)
    if problems:
        raise DomainError("field_refused", problem=Worded(*named(problems[0])))


def storable_problem(text: str, max_length: int | None) -> Problem | None:
    """Why a database column cannot hold ``text`` on every engine (None: it can): longer
    than the column, or a NUL byte or a lone surrogate."""
    if max_length is not None and len(text) > max_length:
        return Problem("text_too_long", value=text, params={"limit": max_length})
    for index, character in enumerate(text):
        if character == "\x00" or "\ud800" <= character <= "\udfff":
            params = {"position": index + 1, "character": f"U+{ord(character):04X}"}
            return Problem("bad_characters", value=text, params=params)
    return None

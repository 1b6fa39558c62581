"""The ``estimate/1`` parser's bounds: huge numbers, too many lines and keys given twice are
problems with their JSON path, never an overflow later or a silent last-one-wins."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from estimator.domain.estimate_json import FORMAT, MAX_LINES, parse_estimate
from kernel.cells import MAX_INTEGER_DIGITS

TODAY = dt.date(2026, 11, 20)


def _document(*lines: dict[str, Any]) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "region": "ZJ",
        "shop": {"class": "class1"},
        "lines": list(lines) or [{"kind": "sublet", "description": "四轮定位", "amount": "200"}],
    }


@pytest.mark.parametrize(
    ("qty", "code"),
    [
        ("1e999999999", "number_too_large"),
        ("1E+16", "number_too_large"),
        ("12345678901234567", "number_too_large"),
        (10**20, "number_too_large"),
        ("1" + "0" * 4999, "number_too_large"),
        ("0." + "0" * 4998 + "1", "too_many_places"),
        ("1e-300", "too_many_places"),
        ("NaN", "not_a_number"),
    ],
    ids=[
        "1e999999999",
        "1E+16",
        "17 digits",
        "10^20 as a JSON integer",
        "5000 digits",
        "5000 places",
        "1e-300",
        "NaN",
    ],
)
def test_a_quantity_out_of_bounds_is_a_problem_at_its_path(qty: object, code: str) -> None:
    text = json.dumps(_document({"kind": "part", "part_no": "52119-0K280", "qty": qty}))
    estimate, problems = parse_estimate(text, today=TODAY)
    assert estimate is None
    assert [(p.code, p.path) for p in problems] == [(code, "lines[0].qty")]
    assert all(p.describe("en") and p.describe("zh") for p in problems)


def test_the_most_digits_before_the_point_are_still_a_number(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Within the absolute bound and a configured amount limit raised to it: read exactly.
    monkeypatch.setenv("ESTIMATOR_MAX_AMOUNT", "1e13")
    digits = "9" * MAX_INTEGER_DIGITS
    text = json.dumps(_document({"kind": "sublet", "description": "x", "amount": digits}))
    estimate, problems = parse_estimate(text, today=TODAY)
    assert problems == [] and estimate is not None
    assert str(estimate.lines[0].amount) == digits


def test_more_lines_than_the_limit_are_refused_before_each_is_read() -> None:
    line = {"kind": "sublet", "description": "x", "amount": "1"}
    estimate, problems = parse_estimate(
        json.dumps(_document(*[line] * (MAX_LINES + 1))), today=TODAY
    )
    assert estimate is None
    assert [(p.code, p.path, p.params["figure"]) for p in problems] == [
        ("too_many_estimate_lines", "lines", MAX_LINES + 1)
    ]
    estimate, problems = parse_estimate(json.dumps(_document(*[line] * MAX_LINES)), today=TODAY)
    assert problems == [] and estimate is not None and len(estimate.lines) == MAX_LINES


def test_a_key_given_twice_refuses_the_document_instead_of_keeping_the_last() -> None:
    text = (
        '{"format": "estimate/1", "region": "ZJ", "shop": {"class": "class1"}, "lines": ['
        '{"kind": "sublet", "description": "x", "amount": "1", "amount": "100000"}]}'
    )
    estimate, problems = parse_estimate(text, today=TODAY)
    assert estimate is None
    assert [(p.code, p.path, p.params["key"]) for p in problems] == [
        ("json_duplicate_key", "lines[0]", "amount")
    ]

from __future__ import annotations

from kernel.problems import MESSAGES, Problem, render


def test_problem_says_where_what_and_why_in_both_languages() -> None:
    problem = Problem("too_many_places", "parts", 7, "price_oem_4s", "12.34567", {"places": 4})
    assert (
        problem.describe("en")
        == "sheet parts, row 7, column price_oem_4s [12.34567]: more than 4 decimal places"
    )
    assert (
        problem.describe("zh")
        == "工作表 parts, 第 7 行, 列 price_oem_4s [12.34567]: 小数位数超过 4 位"
    )


def test_every_message_has_both_languages_with_the_same_parameters() -> None:
    import string

    for code, (zh, en) in MESSAGES.items():
        zh_fields = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        en_fields = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        assert zh_fields == en_fields, code
        assert zh and en


def test_unknown_code_renders_as_itself() -> None:
    assert render("no_such_code", language="en") == "no_such_code"


def test_language_follows_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ESTIMATOR_LANG", "zh_CN")
    assert render("required") == "必填项为空"
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    assert render("required") == "a value is required"

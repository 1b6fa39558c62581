"""argparse's own words follow the user's language: a Chinese usage error or help page has no
English sentence in it (it said "the following arguments are required" and "options")."""

from __future__ import annotations

import re

import pytest

from estimator.cli.argparse_words import ZH
from estimator.cli.main import main

#: An English word of three letters or more that is not a command, option or metavar.
ENGLISH_WORDS = re.compile(r"\b(?:usage|options|arguments?|required|invalid|choose|show|exit)\b")


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    return capsys.readouterr().err


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "zh")


@pytest.mark.usefixtures("chinese")
def test_a_missing_argument_is_said_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    err = _fails(["flood", "assess", "stock.xlsx", "--depth", "70"], capsys)
    assert err.startswith("用法：estimator flood assess")
    assert err.rstrip().endswith("用法错误: 缺少必需的参数：--rules")
    assert not ENGLISH_WORDS.search(err), err


@pytest.mark.usefixtures("chinese")
def test_a_wrong_command_and_an_extra_word_are_said_in_chinese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    err = _fails(["catalog", "serch", "保险杠"], capsys)
    assert "无效的选择：'serch' (可选：'import', 'search'" in err
    err = _fails(["catalog", "versions", "--db", "x.sqlite3", "extra"], capsys)
    assert "无法识别的参数：extra" in err
    assert not ENGLISH_WORDS.search(err), err


@pytest.mark.usefixtures("chinese")
def test_the_help_page_has_chinese_headings(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["catalog", "search", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：estimator catalog search")
    assert "位置参数:" in out and "选项:" in out and "显示此帮助并退出" in out
    assert not ENGLISH_WORDS.search(out), out


def test_english_stays_as_argparse_writes_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ESTIMATOR_LANG", "en")
    err = _fails(["flood", "assess", "stock.xlsx", "--depth", "70"], capsys)
    assert err.startswith("usage: estimator flood assess")
    assert "the following arguments are required: --rules" in err


def test_every_translation_keeps_its_placeholders() -> None:
    placeholder = re.compile(r"%\([a-z_]+\)[sr]|%[sr]")
    for english, chinese in ZH.items():
        assert set(placeholder.findall(chinese)) <= set(placeholder.findall(english)), english
        assert not ENGLISH_WORDS.search(chinese), chinese

from __future__ import annotations

import pytest

from parts_catalog.model import is_valid_part_no, normalize_part_no
from parts_catalog.search_keys import name_grams, pinyin_keys


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("前保险杠皮", "qianbaoxiangangpi", "qbxgp"),
        ("右后视镜", "youhoushijing", "yhsj"),
        ("行李箱盖", "xinglixianggai", "xlxg"),
        ("LED大灯", "leddadeng", "leddd"),
        ("A柱内饰板", "azhuneishiban", "aznsb"),
    ],
)
def test_pinyin_keys(name: str, full: str, initials: str) -> None:
    assert pinyin_keys(name) == (full, initials)


def test_grams_hold_single_characters_and_pairs_of_name_and_initials() -> None:
    grams = name_grams("左前大灯", "zqdd").split()
    assert {"大", "灯", "大灯", "前大", "zq", "dd"} <= set(grams)
    assert "左前大" not in grams


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("52119-0K280", "521190K280"),
        ("5G0 807 221 A", "5G0807221A"),
        ("ｋ２８０", "K280"),
        ("71101-tva-a00", "71101TVAA00"),
    ],
)
def test_part_numbers_normalise(typed: str, stored: str) -> None:
    assert normalize_part_no(typed) == stored
    assert is_valid_part_no(stored)


def test_part_numbers_with_other_characters_are_invalid() -> None:
    assert not is_valid_part_no(normalize_part_no("前杠#1"))

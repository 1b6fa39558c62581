from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.domain.words import amount_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        # The examples of estimating-rules.md and of the PBoC rules for bills.
        ("1409.50", "壹仟肆佰零玖元伍角"),
        ("6007.14", "陆仟零柒元壹角肆分"),
        ("325.04", "叁佰贰拾伍元零肆分"),
        ("100.00", "壹佰元整"),
        ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
        ("107000.53", "壹拾万柒仟元零伍角叁分"),
        ("16.00", "壹拾陆元整"),
        # Zeros in every position.
        ("10923.50", "壹万零玖佰贰拾叁元伍角"),
        ("100000000.00", "壹亿元整"),
        ("100000005.00", "壹亿零伍元整"),
        ("100050000.00", "壹亿零伍万元整"),
        ("1000000.10", "壹佰万元零壹角"),
        ("20.05", "贰拾元零伍分"),
        ("10000.00", "壹万元整"),
        ("10001.01", "壹万零壹元零壹分"),
        ("3000000000.07", "叁拾亿元零柒分"),
        ("12345678901.23", "壹佰贰拾叁亿肆仟伍佰陆拾柒万捌仟玖佰零壹元贰角叁分"),
        ("2000.00", "贰仟元整"),
        ("0.50", "伍角"),
        ("0.05", "伍分"),
        ("0.00", "零元整"),
        ("-5.30", "负伍元叁角"),
    ],
)
def test_amount_in_words(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words


def test_amounts_are_rounded_to_the_fen_first() -> None:
    assert amount_in_words(Decimal("1.005")) == "壹元零壹分"


_VALUE = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_UNIT = {"拾": 10, "佰": 100, "仟": 1000}


def _parse(words: str) -> Decimal:
    """An independent reading of capital numerals (below 1 亿) back into an amount."""
    yuan_part, _, rest = words.partition("元") if "元" in words else ("", "", words)
    total = section = digit = 0
    for char in yuan_part:
        if char in _VALUE:
            digit = _VALUE[char]
        elif char in _UNIT:
            section, digit = section + digit * _UNIT[char], 0
        elif char == "万":
            total, section, digit = (section + digit) * 10_000, 0, 0
    total += section + digit
    fen = digit = 0
    for char in rest:
        if char in _VALUE:
            digit = _VALUE[char]
        elif char in "角分":
            fen += digit * (10 if char == "角" else 1)
    return Decimal(total * 100 + fen) / 100


@given(st.integers(min_value=0, max_value=99_999_999_99))
def test_words_read_back_to_the_same_amount_below_a_hundred_million(fen: int) -> None:
    amount = Decimal(fen) / 100
    words = amount_in_words(amount)
    assert _parse(words) == amount
    assert "零零" not in words
    assert words == "零元整" or (not words.endswith("零") and not words.startswith("零"))


# --- an independent reference for whole yuan up to 10^12 (issue #23) ----------------------

_UNITS = ["", "拾", "佰", "仟"]
_GROUPS = ["", "万", "亿", "万亿"]


def _reference(number: int) -> str:
    """Digit by digit, from the rule as the bill rules state it: one 零 for each run of zeros
    between written digits, except a run that only ends its own group after a written digit
    of that group (壹拾万柒仟); a group's unit after its last position when it has a digit."""
    digits = str(number)
    top = len(digits) - 1
    words = ""
    run_start: int | None = None  # the position (power of ten) where the current zero run began
    for index, char in enumerate(digits):
        position = top - index
        digit = int(char)
        if digit == 0:
            if run_start is None:
                run_start = position
        else:
            if run_start is not None and words:
                run_end = position + 1
                same_group = run_start // 4 == run_end // 4
                written_before_in_group = run_start // 4 == (run_start + 1) // 4
                ends_group = run_end % 4 == 0
                if not (same_group and written_before_in_group and ends_group):
                    words += "零"
            run_start = None
            words += "零壹贰叁肆伍陆柒捌玖"[digit] + _UNITS[position % 4]
        if position % 4 == 0:
            group = digits[max(0, index - 3) : index + 1] if index >= 3 else digits[: index + 1]
            if int(group):
                words += _GROUPS[position // 4]
    return words


#: Four-digit groups drawn to hit the zeros the rules are about (whole zero groups, groups
#: ending or starting with zeros), besides any group at all.
_GROUP = st.one_of(st.sampled_from([0, 1, 10, 100, 1000, 1001, 1010, 9000]), st.integers(0, 9999))


@given(st.lists(_GROUP, min_size=1, max_size=4))
def test_whole_yuan_read_as_the_reference_reads_them(groups: list[int]) -> None:
    number = int("".join(f"{g:04d}" for g in groups)) % 10**12 or 1
    assert amount_in_words(Decimal(number)) == _reference(number) + "元整"


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("100001000.00", "壹亿零壹仟元整"),  # issue #23: a zero 万 group before 1,000 or more
        ("100010000.00", "壹亿零壹万元整"),
        ("1000000001000.00", "壹万亿零壹仟元整"),
        ("10001000.00", "壹仟万壹仟元整"),  # zeros ending a group: no 零 (壹拾万柒仟)
    ],
)
def test_zero_groups_above_one_hundred_million(amount: str, words: str) -> None:
    assert amount_in_words(Decimal(amount)) == words

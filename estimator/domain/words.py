"""Amounts in Chinese capital numerals (大写金额) by the People's Bank of China rules for bills.

Choices where the rules allow two forms (支付结算办法, 附一 正确填写票据和结算凭证的基本规定):
- zeros inside a four-digit group, or at the start of a group, are written as one 零
  (1409.50 → 壹仟肆佰零玖元伍角, 10923.50 → 壹万零玖佰贰拾叁元伍角);
- zeros that end a 万 or 亿 group are not written (107000.53 → 壹拾万柒仟元零伍角叁分), but a
  whole zero group between two written ones is one 零 (100001000.00 → 壹亿零壹仟元整);
- when the 元 digit is 0 and 角 is not, 零 follows 元 (1680.32 → 壹仟陆佰捌拾元零叁角贰分);
- 壹拾 is written in full (16.00 → 壹拾陆元整); 整 follows 元 only, never 角.
"""

from __future__ import annotations

from decimal import Decimal

from kernel.money import round_fen

DIGITS = "零壹贰叁肆伍陆柒捌玖"
POSITION_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")
LIMIT = Decimal(10) ** 16


def amount_in_words(amount: Decimal) -> str:
    """The amount, rounded to the fen, in capital numerals: 6007.14 → 陆仟零柒元壹角肆分."""
    value = round_fen(amount)
    if abs(value) >= LIMIT:
        raise ValueError(f"amount too large for capital numerals: {amount}")
    if value < 0:
        return "负" + amount_in_words(-value)
    fen_total = int(value * 100)
    yuan, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    words = _integer_words(yuan)
    if yuan:
        words += "元"
    if jiao == 0 and fen == 0:
        return (words or "零元") + "整"
    if jiao:
        if yuan and yuan % 10 == 0:
            words += "零"
        words += DIGITS[jiao] + "角"
    elif yuan:
        words += "零"
    if fen:
        words += DIGITS[fen] + "分"
    return words


def _integer_words(number: int) -> str:
    if number == 0:
        return ""
    groups: list[int] = []
    while number:
        number, group = divmod(number, 10_000)
        groups.append(group)
    words = ""
    skipped = False  # a whole zero group since the last written one (壹亿[0000]壹仟)
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            skipped = skipped or bool(words)
            continue
        # A group after a skipped zero group keeps its 零 even when it has four digits:
        # 100,001,000 is 壹亿零壹仟, never 壹亿壹仟 (which reads as 110,000,000's neighbour).
        words += _group_words(group, leading_zero=bool(words) and (group < 1000 or skipped))
        words += GROUP_UNITS[index]
        skipped = False
    return words


def _group_words(group: int, *, leading_zero: bool) -> str:
    words = ""
    pending_zero = leading_zero
    for position in range(3, -1, -1):
        digit = group // 10**position % 10
        if digit == 0:
            pending_zero = pending_zero or bool(words)
            continue
        if pending_zero:
            words += "零"
            pending_zero = False
        words += DIGITS[digit] + POSITION_UNITS[position]
    return words

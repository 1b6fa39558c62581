"""Converting a workbook's cells exactly: text, decimals, whole numbers, dates, yes/no, choices.

Pure (no spreadsheet library): a float cell becomes the 15 significant digits Excel shows,
never Decimal(float); a formula is refused; text is NFKC-normalised.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from kernel.money import NotExactError, parse_decimal

_FULLWIDTH_SPACE = re.compile(r"[\s\u3000]+")

#: Digits before the decimal point: 10^16 is beyond any amount the rules allow (money is exact
#: up to 10^15 fen), and ``1e999999999`` is refused here instead of overflowing later.
MAX_INTEGER_DIGITS = 13  # below kernel.money.ABSOLUTE_MAXIMUM (1e13), so the two agree


class CellError(Exception):
    """A cell's value is not acceptable; carries the problem code and parameters."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def check_number_text(text: str) -> None:
    """Refuse a number of more than ``MAX_INTEGER_DIGITS`` digits before the point, however it
    is written (5,000 digits, 1e999999999); too many places are the places check's to refuse."""
    try:
        number = Decimal(text.replace(",", ""))  # linear in the digits, unlike int()
    except ArithmeticError:
        return  # not a number at all: the parser says so
    if number and number.is_finite() and number.adjusted() >= MAX_INTEGER_DIGITS:
        raise CellError("number_too_large", digits=MAX_INTEGER_DIGITS)


def is_blank(value: object) -> bool:
    """An empty cell, or one holding only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object, *, limit: int = 500) -> str:
    """A text cell, trimmed and NFKC-normalised; numbers become their exact text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("="):
        raise CellError("formula_cell")
    if isinstance(value, float):
        text = _float_text(value)
    elif isinstance(value, dt.datetime | dt.date):
        text = value.isoformat()
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
    if len(text) > limit:
        raise CellError("text_too_long", limit=limit)
    return text


def _float_text(value: float) -> str:
    # Excel keeps 15 significant digits; its XML may hold 17 (2.6749999999999998 for 2.675).
    # Formatting to 15 digits recovers what the user typed, never Decimal(float).
    # An exponent (1e-300, 1e+308) is written out from the 15 digits' text, exactly: through
    # a float, format() would round 1e-300 to 0.000000.
    text = format(value, ".15g")
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def cell_decimal(value: object, *, places: int, minimum: Any = 0, maximum: Any = None) -> Any:
    """A numeric cell or numeric text as an exact Decimal, checked for places and range."""
    if isinstance(value, bool):
        raise CellError("not_a_number")
    if isinstance(value, str) and value.startswith("="):
        raise CellError("formula_cell")
    if isinstance(value, float):
        text = _float_text(value)
    elif isinstance(value, int):
        text = str(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        text = _FULLWIDTH_SPACE.sub("", text).replace("¥", "").replace("￥", "")
    check_number_text(text)
    try:
        return parse_decimal(
            text,
            max_places=places,
            minimum=None if minimum is None else Decimal(minimum),
            maximum=None if maximum is None else Decimal(maximum),
        )
    except NotExactError as error:
        bound = error.bound
        params: dict[str, object] = {
            "places": places,
            "minimum": bound if error.code == "below_minimum" and bound is not None else minimum,
            "maximum": bound if error.code == "above_maximum" and bound is not None else maximum,
        }
        raise CellError(error.code, **params) from None


def cell_int(value: object, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole-number cell."""
    number = cell_decimal(value, places=0, minimum=minimum, maximum=maximum)
    if number != number.to_integral_value():
        raise CellError("not_an_integer")
    return int(number)


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def cell_date(value: object) -> dt.date:
    """A date cell, or a date typed as text (2026-11-01, 2026/11/1, 2026年11月1日)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.startswith("="):
        raise CellError("formula_cell")
    text = cell_text(value, limit=40).split(" ")[0].split("T")[0]
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                break
    raise CellError("not_a_date")


_YES = {"yes", "y", "true", "1", "是", "回收", "√", "✓"}
_NO = {"no", "n", "false", "0", "否", "不回收", ""}


def cell_yes_no(value: object) -> bool:
    """yes/no (是/否); blank is no."""
    text = cell_text(value, limit=20).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise CellError("not_yes_no")


def choice(aliases: dict[str, Any]) -> Callable[[object], Any]:
    """A converter for a cell holding one of ``aliases`` (keys NFKC-normalised and
    case-folded, as the cell's text is compared)."""

    def convert(value: object) -> Any:
        text = unicodedata.normalize("NFKC", cell_text(value, limit=40)).casefold()
        if text not in aliases:
            raise CellError("unknown_choice", choices=", ".join(sorted(aliases)))
        return aliases[text]

    return convert

"""Readable text tables of a priced estimate for the command line."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from estimator.domain.estimate import LINE_KIND_ZH, LineKind
from estimator.domain.pricing import PricedEstimate, PricedLine
from kernel.money import format_price
from kernel.problems import current_language

_TOTAL_LABELS = (
    ("parts", "配件合计", "parts"),
    ("management_fee", "配件管理费", "management fee"),
    ("labor", "工时合计", "labor"),
    ("paint", "喷漆合计", "paint"),
    ("material", "辅料合计", "material"),
    ("sublet", "外修合计", "sublet"),
    ("towing", "施救费", "towing"),
    ("salvage", "残值 (扣除)", "salvage (deducted)"),
    ("total", "合计", "total"),
)
_TIER = {
    "on_site": ("现场定损", "on site"),
    "standard": ("一般定损", "standard"),
    "teardown": ("拆解定损", "teardown"),
}


def width(text: str) -> int:
    """Display width: Chinese characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int, *, right: bool = False) -> str:
    """Pad to ``columns`` display columns."""
    space = " " * max(0, columns - width(text))
    return space + text if right else text + space


def _detail(line: PricedLine) -> str:
    if line.kind is LineKind.PART:
        kind = line.price_type.value if line.price_type else ""
        return f"{line.part_no} {kind} {line.qty} × {format_price(line.unit_price or Decimal(0))}"
    if line.kind is LineKind.LABOR:
        return f"{line.hours} h × {format_price(line.rate or Decimal(0))}"
    if line.kind is LineKind.PAINT and line.adjustment == "":
        return f"{line.panels} × {format_price(line.price_per_panel or Decimal(0))}"
    if line.kind is LineKind.MATERIAL:
        return f"{line.qty} × {format_price(line.unit_price or Decimal(0))}"
    return ""


def priced_table(priced: PricedEstimate) -> str:
    """Sections by line kind, every line's notes, totals, the amount in words and the tier."""
    english = current_language() == "en"
    out: list[str] = []
    lines = [*priced.lines, *priced.adjustments]
    for kind in LineKind:
        section = [p for p in lines if p.kind is kind]
        if not section:
            continue
        out.append(f"【{kind.value if english else LINE_KIND_ZH[kind]}】")
        for p in section:
            number = "" if p.index is None else f"{p.index + 1:>3}."
            out.append(
                f"{pad(number, 4)} {pad(p.description, 24)} {pad(_detail(p), 34)} "
                f"{pad(f'{p.amount:.2f}', 12, right=True)}"
            )
            for note in p.notes:
                out.append(f"      ※ {note.text()}")
    assert priced.totals is not None
    out.append("")
    for attribute, zh, en in _TOTAL_LABELS:
        value: Decimal = getattr(priced.totals, attribute)
        out.append(f"{pad(en if english else zh, 24)} {pad(f'{value:.2f}', 12, right=True)}")
    words_label = "in words" if english else "大写金额"
    out.append(f"{pad(words_label, 24)} {priced.total_in_words}")
    if priced.salvage_suggestion:
        label = "suggested salvage" if english else "建议残值"
        out.append(f"{pad(label, 24)} {priced.salvage_suggestion:.2f}")
    if priced.tier is not None:
        zh, en = _TIER[priced.tier.value]
        out.append(f"{pad('tier' if english else '定损时限档', 24)} {en if english else zh}")
    return "\n".join(out)

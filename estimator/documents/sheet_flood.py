"""The estimate sheet's flood line (水淹车, settlement.md): the water level with its words, the
immersion grade with its hours and whether the engine was restarted after the flood; when it
was, the sentence that many policies exclude engine damage from water intake (the domain's
message ``flood_vehicle.engine_restarted``). Printed under the case's facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from estimator.documents.sheet_words import Language, pick
from estimator.domain.flood_vehicle import IMMERSION_WORDS, WATER_LEVEL_WORDS
from kernel.problems import Problem

if TYPE_CHECKING:
    from estimator.documents.estimate_sheet import _Sheet

#: The line's parts in (Chinese, English); ``{name}`` parameters are filled with str.format.
FLOOD_WORDS: dict[str, tuple[str, str]] = {
    "level": ("水淹高度 {level} 级（{words}）", "Water level {level} ({words})"),
    "grade": ("水淹时间 {grade}（{words}）", "immersion {grade} ({words})"),
    "restarted": ("发动机水淹后启动：{answer}", "engine restarted after the flood: {answer}"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "unknown": ("未记录", "not recorded"),
}


@dataclass(frozen=True)
class SheetFlood:
    """The case's flood record as the sheet prints it (None: not given)."""

    water_level: int | None = None
    immersion: str | None = None
    engine_restarted: bool | None = None


def _detail(words: str) -> str:
    """三级：没过座垫 → 没过座垫; level 3: seat cushions → seat cushions."""
    for mark in ("：", ": "):
        if mark in words:
            return words.split(mark, 1)[1]
    return words


def flood_text(flood: SheetFlood, language: Language) -> str:
    """水淹高度 3 级（没过座垫）· 水淹时间 H3（4 至 12 小时）· 发动机水淹后启动：否."""
    zh = language == "zh"
    parts = []
    if flood.water_level in WATER_LEVEL_WORDS:
        words = _detail(pick(WATER_LEVEL_WORDS[flood.water_level], language))
        parts.append(
            pick(FLOOD_WORDS["level"], language).format(level=flood.water_level, words=words)
        )
    if flood.immersion in IMMERSION_WORDS:
        grade_zh, grade_en, _more, _most = IMMERSION_WORDS[flood.immersion]
        words = _detail(grade_zh if zh else grade_en)
        parts.append(
            pick(FLOOD_WORDS["grade"], language).format(grade=flood.immersion, words=words)
        )
    answer = {True: "yes", False: "no", None: "unknown"}[flood.engine_restarted]
    restarted = pick(FLOOD_WORDS["restarted"], language)
    parts.append(restarted.format(answer=pick(FLOOD_WORDS[answer], language)))
    return " · ".join(parts)


def flood_lines(sheet: _Sheet) -> list[Any]:
    """The flood line and, when the engine was restarted, the warning in red (nothing when
    the case has no flood record)."""
    flood = sheet.header.flood
    if flood is None:
        return []
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    block: list[Any] = [Spacer(1, 1.5 * mm), sheet.p(flood_text(flood, sheet.language))]
    if flood.engine_restarted:
        warned = ParagraphStyle("flood-warning", parent=sheet.look.base, textColor=colors.darkred)
        reason = Problem("flood_vehicle.engine_restarted").reason(sheet.language)
        block.append(sheet.p(reason, warned))
    return block

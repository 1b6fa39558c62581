"""Flooded vehicles (水淹车, settlement.md): water levels 1–6 and immersion grades H1–H6 with
their words, and the guide (data, imported from a workbook): for a level and a grade, the
items to inspect, clean, dry or replace and the loss-ratio range of the actual value. Pure.

A guide row covers a span of levels and grades (``3-6``, ``H1-H3``): an item found from level
3 on is one row, not four. The assessor ticks the items found; cleaning and drying become labor
lines at the guide's hours, replacements part lines (services.flood_vehicle). Not the flood
*inventory* assessment of non-auto goods (flood.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from kernel.money import round_fen
from kernel.problems import register_messages
from labor_standards.model import Operation

#: The water level on the vehicle (水淹高度), settlement.md's table: (zh, en).
WATER_LEVEL_WORDS: dict[int, tuple[str, str]] = {
    1: ("一级：制动盘以上、车身地板以下", "level 1: above the brake disc, below the floor pan"),
    2: ("二级：车身地板以上、座垫以下", "level 2: floor pan, below the seat cushions"),
    3: ("三级：没过座垫", "level 3: seat cushions"),
    4: ("四级：座椅以上、仪表台以下", "level 4: above the seats, below the dashboard"),
    5: ("五级：没过仪表台", "level 5: dashboard"),
    6: ("六级：没过车顶", "level 6: above the roof line"),
}
#: Immersion grades (水淹时间) and their hours: (zh, en, more than, at most; None: no bound).
IMMERSION_WORDS: dict[str, tuple[str, str, int, int | None]] = {
    "H1": ("H1：1 小时以内", "H1: 1 hour or less", 0, 1),
    "H2": ("H2：1 至 4 小时", "H2: 1 to 4 hours", 1, 4),
    "H3": ("H3：4 至 12 小时", "H3: 4 to 12 hours", 4, 12),
    "H4": ("H4：12 至 24 小时", "H4: 12 to 24 hours", 12, 24),
    "H5": ("H5：24 至 48 小时", "H5: 24 to 48 hours", 24, 48),
    "H6": ("H6：48 小时以上", "H6: more than 48 hours", 48, None),
}
GRADES: tuple[str, ...] = tuple(IMMERSION_WORDS)
LEVELS: tuple[int, ...] = tuple(WATER_LEVEL_WORDS)
#: The reason written on every line the guide gives a figure for (hours or a hand price).
GUIDE_REASON = "水淹车指南"

FLOOD_VEHICLE_MESSAGES: dict[str, tuple[str, str]] = {
    "flood_vehicle.bad_levels": (
        "水淹高度应为 1 到 6 的整数，或如 3-6 的范围",
        "the water level must be a whole number from 1 to 6, or a span such as 3-6",
    ),
    "flood_vehicle.bad_grades": (
        "水淹时间应为 H1 到 H6，或如 H1-H3 的范围",
        "the immersion grade must be H1 to H6, or a span such as H1-H3",
    ),
    "flood_vehicle.needs_labor": (
        "清洗、烘干项目须填部件编码、作业与工时",
        "a clean or dry item needs a component code, an operation and hours",
    ),
    "flood_vehicle.needs_part": (
        "更换项目须填配件编码或部件编码，以及参考单价",
        "a replace item needs a part number or a component code, and a reference price",
    ),
    "flood_vehicle.inspect_priced": (
        "检查项目不计工时与价格",
        "an inspect item has no hours and no price",
    ),
    "flood_vehicle.bad_ratio": (
        "损失率下限应不大于上限，且均在 0 到 100% 之间",
        "the loss ratio's low end must not exceed its high end, both from 0 to 100 %",
    ),
    "flood_vehicle.ratio_overlap": (
        "水淹高度 {level} 级、水淹时间 {grade} 的损失率已在第 {other_row} 行给出",
        "the loss ratio of level {level}, grade {grade} is already given in row {other_row}",
    ),
    "flood_vehicle.ratio_missing": (
        "缺少水淹高度 {level} 级、水淹时间 {grade} 的损失率",
        "no loss ratio for level {level}, grade {grade}",
    ),
    "flood_vehicle.item_twice": (
        "项目 {item} 在水淹高度 {level} 级、水淹时间 {grade} 已由第 {other_row} 行给出",
        "item {item} at level {level}, grade {grade} is already given in row {other_row}",
    ),
    "flood_vehicle.no_guide": (
        "产品附带的水淹车指南无法读取，请重新安装本软件",
        "the flooded-vehicle guide shipped with the product cannot be read: reinstall the program",
    ),
    "flood_vehicle.no_flood_data": (
        "本案未录入水淹高度与水淹时间，无水淹车清单",
        "the case has no water level and immersion grade: there is no flood checklist",
    ),
    "flood_vehicle.unknown_items": (
        "指南中本案 {level} 级、{grade} 没有这些项目：{codes}",
        "the guide has no such items for level {level}, grade {grade}: {codes}",
    ),
    "flood_vehicle.engine_restarted": (
        "水淹后曾再次启动发动机：许多保单不赔因进水导致的发动机损坏",
        "the engine was restarted after the flood: many policies exclude engine damage from "
        "water intake",
    ),
    "review.r17_below": (
        "估损金额 {total} 元低于水淹车指南 {level} 级、{grade} 的损失率下限 {low}"
        "（实际价值 {value} 元的 {low_ratio}）",
        "the estimate total {total} is below the flood guide's range for level {level}, grade "
        "{grade}: at least {low} ({low_ratio} of the actual value {value})",
    ),
    "review.r17_above": (
        "估损金额 {total} 元高于水淹车指南 {level} 级、{grade} 的损失率上限 {high}"
        "（实际价值 {value} 元的 {high_ratio}）",
        "the estimate total {total} is above the flood guide's range for level {level}, grade "
        "{grade}: at most {high} ({high_ratio} of the actual value {value})",
    ),
}
register_messages(FLOOD_VEHICLE_MESSAGES)


class FloodAction(StrEnum):
    """What the guide says to do with an item."""

    INSPECT = "inspect"
    CLEAN = "clean"
    DRY = "dry"
    REPLACE = "replace"


ACTION_WORDS: dict[FloodAction, tuple[str, str]] = {
    FloodAction.INSPECT: ("检查", "inspect"),
    FloodAction.CLEAN: ("清洗", "clean"),
    FloodAction.DRY: ("烘干", "dry"),
    FloodAction.REPLACE: ("更换", "replace"),
}
#: The actions that become labor lines at the guide's hours.
LABOR_ACTIONS = frozenset({FloodAction.CLEAN, FloodAction.DRY})


@dataclass(frozen=True)
class GuideItem:
    """One checklist item: its code, words, action and the figures its line needs."""

    code: str
    name_zh: str
    name_en: str
    action: FloodAction
    component_code: str = ""
    operation: Operation | None = None
    hours: Decimal | None = None
    part_no: str = ""
    unit_price: Decimal | None = None


@dataclass(frozen=True)
class Span:
    """A closed span of levels (1–6) or grade numbers (1–6 for H1–H6)."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high


@dataclass(frozen=True)
class GuideEntry:
    """An item and the levels and grades it applies to."""

    levels: Span
    grades: Span
    item: GuideItem


@dataclass(frozen=True)
class LossRatio:
    """The loss-ratio range of the actual value the guide expects (fractions, 0.15 = 15 %)."""

    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class FloodGuide:
    """The whole guide: items by span, and a loss ratio for every level and grade."""

    entries: tuple[GuideEntry, ...] = ()
    ratios: Mapping[tuple[int, str], LossRatio] = field(default_factory=dict)

    def items_for(self, level: int, grade: str) -> tuple[GuideItem, ...]:
        """The items for a level and grade, in the guide's order."""
        number = grade_number(grade)
        return tuple(e.item for e in self.entries if level in e.levels and number in e.grades)

    def ratio_for(self, level: int, grade: str) -> LossRatio | None:
        """The loss-ratio range for a level and grade (None: the guide has none)."""
        return self.ratios.get((level, grade.upper()))


def grade_number(grade: str) -> int:
    """H3 → 3 (0 for an unknown grade, which no span holds)."""
    text = grade.strip().upper()
    return GRADES.index(text) + 1 if text in GRADES else 0


_SPAN = re.compile(r"^\s*([Hh]?)(\d)\s*(?:[-–~～至到]\s*([Hh]?)(\d)\s*)?$")


def parse_span(text: str, *, grades: bool) -> Span | None:
    """``3``, ``3-6`` (levels) or ``H2``, ``H1-H3`` (grades) as a span; None when bad."""
    found = _SPAN.match(text)
    if found is None:
        return None
    first_h, low, second_h, high = found.groups()
    marked = bool(first_h) and (high is None or bool(second_h))
    if grades != marked or (not grades and (first_h or second_h)):
        return None
    span = Span(int(low), int(high if high is not None else low))
    if not 1 <= span.low <= span.high <= 6:
        return None
    return span


def span_text(span: Span, *, grades: bool) -> str:
    """A span as the guide writes it: ``3-6``, ``H1-H3``, ``2``, ``H4``."""
    mark = "H" if grades else ""
    if span.low == span.high:
        return f"{mark}{span.low}"
    return f"{mark}{span.low}-{mark}{span.high}"


@dataclass(frozen=True)
class RatioCheck:
    """The estimate total against the guide's range × the actual value."""

    total: Decimal
    value: Decimal
    low: Decimal
    high: Decimal

    @property
    def below(self) -> bool:
        """Whether the total is under the range."""
        return self.total < self.low

    @property
    def above(self) -> bool:
        """Whether the total is over the range."""
        return self.total > self.high


def check_ratio(total: Decimal, value: Decimal, ratio: LossRatio) -> RatioCheck:
    """The range in yuan (rounded half up to the fen) and the total against it."""
    return RatioCheck(total, value, round_fen(value * ratio.low), round_fen(value * ratio.high))

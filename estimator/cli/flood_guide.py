"""The flooded-vehicle guide on the command line (水淹车, settlement.md): the ``flood-guide``
group's ``estimator flood-guide import FILE --as USER`` (the guide workbook imported as the
guide in force by a data maintainer or an administrator; every bad row named and nothing
stored; audited with the file's SHA-256; the empty workbook is ``estimator template
flood-vehicle-guide``), and ``estimator estimate flood-guide ID [--json]`` and ``estimator
estimate flood-add ID CODE... --as USER``, added to the ``estimate`` group by ``estimate.py``:
the flooded-vehicle checklist of a version's case, and ticked items added to it as lines."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from estimator.cli.common import (
    OK,
    REJECTED,
    actor_argument,
    command,
    import_group,
    import_whole,
    open_engine,
    say,
    signed_in,
)
from estimator.cli.tables import pad
from estimator.domain.flood_vehicle import ACTION_WORDS, IMMERSION_WORDS, WATER_LEVEL_WORDS
from estimator.domain.workflow import Role
from kernel.problems import Problem, current_language, register_messages, render

if TYPE_CHECKING:
    from estimator.domain.flood_vehicle import GuideItem
    from estimator.services.flood_vehicle import FloodChecklist

register_messages(
    {
        "estimate.flood_guide_command": (
            "水淹车清单：本案水淹高度与水淹时间对应的检查、清洗、烘干与更换项目",
            "the flooded-vehicle checklist: the items to inspect, clean, dry and replace for the "
            "case's water level and immersion grade",
        ),
        "estimate.flood_add_command": (
            "把勾选的水淹车项目加入估损单 (项目编码见 flood-guide)",
            "add the ticked flood items to the estimate as lines (item codes as flood-guide "
            "lists them)",
        ),
        "flood_guide.flood_guide": ("水淹车指南", "the flooded-vehicle guide"),
        "flood_guide.import_command": (
            "从工作簿导入水淹车指南，替换现行指南（数据维护员或管理员）",
            "import the flooded-vehicle guide from a workbook, replacing the guide in force "
            "(data maintainers or administrators)",
        ),
        "flood_guide.file": (
            "水淹车指南工作簿 (.xlsx，工作表 items 与 ratios；空白模板见 template "
            "flood-vehicle-guide)",
            "the guide workbook (.xlsx, sheets items and ratios; the empty one from template "
            "flood-vehicle-guide)",
        ),
        "flood_guide.imported": (
            "已导入水淹车指南：{count} 行项目，各水淹高度与水淹时间的损失率齐全",
            "imported the flooded-vehicle guide: {count} item rows and a loss ratio for every "
            "water level and immersion grade",
        ),
        "flood_guide.not_imported": (
            "水淹车指南未导入：{count} 个问题，未作改动",
            "the flooded-vehicle guide was not imported: {count} problems; nothing changed",
        ),
        "estimate.flood.codes": ("项目编码", "item codes"),
        "estimate.flood.title": ("水淹车清单", "Flooded-vehicle checklist"),
        "estimate.flood.level": ("水淹高度：{level}", "water level: {level}"),
        "estimate.flood.grade": ("水淹时间：{grade}", "immersion: {grade}"),
        "estimate.flood.ratio": (
            "损失率范围：实际价值的 {low} 至 {high}",
            "loss ratio range: {low} to {high} of the actual value",
        ),
        "estimate.flood.no_data": (
            "本案未录入水淹高度与水淹时间，无水淹车清单",
            "the case has no water level and immersion grade: no flood checklist",
        ),
        "estimate.flood.engine_not_restarted": (
            "水淹后未再次启动发动机",
            "the engine was not restarted after the flood",
        ),
        "estimate.flood.hours": ("{hours} 工时", "{hours} h"),
        "estimate.flood.price": ("参考价 {price} 元", "reference price {price}"),
        "estimate.flood.added": (
            "已加入 {count} 行；估损金额合计 {total} 元",
            "added {count} lines; estimate total {total}",
        ),
        "estimate.flood.inspect_only": (
            "检查项目不生成估损行：{codes}",
            "inspect items add no line: {codes}",
        ),
    }
)

CODE_COLUMNS = 24
NAME_COLUMNS = 28
ACTION_COLUMNS = 8


def add_parser(sub: Any) -> None:
    """``flood-guide import FILE --as USER``."""
    import_group(sub, "flood-guide", cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    """Import the guide workbook as the signed-in maintainer or administrator."""
    from estimator.services.flood_vehicle import import_flood_guide
    from estimator.services.imports import IMPORTERS

    result = import_whole(args, IMPORTERS, import_flood_guide, "flood_guide.not_imported")
    if result is None:
        return REJECTED
    print(say("flood_guide.imported", count=result.items))
    return OK


def add_commands(estimate: Any) -> None:
    """``estimate flood-guide ID [--json]`` and ``estimate flood-add ID CODE... --as USER``."""
    p = command(
        estimate,
        "flood-guide",
        say("estimate.flood_guide_command"),
        cmd_flood_guide,
        "estimate flood-guide",
    )
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = command(
        estimate,
        "flood-add",
        say("estimate.flood_add_command"),
        cmd_flood_add,
        "estimate flood-add",
    )
    p.add_argument("id")
    p.add_argument("codes", nargs="+", metavar="CODE", help=say("estimate.flood.codes"))
    actor_argument(p)


def item_json(item: GuideItem) -> dict[str, object]:
    """An item as the checklist's JSON gives it (numbers as strings)."""
    return {
        "code": item.code,
        "name_zh": item.name_zh,
        "name_en": item.name_en,
        "action": item.action.value,
        "component_code": item.component_code or None,
        "operation": item.operation.value if item.operation else None,
        "hours": None if item.hours is None else str(item.hours),
        "part_no": item.part_no or None,
        "unit_price": None if item.unit_price is None else str(item.unit_price),
    }


def checklist_json(checklist: FloodChecklist) -> dict[str, object]:
    """The checklist as JSON: the flood record, the range and the items."""
    ratio = checklist.ratio
    return {
        "water_level": checklist.water_level,
        "immersion": checklist.immersion,
        "engine_restarted": checklist.engine_restarted,
        "engine_warning": (
            {lang: Problem("flood_vehicle.engine_restarted").reason(lang) for lang in ("zh", "en")}
            if checklist.engine_restarted
            else None
        ),
        "loss_ratio": None if ratio is None else {"low": str(ratio.low), "high": str(ratio.high)},
        "items": [item_json(item) for item in checklist.items],
    }


def _percent(value: Any) -> str:
    return f"{(value * 100).normalize():f}%"


def checklist_text(checklist: FloodChecklist) -> str:
    """The checklist as readable lines in the user's language."""
    if checklist.water_level is None or checklist.immersion is None:
        return say("estimate.flood.no_data")
    en = current_language() == "en"
    level = WATER_LEVEL_WORDS[checklist.water_level][1 if en else 0]
    grade = IMMERSION_WORDS[checklist.immersion][1 if en else 0]
    lines = [
        say("estimate.flood.title"),
        "  " + say("estimate.flood.level", level=level),
        "  " + say("estimate.flood.grade", grade=grade),
    ]
    if checklist.ratio is not None:
        low, high = _percent(checklist.ratio.low), _percent(checklist.ratio.high)
        lines.append("  " + say("estimate.flood.ratio", low=low, high=high))
    if checklist.engine_restarted:
        lines.append("  " + render("flood_vehicle.engine_restarted"))
    elif checklist.engine_restarted is False:
        lines.append("  " + say("estimate.flood.engine_not_restarted"))
    for item in checklist.items:
        name = item.name_en if en and item.name_en else item.name_zh
        figure = ""
        if item.hours is not None:
            figure = say("estimate.flood.hours", hours=item.hours)
        elif item.unit_price is not None:
            figure = say("estimate.flood.price", price=f"{item.unit_price:,.2f}")
        action = ACTION_WORDS[item.action][1 if en else 0]
        lines.append(
            f"  {pad(item.code, CODE_COLUMNS)}{pad(action, ACTION_COLUMNS)}"
            f"{pad(name, NAME_COLUMNS)}{figure}".rstrip()
        )
    return "\n".join(lines)


def cmd_flood_guide(args: argparse.Namespace) -> int:
    """Print the flooded-vehicle checklist of the version's case."""
    from estimator.services.flood_vehicle import guide_for_estimate

    checklist = guide_for_estimate(open_engine(args), args.id)
    if args.json:
        print(json.dumps(checklist_json(checklist), ensure_ascii=False, indent=2))
    else:
        print(checklist_text(checklist))
    return OK


def cmd_flood_add(args: argparse.Namespace) -> int:
    """Add the ticked items to the version as lines, as the signed-in assessor."""
    from estimator.services.flood_vehicle import add_flood_items

    engine = open_engine(args)
    user = signed_in(args, engine, {Role.ASSESSOR})
    result = add_flood_items(engine, args.id, args.codes, user)
    total = result.priced.totals.total if result.priced.totals else 0
    print(say("estimate.flood.added", count=len(result.added), total=f"{total:,.2f}"))
    if result.inspect_only:
        codes = "、".join(item.code for item in result.inspect_only)
        print(say("estimate.flood.inspect_only", codes=codes))
    return OK

"""The flooded-vehicle guide as stored data (水淹车指南, settlement.md: "the guide as importable
data"): an imported guide kept as a JSON document (its items with their spans, and the
loss-ratio range of every level and grade), written by ``guide_document`` and read back by
``guide_of`` (amounts as exact decimal strings). Pure."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from estimator.domain.errors import DomainError
from estimator.domain.flood_vehicle import (
    FloodAction,
    FloodGuide,
    GuideEntry,
    GuideItem,
    LossRatio,
    Span,
)
from kernel.problems import register_messages
from labor_standards.model import Operation

#: The stored document's format name.
FORMAT = "flood-guide/1"

register_messages(
    {
        "flood_vehicle.stored_guide_unreadable": (
            "数据库中导入的水淹车指南无法读取，请重新导入水淹车指南",
            "the flooded-vehicle guide imported into the database cannot be read: import the "
            "guide again",
        ),
    }
)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def guide_document(guide: FloodGuide) -> dict[str, Any]:
    """The guide as a JSON-ready document."""
    entries = []
    for entry in guide.entries:
        item = entry.item
        entries.append(
            {
                "levels": [entry.levels.low, entry.levels.high],
                "grades": [entry.grades.low, entry.grades.high],
                "code": item.code,
                "name_zh": item.name_zh,
                "name_en": item.name_en,
                "action": item.action.value,
                "component_code": item.component_code,
                "operation": None if item.operation is None else item.operation.value,
                "hours": _text(item.hours),
                "part_no": item.part_no,
                "unit_price": _text(item.unit_price),
            }
        )
    ratios = [
        {"level": level, "grade": grade, "low": str(r.low), "high": str(r.high)}
        for (level, grade), r in sorted(guide.ratios.items())
    ]
    return {"format": FORMAT, "entries": entries, "ratios": ratios}


def _decimal(value: object) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(value)
    return Decimal(value)


def _entry(data: dict[str, Any]) -> GuideEntry:
    operation = data.get("operation")
    item = GuideItem(
        code=str(data["code"]),
        name_zh=str(data["name_zh"]),
        name_en=str(data.get("name_en", "")),
        action=FloodAction(data["action"]),
        component_code=str(data.get("component_code", "")),
        operation=None if operation is None else Operation(operation),
        hours=_decimal(data.get("hours")),
        part_no=str(data.get("part_no", "")),
        unit_price=_decimal(data.get("unit_price")),
    )
    levels, grades = data["levels"], data["grades"]
    return GuideEntry(
        Span(int(levels[0]), int(levels[1])), Span(int(grades[0]), int(grades[1])), item
    )


def guide_of(document: object) -> FloodGuide:
    """The guide a stored document holds; DomainError when it is not one (a damaged row)."""
    try:
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError(document)
        entries = tuple(_entry(e) for e in document["entries"])
        ratios = {
            (int(r["level"]), str(r["grade"])): LossRatio(Decimal(r["low"]), Decimal(r["high"]))
            for r in document["ratios"]
        }
    except (KeyError, IndexError, TypeError, ValueError, InvalidOperation):
        raise DomainError("flood_vehicle.stored_guide_unreadable") from None
    return FloodGuide(entries, ratios)

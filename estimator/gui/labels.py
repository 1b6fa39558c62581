"""The words for the domain's codes on screen (shop class, price type, paint type): through
Qt's translations, so Chinese by default and English when chosen, never the raw code."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale

from estimator.domain.clocks import LocationClass
from kernel.problems import Language
from labor_standards.model import PaintType, ShopClass
from parts_catalog.model import PriceType

CONTEXT = "Labels"

SHOP_CLASS_SOURCE = {
    ShopClass.FOUR_S: "4S dealer",
    ShopClass.CLASS1: "Class 1 shop",
    ShopClass.CLASS2: "Class 2 shop",
    ShopClass.CLASS3: "Class 3 shop",
}
PRICE_TYPE_SOURCE = {
    PriceType.OEM_4S: "4S price",
    PriceType.OEM_MARKET: "OEM market price",
    PriceType.BRAND: "Brand part",
    PriceType.AFTERMARKET: "Aftermarket part",
    PriceType.REMAN: "Remanufactured part",
    PriceType.USED: "Used part",
}
PAINT_TYPE_SOURCE = {
    PaintType.SOLID: "Solid paint",
    PaintType.METALLIC: "Metallic paint",
    PaintType.PEARL: "Pearl paint",
}
#: The location class of a case (indicators.md): which arrival limit applies.
LOCATION_SOURCE = {LocationClass.CITY: "City", LocationClass.SUBURBAN: "Suburban"}


def location_text(location: LocationClass) -> str:
    """出险地点类别 (市区 / 郊区) in the interface language."""
    return QCoreApplication.translate(CONTEXT, LOCATION_SOURCE[location])


def shop_class_text(shop_class: ShopClass) -> str:
    """修理厂类别 in the interface language."""
    return QCoreApplication.translate(CONTEXT, SHOP_CLASS_SOURCE[shop_class])


def price_type_text(price_type: PriceType) -> str:
    """价格类型 in the interface language."""
    return QCoreApplication.translate(CONTEXT, PRICE_TYPE_SOURCE[price_type])


def paint_type_text(paint_type: PaintType) -> str:
    """漆种 in the interface language."""
    return QCoreApplication.translate(CONTEXT, PAINT_TYPE_SOURCE[paint_type])


#: The clocks of indicators.md (时效), by name.
CLOCK_SOURCE = {
    "contact": "Contact",
    "arrival": "Arrival",
    "entrusted_survey": "Entrusted survey",
    "on_site": "On-site estimate",
    "standard": "24-hour estimate",
    "awaiting_teardown": "Awaiting teardown",
    "teardown_items": "Teardown items fixed",
    "teardown_estimate": "Teardown estimate complete",
    "resubmission": "Resubmission after a return",
    "review": "Review",
}


def clock_text(name: str) -> str:
    """A clock's name in the interface language (the code itself if unknown)."""
    source = CLOCK_SOURCE.get(name)
    return QCoreApplication.translate(CONTEXT, source) if source else name


def clock_state_text(state: str, late_hours: Decimal | None) -> str:
    """A clock's state in words: met, met late by N hours, running, overdue by N hours."""
    hours = f"{late_hours:.2f}" if late_hours is not None else "0.00"
    if state == "met_late":
        return QCoreApplication.translate(CONTEXT, "Met (late by %1 hours)").replace("%1", hours)
    if state == "overdue":
        return QCoreApplication.translate(CONTEXT, "Overdue by %1 hours").replace("%1", hours)
    if state == "met":
        return QCoreApplication.translate(CONTEXT, "Met")
    return QCoreApplication.translate(CONTEXT, "Running")


class Bilingual(Protocol):
    """A refusal or outcome worded in both languages (DomainError and the like)."""

    message_zh: str
    message_en: str


def screen_language() -> Language:
    """The interface's language for the words the domain and services give in both: Chinese
    unless English was chosen."""
    return "zh" if QLocale().name().startswith("zh") else "en"


def in_language(message: Bilingual) -> str:
    """``message`` in the interface's language (Chinese unless English was chosen)."""
    return message.message_zh if screen_language() == "zh" else message.message_en

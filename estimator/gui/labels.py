"""The words for the domain's codes on screen (shop class, price type, paint type): through
Qt's translations, so Chinese by default and English when chosen, never the raw code."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale

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


def shop_class_text(shop_class: ShopClass) -> str:
    """修理厂类别 in the interface language."""
    return QCoreApplication.translate(CONTEXT, SHOP_CLASS_SOURCE[shop_class])


def price_type_text(price_type: PriceType) -> str:
    """价格类型 in the interface language."""
    return QCoreApplication.translate(CONTEXT, PRICE_TYPE_SOURCE[price_type])


def paint_type_text(paint_type: PaintType) -> str:
    """漆种 in the interface language."""
    return QCoreApplication.translate(CONTEXT, PAINT_TYPE_SOURCE[paint_type])


class Bilingual(Protocol):
    """A refusal or outcome worded in both languages (DomainError and the like)."""

    message_zh: str
    message_en: str


def in_language(message: Bilingual) -> str:
    """``message`` in the interface's language (Chinese unless English was chosen)."""
    return message.message_zh if QLocale().name().startswith("zh") else message.message_en
